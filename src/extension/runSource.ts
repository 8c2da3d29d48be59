// What the kernel runs a cell with: the built-in engine in a worker thread, or (issue 6) an
// external command or log file. Each yields run events and can be stopped at once.

import type { RunEvent } from '../format/runEvents';

export type RunEnd = { kind: 'finished' } | { kind: 'interrupted' } | { kind: 'failed'; message: string };

export interface RunListener {
  onEvents(events: RunEvent[]): void;
  /** A short note for the status line (for example "quiet for 6 s"); undefined clears it. */
  onNote?(note: string | undefined): void;
}

export interface RunSource {
  /** Starts the run; resolves when it ends (never rejects). Call once. */
  run(listener: RunListener): Promise<RunEnd>;
  /** Stops the run at once; the pending `run()` resolves with `interrupted`. */
  stop(): void;
}
