// The analysis of one point of a sweep: the run's own analysis (analyzeSeries, so the metrics and
// hints are those of the point's single run), with the thresholds of `expect:` as the point's
// verdict. Scenario checks are left out of the verdict on purpose: a what-if grid is meant to find
// the points where a scenario's evidence (rejects in a small ring, say) stops showing.

import type { Expectations } from '../spec/scenarioSpec';
import { analyzeSeries } from './analyzeRun';
import type { RunSummary } from './reportTypes';
import type { TickSeries } from '../series/seriesTypes';
import type { SweepPointResult } from './sweepTypes';

export function analyzeSweepPoint(series: TickSeries, expect: Expectations, baseline?: RunSummary): SweepPointResult {
  const report = analyzeSeries(series, { expect, ...(baseline ? { baseline } : {}) });
  // A threshold relative to a baseline that is not there is not evaluated: not a failure.
  const failed = report.thresholds.filter((t) => t.status === 'fail' || t.status === 'error').map((t) => t.metric);
  const hints = report.hints.map(({ rule, partitions, from, to, message }) => ({ rule, partitions, from, to, message }));
  return { verdict: failed.length > 0 ? 'fail' : 'pass', metrics: report.summary.metrics, hints, failed };
}

/** A point that could not run at all. */
export function failedSweepPoint(error: string): SweepPointResult {
  return { verdict: 'fail', metrics: {}, hints: [], failed: [], error };
}
