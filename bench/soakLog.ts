// A generated soak log: a healthy run of many partitions over many ticks in the counter-line
// contract (logfmt), written in large chunks, with a dispatch stall on one partition shortly
// before its end. Used by the soak bench (bench/soakBench.ts) and, small, by a unit test.

import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

export interface SoakLogOptions {
  /** Partition lines in all (the log also has a config line, phase lines and a JVM line now and then). */
  lines: number;
  partitions: number;
  tickMs?: number;
  /** The stalled partition (dispatch blocked: tasks keep arriving, nothing dispatched). */
  stallPartition?: number;
  /** How many ticks before the end the stall begins, and how long it lasts. */
  stallTicksBeforeEnd?: number;
  stallTicks?: number;
}

export interface SoakLogFacts {
  ticks: number;
  tickS: number;
  /** The time of the stall's first tick without a dispatch, and of its last. */
  stallFrom: number;
  stallTo: number;
  stallPartition: number;
  bytes: number;
}

/** Writes the log to `path`; returns where the stall is. */
export function writeSoakLog(path: string, options: SoakLogOptions): SoakLogFacts {
  const n = options.partitions;
  const tickS = (options.tickMs ?? 500) / 1000;
  const ticks = Math.ceil(options.lines / n);
  const stallPartition = options.stallPartition ?? Math.min(n - 1, 5);
  const stallTicks = options.stallTicks ?? 20;
  const stallStart = Math.max(1, ticks - (options.stallTicksBeforeEnd ?? 60));
  const stallEnd = Math.min(ticks - 1, stallStart + stallTicks - 1);
  const fd = openSync(path, 'w');
  let bytes = 0;
  const write = (text: string): void => {
    bytes += writeSync(fd, text);
  };
  write(
    `config partitions=${n} ringBufferSize=1024 workersPerPartition=1 workCostMs=2 tickMs=${options.tickMs ?? 500} warmupS=0 measureS=${(ticks * tickS).toFixed(0)} cooldownS=0 scenario=custom seed=1\n`,
  );
  write('t=0.000 phase=measure\n');
  const tasksIn = new Float64Array(n);
  const dispatched = new Float64Array(n);
  const completed = new Float64Array(n);
  const enqueued = new Float64Array(n);
  let chunk: string[] = [];
  for (let i = 0; i < ticks; i++) {
    const t = ((i + 1) * tickS).toFixed(3);
    for (let p = 0; p < n; p++) {
      const arrivals = 90 + ((i * 7 + p * 13) % 21);
      tasksIn[p] += arrivals;
      const stalled = p === stallPartition && i >= stallStart && i <= stallEnd;
      if (!stalled) {
        const pending = tasksIn[p] - dispatched[p];
        const d = Math.min(pending, arrivals + 400);
        dispatched[p] += d;
        // Just before the stall every dispatched task completes: the stall is dispatch, not the handler.
        completed[p] = p === stallPartition && i === stallStart - 1 ? dispatched[p] : dispatched[p] - ((i + p) % 3);
        if (completed[p] < 0) completed[p] = 0;
      }
      enqueued[p] += (i + p) % 4;
      const ready = stalled ? 1 : 0;
      const inFlight = dispatched[p] - completed[p];
      chunk.push(
        `t=${t} partition=${p} tasksIn=${tasksIn[p]} dispatched=${dispatched[p]} completed=${completed[p]} rejectsBusy=0 ` +
          `enqueuedDueToBusy=${enqueued[p]} maxPendingDepthObserved=${Math.min(enqueued[p], 6)} readyFamiliesCount=${ready} inFlightFamiliesCount=${inFlight}`,
      );
    }
    if (i % 200 === 0) chunk.push(`2026-12-02 07:00:00.000 INFO [main] c.e.Soak - heartbeat tick ${i}`);
    if (chunk.length >= 20_000) {
      write(`${chunk.join('\n')}\n`);
      chunk = [];
    }
  }
  chunk.push(`t=${(ticks * tickS).toFixed(3)} phase=done reason=drained`);
  write(`${chunk.join('\n')}\n`);
  // On disk before anything reads it: a timing right after must not share the disk with the write-back.
  fsyncSync(fd);
  closeSync(fd);
  return { ticks, tickS, stallFrom: (stallStart + 1) * tickS, stallTo: (stallEnd + 1) * tickS, stallPartition, bytes };
}
