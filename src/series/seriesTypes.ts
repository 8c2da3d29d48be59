// The shape of a run's tick series (tickSeries.ts builds it, seriesPoints.ts reads its points):
// the types every reader of a series shares, apart from the code that builds and reads it.

import type { ConfigHeader, CounterKey, EndReason, PartitionCounters, Phase } from '../format/runEvents';

/** The counters that only grow; the others are gauges or a running maximum. */
export const CUMULATIVE_KEYS = ['tasksIn', 'dispatched', 'completed', 'rejectsBusy', 'enqueuedDueToBusy'] as const;
export type CumulativeKey = (typeof CUMULATIVE_KEYS)[number];
export type CumulativeValues = Record<CumulativeKey, number>;

/** The phase of a tick; `none` before any phase event (a source that prints no phases). */
export type TickPhase = Exclude<Phase, 'done'> | 'none';

/** One partition at one tick (read from the series' compressed columns when asked for). */
export interface PartitionPoint {
  readonly t: number;
  /** Seconds since the previous tick (the first tick: since t = 0). */
  readonly dt: number;
  readonly phase: TickPhase;
  /** Cumulative counters and gauges as the source printed them. */
  readonly counters: PartitionCounters;
  /** Change of each cumulative counter since the previous tick. */
  readonly delta: CumulativeValues;
  /** delta / dt, per second. */
  readonly rate: CumulativeValues;
  /** dispatched - completed: tasks handed to the handler and not completed. */
  readonly inFlightTasks: number;
  /** tasksIn - dispatched: accepted tasks waiting (pending behind their family, ready, in the ring). */
  readonly queued: number;
  /** tasksIn - completed: accepted tasks not completed yet (queued + in flight). */
  readonly outstanding: number;
  /** tasksIn + rejectsBusy: tasks the producer offered to this partition. */
  readonly offered: number;
}

/** All partitions summed at one tick (the contract's "global line"). */
export interface GlobalPoint {
  t: number;
  dt: number;
  phase: TickPhase;
  totals: CumulativeValues;
  delta: CumulativeValues;
  rate: CumulativeValues;
  inFlightTasks: number;
  queued: number;
  outstanding: number;
  offered: number;
  readyFamiliesCount: number;
  inFlightFamiliesCount: number;
}

/** A partition's points, tick by tick: `at(i)` is tick i; `value(i, key)` reads one counter without building a point. */
export interface PointList {
  readonly length: number;
  at(i: number): PartitionPoint;
  value(i: number, key: CounterKey): number;
  /** tasksIn - completed at tick i. */
  outstanding(i: number): number;
  /** The change of a cumulative counter from tick i - 1 to tick i (from 0 at the first tick). */
  delta(i: number, key: CumulativeKey): number;
  /**
   * Copies tick i's counters into `into` in COUNTER_KEYS order (indices in counterIndex.ts): how a
   * rule that reads every tick of a soak reads several counters at once, with no object per tick.
   */
  readRow(i: number, into: Float64Array): void;
}

/** The sums over partitions, tick by tick. */
export interface GlobalList {
  readonly length: number;
  at(i: number): GlobalPoint;
}

export interface PhaseWindow {
  phase: Exclude<Phase, 'done'>;
  /** Time of the phase event. */
  from: number;
  /** Time of the next phase event, else the last tick's time. */
  to: number;
  /** Index range of the ticks in this phase (firstTick > lastTick when it holds none). */
  firstTick: number;
  lastTick: number;
}

/** Consecutive ticks at which a partition printed no line of its own. */
export interface UnreportedRun {
  partition: number;
  firstTick: number;
  lastTick: number;
}

export interface TickSeries {
  /** The config header; `{}` when the run had none. */
  config: ConfigHeader;
  partitions: number;
  /** Tick times in seconds, index i is tick i. */
  times: number[];
  /** `byPartition[p].at(i)`: partition p at tick i. */
  byPartition: PointList[];
  /** `global.at(i)`: the sum over partitions at tick i. */
  global: GlobalList;
  phases: PhaseWindow[];
  /** Where partitions did not report, in the order the runs began. */
  unreported: UnreportedRun[];
  /** The `done` phase, when the run printed one. */
  done?: { t: number; reason?: EndReason };
  /**
   * Per partition, the first tick whose counters break a counter rule (counterRules.ts) after the
   * tick before, or -1: checked as the series is built, so the integrity check passes over only
   * the partitions that broke one. Absent when the series was made otherwise.
   */
  firstBrokenTick?: number[];
}
