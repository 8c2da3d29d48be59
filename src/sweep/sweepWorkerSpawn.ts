// Where a sweep's worker thread comes from: dist/sweepWorker.js, or sweepWorker.ts under tsx
// (src/sources/bundledWorker.ts).

import type { ResourceLimits, Worker } from 'node:worker_threads';
import { spawnBundledWorker } from '../sources/bundledWorker';
import type { SweepWorkerData } from './sweepProtocol';

/** A runaway point must not take the process's memory with it. */
export const SWEEP_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512 };

export function spawnSweepWorker(data: SweepWorkerData): Worker {
  return spawnBundledWorker('sweepWorker', __dirname, { workerData: data, resourceLimits: SWEEP_WORKER_LIMITS });
}
