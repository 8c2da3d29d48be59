// The six counters of DESIGN.md section 2, one slot per partition. Storage only: each counter is
// incremented in exactly one place, in schedulerModel.ts (tasksIn and rejectsBusy in publish,
// enqueuedDueToBusy and maxPendingDepthObserved in accept, dispatched in dispatchReady, completed
// in onComplete). The two gauges are read from the model at each tick.

import type { PartitionCounters } from '../format/runEvents';

export class CounterBank {
  readonly tasksIn: Float64Array;
  readonly dispatched: Float64Array;
  readonly completed: Float64Array;
  readonly rejectsBusy: Float64Array;
  readonly enqueuedDueToBusy: Float64Array;
  readonly maxPendingDepthObserved: Float64Array;

  constructor(partitions: number) {
    this.tasksIn = new Float64Array(partitions);
    this.dispatched = new Float64Array(partitions);
    this.completed = new Float64Array(partitions);
    this.rejectsBusy = new Float64Array(partitions);
    this.enqueuedDueToBusy = new Float64Array(partitions);
    this.maxPendingDepthObserved = new Float64Array(partitions);
  }

  read(p: number, readyFamiliesCount: number, inFlightFamiliesCount: number): PartitionCounters {
    return {
      tasksIn: this.tasksIn[p],
      dispatched: this.dispatched[p],
      completed: this.completed[p],
      rejectsBusy: this.rejectsBusy[p],
      enqueuedDueToBusy: this.enqueuedDueToBusy[p],
      maxPendingDepthObserved: this.maxPendingDepthObserved[p],
      readyFamiliesCount,
      inFlightFamiliesCount,
    };
  }
}
