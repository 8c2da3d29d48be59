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
  drainS: 'Seconds from the end of production until everything completed (the run time-out if it never drained).',
  maxReadyFamilies: 'Largest readyFamiliesCount seen at any tick on any partition.',
  dispatched: 'Total tasks handed to the business handler, whole run.',
  enqueuedDueToBusy: 'Total tasks that arrived for a family already in flight and waited in its pending queue, whole run.',
  maxInFlightFamilies: 'Largest inFlightFamiliesCount seen at any tick on any partition.',
};

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
