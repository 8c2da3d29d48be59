// A growable FIFO of numbers on a circular Float64Array: O(1) push and shift without the cost of
// Array#shift, and no allocation once it has grown to its working size.

export class NumberQueue {
  private buf: Float64Array;
  private mask: number;
  private head = 0;
  size = 0;

  /** capacity is rounded up to a power of two. */
  constructor(capacity = 4) {
    let c = 1;
    while (c < capacity) c *= 2;
    this.buf = new Float64Array(c);
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

  private grow(): void {
    const n = this.buf.length * 2;
    const next = new Float64Array(n);
    // The values in order: from the head to the end of the buffer, then the part that wrapped round.
    const toEnd = this.buf.subarray(this.head, Math.min(this.head + this.size, this.buf.length));
    next.set(toEnd);
    next.set(this.buf.subarray(0, this.size - toEnd.length), toEnd.length);
    this.buf = next;
    this.mask = n - 1;
    this.head = 0;
  }
}
