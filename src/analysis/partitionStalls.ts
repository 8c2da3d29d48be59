// Where a partition stopped making progress, and what its counters say about why.
//
// A tick i is stalled for partition p when accepted tasks were outstanding both at tick i-1 and
// at tick i and none completed in between. A stall is a run of stalled ticks lasting at least
// minStallS (detectionLimits.ts); its window runs from the last tick that showed progress to the
// last stalled tick. The counters at the stall then name the likely defect:
// - tasks in flight that never complete                          -> handler-stuck
// - families held in flight with no task in flight (leaked)      -> release-missing
// - nothing dispatched while tasks kept arriving, or the loop
//   stopped in the middle of dispatching                         -> dispatch-blocked
// - no family ready and the ring rejecting publishes: the ring's
//   consumer (intake) does not move tasks into the scheduler      -> consumer-stuck
// - tasks held with no family ready and none in flight at any
//   stalled tick: nothing is left to dispatch, a release did not
//   put its family's pending work back on readyFamilies           -> lost-wakeup
// - ready families (or waiting tasks) that nobody picks up, with
//   no new arrivals and no dispatching right before              -> gating-stuck

import { COUNTER_KEYS } from '../format/runEvents';
import { COMPLETED, TASKS_IN } from '../series/counterIndex';
import { GLOBAL_NEAR_ZERO, MIN_STALL_TICKS, type RunLimits } from './detectionLimits';
import { forEachRunOfTicks } from '../series/tickSeries';
import type { PartitionPoint, PointList, TickSeries } from '../series/seriesTypes';

export type StallCause = 'handler-stuck' | 'release-missing' | 'dispatch-blocked' | 'gating-stuck' | 'consumer-stuck' | 'lost-wakeup';

export interface Stall {
  partition: number;
  /** Last tick with progress (the window's start); first..last are the stalled ticks. */
  startTick: number;
  first: number;
  last: number;
  from: number;
  to: number;
  cause: StallCause;
}

/** Families marked in flight beyond the tasks actually in flight: a release that never happened. */
export function leakedFamilies(point: PartitionPoint): number {
  return point.counters.inFlightFamiliesCount - point.inFlightTasks;
}

export function isStalledTick(points: PointList, i: number): boolean {
  return i > 0 && points.outstanding(i - 1) > 0 && points.outstanding(i) > 0 && points.delta(i, 'completed') <= 0;
}

export function findStalls(series: TickSeries, limits: RunLimits): Stall[] {
  const minS = limits.minStallS;
  const stalls: Stall[] = [];
  const row = new Float64Array(COUNTER_KEYS.length);
  series.byPartition.forEach((points, p) => {
    const judged = (first: number, last: number): void => {
      const startTick = first - 1;
      const from = series.times[startTick];
      const to = series.times[last];
      if (last - first + 1 < MIN_STALL_TICKS || to - from < minS) return;
      stalls.push({ partition: p, startTick, first, last, from, to, cause: classify(points, startTick, first, last) });
    };
    // isStalledTick at every tick, each tick read once (a soak has millions).
    let previousOutstanding = 0;
    let previousCompleted = 0;
    const stalled = (i: number): boolean => {
      points.readRow(i, row);
      const outstanding = row[TASKS_IN] - row[COMPLETED];
      const paused = i > 0 && previousOutstanding > 0 && outstanding > 0 && row[COMPLETED] - previousCompleted <= 0;
      previousOutstanding = outstanding;
      previousCompleted = row[COMPLETED];
      return paused;
    };
    forEachRunOfTicks(points.length, stalled, judged);
  });
  return stalls;
}

/** A run of stalled ticks first..last; its window runs from the tick before `first` to `last`. */
export interface Pause {
  first: number;
  last: number;
  from: number;
  to: number;
}

/** Whether ticks first..last (a pause) last long enough to be a stall: MIN_STALL_TICKS ticks and minStallS. */
export function isStallLong(series: TickSeries, limits: RunLimits, first: number, last: number): boolean {
  return last - first + 1 >= MIN_STALL_TICKS && series.times[last] - series.times[first - 1] >= limits.minStallS;
}

/**
 * The runs of ticks (index >= 1) at which `paused(i)` holds, as pauses: the longest (in seconds)
 * and the longest that counts as a stall (in ticks, the earliest on a tie).
 */
export function pausesWhere(
  series: TickSeries,
  limits: RunLimits,
  paused: (i: number) => boolean,
  fromTick = 1,
  toTick = series.times.length - 1,
): { longest?: Pause; stall?: Pause } {
  let longest: Pause | undefined;
  let stall: Pause | undefined;
  let i = Math.max(1, fromTick);
  while (i <= toTick) {
    if (!paused(i)) {
      i++;
      continue;
    }
    const first = i;
    while (i + 1 <= toTick && paused(i + 1)) i++;
    const last = i++;
    const pause: Pause = { first, last, from: series.times[first - 1], to: series.times[last] };
    if (!longest || pause.to - pause.from > longest.to - longest.from) longest = pause;
    if (isStallLong(series, limits, first, last) && (!stall || last - first > stall.last - stall.first)) stall = pause;
  }
  return { longest, stall };
}

/** Partition p's pauses (stalled ticks) within ticks fromTick..toTick. */
export function partitionPauses(
  series: TickSeries,
  limits: RunLimits,
  p: number,
  fromTick = 1,
  toTick = series.times.length - 1,
): { longest?: Pause; stall?: Pause } {
  const points = series.byPartition[p];
  return pausesWhere(series, limits, (i) => isStalledTick(points, i), fromTick, toTick);
}

/** The longest pause (ticks with work and no completion, shorter than a stall) of any of `partitions` in ticks fromTick..toTick. */
export function longestPauseOf(
  series: TickSeries,
  limits: RunLimits,
  partitions: readonly number[],
  fromTick: number,
  toTick: number,
): { partition: number; seconds: number } | undefined {
  let best: { partition: number; seconds: number } | undefined;
  for (const p of partitions) {
    const pause = partitionPauses(series, limits, p, fromTick, toTick).longest;
    if (pause && (!best || pause.to - pause.from > best.seconds)) best = { partition: p, seconds: pause.to - pause.from };
  }
  return best;
}

/**
 * Ticks at which every partition had work (accepted tasks outstanding at the tick and the one
 * before) and the whole run completed nothing, or less than GLOBAL_NEAR_ZERO of its peak rate.
 * `stall` is the longest such pause that lasts as long as a stall: a global bottleneck.
 */
export function findGlobalPause(series: TickSeries, limits: RunLimits): { longest?: Pause; stall?: Pause } {
  if (series.partitions < 2) return {};
  let peakRate = 0;
  for (let i = 0; i < series.global.length; i++) peakRate = Math.max(peakRate, series.global.at(i).rate.completed);
  return pausesWhere(series, limits, (i) => {
    for (const points of series.byPartition) if (points.outstanding(i - 1) <= 0 || points.outstanding(i) <= 0) return false;
    const g = series.global.at(i);
    return g.delta.completed <= 0 || g.rate.completed <= GLOBAL_NEAR_ZERO * peakRate;
  });
}

function classify(points: PointList, startTick: number, first: number, last: number): StallCause {
  // Completed is flat, so tasks in flight can only stay or grow: any at the start are stuck.
  if (points.at(first).inFlightTasks > 0) return 'handler-stuck';
  if (leakedFamilies(points.at(last)) > 0) return 'release-missing';
  let dispatchedInWindow = 0;
  let ticksWithArrivals = 0;
  let rejected = 0;
  let nothingToDispatch = true;
  for (let i = first; i <= last; i++) {
    const point = points.at(i);
    dispatchedInWindow += Math.max(0, point.delta.dispatched);
    if (point.delta.tasksIn > 0) ticksWithArrivals++;
    rejected += Math.max(0, point.delta.rejectsBusy);
    if (point.counters.readyFamiliesCount > 0 || point.counters.inFlightFamiliesCount > 0) nothingToDispatch = false;
  }
  if (dispatchedInWindow > 0) return 'handler-stuck';
  // Nothing ready, nothing in flight, the ring rejecting: the tasks sit in a ring nobody consumes.
  if (points.at(last).counters.readyFamiliesCount === 0 && rejected > 0) return 'consumer-stuck';
  // Tasks held, yet no family ready and none in flight at any stalled tick: the worker loop has
  // nothing to take, so it is not blocked; the tasks wait in pending queues no family will drain.
  if (nothingToDispatch) return 'lost-wakeup';
  const wasDispatching = startTick > 0 && points.at(startTick).delta.dispatched > 0 && points.at(startTick).queued > 0;
  if (ticksWithArrivals >= 2 || wasDispatching) return 'dispatch-blocked';
  return 'gating-stuck';
}

/**
 * The run of ticks, up to the last tick, in which leaked families (inFlightFamiliesCount above
 * the tasks in flight) were present and never decreased: release was not called for them.
 * Undefined when the run does not end that way or the run is shorter than a stall.
 */
export function leakStreak(
  series: TickSeries,
  limits: RunLimits,
  p: number,
): { first: number; last: number; from: number; to: number } | undefined {
  const points = series.byPartition[p];
  const last = points.length - 1;
  if (last < 0 || leakedFamilies(points.at(last)) < 1) return undefined;
  let first = last;
  while (first > 0) {
    const before = leakedFamilies(points.at(first - 1));
    if (before < 1 || before > leakedFamilies(points.at(first))) break;
    first--;
  }
  const from = points.at(first).t;
  const to = points.at(last).t;
  if (last - first + 1 < MIN_STALL_TICKS || to - from < limits.minStallS) return undefined;
  return { first, last, from, to };
}
