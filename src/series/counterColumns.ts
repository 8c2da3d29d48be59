// A growing table of rows of 8 numbers (a partition's counters at each tick, or their sums over
// partitions), kept compressed so a soak of millions of ticks stays small: rows go into chunks of
// CHUNK_ROWS; a full chunk keeps, per column, the differences between consecutive rows in the
// narrowest integer array that holds them (none at all when the column did not change), and the
// raw values when a column holds something other than safe integers. Reading decodes a chunk into
// a small cache of recently read chunks, so reading in tick order (forwards or backwards) decodes
// each chunk once per pass.

export const COLUMNS = 8;
const SHIFT = 9;
const CHUNK_ROWS = 1 << SHIFT;
const MASK = CHUNK_ROWS - 1;
/** Decoded chunks kept per column: reading two ticks a chunk apart (a window's ends) decodes neither again. */
const CACHE_SLOTS = 2;
/** Rows the open chunk starts with (it doubles up to CHUNK_ROWS): a run of many partitions and few ticks stays small. */
const FIRST_OPEN_ROWS = 32;

type Deltas = Int8Array | Int16Array | Int32Array;

/** The differences of the column being sealed (one table seals at a time). */
const SCRATCH = new Int32Array(CHUNK_ROWS);

interface SealedChunk {
  /** Per column: the value of the row before the chunk (0 for the first chunk). */
  base: Float64Array;
  /** Per column: differences row by row; undefined when every difference is 0 or `raw` holds the column. */
  deltas: (Deltas | undefined)[];
  /** Per column: the values themselves, when they are not all safe integers. */
  raw: (Float64Array | undefined)[];
}

export class CounterColumns {
  private readonly sealed: SealedChunk[] = [];
  private open = new Float64Array(FIRST_OPEN_ROWS * COLUMNS);
  private openRows = 0;
  private rows = 0;
  private readonly cacheChunk = new Int32Array(CACHE_SLOTS).fill(-1);
  /** Allocated when first needed. */
  private readonly cacheData: Float64Array[] = [];
  private nextSlot = 0;
  /** The last row of the last sealed chunk (zeros before the first): the next chunk's base. */
  private readonly lastSealedRow = new Float64Array(COLUMNS);

  get length(): number {
    return this.rows;
  }

  /** Appends a row; `values` holds COLUMNS numbers from `offset`. */
  push(values: ArrayLike<number>, offset = 0): void {
    const at = this.openRows * COLUMNS;
    if (at === this.open.length) {
      const grown = new Float64Array(this.open.length * 2);
      grown.set(this.open);
      this.open = grown;
    }
    for (let k = 0; k < COLUMNS; k++) this.open[at + k] = values[offset + k];
    this.openRows++;
    this.rows++;
    if (this.openRows === CHUNK_ROWS) this.seal();
  }

  /** The value in column k of row i (0 <= i < length). */
  value(i: number, k: number): number {
    return this.rowData(i)[(i & MASK) * COLUMNS + k];
  }

  /**
   * The array holding row i, whose values start at rowOffset(i). Valid until the next push or read of
   * another chunk, so copy what must outlive that.
   */
  rowData(i: number): Float64Array {
    const c = i >> SHIFT;
    if (c === this.sealed.length) return this.open;
    for (let s = 0; s < CACHE_SLOTS; s++) if (this.cacheChunk[s] === c) return this.cacheData[s];
    const slot = this.nextSlot;
    this.nextSlot = (slot + 1) % CACHE_SLOTS;
    this.cacheData[slot] ??= new Float64Array(CHUNK_ROWS * COLUMNS);
    this.decode(this.sealed[c], this.cacheData[slot]);
    this.cacheChunk[slot] = c;
    return this.cacheData[slot];
  }

  /** Math.max of `start` and every value of column k, read without decoding the chunks. */
  columnMax(k: number, start: number): number {
    let max = start;
    for (const chunk of this.sealed) {
      const raw = chunk.raw[k];
      const d = chunk.deltas[k];
      if (raw) {
        for (let j = 0; j < CHUNK_ROWS; j++) max = Math.max(max, raw[j]);
      } else if (d) {
        let v = chunk.base[k];
        for (let j = 0; j < CHUNK_ROWS; j++) {
          v += d[j];
          max = Math.max(max, v);
        }
      } else {
        max = Math.max(max, chunk.base[k]);
      }
    }
    for (let j = 0; j < this.openRows; j++) max = Math.max(max, this.open[j * COLUMNS + k]);
    return max;
  }

  rowOffset(i: number): number {
    return (i & MASK) * COLUMNS;
  }

  private seal(): void {
    const base = Float64Array.from(this.lastSealedRow);
    const lastAt = (CHUNK_ROWS - 1) * COLUMNS;
    const deltas: (Deltas | undefined)[] = [];
    const raw: (Float64Array | undefined)[] = [];
    for (let k = 0; k < COLUMNS; k++) {
      // Whole-number values in a safe range with 32-bit differences are kept as differences;
      // anything else (fractions, huge jumps) as the values themselves.
      let min = 0;
      let max = 0;
      let encodable = Number.isSafeInteger(base[k]);
      let prev = base[k];
      const open = this.open;
      const scratch = SCRATCH;
      for (let j = 0; j < CHUNK_ROWS && encodable; j++) {
        const v = open[j * COLUMNS + k];
        const d = v - prev;
        if ((d | 0) !== d || v > Number.MAX_SAFE_INTEGER || v < -Number.MAX_SAFE_INTEGER) encodable = false;
        if (d < min) min = d;
        if (d > max) max = d;
        scratch[j] = d;
        prev = v;
      }
      if (!encodable) {
        const values = new Float64Array(CHUNK_ROWS);
        for (let j = 0; j < CHUNK_ROWS; j++) values[j] = open[j * COLUMNS + k];
        raw.push(values);
        deltas.push(undefined);
        continue;
      }
      raw.push(undefined);
      if (min === 0 && max === 0) {
        deltas.push(undefined);
        continue;
      }
      // Copied natively from the 32-bit differences into the narrowest array that holds them.
      const d: Deltas =
        min >= -128 && max <= 127
          ? new Int8Array(CHUNK_ROWS)
          : min >= -32768 && max <= 32767
            ? new Int16Array(CHUNK_ROWS)
            : new Int32Array(CHUNK_ROWS);
      d.set(scratch);
      deltas.push(d);
    }
    this.sealed.push({ base, deltas, raw });
    for (let k = 0; k < COLUMNS; k++) this.lastSealedRow[k] = this.open[lastAt + k];
    this.openRows = 0;
    // The open chunk's array (now CHUNK_ROWS long) is reused for the next chunk: its rows are in
    // `sealed`, and a new 32 KB array per chunk would keep the garbage collector busy.
  }

  private decode(chunk: SealedChunk, into: Float64Array): void {
    for (let k = 0; k < COLUMNS; k++) {
      const raw = chunk.raw[k];
      if (raw) {
        for (let j = 0; j < CHUNK_ROWS; j++) into[j * COLUMNS + k] = raw[j];
        continue;
      }
      const d = chunk.deltas[k];
      let v = chunk.base[k];
      if (!d) {
        for (let j = 0; j < CHUNK_ROWS; j++) into[j * COLUMNS + k] = v;
        continue;
      }
      for (let j = 0; j < CHUNK_ROWS; j++) {
        v += d[j];
        into[j * COLUMNS + k] = v;
      }
    }
  }
}
