// The worker thread of logFileSplit.ts (dist/logSplitWorker.js): reads a log file into the shared
// batch slots, splits each batch into lines and reads every plain partition line
// (counterLineBytes.ts) into numbers beside it, then tells the main thread which slot is ready. It
// writes a slot only once the main thread has taken the batch before in it, so memory stays
// bounded whatever the file's size.

import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { plainLine, readPlainCounterValues } from '../format/counterLineBytes';
import {
  ROW,
  ROW_COUNTERS,
  ROW_FROM,
  ROW_PARTITION,
  ROW_T,
  ROW_TO,
  SLOT_BYTES,
  SLOT_LINES,
  SLOTS,
  type LogSplitMessage,
  type LogSplitWorkerData,
} from './logSplitProtocol';

const port = parentPort;
if (!port) throw new Error('logSplitWorker.js must run as a worker thread');
const data = workerData as LogSplitWorkerData;
const waiting = new Int32Array(data.inFlight);
// Buffers over the shared slots: Buffer's indexOf finds line breaks natively.
const slotBytes = Array.from({ length: SLOTS }, (_, s) => Buffer.from(data.bytes, s * SLOT_BYTES, SLOT_BYTES));
const slotRows = Array.from({ length: SLOTS }, (_, s) => new Float64Array(data.rows, s * SLOT_LINES * ROW * 8, SLOT_LINES * ROW));
const NEWLINE = 0x0a;
const SPACE = 0x20;

function send(message: LogSplitMessage): void {
  port!.postMessage(message);
}

/** Waits until the slot of the next batch is free (the main thread took the batch in it). */
function waitForSlot(): void {
  for (let n = Atomics.load(waiting, 0); n >= SLOTS; n = Atomics.load(waiting, 0)) Atomics.wait(waiting, 0, n);
}

/**
 * Reads the lines of bytes[0, end) into rows, up to SLOT_LINES; each line ends at a line break,
 * but the last when `eof`. Returns how many lines and where the bytes not yet read start.
 */
function readLines(bytes: Buffer, rows: Float64Array, end: number, eof: boolean): { count: number; rest: number } {
  let from = 0;
  let count = 0;
  while (count < SLOT_LINES && from < end) {
    let to = bytes.indexOf(NEWLINE, from);
    if (to < 0 || to >= end) {
      if (!eof) break;
      to = end;
    }
    let a = from;
    let b = to;
    while (b > a && bytes[b - 1] <= SPACE) b--;
    while (a < b && bytes[a] <= SPACE) a++;
    const at = count * ROW;
    if (readPlainCounterValues(bytes, a, b, rows, at + ROW_COUNTERS)) {
      rows[at + ROW_T] = plainLine.t;
      rows[at + ROW_PARTITION] = plainLine.partition;
    } else {
      rows[at + ROW_PARTITION] = -1;
    }
    rows[at + ROW_FROM] = from;
    rows[at + ROW_TO] = to;
    count++;
    from = to + 1;
  }
  return { count, rest: Math.min(from, end) };
}

/** A line longer than a slot: `start` is its beginning; reads on to its line break and sends it alone. Returns what follows it. */
function sendLongLine(fd: number, start: Uint8Array): Uint8Array {
  const parts = [start];
  const chunk = new Uint8Array(SLOT_BYTES);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    const nl = chunk.subarray(0, n).indexOf(NEWLINE);
    if (n === 0 || nl >= 0) {
      parts.push(chunk.slice(0, nl >= 0 ? nl : n));
      send({ type: 'long line', bytes: Buffer.concat(parts) });
      return nl >= 0 ? chunk.slice(nl + 1, n) : new Uint8Array(0);
    }
    parts.push(chunk.slice(0, n));
  }
}

function splitFile(fd: number): void {
  let carry: Uint8Array = new Uint8Array(0);
  let eof = false;
  // Batches go into the slots in turn; a slot is written only when fewer than SLOTS batches wait.
  let batches = 0;
  for (;;) {
    waitForSlot();
    const slot = batches % SLOTS;
    const bytes = slotBytes[slot];
    bytes.set(carry);
    let end = carry.length;
    while (!eof && end < SLOT_BYTES) {
      const n = readSync(fd, bytes, end, SLOT_BYTES - end, null);
      if (n === 0) eof = true;
      end += n;
    }
    const { count, rest } = readLines(bytes, slotRows[slot], end, eof);
    if (count === 0 && rest === 0 && end === SLOT_BYTES) {
      carry = sendLongLine(fd, bytes.slice(0, end));
      continue;
    }
    // What follows the batch's last line starts the next batch (a line break is never inside a UTF-8 sequence).
    carry = bytes.slice(rest, end);
    if (count > 0) {
      batches++;
      Atomics.add(waiting, 0, 1);
      send({ type: 'lines', slot, count });
    }
    if (eof && carry.length === 0) return;
  }
}

try {
  const fd = openSync(data.file, 'r');
  try {
    splitFile(fd);
  } finally {
    closeSync(fd);
  }
  send({ type: 'end' });
} catch (error) {
  const e = error as NodeJS.ErrnoException;
  send({ type: 'error', code: e.code, message: e.message });
}
