// The simulation's agenda: a 4-ary min-heap of (time, sequence) -> (kind, arg), stored in parallel
// arrays so that scheduling an event allocates nothing (times and sequences in plain arrays, which
// numberArrays.ts explains; 4-ary: half the levels of a binary heap for each event to sift
// through). The sequence number makes events at the same virtual time run in the order they were
// scheduled, which keeps runs deterministic.

import { zeroes } from './numberArrays';

export class EventQueue {
  private times = zeroes(256);
  private seqs = zeroes(256);
  private kinds = new Uint8Array(256);
  private args = new Int32Array(256);
  private count = 0;
  private nextSeq = 0;

  /** Filled by popDue(): the event just taken. */
  poppedTime = 0;
  poppedKind = 0;
  poppedArg = 0;

  get size(): number {
    return this.count;
  }

  /** Time of the earliest event, Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.times[0] : Infinity;
  }

  push(time: number, kind: number, arg: number): void {
    this.pushReserved(time, kind, arg, this.nextSeq++);
  }

  /** The place in the order of same-time events that a push() right now would take, for pushReserved(). */
  reserveSeq(): number {
    return this.nextSeq++;
  }

  /** Pushes an event in the place reserveSeq() gave, as if it had been pushed then. */
  pushReserved(time: number, kind: number, arg: number, seq: number): void {
    if (this.count === this.times.length) this.grow();
    const { times, seqs, kinds, args } = this;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent];
      kinds[i] = kinds[parent];
      args[i] = args[parent];
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    args[i] = arg;
  }

  /**
   * True when an event at `time`, pushed now, would be the next to run, before every queued event,
   * and within a run up to limitUs (at it too, when inclusive): its handler can then run it at
   * once, without a round trip through the queue.
   */
  runsNext(time: number, limitUs: number, inclusive: boolean): boolean {
    return (this.count === 0 || time < this.times[0]) && (inclusive ? time <= limitUs : time < limitUs);
  }

  /**
   * Removes the earliest event into poppedTime / poppedKind / poppedArg when it is due before
   * limitUs (at it too, when inclusive); false when no event is.
   */
  popDue(limitUs: number, inclusive: boolean): boolean {
    if (this.count === 0) return false;
    const { times, seqs, kinds, args } = this;
    const due = times[0];
    if (inclusive ? due > limitUs : due >= limitUs) return false;
    this.poppedTime = due;
    this.poppedKind = kinds[0];
    this.poppedArg = args[0];
    const last = --this.count;
    if (last === 0) return true;
    // The last event sinks from the root to its place: below each node, the earliest of its (up to) four children.
    const t = times[last];
    const s = seqs[last];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= last) break;
      let child = first;
      let ct = times[first];
      let cs = seqs[first];
      const end = first + 4 < last ? first + 4 : last;
      for (let c = first + 1; c < end; c++) {
        const tc = times[c];
        if (tc < ct || (tc === ct && seqs[c] < cs)) {
          child = c;
          ct = tc;
          cs = seqs[c];
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      kinds[i] = kinds[child];
      args[i] = args[child];
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    kinds[i] = kinds[last];
    args[i] = args[last];
    return true;
  }

  private grow(): void {
    const n = this.times.length * 2;
    // The new half's values are free slots, never read before they are written.
    const times = this.times.concat(this.times);
    const seqs = this.seqs.concat(this.seqs);
    const kinds = new Uint8Array(n);
    kinds.set(this.kinds);
    const args = new Int32Array(n);
    args.set(this.args);
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.args = args;
  }
}
