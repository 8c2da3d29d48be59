// The six counters of DESIGN.md section 2, one slot per partition. Storage only: each counter is
// incremented in exactly one place, in schedulerModel.ts (tasksIn and rejectsBusy in publish,
// enqueuedDueToBusy and maxPendingDepthObserved in accept, dispatched in dispatchReady, completed
// in onComplete). The two gauges are read from the model at each tick.

import type { PartitionCounters } from '../format/runEvents';
import { zeroes } from './numberArrays';

export class CounterBank {
  readonly tasksIn: number[];
  readonly dispatched: number[];
  readonly completed: number[];
  readonly rejectsBusy: number[];
  readonly enqueuedDueToBusy: number[];
  readonly maxPendingDepthObserved: number[];

  constructor(partitions: number) {
    this.tasksIn = zeroes(partitions);
    this.dispatched = zeroes(partitions);
    this.completed = zeroes(partitions);
    this.rejectsBusy = zeroes(partitions);
    this.enqueuedDueToBusy = zeroes(partitions);
    this.maxPendingDepthObserved = zeroes(partitions);
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
