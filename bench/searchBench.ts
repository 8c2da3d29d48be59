// Capacity search speed: the search of the steady control with handler: sync, 4 partitions and
// workCostMs: 15 (its ceiling is 4 × 1000 / 15 ≈ 267 tasks/s) with `stressnb search`, against one
// `stressnb run` of that spec at the value it found, both as whole processes (node dist/cli.js),
// median of a few. The target is a search within 10× one run. Prints figures; asserts nothing.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const SPEC = `scenario: steady
handler: sync
partitions: 4
workCostMs: 15
warmupS: 3
measureS: 20
cooldownS: 5
`;
const SEARCH = 'search: { key: load.ratePerS, from: 50, to: 400 }\n';
const REPEATS = 3;
const TARGET = 10;

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Wall milliseconds (median of REPEATS) and the last stdout of `node dist/cli.js ...args`. */
function timeCli(args: string[]): { ms: number; stdout: string } {
  const cli = join(__dirname, 'cli.js');
  const times: number[] = [];
  let stdout = '';
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    const r = spawnSync(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    times.push(performance.now() - start);
    if (r.status !== 0) throw new Error(`stressnb ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
    stdout = r.stdout.toString();
  }
  return { ms: median(times), stdout };
}

export function searchBench(): void {
  const dir = mkdtempSync(join(tmpdir(), 'stressnb-search-bench-'));
  try {
    const searchFile = join(dir, 'search.yaml');
    writeFileSync(searchFile, SPEC + SEARCH);
    console.log(
      `whole processes (node dist/cli.js), median of ${REPEATS}; ${availableParallelism()} cores, so ${availableParallelism()} probes at once`,
    );
    const search = timeCli(['search', searchFile, '--format', 'json']);
    const answer = JSON.parse(search.stdout) as {
      sustained: { value: number } | null;
      firstFailure: { value: number } | null;
      probes: unknown[];
    };
    if (!answer.sustained || !answer.firstFailure) throw new Error('the bench search found no boundary');
    const runFile = join(dir, 'run.yaml');
    writeFileSync(runFile, `${SPEC}load: { ratePerS: ${answer.sustained.value} }\n`);
    const single = timeCli(['run', runFile]);
    console.log(`one stressnb run of the spec at load.ratePerS ${answer.sustained.value} (stdout to a pipe): ${fmt(single.ms)} ms`);
    console.log(
      `stressnb search of load.ratePerS 50..400 (steady, sync, 4 partitions, 15 ms; ceiling 267/s): ${fmt(search.ms)} ms, ` +
        `${answer.probes.length} probes; sustains ${answer.sustained.value}, first fails at ${answer.firstFailure.value}`,
    );
    console.log(
      `ratio: ${fmt(search.ms / single.ms, 1)}× one run (target under ${TARGET}×: ${search.ms / single.ms < TARGET ? 'within' : 'OVER'})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
