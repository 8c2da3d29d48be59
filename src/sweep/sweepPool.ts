// Runs a sweep's points on worker threads, one per core (workerPool.ts): each worker takes the next
// point as soon as it has posted the last one's row, so the threads stay busy whatever each point costs. Every
// point is deterministic on its own (its spec, its seed), so the rows do not depend on the number
// of threads or on which thread ran which point. stop() terminates every worker at once; the rows
// done are kept.

import type { Worker } from 'node:worker_threads';
import type { RunSummary } from '../analysis/reportTypes';
import type { SweepRow } from '../analysis/sweepTypes';
import { errorMessage } from '../contracts/errorMessage';
import { pointAssignments, pointParams, type SweepPlan } from '../spec/sweepGrid';
import type { SweepWorkerData } from './sweepProtocol';
import { spawnSweepWorker } from './sweepWorkerSpawn';
import { defaultSweepThreads, startWorkerPool } from './workerPool';

export interface SweepPoolOptions {
  /** Worker threads; default one per core (never more than the points). */
  threads?: number;
  /** Starts one worker thread; default dist/sweepWorker.js (spawnSweepWorker). */
  spawn?: (data: SweepWorkerData) => Worker;
  /** Each row as it arrives, in the order the points finish; `done` counts the rows so far. */
  onRow?(row: SweepRow, done: number): void;
  /** The pinned baseline of each scenario, for thresholds relative to the baseline (else they are not evaluated). */
  baselines?: Record<string, RunSummary>;
}

export type SweepEnd = { state: 'finished' } | { state: 'interrupted' } | { state: 'failed'; message: string };

export interface SweepResult {
  end: SweepEnd;
  /** The rows done, in grid order (all of them when the sweep finished). */
  rows: SweepRow[];
  threads: number;
  elapsedMs: number;
}

export interface RunningSweep {
  readonly threads: number;
  /** Resolves when the sweep has finished, was stopped or failed (every worker told to stop). Never rejects. */
  readonly result: Promise<SweepResult>;
  /** Resolves when every worker thread has exited, after the result. */
  readonly exited: Promise<void>;
  /** Stops every worker at once; `result` resolves as interrupted with the rows done. */
  stop(): void;
}

export { defaultSweepThreads };

export function startSweep(plan: SweepPlan, options: SweepPoolOptions = {}): RunningSweep {
  const threads = Math.max(1, Math.min(options.threads ?? defaultSweepThreads(), plan.size));
  const started = performance.now();
  const rows: SweepRow[] = [];
  let settled = false;
  let resolve!: (result: SweepResult) => void;
  const result = new Promise<SweepResult>((r) => (resolve = r));
  const pool = startWorkerPool(
    { cellText: plan.text, ...(options.baselines ? { baselines: options.baselines } : {}) },
    { threads, spawn: options.spawn ?? spawnSweepWorker, label: 'sweep' },
  );
  let exitedResolve!: () => void;
  const exited = new Promise<void>((r) => (exitedResolve = r));

  const end = (how: SweepEnd) => {
    if (settled) return;
    settled = true;
    // Every worker is told to stop now; the rows are handed over without waiting for the threads to wind down.
    void pool.terminate().then(() => exitedResolve());
    resolve({ end: how, rows: rows.sort((a, b) => a.index - b.index), threads, elapsedMs: performance.now() - started });
  };
  void pool.failed.then((message) => end({ state: 'failed', message }));

  for (let index = 0; index < plan.size && !settled; index++) {
    pool.point({ type: 'point', index, assignments: pointAssignments(plan.axes, index) }).then(
      (point) => {
        if (settled) return;
        const row: SweepRow = { index, params: pointParams(plan.axes, index), ...point };
        rows.push(row);
        try {
          options.onRow?.(row, rows.length);
        } catch (error) {
          end({ state: 'failed', message: `showing a row failed: ${errorMessage(error)}` });
          return;
        }
        if (rows.length === plan.size) end({ state: 'finished' });
      },
      () => undefined, // the pool stopped: the sweep has ended already
    );
  }

  return { threads, result, exited, stop: () => end({ state: 'interrupted' }) };
}
