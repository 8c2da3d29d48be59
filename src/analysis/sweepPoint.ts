// The analysis of one point of a sweep: the same summary metrics and triage hints as the run's
// own report, and the thresholds of `expect:` as the point's verdict. Scenario checks are left
// out on purpose: a what-if grid is meant to find the points where a scenario's evidence (rejects
// in a small ring, say) stops showing.

import type { Expectations } from '../spec/scenarioSpec';
import { summarizeRun } from './runSummary';
import { evaluateThresholds } from './thresholds';
import type { TickSeries } from './tickSeries';
import { findTriageHints } from './triageHints';
import type { SweepPointResult } from './sweepTypes';

export function analyzeSweepPoint(series: TickSeries, expect: Expectations): SweepPointResult {
  const summary = summarizeRun(series);
  const thresholds = evaluateThresholds(expect, summary.metrics);
  const failed = thresholds.filter((t) => t.status !== 'pass').map((t) => t.metric);
  const hints = findTriageHints(series).map(({ rule, partitions, from, to, message }) => ({ rule, partitions, from, to, message }));
  return { verdict: failed.length > 0 ? 'fail' : 'pass', metrics: summary.metrics, hints, failed };
}

/** A point that could not run at all. */
export function failedSweepPoint(error: string): SweepPointResult {
  return { verdict: 'fail', metrics: {}, hints: [], failed: [], error };
}
