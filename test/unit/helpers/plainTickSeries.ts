// The tick series as it was built before it was kept in compressed columns: every point a plain
// object computed straight from the events. The streaming tests analyse both and compare.

import { COUNTER_KEYS } from '../../../src/format/runEvents';
import type { CounterKey, PartitionCounters, RunEvent } from '../../../src/format/runEvents';
import { buildTickSeries } from '../../../src/series/tickSeries';
import type {
  CumulativeKey,
  CumulativeValues,
  GlobalPoint,
  PartitionPoint,
  PointList,
  TickPhase,
  TickSeries,
} from '../../../src/series/seriesTypes';

const ZERO = Object.fromEntries(COUNTER_KEYS.map((k) => [k, 0])) as PartitionCounters;
const CUMULATIVE = ['tasksIn', 'dispatched', 'completed', 'rejectsBusy', 'enqueuedDueToBusy'] as const;

function values(f: (k: CumulativeKey) => number): CumulativeValues {
  return Object.fromEntries(CUMULATIVE.map((k) => [k, f(k)])) as CumulativeValues;
}

function plainList(points: PartitionPoint[]): PointList {
  return {
    length: points.length,
    at: (i) => points[i],
    value: (i, key: CounterKey) => points[i].counters[key],
    outstanding: (i) => points[i].outstanding,
    delta: (i, key) => points[i].delta[key],
    readRow: (i, into) => COUNTER_KEYS.forEach((key, k) => (into[k] = points[i].counters[key])),
  };
}

/** The series of `events` with every point a plain object (the phases, unreported runs and config are the builder's). */
export function plainTickSeries(events: readonly RunEvent[]): TickSeries {
  const built = buildTickSeries(events);
  const n = built.partitions;
  const byPartition: PartitionPoint[][] = Array.from({ length: n }, () => []);
  const global: GlobalPoint[] = [];
  const previous: PartitionCounters[] = Array.from({ length: n }, () => ZERO);
  let phase: TickPhase = 'none';
  let previousT = 0;
  let ticks = 0;
  for (const e of events) {
    if (e.type === 'phase' && e.phase !== 'done') phase = e.phase;
    if (e.type !== 'tick') continue;
    const dt = ticks === 0 ? e.t : e.t - previousT;
    const rate = (d: CumulativeValues): CumulativeValues => values((k) => (dt > 0 ? d[k] / dt : 0));
    const sum = (f: (p: number) => number): number => {
      let s = 0;
      for (let p = 0; p < n; p++) s += f(p);
      return s;
    };
    for (let p = 0; p < n; p++) {
      const c = e.partitions[p] ?? previous[p];
      const prev = previous[p];
      const delta = values((k) => c[k] - prev[k]);
      byPartition[p].push({
        t: e.t,
        dt,
        phase,
        counters: { ...c },
        delta,
        rate: rate(delta),
        inFlightTasks: c.dispatched - c.completed,
        queued: c.tasksIn - c.dispatched,
        outstanding: c.tasksIn - c.completed,
        offered: c.tasksIn + c.rejectsBusy,
      });
      previous[p] = c;
    }
    const at = (p: number) => byPartition[p][ticks];
    const delta = values((k) => sum((p) => at(p).delta[k]));
    global.push({
      t: e.t,
      dt,
      phase,
      totals: values((k) => sum((p) => at(p).counters[k])),
      delta,
      rate: rate(delta),
      inFlightTasks: sum((p) => at(p).inFlightTasks),
      queued: sum((p) => at(p).queued),
      outstanding: sum((p) => at(p).outstanding),
      offered: sum((p) => at(p).offered),
      readyFamiliesCount: sum((p) => at(p).counters.readyFamiliesCount),
      inFlightFamiliesCount: sum((p) => at(p).counters.inFlightFamiliesCount),
    });
    previousT = e.t;
    ticks++;
  }
  return {
    ...built,
    byPartition: byPartition.map(plainList),
    global: { length: global.length, at: (i) => global[i] },
  };
}
