// Messages between the extension host (workerHost.ts) and the engine worker (runWorker.*.ts).
// No vscode import: the worker bundle must not pull it in.

import type { RunEvent } from '../format/runEvents';
import type { Pace } from '../spec/scenarioSpec';

export interface RunWorkerData {
  /** The scenario cell's text; the worker parses it itself so nothing unclonable crosses over. */
  specText: string;
  pace: Pace;
  /** In fast pace, how often (wall ms) to post a batch of events. */
  batchMs: number;
  /** Test hook: throw inside the worker after this many ticks, to exercise crash handling. */
  crashAfterTicks?: number;
}

export type WorkerMessage = { type: 'events'; events: RunEvent[] } | { type: 'finished' } | { type: 'failed'; message: string };

/** `start` is how a Web Worker, or a spare worker thread started ahead, gets its data (a worker thread started for a run gets it as workerData). */
export type HostMessage = { type: 'stop' } | { type: 'start'; data: RunWorkerData };
