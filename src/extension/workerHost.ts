// Runs the engine in a worker for each run, relays its events, stops it at once on interrupt, and
// turns a worker error or crash into a readable failure. Every live worker is terminated when the
// extension deactivates. How a worker is started is the host's business (workerHost.node.ts:
// a worker thread; workerHost.web.ts: a Web Worker from a Blob URL). Once runs are in sight (a
// stress notebook opened) the host may start a spare worker ahead (prepareSpare), so a run, and
// each cell of Run All, does not wait for a worker to load its bundle.

import type * as vscode from 'vscode';
import type { RunEnd, RunListener, RunSource } from './runSource';
import type { HostMessage, RunWorkerData, WorkerMessage } from './runWorkerProtocol';
import { errorMessage } from '../contracts/errorMessage';
import { log } from './log';

/** One started engine worker, whatever runs it. */
export interface EngineWorker {
  post(message: HostMessage): void;
  terminate(): void;
}

export interface EngineWorkerEvents {
  onMessage(message: WorkerMessage): void;
  /** The worker died or a message could not be read: a sentence saying which, and what was thrown (for the log's stack). */
  onFailure(message: string, error?: unknown): void;
}

/** Starts a worker running `runWorker.*.ts` with `data`; throws when it cannot. */
export type EngineWorkerFactory = (data: RunWorkerData, events: EngineWorkerEvents) => EngineWorker;

export class WorkerHost implements vscode.Disposable {
  private readonly workers = new Set<EngineWorker>();
  /** The last worker died during its run: the log says when a new one starts. */
  private failed = false;

  constructor(
    private readonly startWorker: EngineWorkerFactory,
    /** Starts a worker ahead for the next run, where the host can (desktop). */
    private readonly prepareWorker?: () => void,
  ) {}

  /** Has a worker ready for the next run, where the host can. */
  prepareSpare(): void {
    this.prepareWorker?.();
  }

  createSource(data: RunWorkerData): RunSource {
    return new EngineWorkerSource(this, data);
  }

  /** @internal used by EngineWorkerSource; the worker counts as live until it is terminated. */
  start(data: RunWorkerData, events: EngineWorkerEvents): EngineWorker {
    const worker = this.startWorker(data, events);
    if (this.failed) log.info('engine worker started again after a failure');
    else log.debug('engine worker started');
    this.failed = false;
    this.workers.add(worker);
    return {
      post: (message) => worker.post(message),
      terminate: () => {
        this.workers.delete(worker);
        worker.terminate();
      },
    };
  }

  /** @internal a worker died during its run (EngineWorkerSource). */
  noteFailure(message: string, error: unknown): void {
    this.failed = true;
    log.error(`engine worker failed: ${message}`, error);
  }

  get liveWorkers(): number {
    return this.workers.size;
  }

  dispose(): void {
    for (const worker of this.workers) worker.terminate();
    this.workers.clear();
  }
}

class EngineWorkerSource implements RunSource {
  private worker: EngineWorker | undefined;
  private settle: ((end: RunEnd) => void) | undefined;
  private stopRequested = false;

  constructor(
    private readonly host: WorkerHost,
    private readonly data: RunWorkerData,
  ) {}

  run(listener: RunListener): Promise<RunEnd> {
    return new Promise<RunEnd>((resolve) => {
      let settled = false;
      this.settle = (end) => {
        if (settled) return;
        settled = true;
        resolve(end);
        this.worker?.terminate();
      };
      if (this.stopRequested) {
        this.settle({ kind: 'interrupted' });
        return;
      }
      try {
        this.worker = this.host.start(this.data, {
          onMessage: (m) => {
            if (settled) return;
            if (m.type === 'events') listener.onEvents(m.events);
            else if (m.type === 'finished') this.settle?.({ kind: 'finished' });
            else this.settle?.({ kind: 'failed', message: `the engine failed: ${m.message}` });
          },
          onFailure: (message, error) => {
            if (settled) return;
            this.host.noteFailure(message, error);
            this.settle?.({ kind: 'failed', message });
          },
        });
      } catch (error) {
        log.error('could not start an engine worker', error);
        this.settle({ kind: 'failed', message: `could not start the engine worker: ${errorMessage(error)}` });
      }
    });
  }

  stop(): void {
    this.stopRequested = true;
    this.worker?.post({ type: 'stop' });
    this.settle?.({ kind: 'interrupted' });
  }
}
