// What the log-splitting worker thread (logSplitWorker.ts) and logFileSplit.ts share: the batch
// slots, in shared memory (a transferred buffer would be detached, and one detached buffer makes
// every typed-array access of the thread slower), and the messages.

/**
 * Per line of a batch, ROW numbers: the line's t, its partition (-1 when the line is not a plain
 * partition line: the main thread reads it as text), its eight counters in COUNTER_KEYS order,
 * and where the line is in the slot's bytes (from, to: without its line break).
 */
export const ROW = 12;
export const ROW_T = 0;
export const ROW_PARTITION = 1;
export const ROW_COUNTERS = 2;
export const ROW_FROM = 10;
export const ROW_TO = 11;

/** Slots a batch is written into, in turn: the worker runs at most this many batches ahead. */
export const SLOTS = 8;
/** A slot's bytes: a batch holds the whole lines of at most this much of the file. */
export const SLOT_BYTES = 1024 * 1024;
/** A slot's lines: a batch of short lines ends after this many. */
export const SLOT_LINES = 16 * 1024;

export interface LogSplitWorkerData {
  file: string;
  /** SLOTS x SLOT_BYTES. */
  bytes: SharedArrayBuffer;
  /** SLOTS x SLOT_LINES x ROW numbers (Float64). */
  rows: SharedArrayBuffer;
  /** One Int32: the batches posted and not yet taken; the worker waits while it is SLOTS. */
  inFlight: SharedArrayBuffer;
}

export type LogSplitMessage =
  /** `count` lines in slot `slot`. */
  | { type: 'lines'; slot: number; count: number }
  /** A line longer than a slot, on its own (its bytes copied). */
  | { type: 'long line'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'error'; code?: string; message: string };
