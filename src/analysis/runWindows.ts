// Time windows of a run read from its tick series: when tasks were offered (bursts), when
// production ended, when everything had drained, and the window throughput is measured in.

import { nearestTick, phaseWindow } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';

/** An inclusive range of tick indices. */
export interface TickRange {
  first: number;
  last: number;
}

/** Maximal runs of ticks in which the producer offered tasks (tasksIn + rejectsBusy grew). */
export function productionBursts(series: TickSeries): TickRange[] {
  const bursts: TickRange[] = [];
  for (let i = 0; i < series.global.length; i++) {
    const g = series.global.at(i);
    if (g.delta.tasksIn + g.delta.rejectsBusy <= 0) continue;
    const last = bursts[bursts.length - 1];
    if (last && last.last === i - 1) last.last = i;
    else bursts.push({ first: i, last: i });
  }
  return bursts;
}

/** The last tick at which tasks were still offered; -1 when none ever were. */
export function productionEndTick(series: TickSeries): number {
  for (let i = series.global.length - 1; i >= 0; i--) {
    const g = series.global.at(i);
    if (g.delta.tasksIn + g.delta.rejectsBusy > 0) return i;
  }
  return -1;
}

/** True when no partition has an accepted task that has not completed at tick i. */
export function isDrainedAt(series: TickSeries, i: number): boolean {
  for (const points of series.byPartition) if (points.outstanding(i) > 0) return false;
  return true;
}

/** The first tick in [from, to] at which everything had drained; -1 if none. */
export function firstDrainedTick(series: TickSeries, from: number, to = series.times.length - 1): number {
  for (let i = Math.max(0, from); i <= to; i++) if (isDrainedAt(series, i)) return i;
  return -1;
}

export interface ThroughputWindow {
  window: 'measure' | 'whole run';
  /** Tick whose counters are the starting point; -1 means t = 0 with all counters at zero. */
  startTick: number;
  endTick: number;
  from: number;
  to: number;
}

/**
 * The measure phase, from the tick nearest its start to the tick nearest its end (the last tick
 * when the run stopped during it); the whole run when there is no measure phase to go by.
 */
export function throughputWindow(series: TickSeries): ThroughputWindow | undefined {
  const n = series.times.length;
  if (n === 0) return undefined;
  const measure = phaseWindow(series, 'measure');
  if (measure && measure.lastTick >= measure.firstTick) {
    const startTick = nearestTick(series, measure.from);
    const endTick = nearestTick(series, measure.to);
    if (series.times[endTick] > series.times[startTick]) {
      return { window: 'measure', startTick, endTick, from: series.times[startTick], to: series.times[endTick] };
    }
  }
  return { window: 'whole run', startTick: -1, endTick: n - 1, from: 0, to: series.times[n - 1] };
}
