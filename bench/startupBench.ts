// Start-up of the `stressnb` executable as a whole process, against `node -e 0` (Node's own
// start-up, the floor): `stressnb --help`, and a single `pace: fast` hot-family run of the
// built-in engine (the preset's defaults, its counter lines to /dev/null). The runs are
// interleaved, so a busy moment of a shared machine weighs on each alike; the median of each is
// printed, and its ratio to `node -e 0` beside the goal (issue 22: 1.3x and 2x). Asserts nothing.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = 15;

/** Wall time of one whole process, in milliseconds. */
function timed(args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.on('error', fail);
    child.on('close', () => done(performance.now() - start));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function startupBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stressnb-startup-'));
  try {
    const spec = join(dir, 'hot-family.yaml');
    writeFileSync(spec, 'scenario: hot-family\npace: fast\n');
    const cli = resolve(__dirname, 'cli.js');
    const cases = [
      { name: 'node -e 0', args: ['-e', '0'] },
      { name: 'stressnb --help', args: [cli, '--help'], goal: 1.3 },
      { name: 'stressnb run hot-family (pace: fast)', args: [cli, 'run', spec], goal: 2 },
    ];
    const times: number[][] = cases.map(() => []);
    await timed(cases[0].args); // the first start of the process warms the file cache
    for (let r = 0; r < RUNS; r++) for (const [i, c] of cases.entries()) times[i].push(await timed(c.args));
    const floor = median(times[0]);
    console.log(`whole process, ${RUNS} runs each, interleaved; the median:`);
    for (const [i, c] of cases.entries()) {
      const ms = median(times[i]);
      const ratio = ms / floor;
      const goal = c.goal === undefined ? '' : ` (goal <= ${c.goal}x: ${ratio <= c.goal ? 'met' : 'NOT met'})`;
      console.log(`  ${c.name.padEnd(38)} ${ms.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)}x node -e 0${goal}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
