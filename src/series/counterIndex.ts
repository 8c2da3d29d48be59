// Where each counter sits in a row of counters (PointList.readRow, CounterColumns): the
// COUNTER_KEYS order, as constants a rule that reads every tick can index with.

import { COUNTER_KEYS } from '../format/runEvents';

export const TASKS_IN = 0;
export const DISPATCHED = 1;
export const COMPLETED = 2;
export const REJECTS_BUSY = 3;
export const ENQUEUED_DUE_TO_BUSY = 4;
export const MAX_PENDING_DEPTH = 5;
export const READY_FAMILIES = 6;
export const IN_FLIGHT_FAMILIES = 7;

const EXPECTED = [
  'tasksIn',
  'dispatched',
  'completed',
  'rejectsBusy',
  'enqueuedDueToBusy',
  'maxPendingDepthObserved',
  'readyFamiliesCount',
  'inFlightFamiliesCount',
];
if (COUNTER_KEYS.join() !== EXPECTED.join()) throw new Error(`counterIndex: COUNTER_KEYS changed order (${COUNTER_KEYS.join(', ')})`);
