// The evidence and red flags of each standard scenario (DESIGN.md section 3, "Scenario checks"),
// evaluated on the tick series and the run's shared facts (runFacts.ts). Titles state the property
// that must hold, positively; a red-flag check also names the red flag it guards against. Red flags
// that a triage hint also names are read from the hints, so a check and a hint never disagree, and
// every failed check names the hints that explain it (its root cause).

import { BALANCE_RATIO, BALANCE_SIGMAS, LOW_ENQUEUED_SHARE } from './detectionLimits';
import { steadyCapacityCheck } from './capacityCheck';
import { redFlagFromHints, withRootCause } from './checkSupport';
import type { Check, CheckContext } from './checkSupport';
import { hotFamilyChecks } from './hotFamilyChecks';
import { formatCount, formatPct, formatSeconds, partitionList } from './reportNumbers';
import type { RunSummary, ScenarioCheck, TriageHint } from './reportTypes';
import type { RunFacts } from './runFacts';
import type { TickSeries } from '../series/seriesTypes';

export const CHECKED_SCENARIOS = ['hot-family', 'uncorrelated-burst', 'small-ring-burst', 'steady'] as const;

export function checkScenario(series: TickSeries, summary: RunSummary, hints: readonly TriageHint[], facts: RunFacts): ScenarioCheck[] {
  const scenario = summary.scenario;
  if (scenario === undefined || !(CHECKED_SCENARIOS as readonly string[]).includes(scenario)) {
    const why =
      scenario === undefined
        ? 'the run does not name its scenario (no scenario= in the config line)'
        : `no scenario checks are defined for "${scenario}" (only for ${CHECKED_SCENARIOS.join(', ')}); the triage hints still apply`;
    return [
      {
        id: 'scenario',
        scenario: scenario ?? 'unknown',
        kind: 'evidence',
        title: 'Scenario checks',
        status: 'not applicable',
        reason: why,
      },
    ];
  }
  if (series.times.length === 0) {
    return [
      {
        id: `${scenario}/ticks`,
        scenario,
        kind: 'evidence',
        title: 'Scenario checks',
        status: 'not applicable',
        reason: 'no tick was recorded',
      },
    ];
  }
  const ctx: CheckContext = { series, summary, hints, facts };
  const checks =
    scenario === 'hot-family'
      ? hotFamilyChecks(ctx)
      : scenario === 'uncorrelated-burst'
        ? uncorrelatedChecks(ctx)
        : scenario === 'steady'
          ? [steadyCapacityCheck(summary)]
          : smallRingChecks(ctx);
  return checks.map((c) => ({ scenario, ...withRootCause(c, hints) }));
}

// ---- Scenario 2: uncorrelated burst ----

function burstRange(series: TickSeries, facts: RunFacts): { start: number; end: number } | undefined {
  if (facts.bursts.length === 0) return undefined;
  // start = -1: the burst began before the first tick, so count from zero.
  const start = facts.bursts[0].first - 1;
  const end = Math.min(series.times.length - 1, facts.productionEndTick + 1);
  return { start, end };
}

function uncorrelatedChecks(ctx: CheckContext): Check[] {
  const { series, summary, facts } = ctx;
  const range = burstRange(series, facts);
  const balanced = {
    id: 'uncorrelated-burst/balanced',
    kind: 'red-flag',
    redFlag: 'routing or hash bug, one partition takes almost all traffic',
    title: 'tasksIn is roughly balanced over the partitions',
  } as const;
  const low = {
    id: 'uncorrelated-burst/low-enqueued',
    kind: 'red-flag',
    redFlag: 'enqueuedDueToBusy spikes, all -1 tasks share one family',
    title: 'enqueuedDueToBusy stays low: each -1 task is its own family',
  } as const;
  const titles = { active: "Every partition's tasksIn and completed deltas are non-zero during the burst" };
  if (!range) {
    return [
      {
        id: 'uncorrelated-burst/all-partitions-active',
        kind: 'evidence',
        title: titles.active,
        status: 'not applicable',
        reason: 'no task was offered',
      },
      { ...balanced, status: 'not applicable', reason: 'no task was offered' },
      { ...low, status: 'not applicable', reason: 'no task was offered' },
    ];
  }
  const from = range.start < 0 ? 0 : series.times[range.start];
  const to = series.times[range.end];
  const during = (p: number, key: 'tasksIn' | 'completed' | 'rejectsBusy'): number =>
    series.byPartition[p].at(range.end).counters[key] - (range.start < 0 ? 0 : series.byPartition[p].at(range.start).counters[key]);
  const partitions = series.byPartition.map((_, p) => p);
  const checks: Check[] = [];

  const idle = partitions.filter((p) => during(p, 'tasksIn') <= 0 || during(p, 'completed') <= 0);
  checks.push(
    idle.length > 0 && summary.partial && range.end === series.times.length - 1
      ? {
          id: 'uncorrelated-burst/all-partitions-active',
          kind: 'evidence',
          title: titles.active,
          status: 'not applicable',
          reason: `the run stopped at ${formatSeconds(summary.durationS)}, during the burst`,
        }
      : idle.length === 0
        ? {
            id: 'uncorrelated-burst/all-partitions-active',
            kind: 'evidence',
            title: titles.active,
            status: 'pass',
            reason: `all ${partitions.length} partitions accepted and completed tasks between ${formatSeconds(from)} and ${formatSeconds(to)}`,
            from,
            to,
          }
        : {
            id: 'uncorrelated-burst/all-partitions-active',
            kind: 'evidence',
            title: titles.active,
            status: 'fail',
            reason: `${partitionList(idle)} took no part: ${idle.map((p) => `partition ${p} tasksIn +${formatCount(during(p, 'tasksIn'))}, completed +${formatCount(during(p, 'completed'))}`).join('; ')} (${formatSeconds(from)} to ${formatSeconds(to)})`,
            partitions: idle,
            from,
            to,
          },
  );

  const offered = partitions.map((p) => during(p, 'tasksIn') + during(p, 'rejectsBusy'));
  const total = offered.reduce((a, b) => a + b, 0);
  const mean = total / Math.max(1, partitions.length);
  let top = 0;
  offered.forEach((v, p) => {
    if (v > offered[top]) top = p;
  });
  const limit = Math.max(BALANCE_RATIO * mean, mean + BALANCE_SIGMAS * Math.sqrt(mean));
  const shares = offered.map((v) => formatPct(total > 0 ? (100 * v) / total : 0)).join(' / ');
  checks.push(
    partitions.length < 2
      ? { ...balanced, status: 'not applicable', reason: 'one partition only' }
      : offered[top] <= limit
        ? redFlagFromHints(ctx, balanced, ['routing-skew'], `shares of the ${formatCount(total)} tasks by partition: ${shares}`)
        : {
            ...balanced,
            status: 'fail',
            reason: `partition ${top} took ${formatPct((100 * offered[top]) / total)} of the ${formatCount(total)} tasks (shares ${shares}): the routing sends most keys to one partition`,
            partitions: [top],
            from,
            to,
          },
  );

  const tasksIn = summary.totals.tasksIn;
  const enqueued = summary.totals.enqueuedDueToBusy;
  const worst = summary.perPartition.reduce((a, b) => (b.enqueuedDueToBusy > a.enqueuedDueToBusy ? b : a), summary.perPartition[0]);
  checks.push(
    enqueued <= LOW_ENQUEUED_SHARE * tasksIn
      ? redFlagFromHints(
          ctx,
          low,
          ['uncorrelated-serialized'],
          `enqueuedDueToBusy ${formatCount(enqueued)} of ${formatCount(tasksIn)} tasks (${formatPct(tasksIn > 0 ? (100 * enqueued) / tasksIn : 0)}), deepest pending queue ${formatCount(summary.metrics.peakPendingDepth)}`,
        )
      : {
          ...low,
          status: 'fail',
          reason: `enqueuedDueToBusy spiked: ${formatCount(enqueued)} of ${formatCount(tasksIn)} tasks waited behind a busy family, ${formatCount(worst.enqueuedDueToBusy)} of them on partition ${worst.partition} (pending depth up to ${formatCount(worst.maxPendingDepthObserved)}): the -1 tasks share one family`,
          partitions: [worst.partition],
          from,
          to,
        },
  );
  return checks;
}

// ---- Scenario 3: small ring, bursty load ----

function smallRingChecks(ctx: CheckContext): Check[] {
  const { series, summary, facts } = ctx;
  const bursts = facts.bursts;
  const checks: Check[] = [];
  const rejectTitle = 'rejectsBusy rises in burst windows (the ring fills)';
  if (bursts.length === 0) {
    checks.push({
      id: 'small-ring-burst/rejects-in-bursts',
      kind: 'evidence',
      title: rejectTitle,
      status: 'not applicable',
      reason: 'no task was offered',
    });
  } else {
    const withRejects = bursts.filter((b) => {
      for (let i = b.first; i <= b.last; i++) if (series.global.at(i).delta.rejectsBusy > 0) return true;
      return false;
    });
    checks.push(
      summary.totals.rejectsBusy === 0 && summary.partial
        ? {
            id: 'small-ring-burst/rejects-in-bursts',
            kind: 'evidence',
            title: rejectTitle,
            status: 'not applicable',
            reason: `the run stopped at ${formatSeconds(summary.durationS)}, before any publish was rejected`,
          }
        : summary.totals.rejectsBusy > 0
          ? {
              id: 'small-ring-burst/rejects-in-bursts',
              kind: 'evidence',
              title: rejectTitle,
              status: 'pass',
              reason: `rejectsBusy rose in ${withRejects.length} of ${bursts.length} bursts: ${formatCount(summary.totals.rejectsBusy)} rejected, ${formatPct(summary.totals.rejectPct)} of the ${formatCount(summary.totals.offered)} offered`,
            }
          : {
              id: 'small-ring-burst/rejects-in-bursts',
              kind: 'evidence',
              title: rejectTitle,
              status: 'fail',
              reason: `no publish was rejected in ${bursts.length} bursts (ring of ${series.config.ringBufferSize ?? '?'} slots): the ring never filled, so backpressure was not exercised`,
            },
    );
  }

  const recoverTitle = 'Partitions keep completing tasks and drain after each burst';
  const stalls = facts.stalls;
  const recovered = summary.health.recoveredAfterBurst;
  if (stalls.length > 0) {
    const s = stalls[0];
    checks.push({
      id: 'small-ring-burst/recovers',
      kind: 'evidence',
      title: recoverTitle,
      status: 'fail',
      reason: `partition ${s.partition} completed nothing from ${formatSeconds(s.from)} to ${formatSeconds(s.to)} while it had work`,
      partitions: [s.partition],
      from: s.from,
      to: s.to,
    });
  } else if (recovered.answer === 'no' && summary.partial) {
    checks.push({
      id: 'small-ring-burst/recovers',
      kind: 'evidence',
      title: recoverTitle,
      status: 'not applicable',
      reason: `the run stopped before the last burst drained: ${recovered.evidence}`,
    });
  } else {
    checks.push({
      id: 'small-ring-burst/recovers',
      kind: 'evidence',
      title: recoverTitle,
      status: recovered.answer === 'yes' ? 'pass' : recovered.answer === 'no' ? 'fail' : 'not applicable',
      reason: recovered.evidence,
      ...(recovered.partitions ? { partitions: recovered.partitions } : {}),
      ...(recovered.from !== undefined ? { from: recovered.from, to: recovered.to } : {}),
    });
  }

  const readyTitle = 'readyFamiliesCount returns to 0 after the load stops';
  const end = facts.productionEndTick;
  const lastTick = series.times.length - 1;
  if (end < 0) {
    checks.push({
      id: 'small-ring-burst/ready-returns-to-zero',
      kind: 'evidence',
      title: readyTitle,
      status: 'not applicable',
      reason: 'no task was offered',
    });
  } else {
    let zeroAt = -1;
    for (let i = end; i <= lastTick && zeroAt < 0; i++) if (series.global.at(i).readyFamiliesCount === 0) zeroAt = i;
    if (zeroAt >= 0) {
      checks.push({
        id: 'small-ring-burst/ready-returns-to-zero',
        kind: 'evidence',
        title: readyTitle,
        status: 'pass',
        reason: `readyFamiliesCount was 0 on every partition at ${formatSeconds(series.times[zeroAt])} (load stopped ${formatSeconds(series.times[end])})`,
      });
    } else if (summary.partial && end === lastTick) {
      checks.push({
        id: 'small-ring-burst/ready-returns-to-zero',
        kind: 'evidence',
        title: readyTitle,
        status: 'not applicable',
        reason: 'the run stopped while the load was still running',
      });
    } else {
      const stuck = series.byPartition
        .map((points, p) => ({ p, ready: points.at(lastTick).counters.readyFamiliesCount }))
        .filter((x) => x.ready > 0);
      checks.push({
        id: 'small-ring-burst/ready-returns-to-zero',
        kind: 'evidence',
        title: readyTitle,
        status: 'fail',
        reason: `${stuck.map((x) => `partition ${x.p} still had ${formatCount(x.ready)} ready families`).join(', ')} at ${formatSeconds(series.times[lastTick])}, ${formatSeconds(series.times[lastTick] - series.times[end])} after the load stopped`,
        partitions: stuck.map((x) => x.p),
        from: series.times[end],
        to: series.times[lastTick],
      });
    }
  }

  checks.push(
    redFlagFromHints(
      ctx,
      {
        id: 'small-ring-burst/no-rejects-after-production',
        redFlag: 'consumer stuck, rejects keep climbing after production stops',
        title: 'Rejects stop when production stops',
      },
      ['consumer-stuck'],
      'no partition kept rejecting publishes after production stopped, or while it accepted nothing',
    ),
  );

  const ingress = {
    id: 'small-ring-burst/ingress-responds',
    kind: 'red-flag',
    redFlag: 'the ingress stops responding, backpressure not handled cleanly',
    title: 'The ingress keeps responding: every burst is partly accepted',
  } as const;
  const unresponsive: { p: number; t: number }[] = [];
  for (const b of bursts) {
    series.byPartition.forEach((points, p) => {
      const before = b.first === 0 ? undefined : points.at(b.first - 1).counters;
      const accepted = points.at(b.last).counters.tasksIn - (before?.tasksIn ?? 0);
      const rejected = points.at(b.last).counters.rejectsBusy - (before?.rejectsBusy ?? 0);
      if (rejected > 0 && accepted <= 0) unresponsive.push({ p, t: points.at(b.first).t });
    });
  }
  checks.push(
    bursts.length === 0
      ? { ...ingress, status: 'not applicable', reason: 'no task was offered' }
      : unresponsive.length === 0
        ? // A stuck consumer is the ingress not responding, even when each burst got a few tasks in.
          redFlagFromHints(ctx, ingress, ['consumer-stuck'], 'every partition that was offered tasks in a burst accepted some of them')
        : {
            ...ingress,
            status: 'fail',
            reason: `rejected every publish of a burst and accepted none: ${unresponsive
              .slice(0, 5)
              .map((u) => `partition ${u.p} at ${formatSeconds(u.t)}`)
              .join(', ')}${unresponsive.length > 5 ? ', …' : ''}`,
            partitions: [...new Set(unresponsive.map((u) => u.p))].sort((a, b) => a - b),
          },
  );
  return checks;
}
