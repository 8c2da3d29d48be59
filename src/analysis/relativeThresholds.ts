// Thresholds relative to the pinned baseline (">= baseline - 10%"): evaluated against the
// baseline's value of the same metric, marked in the baseline comparison, and "not evaluated"
// (an error when a baseline is required, `stressnb analyze --strict`) when there is no baseline.
// How the report words them: src/report/thresholdMarks.ts.

import type { RelativeThreshold } from '../spec/relativeThreshold';
import { relativeBound } from '../spec/relativeThreshold';
import { compareThreshold } from '../spec/thresholdComparison';
import { formatMetric } from './reportNumbers';
import type { BaselineComparison, ThresholdResult } from './reportTypes';

export interface BaselineMetrics {
  /** The baseline's metrics; undefined when no baseline was given (or it holds no metrics). */
  metrics?: Record<string, unknown>;
  /** Without a baseline, a relative threshold is an error rather than "not evaluated". */
  required?: boolean;
}

export function evaluateRelativeThreshold(
  metric: string,
  expected: string,
  threshold: RelativeThreshold,
  actual: number,
  { metrics, required }: BaselineMetrics,
): ThresholdResult {
  if (!metrics) {
    return required
      ? {
          metric,
          expected,
          status: 'error',
          actual,
          message: `${metric} ${expected} compares with the baseline, and there is none (pass --baseline FILE)`,
        }
      : {
          metric,
          expected,
          status: 'not evaluated',
          actual,
          message: `${metric} ${expected}: not evaluated, there is no baseline to compare with`,
        };
  }
  const baseline = metrics[metric];
  if (typeof baseline !== 'number' || !Number.isFinite(baseline)) {
    return {
      metric,
      expected,
      status: 'error',
      actual,
      message: `${metric} ${expected}: the baseline has no value for ${metric} (pin a new baseline)`,
    };
  }
  const bound = relativeBound(baseline, threshold);
  const ok = compareThreshold(actual, { op: threshold.op, value: bound });
  return {
    metric,
    expected,
    status: ok ? 'pass' : 'fail',
    actual,
    baseline,
    bound,
    message: `${metric} = ${formatMetric(actual)}, expected ${expected}: baseline ${formatMetric(baseline)}, so ${threshold.op} ${formatMetric(bound)}${ok ? '' : ': FAILED'}`,
  };
}

/** Marks each metric of the comparison that a relative threshold judged, with its verdict and bound. */
export function markThresholds(comparison: BaselineComparison, thresholds: readonly ThresholdResult[]): void {
  for (const d of comparison.metrics) {
    const t = thresholds.find((r) => r.metric === d.metric && r.bound !== undefined && (r.status === 'pass' || r.status === 'fail'));
    if (t) d.threshold = { expected: t.expected, bound: t.bound!, status: t.status as 'pass' | 'fail' };
  }
}
