// The Prometheus metric names a metrics or Prometheus source reads for the counter-line contract's
// counters and gauges (DESIGN.md section 2), in Prometheus style; `metrics:` overrides any of them.

import type { CounterKey } from '../format/runEvents';

export const DEFAULT_METRIC_NAMES: Readonly<Record<CounterKey, string>> = {
  tasksIn: 'scheduler_tasks_in_total',
  dispatched: 'scheduler_dispatched_total',
  completed: 'scheduler_completed_total',
  rejectsBusy: 'scheduler_rejects_busy_total',
  enqueuedDueToBusy: 'scheduler_enqueued_due_to_busy_total',
  maxPendingDepthObserved: 'scheduler_max_pending_depth_observed',
  readyFamiliesCount: 'scheduler_ready_families',
  inFlightFamiliesCount: 'scheduler_in_flight_families',
};

export const DEFAULT_PARTITION_LABEL = 'partition';

/** A Prometheus metric name (the data model's rule). */
export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** A Prometheus label name. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
