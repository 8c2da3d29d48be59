// Capacity: does the system keep up with the load offered to it? Over the throughput window (the
// measure phase), per partition and in total: offered/s, completed/s, how fast the backlog
// (tasksIn - completed) grows, and how long that backlog takes to drain at the completion rate.
//
// What completes less than what is offered either waits (the backlog grows) or is rejected:
// offered - completed = backlog growth + rejects, over any window. A partition is saturated when
// that deficit is more than CAPACITY_TOLERANCE of what it was offered (and at least
// CAPACITY_MIN_TASKS tasks, so a handful of tasks in flight at the window's edges is not a verdict).

import type { TickSeries } from '../series/seriesTypes';
import type { ThroughputWindow } from './runWindows';

/** completed/s may fall this share below offered/s before a partition counts as saturated. */
export const CAPACITY_TOLERANCE = 0.05;
/** ...and the tasks not completed in the window (waiting or rejected) must reach this many. */
export const CAPACITY_MIN_TASKS = 10;

export interface CapacityFigures {
  /** (tasksIn + rejectsBusy) per second in the window. */
  offeredPerS: number;
  completedPerS: number;
  /** rejectsBusy per second in the window (the part of the deficit the ring turned away). */
  rejectsPerS: number;
  /** Change of the backlog (tasksIn - completed) over the window, per second. */
  backlogGrowthPerS: number;
  /** Tasks accepted and not completed at the end of the window. */
  backlog: number;
  /** Seconds to complete `backlog` at `completedPerS`; absent when nothing completed (never, at that rate). */
  timeToDrainS?: number;
  /** completed/s below offered/s beyond the tolerance (see the file's comment). */
  saturated: boolean;
}

export interface PartitionCapacity extends CapacityFigures {
  partition: number;
}

export interface RunCapacity {
  /** The throughput window the figures cover: `measure`, else the whole run. */
  window: 'measure' | 'whole run';
  from: number;
  to: number;
  /** All partitions together; `timeToDrainS` is the slowest partition's. */
  total: CapacityFigures;
  perPartition: PartitionCapacity[];
  /** Some partition (or the run as a whole) completed less than it was offered, beyond the tolerance. */
  saturated: boolean;
  /** The partitions that fell behind, in order. */
  saturatedPartitions: number[];
  /** CAPACITY_TOLERANCE as a percentage, so a stored summary says what it was judged by. */
  tolerancePct: number;
}

interface WindowCounts {
  offered: number;
  completed: number;
  rejects: number;
  backlogStart: number;
  backlogEnd: number;
}

/** The run's capacity over its throughput window (runWindows.ts); undefined for a window of no length. */
export function computeCapacity(series: TickSeries, window: ThroughputWindow): RunCapacity | undefined {
  const seconds = window.to - window.from;
  if (!(seconds > 0)) return undefined;

  const counts: WindowCounts[] = series.byPartition.map((points) => {
    const end = points.at(window.endTick);
    const start = window.startTick < 0 ? undefined : points.at(window.startTick);
    return {
      offered: end.offered - (start?.offered ?? 0),
      completed: end.counters.completed - (start?.counters.completed ?? 0),
      rejects: end.counters.rejectsBusy - (start?.counters.rejectsBusy ?? 0),
      backlogStart: start?.outstanding ?? 0,
      backlogEnd: end.outstanding,
    };
  });
  const perPartition = counts.map((c, partition): PartitionCapacity => ({ partition, ...figures(c, seconds) }));
  const sum: WindowCounts = { offered: 0, completed: 0, rejects: 0, backlogStart: 0, backlogEnd: 0 };
  for (const c of counts) {
    sum.offered += c.offered;
    sum.completed += c.completed;
    sum.rejects += c.rejects;
    sum.backlogStart += c.backlogStart;
    sum.backlogEnd += c.backlogEnd;
  }
  const total = figures(sum, seconds);
  // The run drains as fast as its slowest partition: a partition that completes nothing never does.
  const drains = perPartition.filter((p) => p.backlog > 0);
  if (drains.some((p) => p.timeToDrainS === undefined)) delete total.timeToDrainS;
  else if (drains.length > 0) total.timeToDrainS = Math.max(...drains.map((p) => p.timeToDrainS!));

  const saturatedPartitions = perPartition.filter((p) => p.saturated).map((p) => p.partition);
  return {
    window: window.window,
    from: window.from,
    to: window.to,
    total,
    perPartition,
    saturated: total.saturated || saturatedPartitions.length > 0,
    saturatedPartitions,
    tolerancePct: CAPACITY_TOLERANCE * 100,
  };
}

function figures(c: WindowCounts, seconds: number): CapacityFigures {
  const completedPerS = c.completed / seconds;
  const deficit = c.offered - c.completed;
  const out: CapacityFigures = {
    offeredPerS: c.offered / seconds,
    completedPerS,
    rejectsPerS: c.rejects / seconds,
    backlogGrowthPerS: (c.backlogEnd - c.backlogStart) / seconds,
    backlog: c.backlogEnd,
    saturated: c.offered > 0 && deficit > CAPACITY_TOLERANCE * c.offered && deficit >= CAPACITY_MIN_TASKS,
  };
  if (c.backlogEnd <= 0) out.timeToDrainS = 0;
  else if (completedPerS > 0) out.timeToDrainS = c.backlogEnd / completedPerS;
  return out;
}
