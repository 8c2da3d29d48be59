// How the report words thresholds judged against the baseline (src/analysis/relativeThresholds.ts
// evaluates them): the note for thresholds not evaluated, the bound beside a result, the mark in
// the baseline table.

import { formatMetric } from '../analysis/reportNumbers';
import type { MetricDifference, ThresholdResult } from '../analysis/reportTypes';

/** "1 threshold not evaluated: no baseline", or undefined when every threshold was evaluated. */
export function notEvaluatedNote(thresholds: readonly ThresholdResult[]): string | undefined {
  const n = thresholds.filter((t) => t.status === 'not evaluated').length;
  if (n === 0) return undefined;
  return `${n} threshold${n === 1 ? '' : 's'} not evaluated: no baseline`;
}

/** "baseline 200, so >= 180" for a threshold judged against the baseline; undefined for the others. */
export function relativeDetail(t: ThresholdResult): string | undefined {
  if (t.baseline === undefined || t.bound === undefined) return undefined;
  const op = /^\s*(<=|>=|==|!=|<|>)/.exec(t.expected)?.[1] ?? '';
  return `baseline ${formatMetric(t.baseline)}, so ${op} ${formatMetric(t.bound)}`;
}

/** "FAIL: >= baseline - 10% (>= 180)" for a compared metric a relative threshold judged. */
export function differenceMark(d: MetricDifference, words: { pass: string; fail: string }): string {
  if (!d.threshold) return '';
  const op = /^\s*(<=|>=|==|!=|<|>)/.exec(d.threshold.expected)?.[1] ?? '';
  return `${words[d.threshold.status]} ${d.threshold.expected} (${op} ${formatMetric(d.threshold.bound)})`;
}
