// Messages between the worker pool (workerPool.ts, used by sweeps and capacity searches) and its
// worker threads (sweepWorker.ts).

import type { RunSummary } from '../analysis/reportTypes';
import type { ProbeResult } from '../analysis/searchTypes';
import type { SweepPointResult } from '../analysis/sweepTypes';
import type { SearchPlan } from '../spec/searchPlan';
import type { SweepAssignment } from '../spec/sweepGrid';

export interface SweepWorkerData {
  /** The sweep or search cell's text: every point's (or probe's) spec is derived from it. */
  cellText: string;
  /** The pinned baseline of each scenario, for thresholds relative to the baseline. */
  baselines?: Record<string, RunSummary>;
}

/** Pool -> worker: run this point of a sweep. */
export interface SweepTask {
  type: 'point';
  index: number;
  assignments: SweepAssignment[];
}

/** Pool -> worker: run this probe of a capacity search. */
export interface ProbeTask {
  type: 'probe';
  index: number;
  search: Pick<SearchPlan, 'key' | 'path' | 'placeholder' | 'until'>;
  value: number;
}

export type PoolTask = SweepTask | ProbeTask;

/** Worker -> pool: the point's row. */
export interface SweepTaskDone {
  type: 'row';
  index: number;
  result: SweepPointResult;
}

/** Worker -> pool: the probe's result. */
export interface ProbeTaskDone {
  type: 'probe';
  index: number;
  result: ProbeResult;
}

export type PoolTaskDone = SweepTaskDone | ProbeTaskDone;
