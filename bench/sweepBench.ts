// Sweep speed and memory. Speed: a 64-point small-ring-burst grid (8 ring sizes × 4 work costs ×
// 2 partition counts, measure 10 s) with `stressnb sweep`, against one `stressnb run` of one of its
// points, both as whole processes (node dist/cli.js), median of a few; the ratio should stay at
// most 16 on 2 cores. Memory: in-process sweeps of growing grids, the heap their rows keep and the
// process's peak RSS (the workers' heaps included), to show that a sweep keeps rows, not runs.
// Prints figures; asserts nothing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseScenarioSpec } from '../src/spec/parseScenarioSpec';
import { describePoint, pointAssignments } from '../src/spec/sweepGrid';
import { sweepPointSpecText } from '../src/spec/sweepPointSpec';
import { startSweep } from '../src/sweep/sweepPool';

const GRID = `scenario: small-ring-burst
measureS: 10
sweep:
  ringBufferSize: [16, 32, 64, 128, 256, 512, 1024, 2048]
  workCostMs: [5, 10, 20, 40]
  partitions: [2, 4]
`;
/** The single run compared with: a point from the middle of the grid. */
const POINT = 36;
const REPEATS = 3;
const LIMIT = 16;

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall milliseconds of `node dist/cli.js ...args` (stdout discarded), median of REPEATS. */
function timeCli(args: string[]): number {
  const cli = join(__dirname, 'cli.js');
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    times.push(performance.now() - start);
    // `stressnb sweep` exits 1 when a point fails a threshold; this grid has none.
    if (r.status !== 0) throw new Error(`stressnb ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  }
  return median(times);
}

function speed(dir: string): void {
  const { sweep } = parseScenarioSpec(GRID);
  if (!sweep) throw new Error('the bench grid is invalid');
  const gridFile = join(dir, 'grid.yaml');
  const pointFile = join(dir, 'point.yaml');
  writeFileSync(gridFile, GRID);
  writeFileSync(pointFile, sweepPointSpecText(GRID, pointAssignments(sweep.axes, POINT)));
  console.log(
    `whole processes (node dist/cli.js), median of ${REPEATS}; ${availableParallelism()} cores, so ${Math.min(availableParallelism(), sweep.size)} worker threads`,
  );
  const single = timeCli(['run', pointFile]);
  const grid = timeCli(['sweep', gridFile, '--format', 'json']);
  console.log(`one stressnb run of point ${POINT + 1} (${describePoint(sweep.axes, POINT)}): ${fmt(single)} ms`);
  console.log(`stressnb sweep of the ${sweep.size}-point grid (ringBufferSize × workCostMs × partitions, measure 10 s): ${fmt(grid)} ms`);
  console.log(`ratio: ${fmt(grid / single, 1)}× the single run (limit ${LIMIT}×: ${grid / single <= LIMIT ? 'within' : 'OVER'})`);
}

function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

async function memory(): Promise<void> {
  const gc = forcedGc();
  console.log('\nmemory as grids grow (steady, measure 2 s, one point per seed): heap the rows keep, peak RSS of the process');
  console.log('points   wall ms   rows MiB   bytes per row   peak RSS MiB');
  for (const points of [64, 256, 1024]) {
    const text = `scenario: steady\nwarmupS: 0.5\nmeasureS: 2\ncooldownS: 1\nsweep:\n  seed: [${Array.from({ length: points }, (_, i) => i + 1).join(', ')}]\n`;
    const { sweep } = parseScenarioSpec(text);
    if (!sweep) throw new Error('the memory grid is invalid');
    gc();
    const before = process.memoryUsage().heapUsed;
    let peakRss = 0;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
    const start = performance.now();
    const result = await startSweep(sweep).result;
    const wall = performance.now() - start;
    clearInterval(sampler);
    gc();
    const kept = process.memoryUsage().heapUsed - before;
    console.log(
      [
        String(points).padStart(6),
        fmt(wall).padStart(9),
        fmt(kept / 2 ** 20, 2).padStart(10),
        fmt(kept / result.rows.length).padStart(15),
        fmt(peakRss / 2 ** 20, 1).padStart(14),
      ].join(' '),
    );
    if (result.rows.length !== points) throw new Error(`the sweep ended ${result.end.state} with ${result.rows.length} rows`);
  }
}

export async function sweepBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stressnb-sweep-bench-'));
  try {
    speed(dir);
    await memory();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
