// The capacity a search found, as a pinned baseline keeps it, and `expect: { capacity: ... }`: the
// value found compared with a number (">= 240") or with the baseline's capacity (">= baseline - 5%").
// A baseline's capacity of another key, or one judged by another `until`, is not comparable: an
// error that says so, never a pass.

import type { SearchPlan, SearchUntil } from '../spec/searchPlan';
import { relativeBound } from '../spec/relativeThreshold';
import { compareThreshold } from '../spec/thresholdComparison';
import { parseThreshold } from '../spec/thresholdExpression';
import { formatMetric } from './reportNumbers';
import type { ThresholdResult } from './reportTypes';

/** A search's answer as a baseline holds it (notebook metadata, or `stressnb search --format json`). */
export interface CapacityBaseline {
  key: string;
  /** The highest value that sustained. */
  value: number;
  /** The first value that failed, beyond it. */
  firstFailure: number;
  until: SearchUntil;
  precisionPct: number;
}

export const CAPACITY_METRIC_NAME = 'capacity';

/**
 * Reads a capacity baseline defensively (it comes from a file a person may edit): the form a pinned
 * baseline keeps, or the JSON of `stressnb search --format json`; undefined when it is neither.
 */
export function readCapacityBaseline(value: unknown): CapacityBaseline | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const given = value as Record<string, unknown>;
  const v =
    isRecord(given.sustained) && isRecord(given.firstFailure)
      ? {
          key: given.key,
          until: given.until,
          precisionPct: given.precisionPct,
          value: given.sustained.value,
          firstFailure: given.firstFailure.value,
        }
      : given;
  const numbers = [v.value, v.firstFailure, v.precisionPct].every((n) => typeof n === 'number' && Number.isFinite(n));
  if (typeof v.key !== 'string' || !numbers || (v.until !== 'saturated' && v.until !== 'fail')) return undefined;
  return {
    key: v.key,
    value: v.value as number,
    firstFailure: v.firstFailure as number,
    until: v.until,
    precisionPct: v.precisionPct as number,
  };
}

/**
 * The capacity threshold of a search that found `value` (undefined: it found none, e.g. even
 * `from` failed). Relative to the baseline without one: not evaluated, as any relative threshold.
 */
export function evaluateCapacityThreshold(
  plan: Pick<SearchPlan, 'key' | 'until' | 'capacityThreshold'>,
  value: number | undefined,
  baseline: CapacityBaseline | undefined,
): ThresholdResult | undefined {
  const expected = plan.capacityThreshold;
  if (expected === undefined) return undefined;
  const metric = CAPACITY_METRIC_NAME;
  const parsed = parseThreshold(expected);
  if ('error' in parsed) return { metric, expected, status: 'error', message: `${metric} ${expected}: ${parsed.error}` };
  if (value === undefined)
    return {
      metric,
      expected,
      status: 'fail',
      message: `${metric} ${expected}: the search found no value of ${plan.key} that sustains: FAILED`,
    };
  if (parsed.kind === 'absolute') {
    const ok = compareThreshold(value, parsed);
    return {
      metric,
      expected,
      status: ok ? 'pass' : 'fail',
      actual: value,
      message: `${metric} = ${formatMetric(value)} (${plan.key}), expected ${expected}${ok ? '' : ': FAILED'}`,
    };
  }
  if (!baseline)
    return {
      metric,
      expected,
      status: 'not evaluated',
      actual: value,
      message: `${metric} ${expected}: not evaluated, the baseline holds no capacity (pin a search as the baseline)`,
    };
  if (baseline.key !== plan.key || baseline.until !== plan.until) {
    return {
      metric,
      expected,
      status: 'error',
      actual: value,
      message: `${metric} ${expected}: the baseline's capacity is of ${baseline.key} until ${baseline.until}, this search's of ${plan.key} until ${plan.until} (pin this search as the baseline)`,
    };
  }
  const bound = relativeBound(baseline.value, parsed);
  const ok = compareThreshold(value, { op: parsed.op, value: bound });
  return {
    metric,
    expected,
    status: ok ? 'pass' : 'fail',
    actual: value,
    baseline: baseline.value,
    bound,
    message: `${metric} = ${formatMetric(value)} (${plan.key}), expected ${expected}: baseline ${formatMetric(baseline.value)}, so ${parsed.op} ${formatMetric(bound)}${ok ? '' : ': FAILED'}`,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
