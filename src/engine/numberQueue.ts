// A growable FIFO of numbers on a circular array: O(1) push and shift without the cost of
// Array#shift, and no allocation once it has grown to its working size (a plain array, not a
// Float64Array: numberArrays.ts says why).

import { zeroes } from './numberArrays';

export class NumberQueue {
  private buf: number[];
  private mask: number;
  private head = 0;
  size = 0;

  /** capacity is rounded up to a power of two. */
  constructor(capacity = 4) {
    let c = 1;
    while (c < capacity) c *= 2;
    this.buf = zeroes(c);
    this.mask = c - 1;
  }

  get capacity(): number {
    return this.buf.length;
  }

  push(value: number): void {
    if (this.size === this.buf.length) this.grow();
    this.buf[(this.head + this.size) & this.mask] = value;
    this.size++;
  }

  /** Removes and returns the oldest value. The queue must not be empty. */
  shift(): number {
    const v = this.buf[this.head];
    this.head = (this.head + 1) & this.mask;
    this.size--;
    return v;
  }

  /** The i-th oldest value (0 = head), for inspection. */
  at(i: number): number {
    return this.buf[(this.head + i) & this.mask];
  }

  clear(): void {
    this.head = 0;
    this.size = 0;
  }

  /** Doubles the buffer of a full queue. */
  private grow(): void {
    const n = this.buf.length * 2;
    // The values in order: from the head to the end of the buffer, then the part that wrapped round.
    const ordered = this.buf.slice(this.head).concat(this.buf.slice(0, this.head));
    // Twice over: the second half's values are free slots, never read before they are written.
    this.buf = ordered.concat(ordered);
    this.mask = n - 1;
    this.head = 0;
  }
}
