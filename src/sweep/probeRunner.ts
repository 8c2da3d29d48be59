// What runs a capacity search's probes: the built-in engine on worker threads (several probes at
// once), or a command one probe at a time (commandProbes.ts). The search (searchRun.ts) asks for
// as many probes per round as the runner has slots.

import type { ProbeResult } from '../analysis/searchTypes';
import type { RunSummary } from '../analysis/reportTypes';
import type { SearchPlan } from '../spec/searchPlan';
import type { SweepWorkerData } from './sweepProtocol';
import type { Worker } from 'node:worker_threads';
import { spawnSweepWorker } from './sweepWorkerSpawn';
import { startWorkerPool } from './workerPool';

export interface ProbeRunner {
  /** Probes that can run at once. */
  readonly slots: number;
  /** Runs the probe of `value` (the `index`th of the search); rejects with PoolStopped when stopped first. */
  run(value: number, index: number): Promise<ProbeResult>;
  /** Resolves with why, when the runner broke (a worker crashed); never for stop(). */
  readonly failed: Promise<string>;
  /** Stops every probe running; resolves when nothing of them runs. */
  stop(): Promise<void>;
}

export interface EngineProbeOptions {
  threads: number;
  spawn?: (data: SweepWorkerData) => Worker;
  baselines?: Record<string, RunSummary>;
}

/** Engine probes on worker threads (the sweep's workers: dist/sweepWorker.js). */
export function engineProbes(plan: SearchPlan, options: EngineProbeOptions): ProbeRunner {
  const pool = startWorkerPool(
    { cellText: plan.text, ...(options.baselines ? { baselines: options.baselines } : {}) },
    { threads: options.threads, spawn: options.spawn ?? spawnSweepWorker, label: 'search' },
  );
  const search = { key: plan.key, path: plan.path, placeholder: plan.placeholder, until: plan.until };
  return {
    slots: options.threads,
    failed: pool.failed,
    run: (value, index) => pool.probe({ type: 'probe', index, search, value }),
    stop: () => pool.terminate(),
  };
}
