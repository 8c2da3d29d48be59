// The per-tick, per-partition figures the charts draw, read off the run's tick series
// (../tickSeries.ts, the one place deltas, rates and phase windows are derived).
//
// What the charts add to the series:
// - A tick with no elapsed time (dt <= 0, e.g. a first tick at t = 0) adds no row: a rate over
//   no time means nothing. Its counters are still the base of the next tick's delta.
// - A counter that goes down (a real scheduler restarted) gives a rate of 0, not a negative one.
// - Rates are rounded to 2 decimals (they go into the notebook file).
// - A partition a tick does not list counts as zeros at that tick, as everywhere in the analysis.

import type { PartitionCounters, Phase, RunEvent } from '../../format/runEvents';
import { buildTickSeries, type TickSeries } from '../tickSeries';

export interface PartitionRow {
  t: number;
  partition: number;
  completedPerS: number;
  rejectsPerS: number;
  tasksIn: number;
  enqueuedDueToBusy: number;
  maxPendingDepthObserved: number;
  readyFamiliesCount: number;
  inFlightFamiliesCount: number;
}

export interface TotalRow {
  t: number;
  completedPerS: number;
  rejectsPerS: number;
}

/** A phase from its start to the start of the next one (or the last tick while it goes on). */
export interface PhaseWindow {
  phase: Exclude<Phase, 'done'>;
  start: number;
  end: number;
}

export interface ChartData {
  partitions: number;
  /** One row per partition per tick with elapsed time, in tick order. */
  rows: PartitionRow[];
  /** The sum of the rows' rates at each of those ticks. */
  totals: TotalRow[];
  phases: PhaseWindow[];
  /** Counters of the last tick, one entry per partition (empty before the first tick). */
  last: PartitionCounters[];
  /** Time of the last tick or phase event. */
  endT: number;
}

export function deriveChartData(events: readonly RunEvent[]): ChartData {
  return chartDataOf(buildTickSeries(events));
}

export function chartDataOf(series: TickSeries): ChartData {
  const rows: PartitionRow[] = [];
  const totals: TotalRow[] = [];
  series.times.forEach((t, i) => {
    if (!(series.global[i].dt > 0)) return;
    let completedPerS = 0;
    let rejectsPerS = 0;
    for (let partition = 0; partition < series.partitions; partition++) {
      const point = series.byPartition[partition][i];
      const c = point.counters;
      const row: PartitionRow = {
        t,
        partition,
        completedPerS: nonNegative(point.rate.completed),
        rejectsPerS: nonNegative(point.rate.rejectsBusy),
        tasksIn: c.tasksIn,
        enqueuedDueToBusy: c.enqueuedDueToBusy,
        maxPendingDepthObserved: c.maxPendingDepthObserved,
        readyFamiliesCount: c.readyFamiliesCount,
        inFlightFamiliesCount: c.inFlightFamiliesCount,
      };
      rows.push(row);
      completedPerS += row.completedPerS;
      rejectsPerS += row.rejectsPerS;
    }
    totals.push({ t, completedPerS: round2(completedPerS), rejectsPerS: round2(rejectsPerS) });
  });
  const lastTick = series.times.length - 1;
  return {
    partitions: series.partitions,
    rows,
    totals,
    phases: series.phases.map(({ phase, from, to }) => ({ phase, start: from, end: to })),
    last: lastTick < 0 ? [] : series.byPartition.map((points) => points[lastTick].counters),
    endT: Math.max(0, series.times[lastTick] ?? 0, series.phases.at(-1)?.from ?? 0, series.done?.t ?? 0),
  };
}

function nonNegative(rate: number): number {
  return round2(Math.max(0, rate));
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
