// Thresholds a cell declares (`expect: { rejectPct: "< 1", completedPerS: ">= 250" }`), evaluated
// against a run's metrics. An unknown metric, an unreadable comparison or a metric without a value
// is an `error` result: never a silent pass.

import { didYouMean } from '../spec/editDistance';
import type { Expectations } from '../spec/scenarioSpec';
import { compareThreshold, parseThresholdComparison } from '../spec/thresholdComparison';
import { formatMetric } from './reportNumbers';
import type { ThresholdResult } from './reportTypes';
import { THRESHOLD_METRICS } from '../spec/thresholdMetrics';

export function evaluateThresholds(expect: Expectations | undefined, metrics: Record<string, number>): ThresholdResult[] {
  if (!expect) return [];
  return Object.entries(expect).map(([metric, expected]): ThresholdResult => {
    if (!(THRESHOLD_METRICS as readonly string[]).includes(metric)) {
      return {
        metric, expected: String(expected), status: 'error',
        message: `unknown metric "${metric}"${didYouMean(metric, THRESHOLD_METRICS)} (metrics: ${THRESHOLD_METRICS.join(', ')})`,
      };
    }
    const comparison = parseThresholdComparison(String(expected));
    if ('error' in comparison) return { metric, expected: String(expected), status: 'error', message: `${metric}: ${comparison.error}` };
    const actual = metrics[metric];
    if (typeof actual !== 'number' || !Number.isFinite(actual)) {
      return { metric, expected: String(expected), status: 'error', message: `${metric} has no value for this run (no tick was recorded?)` };
    }
    const ok = compareThreshold(actual, comparison);
    return {
      metric, expected: String(expected).trim(), status: ok ? 'pass' : 'fail', actual,
      message: `${metric} = ${formatMetric(actual)}, expected ${String(expected).trim()}${ok ? '' : ': FAILED'}`,
    };
  });
}
