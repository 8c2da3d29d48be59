// Hand-made runs for analysis tests: a counter function per partition and tick, wrapped in a
// config line, optional phases and a done phase. For rules no engine fault exercises, and for
// exact control over the counters.

import type { ConfigHeader, PartitionCounters, Phase, RunEvent } from '../../../src/format/runEvents';

export interface SyntheticRun {
  partitions: number;
  ticks: number;
  tickS?: number;
  config?: ConfigHeader;
  /** Phase events placed before the tick with the given index. */
  phases?: { beforeTick: number; phase: Exclude<Phase, 'done'> }[];
  /** Append `done` (default true). */
  done?: boolean;
  counters(p: number, i: number): PartitionCounters;
}

export function syntheticRun(run: SyntheticRun): RunEvent[] {
  const tickS = run.tickS ?? 0.5;
  const events: RunEvent[] = [
    { type: 'config', config: { partitions: run.partitions, tickMs: tickS * 1000, scenario: 'custom', seed: 1, ...run.config } },
  ];
  for (let i = 0; i < run.ticks; i++) {
    const t = Math.round((i + 1) * tickS * 1000) / 1000;
    for (const ph of run.phases ?? [])
      if (ph.beforeTick === i) events.push({ type: 'phase', t: Math.round((t - tickS) * 1000) / 1000, phase: ph.phase });
    events.push({ type: 'tick', t, partitions: Array.from({ length: run.partitions }, (_, p) => run.counters(p, i)) });
  }
  if (run.done !== false) events.push({ type: 'phase', t: Math.round(run.ticks * tickS * 1000) / 1000, phase: 'done', reason: 'drained' });
  return events;
}

/** A healthy partition: `perTick` tasks arrive, are dispatched and complete every tick. */
export function steadyCounters(i: number, perTick = 10): PartitionCounters {
  const n = (i + 1) * perTick;
  // A pending depth of 1 needs a task: an idle partition (perTick 0) keeps its counters sound.
  return {
    tasksIn: n,
    dispatched: n,
    completed: n,
    rejectsBusy: 0,
    enqueuedDueToBusy: 0,
    maxPendingDepthObserved: Math.min(1, n),
    readyFamiliesCount: 0,
    inFlightFamiliesCount: 0,
  };
}

/** Counters with the given fields changed. */
export function withCounters(base: PartitionCounters, change: Partial<PartitionCounters>): PartitionCounters {
  return { ...base, ...change };
}
