// The per-tick, per-partition figures the charts draw, derived from a run's events.
// Kept inside charts/ so the chart builders depend only on RunEvent (the shared contract).
//
// Rates are the counter delta since the previous tick divided by the elapsed time; the first
// tick is measured from t = 0 with all counters at 0. A tick at the same time as the previous
// one (dt <= 0) adds no row: its counters still become the base of the next delta.

import type { PartitionCounters, Phase, RunEvent } from '../../format/runEvents';

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
  rows: PartitionRow[];
  totals: TotalRow[];
  phases: PhaseWindow[];
  /** Counters of the last tick, one entry per partition (empty before the first tick). */
  last: PartitionCounters[];
  /** Time of the last event seen. */
  endT: number;
}

export function deriveChartData(events: readonly RunEvent[]): ChartData {
  const rows: PartitionRow[] = [];
  const totals: TotalRow[] = [];
  const phaseStarts: { phase: Phase; t: number }[] = [];
  let previous: PartitionCounters[] = [];
  let previousT = 0;
  let partitions = 0;
  let endT = 0;

  for (const event of events) {
    if (event.type === 'config') {
      const n = Number(event.config.partitions);
      if (Number.isInteger(n) && n > 0) partitions = Math.max(partitions, n);
      continue;
    }
    endT = Math.max(endT, event.t);
    if (event.type === 'phase') {
      phaseStarts.push({ phase: event.phase, t: event.t });
      continue;
    }
    partitions = Math.max(partitions, event.partitions.length);
    const dt = event.t - previousT;
    if (dt > 0) {
      let completedPerS = 0;
      let rejectsPerS = 0;
      event.partitions.forEach((now, partition) => {
        if (!now) return;
        const before = previous[partition];
        const completed = rate(now.completed - (before?.completed ?? 0), dt);
        const rejects = rate(now.rejectsBusy - (before?.rejectsBusy ?? 0), dt);
        completedPerS += completed;
        rejectsPerS += rejects;
        rows.push({
          t: event.t,
          partition,
          completedPerS: completed,
          rejectsPerS: rejects,
          tasksIn: now.tasksIn,
          enqueuedDueToBusy: now.enqueuedDueToBusy,
          maxPendingDepthObserved: now.maxPendingDepthObserved,
          readyFamiliesCount: now.readyFamiliesCount,
          inFlightFamiliesCount: now.inFlightFamiliesCount,
        });
      });
      totals.push({ t: event.t, completedPerS: round2(completedPerS), rejectsPerS: round2(rejectsPerS) });
      previousT = event.t;
    }
    previous = event.partitions.map((now, p) => now ?? previous[p]);
  }

  return { partitions, rows, totals, phases: phaseWindows(phaseStarts, endT), last: previous, endT };
}

function phaseWindows(starts: { phase: Phase; t: number }[], endT: number): PhaseWindow[] {
  const windows: PhaseWindow[] = [];
  starts.forEach(({ phase, t }, i) => {
    if (phase === 'done') return;
    const end = i + 1 < starts.length ? starts[i + 1].t : endT;
    windows.push({ phase, start: t, end: Math.max(end, t) });
  });
  return windows;
}

/** Counter deltas can be negative when a real scheduler restarts; a rate below 0 means nothing. */
function rate(delta: number, dt: number): number {
  return round2(Math.max(0, delta) / dt);
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
