// The simulation's agenda: a binary min-heap of (time, sequence) -> (kind, arg), stored in
// parallel typed arrays so that scheduling an event allocates nothing. The sequence number makes
// events at the same virtual time run in the order they were scheduled, which keeps runs
// deterministic.

export class EventQueue {
  private times = new Float64Array(256);
  private seqs = new Float64Array(256);
  private kinds = new Uint8Array(256);
  private args = new Int32Array(256);
  private count = 0;
  private nextSeq = 0;

  /** Filled by pop(): the event just taken. */
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
    if (this.count === this.times.length) this.grow();
    const seq = this.nextSeq++;
    const times = this.times;
    const seqs = this.seqs;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && seqs[parent] < seq)) break;
      this.move(parent, i);
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    this.kinds[i] = kind;
    this.args[i] = arg;
  }

  /** Removes the earliest event into poppedTime / poppedKind / poppedArg. The queue must not be empty. */
  pop(): void {
    const times = this.times;
    const seqs = this.seqs;
    this.poppedTime = times[0];
    this.poppedKind = this.kinds[0];
    this.poppedArg = this.args[0];
    const last = --this.count;
    if (last === 0) return;
    const t = times[last];
    const s = seqs[last];
    const k = this.kinds[last];
    const a = this.args[last];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      const right = child + 1;
      if (right < last && (times[right] < times[child] || (times[right] === times[child] && seqs[right] < seqs[child]))) {
        child = right;
      }
      const ct = times[child];
      if (t < ct || (t === ct && s < seqs[child])) break;
      this.move(child, i);
      i = child;
    }
    times[i] = t;
    seqs[i] = s;
    this.kinds[i] = k;
    this.args[i] = a;
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.seqs[to] = this.seqs[from];
    this.kinds[to] = this.kinds[from];
    this.args[to] = this.args[from];
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n);
    times.set(this.times);
    const seqs = new Float64Array(n);
    seqs.set(this.seqs);
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
