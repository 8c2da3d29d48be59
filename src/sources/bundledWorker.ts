// A worker thread from a bundle of ours: dist/NAME.js beside the bundle that runs (dist/cli.js,
// dist/extension.js, dist/bench.js); when the sources run directly through tsx (the unit tests),
// NAME.ts beside this file's caller, through tsx's loader.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** `sourceDir`: where NAME.ts is (the caller's __dirname); a bundle's __dirname is dist/, where NAME.js is. */
export function spawnBundledWorker(name: string, sourceDir: string, options: WorkerOptions): Worker {
  const bundled = join(sourceDir, `${name}.js`);
  if (existsSync(bundled)) return new Worker(bundled, options);
  const source = join(sourceDir, `${name}.ts`);
  if (!existsSync(source)) throw new Error(`the worker ${name} is missing: neither ${bundled} nor ${source} exists (run node esbuild.mjs)`);
  return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { ...options, eval: true });
}
