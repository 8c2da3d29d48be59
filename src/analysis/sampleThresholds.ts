// Thresholds relative to a baseline (">= baseline - 10%") when both sides are several runs: a
// repeated cell against a baseline pinned from a repeated run. One run against one run compares two
// numbers and flaps with the noise; here the threshold fails only when the run's median is past the
// bound AND a Mann-Whitney test says the runs are worse than the baseline's runs moved to the bound
// (each baseline run's value put through the same margin): a change within the run-to-run noise
// does not fail. With too few runs for the test (runComparison.ts) the medians alone decide, and
// the message says so.

import type { Expectations } from '../spec/scenarioSpec';
import { relativeBound, type RelativeThreshold } from '../spec/relativeThreshold';
import { compareThreshold } from '../spec/thresholdComparison';
import { parseThreshold } from '../spec/thresholdExpression';
import { formatMetric } from './reportNumbers';
import type { ThresholdResult } from './reportTypes';
import { DEFAULT_ALPHA, pText } from './runComparison';
import { mannWhitneyU, smallestExactPValue } from './statistics/mannWhitney';
import { median } from './statistics/sampleSummary';

/** The thresholds of `expect` that compare with the baseline (the others are judged run by run). */
export function relativeExpectations(expect: Expectations): Expectations {
  return Object.fromEntries(
    Object.entries(expect).filter(([, e]) => {
      const t = parseThreshold(String(e));
      return 'kind' in t && t.kind === 'relative';
    }),
  );
}

/** `expect` without the thresholds relative to the baseline. */
export function absoluteExpectations(expect: Expectations): Expectations {
  const relative = relativeExpectations(expect);
  return Object.fromEntries(Object.entries(expect).filter(([m]) => !(m in relative)));
}

function valuesOf(runs: readonly Record<string, number>[], metric: string): number[] {
  return runs.map((m) => m[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/**
 * Each relative threshold of `expect`, judged on the runs' metrics against the baseline's runs'.
 * Without baseline runs: `not evaluated`. Absolute thresholds are left out (judged per run).
 */
export function evaluateSampleThresholds(
  expect: Expectations,
  runs: readonly Record<string, number>[],
  baselineRuns: readonly Record<string, number>[] | undefined,
  alpha = DEFAULT_ALPHA,
): ThresholdResult[] {
  const out: ThresholdResult[] = [];
  for (const [metric, written] of Object.entries(relativeExpectations(expect))) {
    const expected = String(written).trim();
    const t = parseThreshold(expected) as RelativeThreshold & { kind: 'relative' };
    const values = valuesOf(runs, metric);
    if (values.length === 0) {
      out.push({ metric, expected, status: 'error', message: `${metric} has no value in any run` });
      continue;
    }
    const actual = median(values);
    if (!baselineRuns || baselineRuns.length === 0) {
      out.push({
        metric,
        expected,
        status: 'not evaluated',
        actual,
        message: `${metric} ${expected}: not evaluated, there is no baseline to compare with`,
      });
      continue;
    }
    const base = valuesOf(baselineRuns, metric);
    if (base.length === 0) {
      out.push({
        metric,
        expected,
        status: 'error',
        actual,
        message: `${metric} ${expected}: the baseline has no value for ${metric} (pin a new baseline)`,
      });
      continue;
    }
    const baseline = median(base);
    const bound = relativeBound(baseline, t);
    const head = `${metric} median ${formatMetric(actual)} of ${values.length} runs, expected ${expected}: baseline median ${formatMetric(baseline)} of ${base.length}, so ${t.op} ${formatMetric(bound)}`;
    if (compareThreshold(actual, { op: t.op, value: bound })) {
      out.push({ metric, expected, status: 'pass', actual, baseline, bound, message: head });
      continue;
    }
    if (smallestExactPValue(values.length, base.length) > alpha || t.op === '==' || t.op === '!=') {
      out.push({
        metric,
        expected,
        status: 'fail',
        actual,
        baseline,
        bound,
        message: `${head}: FAILED (no noise estimate: too few runs for the test, the medians decided)`,
      });
      continue;
    }
    const p = mannWhitneyU(
      values,
      base.map((b) => relativeBound(b, t)),
    ).pValue;
    out.push(
      p < alpha
        ? {
            metric,
            expected,
            status: 'fail',
            actual,
            baseline,
            bound,
            message: `${head}: FAILED (${pText(p)} against the baseline's runs moved to the bound: beyond the noise)`,
          }
        : {
            metric,
            expected,
            status: 'pass',
            actual,
            baseline,
            bound,
            message: `${head}: past the bound, but within the run-to-run noise (${pText(p)} >= ${alpha})`,
          },
    );
  }
  return out;
}
