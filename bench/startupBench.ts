// Start-up of the `stressnb` executable as a whole process, against `node -e 0` (Node's own
// start-up, the floor): `stressnb --help`, and a single `pace: fast` hot-family run of the
// built-in engine (the preset's defaults, its counter lines to /dev/null). The runs are
// interleaved, so a busy moment of a shared machine weighs on each alike; the median of each is
// printed with its middle half (a wide one says the machine was busy), and its ratio to
// `node -e 0` beside the goal (issue 22: 1.3x and 2x). Asserts nothing.
//
// The run is measured as a user runs it every day, with the compile cache written by an earlier
// run (src/cli/compileCache.ts); the first run after an install or upgrade, which compiles the
// command's bundle and writes the cache, is printed too.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const RUNS = 21;

/** Wall time of one whole process, in milliseconds. */
function timed(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore', env });
    child.on('error', fail);
    child.on('close', () => done(performance.now() - start));
  });
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * q)];
}

interface StartupCase {
  name: string;
  args: string[];
  /** The environment of run number r. */
  env?: (r: number) => NodeJS.ProcessEnv;
  goal?: number;
}

export async function startupBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stressnb-startup-'));
  try {
    const spec = join(dir, 'hot-family.yaml');
    writeFileSync(spec, 'scenario: hot-family\npace: fast\n');
    const cli = resolve(__dirname, 'cli.js');
    const cached = { ...process.env, STRESSNB_COMPILE_CACHE_DIR: join(dir, 'cache') };
    const cases: StartupCase[] = [
      { name: 'node -e 0', args: ['-e', '0'] },
      { name: 'stressnb --help', args: [cli, '--help'], goal: 1.3 },
      { name: 'stressnb run hot-family (pace: fast)', args: [cli, 'run', spec], env: () => cached, goal: 2 },
      {
        name: '  the first run (no compile cache yet)',
        args: [cli, 'run', spec],
        env: (r) => ({ ...process.env, STRESSNB_COMPILE_CACHE_DIR: join(dir, `first-${r}`) }),
      },
    ];
    const envOf = (c: StartupCase, r: number) => c.env?.(r) ?? process.env;
    // The first start warms the file cache; the first run writes the compile cache.
    await timed(cases[0].args, process.env);
    await timed(cases[2].args, cached);
    const times: number[][] = cases.map(() => []);
    for (let r = 0; r < RUNS; r++) for (const [i, c] of cases.entries()) times[i].push(await timed(c.args, envOf(c, r)));
    const floor = quantile(times[0], 0.5);
    console.log(`whole process, ${RUNS} runs each, interleaved; the median (and the middle half):`);
    for (const [i, c] of cases.entries()) {
      const ms = quantile(times[i], 0.5);
      const spread = `(${quantile(times[i], 0.25).toFixed(0)}-${quantile(times[i], 0.75).toFixed(0)})`;
      const ratio = ms / floor;
      const goal = c.goal === undefined ? '' : ` (goal <= ${c.goal}x: ${ratio <= c.goal ? 'met' : 'NOT met'})`;
      console.log(`  ${c.name.padEnd(40)} ${ms.toFixed(0).padStart(5)} ms ${spread.padStart(11)}  ${ratio.toFixed(2)}x node -e 0${goal}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
