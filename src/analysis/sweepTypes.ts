// One row of a what-if sweep: the point's swept values, its verdict, the threshold metrics of its
// run (the names and values `stressnb analyze` reports in summary.metrics) and its triage hints.
// Plain JSON, so rows cross from the worker threads and go into `stressnb sweep --format json`.

import type { SweepValue } from '../spec/sweepGrid';
import type { HintRule, ThresholdResult } from './reportTypes';

/** A triage hint of a point, without the per-partition evidence (the point's own run shows that). */
export interface SweepHint {
  rule: HintRule;
  partitions: number[];
  from: number;
  to: number;
  message: string;
}

/** A threshold of a point: which, how it came out, and why. */
export interface SweepThreshold {
  metric: string;
  expected: string;
  status: ThresholdResult['status'];
  actual?: number;
  message: string;
}

/** What the run of one point gives. */
export interface SweepPointResult {
  /** `fail` when a threshold of `expect:` failed or could not be evaluated, or the point could not run. */
  verdict: 'pass' | 'fail';
  metrics: Record<string, number>;
  /** Why a metric has no value (drainS of a point that never drained), as RunSummary.unmeasured. */
  unmeasured?: Record<string, string>;
  hints: SweepHint[];
  /** The metrics whose threshold failed (or had no value). */
  failed: string[];
  /** Each threshold of `expect:` with its outcome (absent in rows made before they were kept). */
  thresholds?: SweepThreshold[];
  /** Why the point could not run (its spec was invalid, or the engine failed). */
  error?: string;
}

export interface SweepRow extends SweepPointResult {
  /** The point's index in the grid (0-based; tables number it from 1). */
  index: number;
  /** The swept values, by key as written under `sweep:`. */
  params: Record<string, SweepValue>;
}
