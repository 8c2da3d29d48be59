// Where a sweep's worker thread comes from: dist/sweepWorker.js beside the bundle that runs
// (dist/cli.js, dist/extension.js, dist/bench.js); when the sources run directly through tsx
// (the unit tests), sweepWorker.ts through tsx's loader.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { SweepWorkerData } from './sweepProtocol';

/** A runaway point must not take the process's memory with it. */
export const SWEEP_WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 512 };

export function spawnSweepWorker(data: SweepWorkerData): Worker {
  const bundled = join(__dirname, 'sweepWorker.js');
  if (existsSync(bundled)) return new Worker(bundled, { workerData: data, resourceLimits: SWEEP_WORKER_LIMITS });
  const source = join(__dirname, 'sweepWorker.ts');
  if (!existsSync(source)) throw new Error(`the sweep worker is missing: neither ${bundled} nor ${source} exists (run node esbuild.mjs)`);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true, workerData: data, resourceLimits: SWEEP_WORKER_LIMITS });
}
