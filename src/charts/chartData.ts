// The per-tick, per-partition figures the charts draw, read off the run's tick series
// (../tickSeries.ts, the one place deltas, rates and phase windows are derived).
//
// What the charts add to the series:
// - A tick with no elapsed time (dt <= 0, e.g. a first tick at t = 0) adds no row: a rate over
//   no time means nothing. Its counters are still the base of the next tick's delta.
// - A counter that goes down (a real scheduler restarted) gives a rate of 0, not a negative one.
// - Rates are rounded to 2 decimals (they go into the notebook file).
// - A partition a tick does not list counts as zeros at that tick, as everywhere in the analysis.

import type { PartitionCounters, Phase, RunEvent } from '../format/runEvents';
import { buildTickSeries } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';

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
  /**
   * Where the time axis ends: while the run goes, its planned length (warmupS + measureS +
   * cooldownS of its config) or endT if later, so the axis does not rescale at every update;
   * once the run is done (or without a planned length), endT.
   */
  timeEnd: number;
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

/** The fields of a partition's rows that are drawn as lines. */
export type LineField = Exclude<keyof PartitionRow, 't' | 'partition'>;
const LINE_FIELDS: readonly LineField[] = [
  'completedPerS',
  'rejectsPerS',
  'tasksIn',
  'enqueuedDueToBusy',
  'maxPendingDepthObserved',
  'readyFamiliesCount',
  'inFlightFamiliesCount',
];

/** One line: its points' times and values, in time order. */
export interface LinePoints {
  t: number[];
  v: number[];
}

/** A partition's lines, one per field. */
export type PartitionLines = Record<LineField, LinePoints>;

/**
 * Points one line keeps before it is thinned (a chart draws a few hundred): all partitions' lines
 * of a field together keep at most KEPT_POINTS_PER_FIELD, and never fewer than MIN_KEPT_POINTS
 * each. A longer run (a soak followed for hours) keeps memory flat: every 4 consecutive points
 * are reduced to their lowest and highest, so a stall's drop and a burst's peak both stay drawn.
 */
const KEPT_POINTS_PER_FIELD = 1 << 18;
const MIN_KEPT_POINTS = 2048;
/** The run's totals (the baseline candidate) keep at most this many rows, thinned the same way by completed/s. */
const MAX_KEPT_TOTALS = 8192;

/**
 * The lines of a series that grows (a live run), kept from one update to the next: `update`
 * derives only the ticks added since the last one. The figures are those of chartDataOf (the
 * same rowsAtTick), one line per partition and field, which the downsampler reads without a call
 * per point; past their budget the lines are thinned (above), so memory does not grow with the
 * run. A series whose partition count changed (a partition that showed up late added zero points
 * to earlier ticks) or that has fewer ticks than the last one (another series) is derived again
 * from its start.
 */
export class ChartRows {
  private partitions = 0;
  private ticks = 0;
  private lines: PartitionLines[] = [];
  private totalRows: TotalRow[] = [];
  private keep = MIN_KEPT_POINTS;

  /** `limits` lower the budgets above (tests). */
  constructor(private readonly limits: { pointsPerLine?: number; totals?: number } = {}) {}

  update(series: TickSeries): this {
    if (series.partitions !== this.partitions || series.times.length < this.ticks) {
      this.partitions = series.partitions;
      this.ticks = 0;
      this.lines = Array.from({ length: series.partitions }, emptyLines);
      this.totalRows = [];
      this.keep =
        this.limits.pointsPerLine ?? Math.max(MIN_KEPT_POINTS, Math.floor(KEPT_POINTS_PER_FIELD / Math.max(1, series.partitions)));
    }
    for (let i = this.ticks; i < series.times.length; i++) {
      const tick = rowsAtTick(series, i);
      if (!tick) continue;
      tick.rows.forEach((row, p) => appendRow(this.lines[p], row, this.keep));
      this.totalRows.push(tick.total);
      if (this.totalRows.length > (this.limits.totals ?? MAX_KEPT_TOTALS))
        this.totalRows = thinRows(this.totalRows, (r) => r.completedPerS);
    }
    this.ticks = series.times.length;
    return this;
  }

  /** `linesOf[p]`: partition p's lines (read-only: the next update appends to them). */
  get linesOf(): readonly Readonly<PartitionLines>[] {
    return this.lines;
  }
  get totals(): readonly TotalRow[] {
    return this.totalRows;
  }
}

function emptyLines(): PartitionLines {
  return Object.fromEntries(LINE_FIELDS.map((f) => [f, { t: [], v: [] }])) as unknown as PartitionLines;
}

function appendRow(lines: PartitionLines, row: PartitionRow, keep: number): void {
  for (const field of LINE_FIELDS) {
    const line = lines[field];
    line.t.push(row.t);
    line.v.push(row[field]);
    if (line.v.length > keep) thinLine(line);
  }
}

/** Every 4 consecutive points become their lowest and highest (in time order); the last point stays. */
function thinLine(line: LinePoints): void {
  const keep = thinIndices(line.v.length, (i) => line.v[i]);
  line.t = keep.map((i) => line.t[i]);
  line.v = keep.map((i) => line.v[i]);
}

function thinRows<T>(rows: T[], valueOf: (row: T) => number): T[] {
  return thinIndices(rows.length, (i) => valueOf(rows[i])).map((i) => rows[i]);
}

function thinIndices(n: number, valueAt: (i: number) => number): number[] {
  const out: number[] = [];
  const whole = n - (n % 4 === 0 ? 4 : n % 4); // the last group (with the last point) is kept whole
  for (let from = 0; from < whole; from += 4) {
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < from + 4; i++) {
      if (valueAt(i) < valueAt(lo)) lo = i;
      if (valueAt(i) > valueAt(hi)) hi = i;
    }
    if (lo === hi) out.push(lo);
    else out.push(Math.min(lo, hi), Math.max(lo, hi));
  }
  for (let i = whole; i < n; i++) out.push(i);
  return out;
}

/** Phases, last counters and end time: read off the series as it is now (cheap, and they change). */
export function endOf(series: TickSeries): Pick<ChartData, 'phases' | 'last' | 'endT' | 'timeEnd'> {
  const lastTick = series.times.length - 1;
  const endT = Math.max(0, series.times[lastTick] ?? 0, series.phases.at(-1)?.from ?? 0, series.done?.t ?? 0);
  const planned = series.done ? undefined : plannedLength(series.config);
  return {
    phases: series.phases.map(({ phase, from, to }) => ({ phase, start: from, end: to })),
    last: lastTick < 0 ? [] : series.byPartition.map((points) => points.at(lastTick).counters),
    endT,
    timeEnd: Math.max(endT, planned ?? 0),
  };
}

/** warmupS + measureS + cooldownS of a config header, when it has all three as numbers. */
function plannedLength(config: TickSeries['config']): number | undefined {
  const parts = [config.warmupS, config.measureS, config.cooldownS];
  return parts.every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0)
    ? (parts as number[]).reduce((a, b) => a + b, 0)
    : undefined;
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
