// Desktop: the engine runs in a worker_threads worker (dist/runWorker.js) of the extension host.

import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { errorMessage } from '../format/errorMessage';
import type { WorkerMessage } from './runWorkerProtocol';
import type { EngineWorkerFactory } from './workerHost';

/** A runaway spec must not take the extension host's memory with it. */
const WORKER_HEAP_MB = 1024;

export function nodeEngineWorkers(extensionUri: vscode.Uri): EngineWorkerFactory {
  const workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'runWorker.js').fsPath;
  return (data, events) => {
    const worker = new Worker(workerPath, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.on('message', (m: WorkerMessage) => events.onMessage(m));
    worker.on('error', (error) => events.onFailure(`the engine worker crashed: ${errorMessage(error)}`));
    worker.on('messageerror', (error) => events.onFailure(`a message from the engine worker could not be read: ${errorMessage(error)}`));
    worker.on('exit', (code) => events.onFailure(`the engine worker exited unexpectedly (exit code ${code}) before the run ended`));
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => void worker.terminate(),
    };
  };
}
