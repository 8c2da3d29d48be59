// routing-skew: one partition gets almost all of the traffic that routing decides. Routing sends a
// family key to partition hash(familyKey) mod N and spreads uncorrelated (correlationId = -1)
// tasks one by one, so what is judged depends on the scenario:
//
// - uncorrelated-burst: the -1 tasks offered to each partition (tasksIn + rejectsBusy).
// - hot-family: the families, as the family gauges see them: the most families seen at once
//   (readyFamiliesCount + inFlightFamiliesCount at a tick), a lower bound of the distinct families
//   routed to the partition. A family counts once whatever its backlog, so the hot family's
//   partition is judged as one partition among the rest: a hot family's partition carrying its
//   burst is never routing skew on its own, while the other families piling onto one partition
//   still is. (A peak, not a sum over ticks: families that linger, stuck or backlogged, would
//   weigh more in a sum than the routing gave them.)
// - any other scenario: family arrivals, tasksIn + rejectsBusy - enqueuedDueToBusy (tasks that did
//   not just join a busy family). Where gating was bypassed, enqueuedDueToBusy no longer holds a
//   busy family's tasks back, so such a partition's arrivals are not judged (gating-bypassed says
//   what is wrong there).

import { HOT_DEPTH, SKEW_EXCESS, SKEW_MIN_ARRIVALS_PER_PARTITION, SKEW_MIN_FAMILIES, SKEW_WITH_BACKLOG } from './detectionLimits';
import { formatCount, formatPct } from './reportNumbers';
import type { RunFacts } from './runFacts';
import type { TickSeries } from '../series/seriesTypes';

export interface RoutingSkewWindow {
  partition: number;
  startTick: number;
  endTick: number;
  /** What the partition got, as a phrase with its verb: "received 98.0 % of the 4,000 family arrivals (…)". */
  note: string;
}

interface Traffic {
  /** Per partition, the traffic routing decided; undefined for a partition that cannot be judged. */
  amounts: (number | undefined)[];
  /** Enough of it, over all partitions, for shares to mean anything. */
  enough: boolean;
  /** The share above which the top partition's traffic is skew, given how many partitions are judged. */
  limit(top: number, judged: number): number;
  /** "received 98.0 % of the 4,000 family arrivals" */
  describe(share: number, total: number): string;
}

/**
 * The routing-skew window, if one partition got almost all of the routed traffic. Partitions in
 * `exclude` are explained by another rule and never named.
 */
export function findRoutingSkew(
  series: TickSeries,
  facts: RunFacts,
  exclude: ReadonlySet<number>,
  gatingBypassed: ReadonlySet<number>,
): RoutingSkewWindow | undefined {
  const n = series.partitions;
  if (n < 2 || series.times.length === 0) return undefined;
  const traffic = routedTraffic(series, gatingBypassed);
  const judged = traffic.amounts.flatMap((amount, p) => (amount === undefined ? [] : [{ p, amount }]));
  if (!traffic.enough || judged.length < 2) return undefined;
  const total = judged.reduce((sum, j) => sum + j.amount, 0);
  if (total <= 0) return undefined;
  const top = judged.reduce((a, b) => (b.amount > a.amount ? b : a)).p;
  const share = traffic.amounts[top]! / total;
  if (share < traffic.limit(top, judged.length) || exclude.has(top)) return undefined;
  const startTick = Math.max(0, (facts.bursts[0]?.first ?? 0) - 1);
  const endTick = Math.max(startTick, facts.productionEndTick);
  return {
    partition: top,
    startTick,
    endTick,
    note: `${traffic.describe(share, total)} (a fair share is about ${formatPct(100 / judged.length)})`,
  };
}

/** A fair share is 1/n; skew is well above it. */
function fairLimit(n: number): number {
  return 1 / n + SKEW_EXCESS * (1 - 1 / n);
}

function routedTraffic(series: TickSeries, gatingBypassed: ReadonlySet<number>): Traffic {
  switch (String(series.config.scenario ?? '')) {
    case 'uncorrelated-burst':
      return uncorrelatedTasks(series);
    case 'hot-family':
      return familiesSeen(series);
    default:
      return familyArrivals(series, gatingBypassed);
  }
}

function uncorrelatedTasks(series: TickSeries): Traffic {
  const n = series.partitions;
  const last = series.times.length - 1;
  const amounts = series.byPartition.map((points) => points.at(last).offered);
  const total = amounts.reduce((a, b) => a + b, 0);
  return {
    amounts,
    enough: total >= SKEW_MIN_ARRIVALS_PER_PARTITION * n,
    limit: (_, judged) => fairLimit(judged),
    describe: (share, sum) => `received ${formatPct(share * 100)} of the ${formatCount(sum)} uncorrelated (correlationId = -1) tasks`,
  };
}

function familiesSeen(series: TickSeries): Traffic {
  const amounts = series.byPartition.map((points) => {
    let peak = 0;
    for (let i = 0; i < points.length; i++)
      peak = Math.max(peak, points.value(i, 'readyFamiliesCount') + points.value(i, 'inFlightFamiliesCount'));
    return peak;
  });
  const families = amounts.reduce((a, b) => a + b, 0);
  return {
    amounts,
    enough: families >= SKEW_MIN_FAMILIES,
    limit: (_, judged) => fairLimit(judged),
    describe: (share, sum) =>
      `held ${formatPct(share * 100)} of the ${formatCount(sum)} families seen at once (the most readyFamiliesCount + inFlightFamiliesCount at a tick, per partition; the hot family counts as one)`,
  };
}

function familyArrivals(series: TickSeries, gatingBypassed: ReadonlySet<number>): Traffic {
  const last = series.times.length - 1;
  const amounts = series.byPartition.map((points, p) => {
    if (gatingBypassed.has(p)) return undefined;
    const c = points.at(last).counters;
    return Math.max(0, c.tasksIn + c.rejectsBusy - c.enqueuedDueToBusy);
  });
  const total = amounts.reduce((a: number, b) => a + (b ?? 0), 0);
  return {
    amounts,
    enough: total >= SKEW_MIN_ARRIVALS_PER_PARTITION * amounts.filter((a) => a !== undefined).length,
    // A partition holding a family backlog may owe its share to one hot family (tasks that arrive
    // while that family waits READY are not in enqueuedDueToBusy): then only "virtually all" counts.
    limit: (top, judged) =>
      series.byPartition[top].at(last).counters.maxPendingDepthObserved >= HOT_DEPTH ? SKEW_WITH_BACKLOG : fairLimit(judged),
    describe: (share, sum) => `received ${formatPct(share * 100)} of the ${formatCount(sum)} family arrivals`,
  };
}
