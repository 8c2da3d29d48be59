// Starts the engine worker (dist/runWorker.js) for a run, relays its events, stops it at once on
// interrupt, and turns a worker error or crash into a readable failure. Every live worker is
// terminated when the extension deactivates.

import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { RunEnd, RunListener, RunSource } from './runSource';
import type { HostMessage, RunWorkerData, WorkerMessage } from './runWorkerProtocol';
import { errorMessage } from '../format/errorMessage';

/** A runaway spec must not take the extension host's memory with it. */
const WORKER_HEAP_MB = 1024;

export class WorkerHost implements vscode.Disposable {
  private readonly workers = new Set<Worker>();
  private readonly workerPath: string;

  constructor(extensionUri: vscode.Uri) {
    this.workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'runWorker.js').fsPath;
  }

  createSource(data: RunWorkerData): RunSource {
    return new EngineWorkerSource(this, data);
  }

  /** @internal used by EngineWorkerSource */
  start(data: RunWorkerData): Worker {
    const worker = new Worker(this.workerPath, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    this.workers.add(worker);
    worker.once('exit', () => this.workers.delete(worker));
    return worker;
  }

  get liveWorkers(): number {
    return this.workers.size;
  }

  dispose(): void {
    for (const worker of this.workers) void worker.terminate();
    this.workers.clear();
  }
}

class EngineWorkerSource implements RunSource {
  private worker: Worker | undefined;
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
        if (this.worker) void this.worker.terminate();
      };
      if (this.stopRequested) {
        this.settle({ kind: 'interrupted' });
        return;
      }
      let worker: Worker;
      try {
        worker = this.host.start(this.data);
      } catch (error) {
        this.settle({ kind: 'failed', message: `could not start the engine worker: ${errorMessage(error)}` });
        return;
      }
      this.worker = worker;
      worker.on('message', (m: WorkerMessage) => {
        if (settled) return;
        if (m.type === 'events') listener.onEvents(m.events);
        else if (m.type === 'finished') this.settle?.({ kind: 'finished' });
        else this.settle?.({ kind: 'failed', message: `the engine failed: ${m.message}` });
      });
      worker.on('error', (error) => this.settle?.({ kind: 'failed', message: `the engine worker crashed: ${errorMessage(error)}` }));
      worker.on('messageerror', (error) => this.settle?.({ kind: 'failed', message: `a message from the engine worker could not be read: ${errorMessage(error)}` }));
      worker.on('exit', (code) =>
        this.settle?.({ kind: 'failed', message: `the engine worker exited unexpectedly (exit code ${code}) before the run ended` }),
      );
    });
  }

  stop(): void {
    this.stopRequested = true;
    this.worker?.postMessage({ type: 'stop' } satisfies HostMessage);
    this.settle?.({ kind: 'interrupted' });
  }
}

