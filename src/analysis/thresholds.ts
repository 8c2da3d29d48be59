// Thresholds a cell declares (`expect: { rejectPct: "< 1", completedPerS: ">= baseline - 10%" }`),
// evaluated against a run's metrics (and, for a comparison with the baseline, the baseline's). An
// unknown metric, an unreadable comparison or a metric without a value is an `error` result:
// never a silent pass.

import { didYouMean } from '../spec/editDistance';
import type { Expectations } from '../spec/scenarioSpec';
import { compareThreshold } from '../spec/thresholdComparison';
import { parseThreshold } from '../spec/thresholdExpression';
import { formatMetric } from './reportNumbers';
import type { ThresholdResult } from './reportTypes';
import { evaluateRelativeThreshold, type BaselineMetrics } from './relativeThresholds';
import { THRESHOLD_METRICS } from '../spec/thresholdMetrics';

export function evaluateThresholds(
  expect: Expectations | undefined,
  metrics: Record<string, number>,
  baseline: BaselineMetrics = {},
): ThresholdResult[] {
  if (!expect) return [];
  return Object.entries(expect).map(([metric, expected]): ThresholdResult => {
    if (!(THRESHOLD_METRICS as readonly string[]).includes(metric)) {
      return {
        metric,
        expected: String(expected),
        status: 'error',
        message: `unknown metric "${metric}"${didYouMean(metric, THRESHOLD_METRICS)} (metrics: ${THRESHOLD_METRICS.join(', ')})`,
      };
    }
    const comparison = parseThreshold(String(expected));
    if ('error' in comparison) return { metric, expected: String(expected), status: 'error', message: `${metric}: ${comparison.error}` };
    const actual = metrics[metric];
    if (typeof actual !== 'number' || !Number.isFinite(actual)) {
      return {
        metric,
        expected: String(expected),
        status: 'error',
        message: `${metric} has no value for this run (no tick was recorded?)`,
      };
    }
    if (comparison.kind === 'relative') return evaluateRelativeThreshold(metric, String(expected).trim(), comparison, actual, baseline);
    const ok = compareThreshold(actual, comparison);
    return {
      metric,
      expected: String(expected).trim(),
      status: ok ? 'pass' : 'fail',
      actual,
      message: `${metric} = ${formatMetric(actual)}, expected ${String(expected).trim()}${ok ? '' : ': FAILED'}`,
    };
  });
}
