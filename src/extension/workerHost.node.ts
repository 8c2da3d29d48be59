// Desktop: the engine runs in a worker_threads worker (dist/runWorker.js) of the extension host.
// One spare worker can be started ahead (prepare): it loads its bundle and waits for its run's
// `start` message, so a run does not wait for a worker to start.

import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { errorMessage } from '../contracts/errorMessage';
import type { HostMessage, RunWorkerData, WorkerMessage } from './runWorkerProtocol';
import type { EngineWorkerFactory } from './workerHost';
import { log } from './log';

/** A runaway spec must not take the extension host's memory with it. */
const WORKER_HEAP_MB = 1024;

/** Desktop engine workers; dispose terminates the spare. */
export function nodeEngineWorkers(extensionUri: vscode.Uri): { start: EngineWorkerFactory; prepare(): void } & vscode.Disposable {
  const workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'runWorker.js').fsPath;
  const newWorker = (data?: RunWorkerData) =>
    new Worker(workerPath, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  let spare: Worker | undefined;
  let disposed = false;

  const prepare = () => {
    if (spare || disposed) return;
    const worker = newWorker();
    // A spare that dies before its run is dropped; the next run starts a worker of its own.
    const drop = (why: string) => {
      if (spare !== worker) return;
      spare = undefined;
      if (!disposed) log.warn(`the spare engine worker ${why} before its run; the next run starts a new one`);
    };
    worker.once('error', (error) => drop(`failed (${errorMessage(error)})`));
    worker.once('exit', (code) => drop(`exited (exit code ${code})`));
    spare = worker;
  };

  const start: EngineWorkerFactory = (data, events) => {
    const worker = spare ?? newWorker(data);
    const wasSpare = worker === spare;
    spare = undefined;
    worker.removeAllListeners();
    worker.on('message', (m: WorkerMessage) => events.onMessage(m));
    worker.on('error', (error) => events.onFailure(`the engine worker crashed: ${errorMessage(error)}`, error));
    worker.on('messageerror', (error) =>
      events.onFailure(`a message from the engine worker could not be read: ${errorMessage(error)}`, error),
    );
    worker.on('exit', (code) => events.onFailure(`the engine worker exited unexpectedly (exit code ${code}) before the run ended`));
    if (wasSpare) worker.postMessage({ type: 'start', data } satisfies HostMessage);
    prepare();
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => void worker.terminate(),
    };
  };

  return {
    start,
    prepare,
    dispose: () => {
      disposed = true;
      void spare?.terminate();
      spare = undefined;
    },
  };
}
