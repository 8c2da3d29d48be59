// The metric names a cell's `expect:` thresholds may use. The spec parser (src/spec) validates
// names against this list (with "did you mean"); the analysis computes each of them from a run.

export const THRESHOLD_METRICS = [
  'rejectPct',
  'completedPerS',
  'tasksIn',
  'completed',
  'rejectsBusy',
  'offered',
  'peakPendingDepth',
  'drainS',
  'maxReadyFamilies',
  'dispatched',
  'enqueuedDueToBusy',
  'maxInFlightFamilies',
] as const;

export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];

export const THRESHOLD_METRIC_DOCS: Record<ThresholdMetric, string> = {
  rejectPct: 'Rejected publishes as a percentage of tasks offered (rejectsBusy / (tasksIn + rejectsBusy) × 100), whole run.',
  completedPerS: 'Throughput: tasks completed per second during the measure window, summed over partitions.',
  tasksIn: 'Total tasks accepted by the partitions, whole run.',
  completed: 'Total tasks completed (completeSink#onComplete called), whole run.',
  rejectsBusy: 'Total ring publishes rejected because the ring was full, whole run.',
  offered: 'Total tasks offered to the partitions (tasksIn + rejectsBusy), whole run.',
  peakPendingDepth: 'Largest maxPendingDepthObserved of any partition (the hot partition in hot-family).',
  drainS:
    'Seconds from the end of production until everything completed. A run that never drained has no value: a threshold on drainS then fails, saying how many tasks were still outstanding.',
  maxReadyFamilies: 'Largest readyFamiliesCount seen at any tick on any partition.',
  dispatched: 'Total tasks handed to the business handler, whole run.',
  enqueuedDueToBusy: 'Total tasks that arrived for a family already in flight and waited in its pending queue, whole run.',
  maxInFlightFamilies: 'Largest inFlightFamiliesCount seen at any tick on any partition.',
};

/**
 * Decimals a metric is shown with wherever a table or chart lists it across runs (a sweep's
 * table and chart), the same in every row: percentages to 2, rates and seconds to 1, counts whole.
 */
export const METRIC_DECIMALS: Readonly<Record<ThresholdMetric, number>> = {
  rejectPct: 2,
  completedPerS: 1,
  drainS: 1,
  tasksIn: 0,
  completed: 0,
  rejectsBusy: 0,
  offered: 0,
  peakPendingDepth: 0,
  maxReadyFamilies: 0,
  dispatched: 0,
  enqueuedDueToBusy: 0,
  maxInFlightFamilies: 0,
};

export function metricDecimals(metric: string): number {
  return (METRIC_DECIMALS as Record<string, number>)[metric] ?? 2;
}

/**
 * Which way a metric gets better, for comparisons of runs (`stressnb compare`): a change the
 * other way is a regression. `either` for the ones that describe the load rather than how the
 * scheduler coped with it; their changes are reported, never judged.
 */
export const METRIC_BETTER: Record<ThresholdMetric, 'higher' | 'lower' | 'either'> = {
  rejectPct: 'lower',
  completedPerS: 'higher',
  tasksIn: 'higher',
  completed: 'higher',
  rejectsBusy: 'lower',
  offered: 'either',
  peakPendingDepth: 'lower',
  drainS: 'lower',
  maxReadyFamilies: 'lower',
  dispatched: 'higher',
  enqueuedDueToBusy: 'lower',
  maxInFlightFamilies: 'either',
};
