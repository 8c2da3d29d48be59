// A run's events as per-partition time series: at every tick each partition's cumulative counters,
// the deltas and rates since the previous tick, and the derived figures the analysis and the charts
// read (tasks in flight, queued, outstanding). Also the phase windows and how the run ended.
//
// Conventions:
// - Ticks are indexed 0..n-1 in stream order; every partition has a point at every tick.
// - The first tick's delta is measured from zero (counters start at 0 when the run starts).
// - A partition that shows up late (a source that added partitions) was at zero at every earlier
//   tick; a tick that does not list a partition carries its last values forward. Either way, and
//   for the partitions a tick names `unreported` (the parser carried them forward), the ticks are
//   recorded in `unreported`: counterIntegrity.ts judges them.
// - Deltas are raw differences (negative when a source's counter went down); rates are delta / dt
//   and 0 when dt is 0.
// - A tick's phase is the phase of the last phase event before it in the stream.

import type { CounterKey, PartitionCounters, Phase, RunEvent } from '../format/runEvents';
import { MAX_LOG_PARTITIONS } from '../format/tickAssembler';
import { COLUMNS, CounterColumns } from './counterColumns';
import { soundRow } from './counterRules';
import { GlobalPoints, PartitionPoints, TickClock } from './seriesPoints';
import type { PartitionPoint, PhaseWindow, PointList, TickPhase, TickSeries, UnreportedRun } from './seriesTypes';

const ZERO_COUNTERS: PartitionCounters = Object.freeze({
  tasksIn: 0,
  dispatched: 0,
  completed: 0,
  rejectsBusy: 0,
  enqueuedDueToBusy: 0,
  maxPendingDepthObserved: 0,
  readyFamiliesCount: 0,
  inFlightFamiliesCount: 0,
});

/** Builds a TickSeries event by event (a live run), or all at once with buildTickSeries. */
export class TickSeriesBuilder {
  private readonly clock = new TickClock();
  private readonly globals = new GlobalPoints(this.clock);
  private readonly columns: CounterColumns[] = [];
  private readonly firstBroken: number[] = [];
  private readonly s: TickSeries = {
    config: {},
    partitions: 0,
    times: this.clock.times,
    byPartition: [],
    global: this.globals,
    phases: [],
    unreported: [],
    firstBrokenTick: this.firstBroken,
  };
  /** Each partition's counters at the last tick, for the rules (COUNTER_KEYS order). */
  private lastRows = new Float64Array(0);
  /** Each partition's latest UnreportedRun, which the next unreported tick may extend. */
  private readonly lastUnreported: (UnreportedRun | undefined)[] = [];
  private phase: TickPhase = 'none';
  private previous: PartitionCounters[] = [];
  private readonly row = new Float64Array(COLUMNS);
  private readonly sums = new Float64Array(COLUMNS);

  push(event: RunEvent): void {
    switch (event.type) {
      case 'config': {
        this.s.config = event.config;
        const n = Number(event.config.partitions);
        // A count beyond what a log may have was refused by the parser (and is never grown to).
        if (Number.isInteger(n) && n > this.s.partitions && n <= MAX_LOG_PARTITIONS) this.grow(n);
        return;
      }
      case 'phase':
        this.closePhase(event.t);
        if (event.phase === 'done') {
          this.s.done = event.reason ? { t: event.t, reason: event.reason } : { t: event.t };
          return;
        }
        this.phase = event.phase;
        this.s.phases.push({
          phase: event.phase,
          from: event.t,
          to: event.t,
          firstTick: this.s.times.length,
          lastTick: this.s.times.length - 1,
        });
        return;
      case 'tick':
        this.addTick(event.t, event.partitions);
        this.noteUnreported(event.partitions.length, event.unreported);
    }
  }

  /**
   * The series so far: the builder's own object, not a copy, so reading it mid-run costs
   * nothing. It keeps growing as events are pushed; the points already in it never change,
   * except that a partition that appears late adds its zero points to every earlier tick.
   */
  get series(): TickSeries {
    return this.s;
  }

  private closePhase(t: number): void {
    const open = this.s.phases[this.s.phases.length - 1];
    if (open) open.to = Math.max(open.from, t);
  }

  private grow(n: number): void {
    const zeros = new Float64Array(COLUMNS);
    for (let p = this.s.partitions; p < n; p++) {
      // A partition that shows up late was at zero at every earlier tick.
      const cols = new CounterColumns();
      for (let i = 0; i < this.s.times.length; i++) cols.push(zeros);
      this.columns.push(cols);
      this.s.byPartition.push(new PartitionPoints(cols, this.clock));
      this.previous.push(ZERO_COUNTERS);
      this.firstBroken.push(-1);
      this.lastUnreported.push(undefined);
      for (let i = 0; i < this.s.times.length; i++) this.markUnreported(p, i);
    }
    const lastRows = new Float64Array(n * COLUMNS);
    lastRows.set(this.lastRows);
    this.lastRows = lastRows;
    this.s.partitions = n;
  }

  private addTick(t: number, partitions: PartitionCounters[]): void {
    if (partitions.length > this.s.partitions) this.grow(partitions.length);
    const row = this.row;
    const sums = this.sums;
    sums.fill(0);
    for (let p = 0; p < this.s.partitions; p++) {
      // A partition the tick does not list keeps its last values (zeros before it first reported).
      const c = partitions[p] ?? this.previous[p];
      row[0] = c.tasksIn;
      row[1] = c.dispatched;
      row[2] = c.completed;
      row[3] = c.rejectsBusy;
      row[4] = c.enqueuedDueToBusy;
      row[5] = c.maxPendingDepthObserved;
      row[6] = c.readyFamiliesCount;
      row[7] = c.inFlightFamiliesCount;
      this.columns[p].push(row);
      const last = p * COLUMNS;
      if (this.firstBroken[p] < 0 && !soundRow(row, 0, this.lastRows, last)) this.firstBroken[p] = this.s.times.length;
      for (let k = 0; k < COLUMNS; k++) {
        sums[k] += row[k];
        this.lastRows[last + k] = row[k];
      }
      this.previous[p] = c;
    }
    this.globals.cols.push(sums);
    this.clock.times.push(t);
    this.clock.phases.push(this.phase);
    const open = this.s.phases[this.s.phases.length - 1];
    if (open && this.phase !== 'none') {
      open.lastTick = this.s.times.length - 1;
      open.to = Math.max(open.from, t);
    }
  }

  /** Records the partitions the tick just added did not report: beyond `listed`, and those it names. */
  private noteUnreported(listed: number, named: readonly number[] | undefined): void {
    const i = this.s.times.length - 1;
    for (let p = listed; p < this.s.partitions; p++) this.markUnreported(p, i);
    if (named) for (const p of named) if (p < listed) this.markUnreported(p, i);
  }

  private markUnreported(p: number, i: number): void {
    const open = this.lastUnreported[p];
    if (open && open.lastTick === i - 1) {
      open.lastTick = i;
      return;
    }
    const run: UnreportedRun = { partition: p, firstTick: i, lastTick: i };
    this.lastUnreported[p] = run;
    this.s.unreported.push(run);
  }
}

export function buildTickSeries(events: readonly RunEvent[]): TickSeries {
  const builder = new TickSeriesBuilder();
  for (const e of events) builder.push(e);
  return builder.series;
}

/** Every point of a partition as an array (tests, short series: a long one is better read tick by tick). */
export function pointArray(points: PointList): PartitionPoint[] {
  return Array.from({ length: points.length }, (_, i) => points.at(i));
}

/** The ticks 0..n-1 for which `holds` is true, in order. */
export function ticksWhere(n: number, holds: (i: number) => boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (holds(i)) out.push(i);
  return out;
}

/**
 * Calls `run(first, last)` for every longest run of consecutive ticks of 0..n-1 for which `holds`
 * is true. `holds` is asked once per tick, in order, so it may carry what it read from one tick to
 * the next (a rule reading every tick of a soak reads each once).
 */
export function forEachRunOfTicks(n: number, holds: (i: number) => boolean, run: (first: number, last: number) => void): void {
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (holds(i)) {
      if (first < 0) first = i;
    } else if (first >= 0) {
      run(first, i - 1);
      first = -1;
    }
  }
  if (first >= 0) run(first, n - 1);
}

/** The first tick 0..n-1 for which `holds` is true; -1 when none. */
export function firstTickWhere(n: number, holds: (i: number) => boolean): number {
  for (let i = 0; i < n; i++) if (holds(i)) return i;
  return -1;
}

/** The largest value of a counter over a partition's ticks (0 when it has none). */
export function columnMax(points: PointList, key: CounterKey): number {
  if (points instanceof PartitionPoints) return points.max(key, 0);
  let max = 0;
  for (let i = 0; i < points.length; i++) max = Math.max(max, points.value(i, key));
  return max;
}

/** Index of the tick nearest to time t (ties go to the earlier tick); -1 when there is none. */
export function nearestTick(series: TickSeries, t: number): number {
  const times = series.times;
  if (times.length === 0) return -1;
  let lo = 0;
  let hi = times.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(times[lo - 1] - t) <= Math.abs(times[lo] - t)) return lo - 1;
  return lo;
}

/** The phase window of a phase, when the run had one (the first, if it repeats). */
export function phaseWindow(series: TickSeries, phase: Exclude<Phase, 'done'>): PhaseWindow | undefined {
  return series.phases.find((w) => w.phase === phase);
}
