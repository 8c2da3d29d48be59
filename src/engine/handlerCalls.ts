// The business-handler calls in flight: each dispatch opens one (its task, family and partition)
// and the handler's completion closes it. The handler-done event carries the call's id, so a
// completion finds its own task even when a family has several in flight (the early-release
// fault). Ids are recycled: the table grows to the most tasks ever in flight at once.

export class HandlerCalls {
  task = new Float64Array(64);
  family = new Int32Array(64);
  /** Stored rather than looked up: an uncorrelated family's id may be reused while its task runs. */
  partition = new Int32Array(64);
  private isOpen = new Uint8Array(64);
  private readonly freeIds: number[] = [];
  /** Ids handed out so far (the high-water mark, including recycled ones). */
  count = 0;

  open(task: number, family: number, partition: number): number {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.count++;
    if (id >= this.task.length) this.grow();
    this.task[id] = task;
    this.family[id] = family;
    this.partition[id] = partition;
    this.isOpen[id] = 1;
    return id;
  }

  close(id: number): void {
    this.isOpen[id] = 0;
    this.freeIds.push(id);
  }

  /** True while the call's task is in flight (opened and not closed). */
  inFlight(id: number): boolean {
    return this.isOpen[id] === 1;
  }

  private grow(): void {
    const n = this.task.length * 2;
    const task = new Float64Array(n);
    task.set(this.task);
    const family = new Int32Array(n);
    family.set(this.family);
    const partition = new Int32Array(n);
    partition.set(this.partition);
    const isOpen = new Uint8Array(n);
    isOpen.set(this.isOpen);
    this.task = task;
    this.family = family;
    this.partition = partition;
    this.isOpen = isOpen;
  }
}
