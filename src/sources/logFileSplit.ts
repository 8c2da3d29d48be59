// A large log file read on two threads: a worker thread (logSplitWorker.ts) reads the file,
// splits it into lines and reads the plain partition lines into numbers, while the calling
// thread takes the lines in order (assembling ticks, building the series). For a long soak the
// reading is about half the work: done beside the rest, it leaves the calling thread the other half.

import type { Worker } from 'node:worker_threads';
import { spawnBundledWorker } from './bundledWorker';
import {
  ROW,
  ROW_FROM,
  ROW_PARTITION,
  ROW_TO,
  SLOT_BYTES,
  SLOT_LINES,
  SLOTS,
  type LogSplitMessage,
  type LogSplitWorkerData,
} from './logSplitProtocol';

/**
 * One line: bytes[from, to) without its line break. When it is a plain partition line, `plain`
 * holds its t, partition and counters from `at` (ROW_T, ROW_PARTITION, ROW_COUNTERS of
 * logSplitProtocol.ts); else `plain` is undefined and the line is to be read as text. The arrays
 * are reused once the call returns: copy what must outlive it.
 */
export type SplitLine = (bytes: Uint8Array, from: number, to: number, plain: Float64Array | undefined, at: number) => void;

/** A problem with the file itself (ENOENT, EISDIR, ...), with Node's code. */
export class LogFileError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** Calls `line` for every line of `file`, in order; resolves once the last one was taken. A throw in `line` stops the reading and rejects. */
export function splitLogFile(file: string, line: SplitLine): Promise<void> {
  const data: LogSplitWorkerData = {
    file,
    bytes: new SharedArrayBuffer(SLOTS * SLOT_BYTES),
    rows: new SharedArrayBuffer(SLOTS * SLOT_LINES * ROW * 8),
    inFlight: new SharedArrayBuffer(4),
  };
  const waiting = new Int32Array(data.inFlight);
  const slotBytes = Array.from({ length: SLOTS }, (_, s) => new Uint8Array(data.bytes, s * SLOT_BYTES, SLOT_BYTES));
  const slotRows = Array.from({ length: SLOTS }, (_, s) => new Float64Array(data.rows, s * SLOT_LINES * ROW * 8, SLOT_LINES * ROW));
  let worker: Worker;
  try {
    worker = spawnBundledWorker('logSplitWorker', __dirname, { workerData: data });
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error === undefined) resolve();
      else reject(error);
    };
    const take = (message: LogSplitMessage): void => {
      switch (message.type) {
        case 'end':
          return settle();
        case 'error':
          return settle(new LogFileError(message.message, message.code));
        case 'long line':
          return line(message.bytes, 0, message.bytes.length, undefined, 0);
        case 'lines': {
          const bytes = slotBytes[message.slot];
          const rows = slotRows[message.slot];
          for (let r = 0; r < message.count; r++) {
            const at = r * ROW;
            line(bytes, rows[at + ROW_FROM], rows[at + ROW_TO], rows[at + ROW_PARTITION] >= 0 ? rows : undefined, at);
          }
          Atomics.sub(waiting, 0, 1);
          Atomics.notify(waiting, 0);
        }
      }
    };
    worker.on('message', (message: LogSplitMessage) => {
      if (settled) return;
      try {
        take(message);
      } catch (error) {
        settle(error);
      }
    });
    worker.on('error', (error) => settle(error));
    worker.on('exit', (code) => settle(new Error(`the log-reading worker thread stopped (exit code ${code}) before the end of ${file}`)));
  });
}
