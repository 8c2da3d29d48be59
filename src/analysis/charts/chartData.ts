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
  for (let i = 0; i < series.times.length; i++) {
    const tick = rowsAtTick(series, i);
    if (!tick) continue;
    rows.push(...tick.rows);
    totals.push(tick.total);
  }
  return { partitions: series.partitions, rows, totals, ...endOf(series) };
}

/** One partition's rows as columns: `column[k]` is the field of its k-th row (tick order). */
export type PartitionColumns = { [K in Exclude<keyof PartitionRow, 'partition'>]: number[] };

/**
 * The rows of a series that grows (a live run), kept from one update to the next: `update`
 * derives only the ticks added since the last one. The figures are those of chartDataOf (the
 * same rowsAtTick), stored as plain number columns per partition, which the downsampler reads
 * without a call per point. A series whose partition count changed (a partition that showed up
 * late added zero points to earlier ticks) or that has fewer ticks than the last one (another
 * series) is derived again from its start.
 */
export class ChartRows {
  private partitions = 0;
  private ticks = 0;
  private columns: PartitionColumns[] = [];
  private totalRows: TotalRow[] = [];

  update(series: TickSeries): this {
    if (series.partitions !== this.partitions || series.times.length < this.ticks) {
      this.partitions = series.partitions;
      this.ticks = 0;
      this.columns = Array.from({ length: series.partitions }, emptyColumns);
      this.totalRows = [];
    }
    for (let i = this.ticks; i < series.times.length; i++) {
      const tick = rowsAtTick(series, i);
      if (!tick) continue;
      tick.rows.forEach((row, p) => appendRow(this.columns[p], row));
      this.totalRows.push(tick.total);
    }
    this.ticks = series.times.length;
    return this;
  }

  /** `columnsOf[p]`: partition p's rows (read-only: the next update appends to them). */
  get columnsOf(): readonly Readonly<PartitionColumns>[] {
    return this.columns;
  }
  get totals(): readonly TotalRow[] {
    return this.totalRows;
  }
}

function emptyColumns(): PartitionColumns {
  return {
    t: [], completedPerS: [], rejectsPerS: [], tasksIn: [], enqueuedDueToBusy: [], maxPendingDepthObserved: [],
    readyFamiliesCount: [], inFlightFamiliesCount: [],
  };
}

function appendRow(columns: PartitionColumns, row: PartitionRow): void {
  columns.t.push(row.t);
  columns.completedPerS.push(row.completedPerS);
  columns.rejectsPerS.push(row.rejectsPerS);
  columns.tasksIn.push(row.tasksIn);
  columns.enqueuedDueToBusy.push(row.enqueuedDueToBusy);
  columns.maxPendingDepthObserved.push(row.maxPendingDepthObserved);
  columns.readyFamiliesCount.push(row.readyFamiliesCount);
  columns.inFlightFamiliesCount.push(row.inFlightFamiliesCount);
}

/** Phases, last counters and end time: read off the series as it is now (cheap, and they change). */
export function endOf(series: TickSeries): Pick<ChartData, 'phases' | 'last' | 'endT'> {
  const lastTick = series.times.length - 1;
  return {
    phases: series.phases.map(({ phase, from, to }) => ({ phase, start: from, end: to })),
    last: lastTick < 0 ? [] : series.byPartition.map((points) => points.at(lastTick).counters),
    endT: Math.max(0, series.times[lastTick] ?? 0, series.phases.at(-1)?.from ?? 0, series.done?.t ?? 0),
  };
}

/** Tick i's row for each partition and their total; undefined for a tick with no elapsed time. */
function rowsAtTick(series: TickSeries, i: number): { rows: PartitionRow[]; total: TotalRow } | undefined {
  if (!(series.global.at(i).dt > 0)) return undefined;
  const t = series.times[i];
  const rows: PartitionRow[] = [];
  let completedPerS = 0;
  let rejectsPerS = 0;
  for (let partition = 0; partition < series.partitions; partition++) {
    const point = series.byPartition[partition].at(i);
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
  return { rows, total: { t, completedPerS: round2(completedPerS), rejectsPerS: round2(rejectsPerS) } };
}

function nonNegative(rate: number): number {
  return round2(Math.max(0, rate));
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
