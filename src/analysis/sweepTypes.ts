// One row of a what-if sweep: the point's swept values, its verdict, the threshold metrics of its
// run (the names and values `stressnb analyze` reports in summary.metrics) and its triage hints.
// Plain JSON, so rows cross from the worker threads and go into `stressnb sweep --format json`.

import type { SweepValue } from '../spec/sweepGrid';
import type { HintRule } from './reportTypes';

/** A triage hint of a point, without the per-partition evidence (the point's own run shows that). */
export interface SweepHint {
  rule: HintRule;
  partitions: number[];
  from: number;
  to: number;
  message: string;
}

/** What the run of one point gives. */
export interface SweepPointResult {
  /** `fail` when a threshold of `expect:` failed or could not be evaluated, or the point could not run. */
  verdict: 'pass' | 'fail';
  metrics: Record<string, number>;
  hints: SweepHint[];
  /** The metrics whose threshold failed (or had no value). */
  failed: string[];
  /** Why the point could not run (its spec was invalid, or the engine failed). */
  error?: string;
}

export interface SweepRow extends SweepPointResult {
  /** The point's index in the grid (0-based; tables number it from 1). */
  index: number;
  /** The swept values, by key as written under `sweep:`. */
  params: Record<string, SweepValue>;
}
