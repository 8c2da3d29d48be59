// The business-handler calls in flight: each dispatch opens one (its task, family and partition)
// and the handler's completion closes it. The handler-done event carries the call's id, so a
// completion finds its own task even when a family has several in flight (the early-release
// fault). Ids are recycled: the table grows to the most tasks ever in flight at once.

import { filled } from './numberArrays';

const CLOSED = -1;

export class HandlerCalls {
  /** The call's task, or -1 once closed. */
  task = filled(64, CLOSED);
  family = new Int32Array(64);
  /** Stored rather than looked up: an uncorrelated family's id may be reused while its task runs. */
  partition = new Int32Array(64);
  private freeIds = new Int32Array(64);
  private freeCount = 0;
  /** Ids handed out so far (the high-water mark, including recycled ones). */
  count = 0;

  open(task: number, family: number, partition: number): number {
    let id: number;
    if (this.freeCount > 0) id = this.freeIds[--this.freeCount];
    else {
      id = this.count++;
      if (id === this.task.length) this.grow();
    }
    this.task[id] = task;
    this.family[id] = family;
    this.partition[id] = partition;
    return id;
  }

  close(id: number): void {
    this.task[id] = CLOSED;
    this.freeIds[this.freeCount++] = id;
  }

  /** True while the call's task is in flight (opened and not closed). */
  inFlight(id: number): boolean {
    return this.task[id] !== CLOSED;
  }

  private grow(): void {
    const n = this.task.length * 2;
    const task = this.task.concat(filled(n - this.task.length, CLOSED));
    const family = new Int32Array(n);
    family.set(this.family);
    const partition = new Int32Array(n);
    partition.set(this.partition);
    // Every id can be free at once.
    const freeIds = new Int32Array(n);
    freeIds.set(this.freeIds);
    this.task = task;
    this.family = family;
    this.partition = partition;
    this.freeIds = freeIds;
  }
}
