// The counter rules every tick must keep (counterIntegrity.ts names what broke): counters never
// decrease, dispatched <= tasksIn, completed <= dispatched, enqueuedDueToBusy and
// maxPendingDepthObserved <= tasksIn, no counter or gauge below zero.

import {
  COMPLETED,
  DISPATCHED,
  ENQUEUED_DUE_TO_BUSY,
  IN_FLIGHT_FAMILIES,
  MAX_PENDING_DEPTH,
  READY_FAMILIES,
  REJECTS_BUSY,
  TASKS_IN,
} from './counterIndex';

/**
 * Every rule holds for the counters at c[ci...] after those at prev[pi...] (rows in COUNTER_KEYS
 * order): the common case, written out because it runs for every tick of every partition of a
 * long run. NaN fails it.
 */
export function soundRow(c: Float64Array, ci: number, prev: Float64Array, pi: number): boolean {
  return (
    c[ci + TASKS_IN] >= prev[pi + TASKS_IN] &&
    c[ci + DISPATCHED] >= prev[pi + DISPATCHED] &&
    c[ci + COMPLETED] >= prev[pi + COMPLETED] &&
    c[ci + REJECTS_BUSY] >= prev[pi + REJECTS_BUSY] &&
    c[ci + ENQUEUED_DUE_TO_BUSY] >= prev[pi + ENQUEUED_DUE_TO_BUSY] &&
    c[ci + MAX_PENDING_DEPTH] >= prev[pi + MAX_PENDING_DEPTH] &&
    c[ci + DISPATCHED] <= c[ci + TASKS_IN] &&
    c[ci + COMPLETED] <= c[ci + DISPATCHED] &&
    c[ci + ENQUEUED_DUE_TO_BUSY] <= c[ci + TASKS_IN] &&
    c[ci + MAX_PENDING_DEPTH] <= c[ci + TASKS_IN] &&
    c[ci + COMPLETED] >= 0 &&
    c[ci + REJECTS_BUSY] >= 0 &&
    c[ci + ENQUEUED_DUE_TO_BUSY] >= 0 &&
    c[ci + MAX_PENDING_DEPTH] >= 0 &&
    c[ci + READY_FAMILIES] >= 0 &&
    c[ci + IN_FLIGHT_FAMILIES] >= 0
  );
}
