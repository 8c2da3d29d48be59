// Desktop: a sweep's points run on worker_threads workers (dist/sweepWorker.js, src/sweep) of the
// extension host, one per core. Every live one is terminated when the extension deactivates.

import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { defaultSweepThreads, startSweep } from '../sweep/sweepPool';
import type { SweepWorkerData } from '../sweep/sweepProtocol';
import { SWEEP_WORKER_LIMITS } from '../sweep/sweepWorkerSpawn';
import type { SweepRunner } from './platform';

export function nodeSweeps(extensionUri: vscode.Uri): SweepRunner {
  const workerPath = vscode.Uri.joinPath(extensionUri, 'dist', 'sweepWorker.js').fsPath;
  const live = new Set<Worker>();
  const spawn = (data: SweepWorkerData): Worker => {
    const worker = new Worker(workerPath, { workerData: data, resourceLimits: SWEEP_WORKER_LIMITS });
    live.add(worker);
    worker.once('exit', () => live.delete(worker));
    return worker;
  };
  return {
    threadsFor: (points) => Math.max(1, Math.min(defaultSweepThreads(), points)),
    start: (plan, { onRow, baselines }) => {
      const running = startSweep(plan, { threads: defaultSweepThreads(), spawn, onRow: (row) => onRow(row), baselines });
      return { result: running.result, stop: () => running.stop() };
    },
    get liveWorkers() {
      return live.size;
    },
    dispose: () => {
      for (const worker of live) void worker.terminate();
      live.clear();
    },
  };
}
