// Desktop: a sweep's points and a capacity search's engine probes run on worker_threads workers
// (dist/sweepWorker.js, src/sweep) of the extension host, one per core; a search's command probes
// run as command sources (src/sources), one at a time. Every live worker is terminated when the
// extension deactivates (and every command, by stopAllSources).

import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import { commandProbes } from '../sweep/commandProbes';
import { engineProbes } from '../sweep/probeRunner';
import { startSearch } from '../sweep/searchRun';
import { defaultSweepThreads, startSweep } from '../sweep/sweepPool';
import type { SweepWorkerData } from '../sweep/sweepProtocol';
import { SWEEP_WORKER_LIMITS } from '../sweep/sweepWorkerSpawn';
import { notebookDir } from './externalSource.node';
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
    search: (plan, { onProbe, baselines, notebook }) => {
      const runner = plan.placeholder
        ? commandProbes(plan, { baseDir: notebookDir(notebook), baselines })
        : engineProbes(plan, { threads: defaultSweepThreads(), spawn, baselines });
      const running = startSearch(plan, runner, { onProbe: (probe) => onProbe(probe) });
      return { slots: running.slots, result: running.result, stop: () => running.stop() };
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
