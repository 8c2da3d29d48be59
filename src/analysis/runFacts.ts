// The facts of a run that more than one part of the report states, computed once from the tick
// series and shared by the summary, the scenario checks and the triage hints: whether the counters
// can be trusted, where partitions stalled, when the whole run stopped completing, when tasks were
// offered, when production ended and when everything drained, and the throughput window. One
// truth per fact: a check cannot pass while the summary or a hint reads the same fact otherwise.

import { checkCounterIntegrity } from './counterIntegrity';
import type { CounterIntegrity } from './counterIntegrity';
import { findGlobalPause, findStalls } from './partitionStalls';
import type { Pause, Stall } from './partitionStalls';
import { firstDrainedTick, productionBursts, productionEndTick, throughputWindow } from './runWindows';
import type { ThroughputWindow, TickRange } from './runWindows';
import type { TickSeries } from '../series/seriesTypes';

export interface RunFacts {
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
}

export function runFactsOf(series: TickSeries): RunFacts {
  const endTick = productionEndTick(series);
  const throughput = throughputWindow(series);
  return {
    integrity: checkCounterIntegrity(series),
    stalls: findStalls(series),
    globalPause: findGlobalPause(series),
    bursts: productionBursts(series),
    productionEndTick: endTick,
    drainedTick: endTick >= 0 ? firstDrainedTick(series, endTick) : -1,
    ...(throughput ? { throughput } : {}),
  };
}
