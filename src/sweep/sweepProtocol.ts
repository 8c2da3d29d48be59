// Messages between a sweep's pool (sweepPool.ts) and its worker threads (sweepWorker.ts).

import type { RunSummary } from '../analysis/reportTypes';
import type { SweepPointResult } from '../analysis/sweepTypes';
import type { SweepAssignment } from '../spec/sweepGrid';

export interface SweepWorkerData {
  /** The sweep cell's text: every point's spec is derived from it. */
  cellText: string;
  /** The pinned baseline of each scenario, for thresholds relative to the baseline. */
  baselines?: Record<string, RunSummary>;
  /** A threshold relative to the baseline without one fails the point (`--strict`). */
  requireBaseline?: boolean;
}

/** Pool -> worker: run this point. */
export interface SweepTask {
  type: 'point';
  index: number;
  assignments: SweepAssignment[];
}

/** Worker -> pool: the point's row. */
export interface SweepTaskDone {
  type: 'row';
  index: number;
  result: SweepPointResult;
}
