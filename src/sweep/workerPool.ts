// Worker threads for a sweep's points or a search's probes, one per core by default: a task
// submitted waits in a queue until a worker is free, and each worker takes the next task as soon
// as it has posted the last one's result, so the threads stay busy whatever each task costs.
// terminate() stops every worker at once; a crashed worker, or one that exits on its own, is
// reported once through `failed`.

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { errorMessage } from '../contracts/errorMessage';
import type { ProbeResult } from '../analysis/searchTypes';
import type { SweepPointResult } from '../analysis/sweepTypes';
import type { PoolTask, PoolTaskDone, ProbeTask, SweepTask, SweepWorkerData } from './sweepProtocol';

export function defaultSweepThreads(): number {
  return Math.max(1, availableParallelism());
}

export interface WorkerPoolOptions {
  threads: number;
  /** Starts one worker thread (default dist/sweepWorker.js: spawnSweepWorker). */
  spawn: (data: SweepWorkerData) => Worker;
  /** How messages name the pool's work: "a sweep worker crashed". */
  label: 'sweep' | 'search';
}

export interface WorkerPool {
  readonly threads: number;
  /** Runs a sweep's point on the next free worker; rejects with PoolStopped when the pool ends first. */
  point(task: SweepTask): Promise<SweepPointResult>;
  /** Runs a search's probe on the next free worker; rejects with PoolStopped when the pool ends first. */
  probe(task: ProbeTask): Promise<ProbeResult>;
  /** Resolves with why when a worker crashed, exited on its own or could not start (never for terminate()). */
  readonly failed: Promise<string>;
  /** Stops every worker at once; tasks still queued or running reject. Resolves when the threads are gone. */
  terminate(): Promise<void>;
}

export class PoolStopped extends Error {
  constructor() {
    super('the worker pool was stopped');
  }
}

interface Pending {
  task: PoolTask;
  resolve(result: PoolTaskDone['result']): void;
  reject(error: Error): void;
}

export function startWorkerPool(data: SweepWorkerData, options: WorkerPoolOptions): WorkerPool {
  const queue: Pending[] = [];
  const busy = new Map<Worker, Pending>();
  const idle: Worker[] = [];
  const workers: Worker[] = [];
  let ended = false;
  let failedResolve!: (message: string) => void;
  const failed = new Promise<string>((r) => (failedResolve = r));

  const fail = (message: string) => {
    if (ended) return;
    failedResolve(message);
    void terminate();
  };

  const next = (worker: Worker) => {
    const pending = queue.shift();
    if (!pending) {
      idle.push(worker);
      return;
    }
    busy.set(worker, pending);
    worker.postMessage(pending.task);
  };

  let terminated: Promise<void> | undefined;
  const terminate = (): Promise<void> => {
    if (terminated) return terminated;
    ended = true;
    const stopped = [...busy.values(), ...queue.splice(0)];
    busy.clear();
    for (const p of stopped) p.reject(new PoolStopped());
    terminated = Promise.all(workers.map((w) => w.terminate().catch(() => undefined))).then(() => undefined);
    return terminated;
  };

  try {
    for (let i = 0; i < options.threads; i++) {
      const worker = options.spawn(data);
      workers.push(worker);
      worker.on('message', (m: PoolTaskDone) => {
        const pending = busy.get(worker);
        if (ended || !pending) return;
        busy.delete(worker);
        pending.resolve(m.result);
        next(worker);
      });
      worker.on('error', (error) => fail(`a ${options.label} worker crashed: ${errorMessage(error)}`));
      worker.on('exit', (code) => fail(`a ${options.label} worker exited unexpectedly (exit code ${code})`));
      idle.push(worker);
    }
  } catch (error) {
    fail(`could not start the ${options.label}'s worker threads: ${errorMessage(error)}`);
  }

  const submit = (task: PoolTask) =>
    new Promise<PoolTaskDone['result']>((resolve, reject) => {
      if (ended) {
        reject(new PoolStopped());
        return;
      }
      queue.push({ task, resolve, reject });
      const worker = idle.shift();
      if (worker) next(worker);
    });
  return {
    threads: options.threads,
    failed,
    terminate,
    point: (task) => submit(task) as Promise<SweepPointResult>,
    probe: (task) => submit(task) as Promise<ProbeResult>,
  };
}
