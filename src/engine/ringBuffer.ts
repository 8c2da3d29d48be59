// One partition's bounded ring (the Disruptor): the producer publishes without blocking and fails
// when the ring is full; the intake (the ring's consumer) takes events in order. A slot is free
// again once the consumer has moved its event on, as with a Disruptor's gating sequence.

import { zeroes } from './numberArrays';

export class RingBuffer {
  private readonly tasks: number[];
  private readonly families: Int32Array;
  private readonly mask: number;
  private head = 0;
  size = 0;
  /** Filled by take(): the family of the event just taken. */
  takenFamily = 0;

  /** capacity must be a power of two (the spec parser checks it). */
  constructor(readonly capacity: number) {
    this.tasks = zeroes(capacity);
    this.families = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Non-blocking publish: false when the ring is full. */
  tryPublish(task: number, family: number): boolean {
    if (this.size === this.capacity) return false;
    const slot = (this.head + this.size) & this.mask;
    this.tasks[slot] = task;
    this.families[slot] = family;
    this.size++;
    return true;
  }

  /** The consumer takes the head event (its task; its family goes to takenFamily) and frees its slot. The ring must not be empty. */
  take(): number {
    const head = this.head;
    this.takenFamily = this.families[head];
    this.head = (head + 1) & this.mask;
    this.size--;
    return this.tasks[head];
  }
}
