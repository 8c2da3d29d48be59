// Ready-made comparisons with the baseline for each threshold metric, for completion: which way a
// metric gets worse decides whether the margin is a floor or a ceiling.

import type { ThresholdMetric } from './thresholdMetrics';

/** Metrics that drop when the system regresses (a floor below the baseline guards them). */
const HIGHER_IS_BETTER: readonly ThresholdMetric[] = ['completedPerS', 'completed', 'tasksIn', 'dispatched'];
/** Metrics that should not move at all between two runs of the same load. */
const SAME_AS_BASELINE: readonly ThresholdMetric[] = ['offered'];

export interface ThresholdExample {
  text: string;
  doc: string;
}

export const BASELINE_DOC =
  "The pinned baseline's value of the same metric (the notebook's baseline of this scenario, or `stressnb analyze --baseline FILE`). " +
  "Add a margin in the metric's unit (`baseline + 2`) or in percent of the baseline's value (`baseline - 10%`). " +
  'Without a baseline the threshold is not evaluated (an error with `stressnb analyze --strict`).';

export function thresholdExamples(metric: ThresholdMetric): ThresholdExample[] {
  if (SAME_AS_BASELINE.includes(metric)) {
    return [
      { text: '== baseline', doc: `Fails when ${metric} differs from the baseline's (a different load makes the comparison meaningless).` },
    ];
  }
  if (HIGHER_IS_BETTER.includes(metric)) {
    return [
      { text: '>= baseline - 10%', doc: `Fails when ${metric} drops more than 10 % below the baseline's.` },
      { text: '>= baseline', doc: `Fails when ${metric} is below the baseline's.` },
    ];
  }
  return [
    { text: '<= baseline + 10%', doc: `Fails when ${metric} rises more than 10 % above the baseline's.` },
    { text: '<= baseline', doc: `Fails when ${metric} is above the baseline's.` },
  ];
}
