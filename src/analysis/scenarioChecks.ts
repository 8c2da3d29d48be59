// The evidence and red flags of each standard scenario (DESIGN.md section 3, "Scenario checks"),
// evaluated on the tick series. Red flags that a triage hint also names are read from the hints,
// so a check and a hint never disagree.

import {
  BALANCE_RATIO,
  BALANCE_SIGMAS,
  HOT_DEPTH,
  LOW_ENQUEUED_SHARE,
} from './detectionLimits';
import { steadyCapacityCheck } from './capacityCheck';
import { findStalls } from './partitionStalls';
import { formatCount, formatPct, formatRate, formatSeconds, partitionList } from './reportNumbers';
import type { HintRule, RunSummary, ScenarioCheck, TriageHint } from './reportTypes';
import { productionBursts, productionEndTick } from './runWindows';
import type { TickSeries } from './tickSeries';

export const CHECKED_SCENARIOS = ['hot-family', 'uncorrelated-burst', 'small-ring-burst', 'steady'] as const;

type Check = Omit<ScenarioCheck, 'scenario'>;

export function checkScenario(series: TickSeries, summary: RunSummary, hints: readonly TriageHint[]): ScenarioCheck[] {
  const scenario = summary.scenario;
  const withScenario = (checks: Check[], name: string): ScenarioCheck[] => checks.map((c) => ({ scenario: name, ...c }));
  if (scenario === undefined || !(CHECKED_SCENARIOS as readonly string[]).includes(scenario)) {
    const why = scenario === undefined
      ? 'the run does not name its scenario (no scenario= in the config line)'
      : `no scenario checks are defined for "${scenario}" (only for ${CHECKED_SCENARIOS.join(', ')}); the triage hints still apply`;
    return [{ id: 'scenario', scenario: scenario ?? 'unknown', kind: 'evidence', title: 'Scenario checks', status: 'not applicable', reason: why }];
  }
  if (series.times.length === 0) {
    return [{ id: `${scenario}/ticks`, scenario, kind: 'evidence', title: 'Scenario checks', status: 'not applicable', reason: 'no tick was recorded' }];
  }
  const ctx: Context = { series, summary, hints };
  switch (scenario) {
    case 'hot-family': return withScenario(hotFamilyChecks(ctx), scenario);
    case 'uncorrelated-burst': return withScenario(uncorrelatedChecks(ctx), scenario);
    case 'steady': return withScenario([steadyCapacityCheck(summary)], scenario);
    default: return withScenario(smallRingChecks(ctx), scenario);
  }
}

interface Context {
  series: TickSeries;
  summary: RunSummary;
  hints: readonly TriageHint[];
}

/** A red-flag check that fails exactly when one of `rules` fired (optionally on given partitions). */
function redFlagFromHints(ctx: Context, id: string, title: string, rules: HintRule[], passReason: string, onPartition?: number): Check {
  const fired = ctx.hints.filter((h) => rules.includes(h.rule) && (onPartition === undefined || h.partitions.includes(onPartition)));
  if (fired.length === 0) return { id, kind: 'red-flag', title, status: 'pass', reason: passReason };
  const h = fired[0];
  return {
    id, kind: 'red-flag', title, status: 'fail',
    reason: `${h.rule} on ${partitionList(h.partitions)} from ${formatSeconds(h.from)} to ${formatSeconds(h.to)}: ${h.message}`,
    partitions: h.partitions, from: h.from, to: h.to,
  };
}

// ---- Scenario 1: hot family ----

function hotFamilyChecks(ctx: Context): Check[] {
  const { series, summary } = ctx;
  const hot = summary.hotPartition;
  const checks: Check[] = [];
  const backlogTitle = 'The hot partition shows enqueuedDueToBusy rising and a large maxPendingDepthObserved';
  if ((!hot || hot.peakPendingDepth < HOT_DEPTH) && summary.partial) {
    checks.push({
      id: 'hot-family/hot-backlog', kind: 'evidence', title: backlogTitle, status: 'not applicable',
      reason: `the run stopped at ${formatSeconds(summary.durationS)}, before a family backed up (deepest pending queue ${hot?.peakPendingDepth ?? 0})`,
    });
  } else if (!hot || hot.peakPendingDepth < HOT_DEPTH) {
    const bypassed = ctx.hints.find((h) => h.rule === 'gating-bypassed');
    const depth = `no family backed up: the deepest pending queue was ${hot?.peakPendingDepth ?? 0} (expected ${HOT_DEPTH} or more)`;
    checks.push(bypassed
      ? {
          id: 'hot-family/hot-backlog', kind: 'evidence', title: backlogTitle, status: 'fail',
          reason: `${depth}, because in-flight gating was bypassed (gating-bypassed on ${partitionList(bypassed.partitions)} from ${formatSeconds(bypassed.from)} to ${formatSeconds(bypassed.to)}): ` +
            'the hot family\'s tasks were dispatched while its earlier tasks were still in flight, so none waited in its pending queue and enqueuedDueToBusy stayed near 0',
          partitions: bypassed.partitions, from: bypassed.from, to: bypassed.to,
        }
      : {
          id: 'hot-family/hot-backlog', kind: 'evidence', title: backlogTitle, status: 'fail',
          reason: `${depth}; the burst never had to wait behind its own in-flight task`,
        });
  } else {
    checks.push({
      id: 'hot-family/hot-backlog', kind: 'evidence', title: backlogTitle, status: 'pass',
      reason: `partition ${hot.partition}: enqueuedDueToBusy rose to ${formatCount(hot.enqueuedDueToBusy)}, maxPendingDepthObserved peaked at ${formatCount(hot.peakPendingDepth)} (${formatSeconds(hot.peakAt)})`,
      partitions: [hot.partition],
    });
  }

  const progressTitle = 'The hot partition keeps completing (completed/s above 0) while backlogged';
  if (!hot) {
    checks.push({ id: 'hot-family/hot-progress', kind: 'evidence', title: progressTitle, status: 'not applicable', reason: 'there is no hot partition' });
  } else {
    const points = series.byPartition[hot.partition];
    const stall = findStalls(series).find((s) => s.partition === hot.partition);
    const backlogged = points.filter((pt) => pt.queued > 0);
    if (stall) {
      checks.push({
        id: 'hot-family/hot-progress', kind: 'evidence', title: progressTitle, status: 'fail',
        reason: `partition ${hot.partition} completed nothing from ${formatSeconds(stall.from)} to ${formatSeconds(stall.to)} with ${formatCount(points[stall.last].queued)} tasks waiting`,
        partitions: [hot.partition], from: stall.from, to: stall.to,
      });
    } else {
      const rates = backlogged.map((pt) => pt.rate.completed);
      const done = backlogged.reduce((s, pt) => s + Math.max(0, pt.delta.completed), 0);
      checks.push({
        id: 'hot-family/hot-progress', kind: 'evidence', title: progressTitle, status: 'pass',
        reason: backlogged.length > 0
          ? `partition ${hot.partition} completed ${formatCount(done)} tasks over the ${backlogged.length} ticks it had tasks waiting, never stalling (slowest tick ${formatRate(rates.reduce((m, r) => Math.min(m, r), Infinity))})`
          : `partition ${hot.partition} never had tasks waiting at a tick`,
        partitions: [hot.partition],
      });
    }
  }

  const others = summary.health.otherFamiliesProgressed;
  checks.push({
    id: 'hot-family/others-progress', kind: 'evidence',
    title: 'Partitions that do not own the hot family keep a steady completed/s',
    status: others.answer === 'yes' ? 'pass' : others.answer === 'no' ? 'fail' : 'not applicable',
    reason: others.evidence,
    ...(others.partitions ? { partitions: others.partitions } : {}),
    ...(others.from !== undefined ? { from: others.from, to: others.to } : {}),
  });

  checks.push(redFlagFromHints(ctx, 'hot-family/no-global-stall', 'Not every partition\'s completed/s drops to about 0 (global bottleneck)',
    ['global-stall'], 'at every tick some partition with work completed tasks'));
  checks.push(redFlagFromHints(ctx, 'hot-family/ready-dispatched', 'readyFamiliesCount is not stuck above 0 with no dispatch',
    ['gating-stuck', 'dispatch-blocked'], 'whenever families were ready, tasks were dispatched'));
  checks.push(hot
    ? redFlagFromHints(ctx, 'hot-family/hot-released', 'The hot pending depth does not rise with completed flat (no release)',
      ['release-missing', 'handler-stuck'], `partition ${hot.partition}'s families were released after each completion`, hot.partition)
    : { id: 'hot-family/hot-released', kind: 'red-flag', title: 'The hot pending depth does not rise with completed flat (no release)', status: 'not applicable', reason: 'there is no hot partition' });
  return checks;
}

// ---- Scenario 2: uncorrelated burst ----

function burstRange(series: TickSeries): { start: number; end: number } | undefined {
  const bursts = productionBursts(series);
  if (bursts.length === 0) return undefined;
  // start = -1: the burst began before the first tick, so count from zero.
  const start = bursts[0].first - 1;
  const end = Math.min(series.times.length - 1, productionEndTick(series) + 1);
  return { start, end };
}

function uncorrelatedChecks(ctx: Context): Check[] {
  const { series, summary } = ctx;
  const range = burstRange(series);
  const titles = {
    active: 'Every partition\'s tasksIn and completed deltas are non-zero during the burst',
    balanced: 'tasksIn is roughly balanced over the partitions (no routing skew)',
    low: 'enqueuedDueToBusy stays low (each -1 task is its own family)',
  };
  if (!range) {
    return [
      { id: 'uncorrelated-burst/all-partitions-active', kind: 'evidence', title: titles.active, status: 'not applicable', reason: 'no task was offered' },
      { id: 'uncorrelated-burst/balanced', kind: 'red-flag', title: titles.balanced, status: 'not applicable', reason: 'no task was offered' },
      { id: 'uncorrelated-burst/low-enqueued', kind: 'red-flag', title: titles.low, status: 'not applicable', reason: 'no task was offered' },
    ];
  }
  const from = range.start < 0 ? 0 : series.times[range.start];
  const to = series.times[range.end];
  const during = (p: number, key: 'tasksIn' | 'completed' | 'rejectsBusy'): number =>
    series.byPartition[p][range.end].counters[key] - (range.start < 0 ? 0 : series.byPartition[p][range.start].counters[key]);
  const partitions = series.byPartition.map((_, p) => p);
  const checks: Check[] = [];

  const idle = partitions.filter((p) => during(p, 'tasksIn') <= 0 || during(p, 'completed') <= 0);
  checks.push(idle.length > 0 && summary.partial && range.end === series.times.length - 1
    ? { id: 'uncorrelated-burst/all-partitions-active', kind: 'evidence', title: titles.active, status: 'not applicable',
        reason: `the run stopped at ${formatSeconds(summary.durationS)}, during the burst` }
    : idle.length === 0
    ? { id: 'uncorrelated-burst/all-partitions-active', kind: 'evidence', title: titles.active, status: 'pass',
        reason: `all ${partitions.length} partitions accepted and completed tasks between ${formatSeconds(from)} and ${formatSeconds(to)}`, from, to }
    : { id: 'uncorrelated-burst/all-partitions-active', kind: 'evidence', title: titles.active, status: 'fail',
        reason: `${partitionList(idle)} took no part: ${idle.map((p) => `partition ${p} tasksIn +${formatCount(during(p, 'tasksIn'))}, completed +${formatCount(during(p, 'completed'))}`).join('; ')} (${formatSeconds(from)} to ${formatSeconds(to)})`,
        partitions: idle, from, to });

  const offered = partitions.map((p) => during(p, 'tasksIn') + during(p, 'rejectsBusy'));
  const total = offered.reduce((a, b) => a + b, 0);
  const mean = total / Math.max(1, partitions.length);
  let top = 0;
  offered.forEach((v, p) => { if (v > offered[top]) top = p; });
  const limit = Math.max(BALANCE_RATIO * mean, mean + BALANCE_SIGMAS * Math.sqrt(mean));
  const shares = offered.map((v) => formatPct(total > 0 ? (100 * v) / total : 0)).join(' / ');
  checks.push(partitions.length < 2
    ? { id: 'uncorrelated-burst/balanced', kind: 'red-flag', title: titles.balanced, status: 'not applicable', reason: 'one partition only' }
    : offered[top] <= limit
      ? { id: 'uncorrelated-burst/balanced', kind: 'red-flag', title: titles.balanced, status: 'pass', reason: `shares of the ${formatCount(total)} tasks by partition: ${shares}` }
      : { id: 'uncorrelated-burst/balanced', kind: 'red-flag', title: titles.balanced, status: 'fail',
          reason: `partition ${top} took ${formatPct((100 * offered[top]) / total)} of the ${formatCount(total)} tasks (shares ${shares}): the routing sends most keys to one partition`,
          partitions: [top], from, to });

  const tasksIn = summary.totals.tasksIn;
  const enqueued = summary.totals.enqueuedDueToBusy;
  const worst = summary.perPartition.reduce((a, b) => (b.enqueuedDueToBusy > a.enqueuedDueToBusy ? b : a), summary.perPartition[0]);
  checks.push(enqueued <= LOW_ENQUEUED_SHARE * tasksIn
    ? { id: 'uncorrelated-burst/low-enqueued', kind: 'red-flag', title: titles.low, status: 'pass',
        reason: `enqueuedDueToBusy ${formatCount(enqueued)} of ${formatCount(tasksIn)} tasks (${formatPct(tasksIn > 0 ? (100 * enqueued) / tasksIn : 0)}), deepest pending queue ${formatCount(summary.metrics.peakPendingDepth)}` }
    : { id: 'uncorrelated-burst/low-enqueued', kind: 'red-flag', title: titles.low, status: 'fail',
        reason: `enqueuedDueToBusy spiked: ${formatCount(enqueued)} of ${formatCount(tasksIn)} tasks waited behind a busy family, ${formatCount(worst.enqueuedDueToBusy)} of them on partition ${worst.partition} (pending depth up to ${formatCount(worst.maxPendingDepthObserved)}): the -1 tasks share one family`,
        partitions: [worst.partition], from, to });
  return checks;
}

// ---- Scenario 3: small ring, bursty load ----

function smallRingChecks(ctx: Context): Check[] {
  const { series, summary } = ctx;
  const bursts = productionBursts(series);
  const checks: Check[] = [];
  const rejectTitle = 'rejectsBusy rises in burst windows (the ring fills)';
  if (bursts.length === 0) {
    checks.push({ id: 'small-ring-burst/rejects-in-bursts', kind: 'evidence', title: rejectTitle, status: 'not applicable', reason: 'no task was offered' });
  } else {
    const withRejects = bursts.filter((b) => {
      for (let i = b.first; i <= b.last; i++) if (series.global[i].delta.rejectsBusy > 0) return true;
      return false;
    });
    checks.push(summary.totals.rejectsBusy === 0 && summary.partial
      ? { id: 'small-ring-burst/rejects-in-bursts', kind: 'evidence', title: rejectTitle, status: 'not applicable',
          reason: `the run stopped at ${formatSeconds(summary.durationS)}, before any publish was rejected` }
      : summary.totals.rejectsBusy > 0
      ? { id: 'small-ring-burst/rejects-in-bursts', kind: 'evidence', title: rejectTitle, status: 'pass',
          reason: `rejectsBusy rose in ${withRejects.length} of ${bursts.length} bursts: ${formatCount(summary.totals.rejectsBusy)} rejected, ${formatPct(summary.totals.rejectPct)} of the ${formatCount(summary.totals.offered)} offered` }
      : { id: 'small-ring-burst/rejects-in-bursts', kind: 'evidence', title: rejectTitle, status: 'fail',
          reason: `no publish was rejected in ${bursts.length} bursts (ring of ${series.config.ringBufferSize ?? '?'} slots): the ring never filled, so backpressure was not exercised` });
  }

  const recoverTitle = 'completed/s stays above 0 and recovers after each burst';
  const stalls = findStalls(series);
  const recovered = summary.health.recoveredAfterBurst;
  if (stalls.length > 0) {
    const s = stalls[0];
    checks.push({ id: 'small-ring-burst/recovers', kind: 'evidence', title: recoverTitle, status: 'fail',
      reason: `partition ${s.partition} completed nothing from ${formatSeconds(s.from)} to ${formatSeconds(s.to)} while it had work`,
      partitions: [s.partition], from: s.from, to: s.to });
  } else if (recovered.answer === 'no' && summary.partial) {
    checks.push({ id: 'small-ring-burst/recovers', kind: 'evidence', title: recoverTitle, status: 'not applicable', reason: `the run stopped before the last burst drained: ${recovered.evidence}` });
  } else {
    checks.push({ id: 'small-ring-burst/recovers', kind: 'evidence', title: recoverTitle,
      status: recovered.answer === 'yes' ? 'pass' : recovered.answer === 'no' ? 'fail' : 'not applicable', reason: recovered.evidence,
      ...(recovered.partitions ? { partitions: recovered.partitions } : {}),
      ...(recovered.from !== undefined ? { from: recovered.from, to: recovered.to } : {}) });
  }

  const readyTitle = 'readyFamiliesCount returns to 0 after the load stops';
  const end = productionEndTick(series);
  const lastTick = series.times.length - 1;
  if (end < 0) {
    checks.push({ id: 'small-ring-burst/ready-returns-to-zero', kind: 'evidence', title: readyTitle, status: 'not applicable', reason: 'no task was offered' });
  } else {
    let zeroAt = -1;
    for (let i = end; i <= lastTick && zeroAt < 0; i++) if (series.global[i].readyFamiliesCount === 0) zeroAt = i;
    if (zeroAt >= 0) {
      checks.push({ id: 'small-ring-burst/ready-returns-to-zero', kind: 'evidence', title: readyTitle, status: 'pass',
        reason: `readyFamiliesCount was 0 on every partition at ${formatSeconds(series.times[zeroAt])} (load stopped ${formatSeconds(series.times[end])})` });
    } else if (summary.partial && end === lastTick) {
      checks.push({ id: 'small-ring-burst/ready-returns-to-zero', kind: 'evidence', title: readyTitle, status: 'not applicable', reason: 'the run stopped while the load was still running' });
    } else {
      const stuck = series.byPartition.map((points, p) => ({ p, ready: points[lastTick].counters.readyFamiliesCount })).filter((x) => x.ready > 0);
      checks.push({ id: 'small-ring-burst/ready-returns-to-zero', kind: 'evidence', title: readyTitle, status: 'fail',
        reason: `${stuck.map((x) => `partition ${x.p} still had ${formatCount(x.ready)} ready families`).join(', ')} at ${formatSeconds(series.times[lastTick])}, ${formatSeconds(series.times[lastTick] - series.times[end])} after the load stopped`,
        partitions: stuck.map((x) => x.p), from: series.times[end], to: series.times[lastTick] });
    }
  }

  checks.push(redFlagFromHints(ctx, 'small-ring-burst/no-rejects-after-production', 'Rejects do not keep climbing after production stops (consumer stuck)',
    ['consumer-stuck'], 'no partition rejected publishes after production stopped or while accepting nothing'));

  const ingressTitle = 'The ingress keeps responding: every burst is partly accepted (backpressure handled cleanly)';
  const unresponsive: { p: number; t: number }[] = [];
  for (const b of bursts) {
    series.byPartition.forEach((points, p) => {
      const before = b.first === 0 ? undefined : points[b.first - 1].counters;
      const accepted = points[b.last].counters.tasksIn - (before?.tasksIn ?? 0);
      const rejected = points[b.last].counters.rejectsBusy - (before?.rejectsBusy ?? 0);
      if (rejected > 0 && accepted <= 0) unresponsive.push({ p, t: points[b.first].t });
    });
  }
  checks.push(unresponsive.length === 0
    ? { id: 'small-ring-burst/ingress-responds', kind: 'red-flag', title: ingressTitle, status: bursts.length > 0 ? 'pass' : 'not applicable',
        reason: bursts.length > 0 ? 'every partition that was offered tasks in a burst accepted some of them' : 'no task was offered' }
    : { id: 'small-ring-burst/ingress-responds', kind: 'red-flag', title: ingressTitle, status: 'fail',
        reason: `rejected every publish of a burst and accepted none: ${unresponsive.slice(0, 5).map((u) => `partition ${u.p} at ${formatSeconds(u.t)}`).join(', ')}${unresponsive.length > 5 ? ', …' : ''}`,
        partitions: [...new Set(unresponsive.map((u) => u.p))].sort((a, b) => a - b) });
  return checks;
}
