// The facts of a run that more than one part of the report states, computed once from the tick
// series and shared by the summary, the scenario checks and the triage hints: whether the counters
// can be trusted, where partitions stalled, when the whole run stopped completing, when tasks were
// offered, when production ended and when everything drained, and the throughput window. One
// truth per fact: a check cannot pass while the summary or a hint reads the same fact otherwise.

import { computeCapacity, type RunCapacity } from './capacity';
import { checkCounterIntegrity } from './counterIntegrity';
import { limitsOf, type RunLimits } from './detectionLimits';
import type { CounterIntegrity } from './counterIntegrity';
import { findGlobalPause, findStalls } from './partitionStalls';
import type { Pause, Stall } from './partitionStalls';
import { firstDrainedTick, productionBursts, productionEndTick, throughputWindow } from './runWindows';
import type { ThroughputWindow, TickRange } from './runWindows';
import type { TickSeries } from '../series/seriesTypes';

export interface RunFacts {
  /** The tick period, the work cost and the length of a stall, as this run's config and ticks say. */
  limits: RunLimits;
  integrity: CounterIntegrity;
  /** Every partition's stalls, with their likely cause. */
  stalls: Stall[];
  /**
   * Ticks at which every partition had work and (almost) nothing completed: the longest such
   * pause, and the longest that lasts as long as a stall (a global bottleneck).
   */
  globalPause: { longest?: Pause; stall?: Pause };
  /** Runs of ticks in which tasks were offered. */
  bursts: TickRange[];
  /** The last tick at which tasks were offered; -1 when none ever were. */
  productionEndTick: number;
  /** The first tick from productionEndTick on with nothing outstanding anywhere; -1 if none. */
  drainedTick: number;
  throughput?: ThroughputWindow;
  /** Offered and completed per second, backlog and drain, per partition and in total, over the throughput window. */
  capacity?: RunCapacity;
}

/** The one pass over a run's series whose results every rule, check, summary and headline reads. */
export function runFactsOf(series: TickSeries): RunFacts {
  const limits = limitsOf(series);
  const endTick = productionEndTick(series);
  const throughput = throughputWindow(series);
  const capacity = throughput ? computeCapacity(series, throughput) : undefined;
  return {
    limits,
    integrity: checkCounterIntegrity(series),
    stalls: findStalls(series, limits),
    globalPause: findGlobalPause(series, limits),
    bursts: productionBursts(series),
    productionEndTick: endTick,
    drainedTick: endTick >= 0 ? firstDrainedTick(series, endTick) : -1,
    ...(throughput ? { throughput } : {}),
    ...(capacity ? { capacity } : {}),
  };
}
