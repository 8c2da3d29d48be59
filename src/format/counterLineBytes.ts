// The common partition line read straight from its bytes, with no string at all:
//   t=3.500 partition=0 tasksIn=1234 dispatched=1200 ... inFlightFamiliesCount=2
// (the writer's order, plain digits, blanks between the pairs). A log of millions of lines is
// almost only such lines, so `stressnb analyze` reads them here; any other line (a phase or
// config line, JSON, a logger prefix, extra or reordered keys, quotes, tabs, signs, a value to
// report) is declined and goes through the string readers, which give it the exact same meaning
// and messages. What a line read here means is what logfmtCounterLine gives the same line.

import { COUNTER_KEYS } from './runEvents';
import type { PartitionCounters } from './runEvents';
import { DOT, EQ, LOWER_T, NINE, SPACE, ZERO } from './charCodes';

/** The `t` and partition of the line readPlainCounterLine read last (numbers, not an object per line). */
export const plainLine = { t: 0, partition: 0 };

const KEY_WORDS: KeyWords[] = COUNTER_KEYS.map((key) => keyWords(`${key}=`));
const PARTITION_EQ = keyWords('partition=');
const NK = COUNTER_KEYS.length;

/** Reused between lines: the counters' values in COUNTER_KEYS order. */
const values = new Float64Array(NK);

/**
 * Reads bytes[from, to) (trimmed: no blank at either end) when it is a plain partition line in
 * the writer's order: its counters (a new object: the tick keeps it), its t and partition in
 * `plainLine`; undefined when it is anything else (the caller reads it as text).
 */
export function readPlainCounterLine(bytes: Uint8Array, from: number, to: number): PartitionCounters | undefined {
  return readPlainCounterValues(bytes, from, to, values, 0) ? countersAt(values, 0) : undefined;
}

/** The counters held in values[at, at + 8) in COUNTER_KEYS order, as an object (the tick keeps it). */
export function countersAt(values: Float64Array, at: number): PartitionCounters {
  return {
    tasksIn: values[at],
    dispatched: values[at + 1],
    completed: values[at + 2],
    rejectsBusy: values[at + 3],
    enqueuedDueToBusy: values[at + 4],
    maxPendingDepthObserved: values[at + 5],
    readyFamiliesCount: values[at + 6],
    inFlightFamiliesCount: values[at + 7],
  };
}

/**
 * readPlainCounterLine without the object: the counters go into into[at, at + 8) in COUNTER_KEYS
 * order (written even when the line turns out not to be plain), the t and partition into
 * `plainLine`; false when the line is anything else.
 */
export function readPlainCounterValues(bytes: Uint8Array, from: number, to: number, into: Float64Array, at: number): boolean {
  if (to - from < 4 || bytes[from] !== LOWER_T || bytes[from + 1] !== EQ) return false;
  // t: digits with at most one dot, as decimal() reads them without its slow path.
  let i = from + 2;
  let n = 0;
  let scale = 1;
  let dot = false;
  let digits = 0;
  let c = 0;
  while (i < to && (c = bytes[i]) !== SPACE) {
    if (c === DOT && !dot) dot = true;
    else if (c >= ZERO && c <= NINE) {
      n = n * 10 + (c - ZERO);
      digits++;
      if (dot) scale *= 10;
    } else return false;
    i++;
  }
  if (digits === 0 || n > Number.MAX_SAFE_INTEGER || scale > 1e22) return false;
  const t = n / scale;
  i = skipBlanks(bytes, i, to);
  if (!startsWith(bytes, i, to, PARTITION_EQ)) return false;
  i += PARTITION_EQ.length;
  const partition = digitsAt(bytes, i, to);
  if (partition < 0) return false;
  i = digitsEnd;
  for (let k = 0; k < NK; k++) {
    if (i >= to || bytes[i] !== SPACE) return false;
    i = skipBlanks(bytes, i, to);
    const key = KEY_WORDS[k];
    if (!startsWith(bytes, i, to, key)) return false;
    i += key.length;
    const v = digitsAt(bytes, i, to);
    if (v < 0) return false;
    into[at + k] = v;
    i = digitsEnd;
  }
  if (i !== to) return false;
  plainLine.t = t;
  plainLine.partition = partition;
  return true;
}

/** The text of bytes[from, to) when they are all ASCII (a line readPlainCounterLine read), for messages. */
export function asciiText(bytes: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i += 4096) text += String.fromCharCode(...bytes.subarray(i, Math.min(to, i + 4096)));
  return text;
}

/** Where the digits digitsAt read end. */
let digitsEnd = 0;

/** The whole number made of the digits at i, followed by a blank or the end; -1 when none, beyond a safe integer or followed by anything else. */
function digitsAt(bytes: Uint8Array, i: number, to: number): number {
  let n = 0;
  const start = i;
  let c = 0;
  while (i < to && (c = bytes[i]) >= ZERO && c <= NINE) {
    n = n * 10 + (c - ZERO);
    i++;
  }
  if (i === start || n > Number.MAX_SAFE_INTEGER) return -1;
  digitsEnd = i;
  return i === to || c === SPACE ? n : -1;
}

function skipBlanks(bytes: Uint8Array, i: number, to: number): number {
  while (i < to && bytes[i] === SPACE) i++;
  return i;
}

/** A key with its `=`, as 32-bit little-endian words at `at` (the last one overlaps when the length is not a multiple of 4). */
interface KeyWords {
  length: number;
  at: Int32Array;
  words: Uint32Array;
}

function keyWords(key: string): KeyWords {
  const bytes = bytesOf(key);
  const at: number[] = [];
  for (let o = 0; o + 4 <= bytes.length; o += 4) at.push(o);
  if (bytes.length % 4 !== 0) at.push(bytes.length - 4);
  const view = new DataView(bytes.buffer);
  return { length: bytes.length, at: Int32Array.from(at), words: Uint32Array.from(at, (o) => view.getUint32(o, true)) };
}

let viewBytes: Uint8Array | undefined;
let view: DataView = new DataView(new ArrayBuffer(0));

/** Whether bytes[i, to) starts with the key (compared four bytes at a time). */
function startsWith(bytes: Uint8Array, i: number, to: number, key: KeyWords): boolean {
  if (to - i < key.length) return false;
  if (bytes !== viewBytes) {
    viewBytes = bytes;
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  const at = key.at;
  const words = key.words;
  for (let w = 0; w < at.length; w++) if (view.getUint32(i + at[w], true) !== words[w]) return false;
  return true;
}

function bytesOf(ascii: string): Uint8Array {
  return Uint8Array.from(ascii, (ch) => ch.charCodeAt(0));
}
