// The baseline summary of a run (DESIGN.md section 3, Step 7): the config header, totals,
// reject %, throughput in the measure window, the hot partition's peak pending depth, and the two
// health notes, each answered with its evidence. Stalls, drains and windows come from the run's
// facts (runFacts.ts), the same the checks and the hints read.

import { BACKLOG_TASKS } from './detectionLimits';
import { longestPauseOf } from './partitionStalls';
import { formatCount, formatRate, formatSeconds, partitionList } from './reportNumbers';
import type { HealthNote, PartitionSummary, RunSummary } from './reportTypes';
import type { RunFacts } from './runFacts';
import { firstDrainedTick, isDrainedAt } from './runWindows';
import { columnMax, firstTickWhere, ticksWhere } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';
import type { ThresholdMetric } from '../spec/thresholdMetrics';

/** How many integrity violations a summary lists (the hints have them all). */
const MAX_LISTED_VIOLATIONS = 20;

export function summarizeRun(series: TickSeries, facts: RunFacts, options: { partial?: boolean } = {}): RunSummary {
  const n = series.times.length;
  const lastTick = n - 1;
  const partial = options.partial ?? (series.done === undefined || series.done.reason === 'interrupted');
  const scenario = series.config.scenario === undefined ? undefined : String(series.config.scenario);
  const last = (p: number) => (n > 0 ? series.byPartition[p].at(lastTick).counters : undefined);

  const totals = { offered: 0, tasksIn: 0, dispatched: 0, completed: 0, rejectsBusy: 0, enqueuedDueToBusy: 0, rejectPct: 0 };
  for (let p = 0; p < series.partitions; p++) {
    const c = last(p);
    if (!c) continue;
    totals.tasksIn += c.tasksIn;
    totals.dispatched += c.dispatched;
    totals.completed += c.completed;
    totals.rejectsBusy += c.rejectsBusy;
    totals.enqueuedDueToBusy += c.enqueuedDueToBusy;
  }
  totals.offered = totals.tasksIn + totals.rejectsBusy;
  totals.rejectPct = totals.offered > 0 ? (100 * totals.rejectsBusy) / totals.offered : 0;

  const window = facts.throughput;
  const windowSum = (key: 'completed' | 'tasksIn' | 'rejectsBusy', p?: number): number => {
    if (!window) return 0;
    const parts = p === undefined ? series.byPartition : [series.byPartition[p]];
    return parts.reduce(
      (s, points) => s + points.at(window.endTick).counters[key] - (window.startTick < 0 ? 0 : points.at(window.startTick).counters[key]),
      0,
    );
  };
  const seconds = window ? window.to - window.from : 0;
  const perS = (v: number) => (seconds > 0 ? v / seconds : 0);
  const throughput = {
    window: window?.window ?? 'whole run',
    from: window?.from ?? 0,
    to: window?.to ?? 0,
    completed: windowSum('completed'),
    completedPerS: perS(windowSum('completed')),
    tasksInPerS: perS(windowSum('tasksIn')),
    rejectsPerS: perS(windowSum('rejectsBusy')),
  } satisfies RunSummary['throughput'];

  const perPartition: PartitionSummary[] = series.byPartition.map((points, p) => {
    const c = last(p); // undefined before the first tick (a run stopped that early)
    return {
      partition: p,
      tasksIn: c?.tasksIn ?? 0,
      dispatched: c?.dispatched ?? 0,
      completed: c?.completed ?? 0,
      rejectsBusy: c?.rejectsBusy ?? 0,
      enqueuedDueToBusy: c?.enqueuedDueToBusy ?? 0,
      maxPendingDepthObserved: columnMax(points, 'maxPendingDepthObserved'),
      completedPerS: perS(windowSum('completed', p)),
    };
  });

  const hotPartition = findHotPartition(series, perPartition);
  const endTick = facts.productionEndTick;
  const drainedTick = facts.drainedTick;
  const drain: RunSummary['drain'] = {
    productionEndS: endTick >= 0 ? series.times[endTick] : undefined,
    drainedAtS: drainedTick >= 0 ? series.times[drainedTick] : undefined,
    drained: n > 0 && isDrainedAt(series, lastTick),
  };

  let maxReady = 0;
  let maxInFlight = 0;
  for (const points of series.byPartition) {
    maxReady = Math.max(maxReady, columnMax(points, 'readyFamiliesCount'));
    maxInFlight = Math.max(maxInFlight, columnMax(points, 'inFlightFamiliesCount'));
  }
  const metrics: Record<ThresholdMetric, number> = {
    rejectPct: totals.rejectPct,
    completedPerS: throughput.completedPerS,
    tasksIn: totals.tasksIn,
    completed: totals.completed,
    rejectsBusy: totals.rejectsBusy,
    offered: totals.offered,
    peakPendingDepth: Math.max(0, ...perPartition.map((p) => p.maxPendingDepthObserved)),
    drainS: endTick < 0 ? 0 : (drainedTick >= 0 ? series.times[drainedTick] : series.times[lastTick]) - series.times[endTick],
    maxReadyFamilies: maxReady,
    dispatched: totals.dispatched,
    enqueuedDueToBusy: totals.enqueuedDueToBusy,
    maxInFlightFamilies: maxInFlight,
  };

  return {
    config: series.config,
    ...(scenario !== undefined ? { scenario } : {}),
    partitions: series.partitions,
    ticks: n,
    durationS: n > 0 ? series.times[lastTick] : 0,
    partial,
    ...(series.done?.reason ? { endReason: series.done.reason } : {}),
    totals,
    throughput,
    ...(hotPartition ? { hotPartition } : {}),
    drain,
    health: {
      otherFamiliesProgressed: othersProgressed(series, facts, hotPartition?.partition),
      recoveredAfterBurst: recovered(series, facts, partial),
    },
    perPartition,
    ...capacityOf(facts),
    integrity: {
      ok: facts.integrity.violations.length === 0,
      violations: facts.integrity.violations.slice(0, MAX_LISTED_VIOLATIONS),
      count: facts.integrity.violations.length,
    },
    // Without a single tick there is nothing to measure: no metric has a value (a threshold on
    // one is then an error, not a pass or a fail on a made-up zero).
    metrics: n > 0 ? metrics : {},
  };
}

function capacityOf(facts: RunFacts): Pick<RunSummary, 'capacity'> {
  return facts.capacity ? { capacity: facts.capacity } : {};
}

/** The partition with the deepest family backlog; none when no family ever had 2 tasks pending. */
function findHotPartition(series: TickSeries, perPartition: PartitionSummary[]): RunSummary['hotPartition'] {
  let best: PartitionSummary | undefined;
  for (const p of perPartition) if (!best || p.maxPendingDepthObserved > best.maxPendingDepthObserved) best = p;
  if (!best || best.maxPendingDepthObserved < 2) return undefined;
  const points = series.byPartition[best.partition];
  const peakTick = firstTickWhere(points.length, (i) => points.value(i, 'maxPendingDepthObserved') === best!.maxPendingDepthObserved);
  const peakAt = peakTick >= 0 ? series.times[peakTick] : 0;
  return { partition: best.partition, peakPendingDepth: best.maxPendingDepthObserved, enqueuedDueToBusy: best.enqueuedDueToBusy, peakAt };
}

/** Health note 1: did the partitions that do not own the hot family keep completing their work while it was backlogged? */
function othersProgressed(series: TickSeries, facts: RunFacts, hot: number | undefined): HealthNote {
  if (hot === undefined)
    return { answer: 'not applicable', evidence: 'no family was backlogged (no partition had 2 or more tasks pending behind one family)' };
  const points = series.byPartition[hot];
  const backlogged = ticksWhere(points.length, (i) => points.value(i, 'tasksIn') - points.value(i, 'dispatched') >= BACKLOG_TASKS);
  if (backlogged.length === 0) {
    return { answer: 'not applicable', evidence: `partition ${hot}'s families never had ${BACKLOG_TASKS} or more tasks waiting at a tick` };
  }
  if (series.partitions < 2)
    return { answer: 'not applicable', evidence: 'one partition only: the counters cannot tell the hot family from the others' };
  const first = Math.max(0, backlogged[0] - 1);
  const last = backlogged[backlogged.length - 1];
  const from = series.times[first];
  const to = series.times[last];
  const peakQueued = backlogged.reduce((m, i) => Math.max(m, points.at(i).queued), 0);
  const hotNote = `partition ${hot} had up to ${formatCount(peakQueued)} tasks waiting (${formatSeconds(from)} to ${formatSeconds(to)})`;
  const others = series.byPartition.map((_, p) => p).filter((p) => p !== hot);
  // The last tick in the window at which a partition had accepted tasks outstanding; -1 if none.
  const lastWithWork = (p: number): number => {
    for (let i = last; i >= first; i--) if (series.byPartition[p].outstanding(i) > 0) return i;
    return -1;
  };
  const busy = others.filter((p) => lastWithWork(p) >= 0);
  if (busy.length === 0) {
    return {
      answer: 'not applicable',
      evidence: `${partitionList(others)} had no work of their own while ${hotNote}: there is nothing to compare`,
      partitions: others,
      from,
      to,
    };
  }
  const stalled = facts.stalls.filter((s) => s.partition !== hot && s.from < to && s.to > from);
  if (stalled.length > 0) {
    const who = [...new Set(stalled.map((s) => s.partition))].sort((a, b) => a - b);
    const s = stalled[0];
    return {
      answer: 'no',
      evidence:
        `${partitionList(who)} stopped completing while ${hotNote}: partition ${s.partition} completed nothing from ${formatSeconds(s.from)} to ` +
        `${formatSeconds(s.to)} with ${formatCount(series.byPartition[s.partition].at(s.last).outstanding)} tasks outstanding`,
      partitions: who,
      from,
      to,
    };
  }
  const completed = busy.reduce(
    (sum, p) => sum + series.byPartition[p].at(last).counters.completed - series.byPartition[p].at(first).counters.completed,
    0,
  );
  const pause = longestPauseOf(series, facts.limits, busy, first + 1, last);
  const pauseNote = pause
    ? `; the longest pause, ${formatSeconds(pause.seconds)} on partition ${pause.partition}, was shorter than the ${formatSeconds(facts.limits.minStallS)} of a stall`
    : '; no tick went by without a completion while they had work';
  const workEnd = Math.max(...busy.map(lastWithWork));
  const endNote = workEnd < last ? `; their own work was done by ${formatSeconds(series.times[Math.min(last, workEnd + 1)])}` : '';
  const idle = others.filter((p) => !busy.includes(p));
  const idleNote = idle.length > 0 ? `; ${partitionList(idle)} had no work of their own then` : '';
  return {
    answer: 'yes',
    evidence: `${partitionList(busy)} kept completing (${formatCount(completed)} tasks) while ${hotNote}${pauseNote}${endNote}${idleNote}`,
    partitions: busy,
    from,
    to,
  };
}

/** Health note 2: after each burst (and after production ended) did everything drain? */
function recovered(series: TickSeries, facts: RunFacts, partial: boolean): HealthNote {
  const bursts = facts.bursts;
  if (bursts.length === 0) return { answer: 'not applicable', evidence: 'no task was offered' };
  const lastTick = series.times.length - 1;
  const slow: string[] = [];
  let slowest = 0;
  for (let b = 0; b < bursts.length; b++) {
    const end = bursts[b].last;
    const until = b + 1 < bursts.length ? bursts[b + 1].first - 1 : lastTick;
    const drained = firstDrainedTick(series, end, until);
    if (drained >= 0) {
      slowest = Math.max(slowest, series.times[drained] - series.times[end]);
      continue;
    }
    if (b + 1 < bursts.length) slow.push(`the burst ending ${formatSeconds(series.times[end])} had not drained when the next began`);
  }
  const endTick = bursts[bursts.length - 1].last;
  if (partial && endTick === lastTick) {
    return {
      answer: 'not applicable',
      evidence: `the run stopped at ${formatSeconds(series.times[lastTick])} while tasks were still being offered`,
    };
  }
  const finalDrain = facts.drainedTick;
  const burstWord = bursts.length === 1 ? 'the load' : `all ${bursts.length} bursts`;
  if (finalDrain < 0) {
    const worst = series.byPartition
      .map((points, p) => ({ p, left: points.at(lastTick).outstanding, rate: points.at(lastTick).rate.completed }))
      .sort((a, b) => b.left - a.left)[0];
    const stopped = partial ? ' (the run stopped before it could drain)' : '';
    return {
      answer: 'no',
      evidence:
        `partition ${worst.p} still had ${formatCount(worst.left)} tasks outstanding at ${formatSeconds(series.times[lastTick])}, ` +
        `${formatSeconds(series.times[lastTick] - series.times[endTick])} after production ended, ` +
        `${worst.rate > 0 ? `still completing ${formatRate(worst.rate)}` : 'and completed none at the last tick'}${stopped}`,
      partitions: [worst.p],
      from: series.times[endTick],
      to: series.times[lastTick],
    };
  }
  if (slow.length > 0) {
    return {
      answer: 'no',
      evidence: `${slow.join('; ')}; everything drained by ${formatSeconds(series.times[finalDrain])}`,
      from: series.times[bursts[0].first],
      to: series.times[finalDrain],
    };
  }
  return {
    answer: 'yes',
    evidence: `${burstWord} drained completely, ${slowest > 0 ? `the slowest within ${formatSeconds(slowest)}` : 'each by the tick it ended'}; everything had completed at ${formatSeconds(series.times[finalDrain])}`,
    from: series.times[bursts[0].first],
    to: series.times[finalDrain],
  };
}
