// Every family the run has seen, by integer id, in growable typed arrays: its state, its partition
// and its pending FIFO (its tasks in flight are in HandlerCalls). Keyed families live for the whole
// run (one id per distinct key). Uncorrelated tasks (correlationId = -1) get an ephemeral family
// whose id is recycled once the family is released, so memory stays flat however long a run is.

import { NumberQueue } from './numberQueue';

export const IDLE = 0;
export const READY = 1;
/** Held by a task in flight until release (with no-release, possibly with no task in flight). */
export const IN_FLIGHT = 2;

/** Pending queues that grew beyond this are left to the GC instead of being pooled. */
const POOLED_QUEUE_MAX_CAPACITY = 64;

export class FamilyTable {
  state = new Uint8Array(64);
  partition = new Int32Array(64);
  pending: (NumberQueue | undefined)[] = [];
  private ephemeral = new Uint8Array(64);
  private readonly keys: string[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly freeIds: number[] = [];
  private readonly queuePool: NumberQueue[] = [];
  /** Ids handed out so far (the high-water mark, including recycled ones). */
  count = 0;

  /** The id of a keyed family, created on first use with the partition route() gives. */
  keyed(key: string, route: (key: string) => number): number {
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const id = this.allocate(route(key), false);
    this.byKey.set(key, id);
    this.keys[id] = key;
    return id;
  }

  /** A fresh single-task family for an uncorrelated task. */
  ephemeralFamily(partition: number): number {
    return this.allocate(partition, true);
  }

  keyOf(id: number): string | undefined {
    return this.ephemeral[id] ? undefined : this.keys[id];
  }

  isEphemeral(id: number): boolean {
    return this.ephemeral[id] === 1;
  }

  /** Returns an ephemeral family's id once it holds nothing (idle, no pending, not in the ring). */
  recycle(id: number): void {
    if (this.ephemeral[id]) this.freeIds.push(id);
  }

  pendingSize(id: number): number {
    const q = this.pending[id];
    return q === undefined ? 0 : q.size;
  }

  /** Appends to the family's pending FIFO and returns its new size. */
  enqueue(id: number, task: number): number {
    let q = this.pending[id];
    if (q === undefined) {
      q = this.queuePool.pop() ?? new NumberQueue();
      this.pending[id] = q;
    }
    q.push(task);
    return q.size;
  }

  /** Takes the head of the family's pending FIFO. The queue must not be empty. */
  dequeue(id: number): number {
    const q = this.pending[id]!;
    const task = q.shift();
    if (q.size === 0) {
      this.pending[id] = undefined;
      if (q.capacity <= POOLED_QUEUE_MAX_CAPACITY) {
        q.clear();
        this.queuePool.push(q);
      }
    }
    return task;
  }

  private allocate(partition: number, ephemeral: boolean): number {
    const id = this.freeIds.length > 0 ? this.freeIds.pop()! : this.count++;
    if (id >= this.state.length) this.grow();
    this.state[id] = IDLE;
    this.partition[id] = partition;
    this.ephemeral[id] = ephemeral ? 1 : 0;
    return id;
  }

  private grow(): void {
    const n = this.state.length * 2;
    const state = new Uint8Array(n);
    state.set(this.state);
    const partition = new Int32Array(n);
    partition.set(this.partition);
    const ephemeral = new Uint8Array(n);
    ephemeral.set(this.ephemeral);
    this.state = state;
    this.partition = partition;
    this.ephemeral = ephemeral;
  }
}
