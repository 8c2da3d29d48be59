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

import type { ConfigHeader, EndReason, PartitionCounters, Phase, RunEvent } from '../format/runEvents';

/** The counters that only grow; the others are gauges or a running maximum. */
export const CUMULATIVE_KEYS = ['tasksIn', 'dispatched', 'completed', 'rejectsBusy', 'enqueuedDueToBusy'] as const;
export type CumulativeKey = (typeof CUMULATIVE_KEYS)[number];
export type CumulativeValues = Record<CumulativeKey, number>;

/** The phase of a tick; `none` before any phase event (a source that prints no phases). */
export type TickPhase = Exclude<Phase, 'done'> | 'none';

/** One partition at one tick. */
export interface PartitionPoint {
  t: number;
  /** Seconds since the previous tick (the first tick: since t = 0). */
  dt: number;
  phase: TickPhase;
  /** Cumulative counters and gauges as the source printed them. */
  counters: PartitionCounters;
  /** Change of each cumulative counter since the previous tick. */
  delta: CumulativeValues;
  /** delta / dt, per second. */
  rate: CumulativeValues;
  /** dispatched - completed: tasks handed to the handler and not completed. */
  inFlightTasks: number;
  /** tasksIn - dispatched: accepted tasks waiting (pending behind their family, ready, in the ring). */
  queued: number;
  /** tasksIn - completed: accepted tasks not completed yet (queued + in flight). */
  outstanding: number;
  /** tasksIn + rejectsBusy: tasks the producer offered to this partition. */
  offered: number;
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
  /** `byPartition[p][i]`: partition p at tick i. */
  byPartition: PartitionPoint[][];
  /** `global[i]`: the sum over partitions at tick i. */
  global: GlobalPoint[];
  phases: PhaseWindow[];
  /** Where partitions did not report, in the order the runs began. */
  unreported: UnreportedRun[];
  /** The `done` phase, when the run printed one. */
  done?: { t: number; reason?: EndReason };
}

const ZERO_COUNTERS: PartitionCounters = Object.freeze({
  tasksIn: 0, dispatched: 0, completed: 0, rejectsBusy: 0, enqueuedDueToBusy: 0,
  maxPendingDepthObserved: 0, readyFamiliesCount: 0, inFlightFamiliesCount: 0,
});

// Field by field rather than looping over CUMULATIVE_KEYS: a long real log has millions of points.
function addValues(into: CumulativeValues, v: CumulativeValues): void {
  into.tasksIn += v.tasksIn;
  into.dispatched += v.dispatched;
  into.completed += v.completed;
  into.rejectsBusy += v.rejectsBusy;
  into.enqueuedDueToBusy += v.enqueuedDueToBusy;
}

function rates(delta: CumulativeValues, dt: number): CumulativeValues {
  if (!(dt > 0)) return zeroValues();
  return {
    tasksIn: delta.tasksIn / dt,
    dispatched: delta.dispatched / dt,
    completed: delta.completed / dt,
    rejectsBusy: delta.rejectsBusy / dt,
    enqueuedDueToBusy: delta.enqueuedDueToBusy / dt,
  };
}

function zeroValues(): CumulativeValues {
  return { tasksIn: 0, dispatched: 0, completed: 0, rejectsBusy: 0, enqueuedDueToBusy: 0 };
}

/** Builds a TickSeries event by event (a live run), or all at once with buildTickSeries. */
export class TickSeriesBuilder {
  private readonly s: TickSeries = { config: {}, partitions: 0, times: [], byPartition: [], global: [], phases: [], unreported: [] };
  /** Each partition's latest UnreportedRun, which the next unreported tick may extend. */
  private readonly lastUnreported: (UnreportedRun | undefined)[] = [];
  private phase: TickPhase = 'none';
  private previous: PartitionCounters[] = [];
  private previousT = 0;

  push(event: RunEvent): void {
    switch (event.type) {
      case 'config': {
        this.s.config = event.config;
        const n = Number(event.config.partitions);
        if (Number.isInteger(n) && n > this.s.partitions) this.grow(n);
        return;
      }
      case 'phase':
        this.closePhase(event.t);
        if (event.phase === 'done') {
          this.s.done = event.reason ? { t: event.t, reason: event.reason } : { t: event.t };
          return;
        }
        this.phase = event.phase;
        this.s.phases.push({ phase: event.phase, from: event.t, to: event.t, firstTick: this.s.times.length, lastTick: this.s.times.length - 1 });
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
    for (let p = this.s.partitions; p < n; p++) {
      // A partition that shows up late was at zero at every earlier tick.
      this.s.byPartition.push(this.s.times.map((t, i) => this.point(t, i === 0 ? t : t - this.s.times[i - 1], this.s.global[i].phase, ZERO_COUNTERS, ZERO_COUNTERS)));
      this.previous.push(ZERO_COUNTERS);
      this.lastUnreported.push(undefined);
      for (let i = 0; i < this.s.times.length; i++) this.markUnreported(p, i);
    }
    this.s.partitions = n;
  }

  private addTick(t: number, partitions: PartitionCounters[]): void {
    if (partitions.length > this.s.partitions) this.grow(partitions.length);
    const dt = this.s.times.length === 0 ? t : t - this.previousT;
    const g: GlobalPoint = {
      t, dt, phase: this.phase, totals: zeroValues(), delta: zeroValues(), rate: zeroValues(),
      inFlightTasks: 0, queued: 0, outstanding: 0, offered: 0, readyFamiliesCount: 0, inFlightFamiliesCount: 0,
    };
    for (let p = 0; p < this.s.partitions; p++) {
      // A partition the tick does not list keeps its last values (zeros before it first reported).
      const c = partitions[p] ?? this.previous[p];
      const point = this.point(t, dt, this.phase, c, this.previous[p]);
      this.s.byPartition[p].push(point);
      this.previous[p] = c;
      addValues(g.totals, c);
      addValues(g.delta, point.delta);
      g.inFlightTasks += point.inFlightTasks;
      g.queued += point.queued;
      g.outstanding += point.outstanding;
      g.offered += point.offered;
      g.readyFamiliesCount += c.readyFamiliesCount;
      g.inFlightFamiliesCount += c.inFlightFamiliesCount;
    }
    g.rate = rates(g.delta, dt);
    this.s.global.push(g);
    this.s.times.push(t);
    this.previousT = t;
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

  private point(t: number, dt: number, phase: TickPhase, c: PartitionCounters, prev: PartitionCounters): PartitionPoint {
    const delta: CumulativeValues = {
      tasksIn: c.tasksIn - prev.tasksIn,
      dispatched: c.dispatched - prev.dispatched,
      completed: c.completed - prev.completed,
      rejectsBusy: c.rejectsBusy - prev.rejectsBusy,
      enqueuedDueToBusy: c.enqueuedDueToBusy - prev.enqueuedDueToBusy,
    };
    return {
      t, dt, phase, counters: c, delta, rate: rates(delta, dt),
      inFlightTasks: c.dispatched - c.completed,
      queued: c.tasksIn - c.dispatched,
      outstanding: c.tasksIn - c.completed,
      offered: c.tasksIn + c.rejectsBusy,
    };
  }
}

export function buildTickSeries(events: readonly RunEvent[]): TickSeries {
  const builder = new TickSeriesBuilder();
  for (const e of events) builder.push(e);
  return builder.series;
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
