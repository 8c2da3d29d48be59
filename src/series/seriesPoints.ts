// How a tick series' points are read from its compressed columns (counterColumns.ts): a
// partition's points (PointList) and the sums over partitions (GlobalList), each point built only
// when asked for, with the same fields, deltas and rates as tickSeries.ts describes.

import { COUNTER_KEYS } from '../format/runEvents';
import type { CounterKey, PartitionCounters } from '../format/runEvents';
import { COLUMNS, CounterColumns } from './counterColumns';
import { COMPLETED, DISPATCHED, ENQUEUED_DUE_TO_BUSY, IN_FLIGHT_FAMILIES, READY_FAMILIES, REJECTS_BUSY, TASKS_IN } from './counterIndex';
import type { CumulativeKey, CumulativeValues, GlobalList, GlobalPoint, PartitionPoint, PointList, TickPhase } from './seriesTypes';

const COLUMN_OF = Object.fromEntries(COUNTER_KEYS.map((key, k) => [key, k])) as Record<CounterKey, number>;

/**
 * COLUMN_OF[key] by a switch: called for every tick of every partition with a few keys, where a
 * keyed lookup that sees all eight names is several times slower. (Every case is checked against
 * COLUMN_OF when the module loads.)
 */
function columnOf(key: CounterKey): number {
  switch (key) {
    case 'tasksIn':
      return 0;
    case 'dispatched':
      return 1;
    case 'completed':
      return 2;
    case 'rejectsBusy':
      return 3;
    case 'enqueuedDueToBusy':
      return 4;
    case 'maxPendingDepthObserved':
      return 5;
    case 'readyFamiliesCount':
      return 6;
    case 'inFlightFamiliesCount':
      return 7;
  }
}
for (const key of COUNTER_KEYS) if (columnOf(key) !== COLUMN_OF[key]) throw new Error(`seriesPoints: column of ${key} out of date`);

function zeroValues(): CumulativeValues {
  return { tasksIn: 0, dispatched: 0, completed: 0, rejectsBusy: 0, enqueuedDueToBusy: 0 };
}

function ratesOf(delta: CumulativeValues, dt: number): CumulativeValues {
  if (!(dt > 0)) return zeroValues();
  return {
    tasksIn: delta.tasksIn / dt,
    dispatched: delta.dispatched / dt,
    completed: delta.completed / dt,
    rejectsBusy: delta.rejectsBusy / dt,
    enqueuedDueToBusy: delta.enqueuedDueToBusy / dt,
  };
}

/** The per-tick facts every partition shares: times and phases. */
export class TickClock {
  readonly times: number[] = [];
  readonly phases: TickPhase[] = [];
  dt(i: number): number {
    return i === 0 ? this.times[0] : this.times[i] - this.times[i - 1];
  }
}

/** The change of column k from row i - 1 to row i of `cols` (from 0 at row 0). */
function columnDelta(cols: CounterColumns, i: number, k: number): number {
  return cols.value(i, k) - (i === 0 ? 0 : cols.value(i - 1, k));
}

function deltasOf(cols: CounterColumns, i: number): CumulativeValues {
  const data = cols.rowData(i);
  const at = cols.rowOffset(i);
  const tasksIn = data[at + TASKS_IN];
  const dispatched = data[at + DISPATCHED];
  const completed = data[at + COMPLETED];
  const rejectsBusy = data[at + REJECTS_BUSY];
  const enqueuedDueToBusy = data[at + ENQUEUED_DUE_TO_BUSY];
  if (i === 0) return { tasksIn, dispatched, completed, rejectsBusy, enqueuedDueToBusy };
  const prev = cols.rowData(i - 1);
  const pt = cols.rowOffset(i - 1);
  return {
    tasksIn: tasksIn - prev[pt + TASKS_IN],
    dispatched: dispatched - prev[pt + DISPATCHED],
    completed: completed - prev[pt + COMPLETED],
    rejectsBusy: rejectsBusy - prev[pt + REJECTS_BUSY],
    enqueuedDueToBusy: enqueuedDueToBusy - prev[pt + ENQUEUED_DUE_TO_BUSY],
  };
}

/** A partition at a tick, read from its columns as its fields are asked for. */
class ColumnPoint implements PartitionPoint {
  readonly t: number;
  readonly dt: number;
  readonly phase: TickPhase;
  private c: PartitionCounters | undefined;
  private d: CumulativeValues | undefined;

  constructor(
    private readonly cols: CounterColumns,
    clock: TickClock,
    private readonly i: number,
  ) {
    this.t = clock.times[i];
    this.dt = clock.dt(i);
    this.phase = clock.phases[i];
  }

  get counters(): PartitionCounters {
    if (this.c) return this.c;
    const data = this.cols.rowData(this.i);
    const at = this.cols.rowOffset(this.i);
    this.c = {
      tasksIn: data[at],
      dispatched: data[at + 1],
      completed: data[at + 2],
      rejectsBusy: data[at + 3],
      enqueuedDueToBusy: data[at + 4],
      maxPendingDepthObserved: data[at + 5],
      readyFamiliesCount: data[at + 6],
      inFlightFamiliesCount: data[at + 7],
    };
    return this.c;
  }
  get delta(): CumulativeValues {
    this.d ??= deltasOf(this.cols, this.i);
    return this.d;
  }
  get rate(): CumulativeValues {
    return ratesOf(this.delta, this.dt);
  }
  get inFlightTasks(): number {
    return this.cols.value(this.i, DISPATCHED) - this.cols.value(this.i, COMPLETED);
  }
  get queued(): number {
    return this.cols.value(this.i, TASKS_IN) - this.cols.value(this.i, DISPATCHED);
  }
  get outstanding(): number {
    return this.cols.value(this.i, TASKS_IN) - this.cols.value(this.i, COMPLETED);
  }
  get offered(): number {
    return this.cols.value(this.i, TASKS_IN) + this.cols.value(this.i, REJECTS_BUSY);
  }
  toJSON(): Record<string, unknown> {
    const { t, dt, phase, counters, delta, rate, inFlightTasks, queued, outstanding, offered } = this;
    return { t, dt, phase, counters, delta, rate, inFlightTasks, queued, outstanding, offered };
  }
}

export class PartitionPoints implements PointList {
  constructor(
    readonly cols: CounterColumns,
    private readonly clock: TickClock,
  ) {}
  get length(): number {
    return this.cols.length;
  }
  at(i: number): PartitionPoint {
    return new ColumnPoint(this.cols, this.clock, i);
  }
  value(i: number, key: CounterKey): number {
    return this.cols.value(i, columnOf(key));
  }
  /** The largest value of a counter over the ticks, at least `start`. */
  max(key: CounterKey, start: number): number {
    return this.cols.columnMax(columnOf(key), start);
  }
  outstanding(i: number): number {
    const data = this.cols.rowData(i);
    const at = this.cols.rowOffset(i);
    return data[at + TASKS_IN] - data[at + COMPLETED];
  }
  delta(i: number, key: CumulativeKey): number {
    return columnDelta(this.cols, i, columnOf(key));
  }
  readRow(i: number, into: Float64Array): void {
    const data = this.cols.rowData(i);
    const at = this.cols.rowOffset(i);
    for (let k = 0; k < COLUMNS; k++) into[k] = data[at + k];
  }
}

export class GlobalPoints implements GlobalList {
  /** Per tick: the partitions' counters summed (the maxPendingDepthObserved column is unused). */
  readonly cols = new CounterColumns();
  constructor(private readonly clock: TickClock) {}
  get length(): number {
    return this.cols.length;
  }
  at(i: number): GlobalPoint {
    const data = this.cols.rowData(i);
    const at = this.cols.rowOffset(i);
    const totals: CumulativeValues = {
      tasksIn: data[at + TASKS_IN],
      dispatched: data[at + DISPATCHED],
      completed: data[at + COMPLETED],
      rejectsBusy: data[at + REJECTS_BUSY],
      enqueuedDueToBusy: data[at + ENQUEUED_DUE_TO_BUSY],
    };
    const readyFamiliesCount = data[at + READY_FAMILIES];
    const inFlightFamiliesCount = data[at + IN_FLIGHT_FAMILIES];
    const delta = deltasOf(this.cols, i);
    const dt = this.clock.dt(i);
    return {
      t: this.clock.times[i],
      dt,
      phase: this.clock.phases[i],
      totals,
      delta,
      rate: ratesOf(delta, dt),
      inFlightTasks: totals.dispatched - totals.completed,
      queued: totals.tasksIn - totals.dispatched,
      outstanding: totals.tasksIn - totals.completed,
      offered: totals.tasksIn + totals.rejectsBusy,
      readyFamiliesCount,
      inFlightFamiliesCount,
    };
  }
}
