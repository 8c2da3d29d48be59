// A soak log at scale: a generated 4-million-line, 64-partition log (a healthy run of about 8.7
// simulated hours with one dispatch stall in its last minute) analysed by `stressnb analyze` as a
// whole process (wall time and peak RSS, read from /proc/PID/status while it runs; the median of
// three runs), next to the same file through a naive split-into-dict parse (Python when python3 is
// there, else Node). The log is generated into a temporary folder and removed afterwards. `npm run bench -- soak-24h`
// also analyses a 24-hour soak (11 million lines). Prints figures; asserts nothing.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeSoakLog } from './soakLog';

const GOAL_LINES_PER_S = 1_500_000;
const GOAL_RSS_MB = 300;
const ANALYZE_RUNS = 3;
/** USER_HZ of /proc/PID/stat on Linux. */
const CLOCK_TICKS_PER_S = 100;

const NAIVE_PYTHON = `import sys
ticks = 0
for line in open(sys.argv[1]):
    d = dict(kv.split('=', 1) for kv in line.split() if '=' in kv)
    if 'partition' in d:
        ticks += 1
print(ticks)
`;

const NAIVE_NODE = `const fs = require('fs');
let n = 0;
let rest = '';
for (const chunk of [fs.readFileSync(process.argv[2], 'latin1')]) {
  for (const line of (rest + chunk).split('\\n')) {
    const d = {};
    for (const kv of line.split(' ')) { const i = kv.indexOf('='); if (i > 0) d[kv.slice(0, i)] = kv.slice(i + 1); }
    if ('partition' in d) n++;
  }
}
console.log(n);
`;

interface Measured {
  ms: number;
  /** CPU seconds (user + system) as last seen while it ran: on a busy machine a steadier figure than the wall time. */
  cpuS: number;
  peakMb: number;
  code: number | null;
  out: string;
}

/** Runs a process to its end, polling its VmHWM (peak resident set) every 50 ms. */
function measure(command: string, args: string[]): Promise<Measured> {
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', () => undefined);
    let peakKb = 0;
    let cpuTicks = 0;
    const poll = (): void => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
        // Fields 14 and 15 of /proc/PID/stat (after the command name in parentheses): utime, stime.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
      } catch {
        // the process has just ended
      }
    };
    const timer = setInterval(poll, 50);
    child.on('error', (e) => {
      clearInterval(timer);
      fail(e);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      done({ ms: performance.now() - start, cpuS: cpuTicks / CLOCK_TICKS_PER_S, peakMb: peakKb / 1024, code, out });
    });
  });
}

async function hasPython(): Promise<boolean> {
  try {
    return (await measure('python3', ['-c', 'print(1)'])).code === 0;
  } catch {
    return false;
  }
}

function rate(lines: number, ms: number): string {
  return `${(((lines / ms) * 1000) / 1e6).toFixed(2)} M lines/s`;
}

async function soak(lines: number, label: string, naive: boolean): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'stressnb-soak-'));
  try {
    const log = join(dir, 'soak.log');
    const genStart = performance.now();
    const facts = writeSoakLog(log, { lines, partitions: 64 });
    console.log(
      `${label}: ${lines.toLocaleString('en-US')} partition lines, 64 partitions, ${facts.ticks.toLocaleString('en-US')} ticks, ` +
        `${(facts.bytes / 1e6).toFixed(0)} MB (generated in ${((performance.now() - genStart) / 1000).toFixed(1)} s); stall on partition ${facts.stallPartition} from ${facts.stallFrom} s`,
    );
    const cli = resolve(__dirname, 'cli.js');
    // Three runs, the median reported (a shared machine's wall times vary by a few tenths of a second).
    const runs: Measured[] = [];
    for (let r = 0; r < ANALYZE_RUNS; r++) runs.push(await measure(process.execPath, [cli, 'analyze', log]));
    const analyzed = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(ANALYZE_RUNS / 2)];
    console.log(`  stressnb analyze, ${ANALYZE_RUNS} runs: ${runs.map((r) => `${(r.ms / 1000).toFixed(2)} s`).join(', ')}; the median:`);
    const where = /- ([a-z-]+): partition (\d+), ([\d.]+) s to ([\d.]+) s/.exec(analyzed.out);
    const goalRate = (lines / analyzed.ms) * 1000 >= GOAL_LINES_PER_S ? 'met' : 'NOT met';
    const goalRss = analyzed.peakMb <= GOAL_RSS_MB ? 'met' : 'NOT met';
    console.log(
      `  stressnb analyze: ${(analyzed.ms / 1000).toFixed(2)} s, ${rate(lines, analyzed.ms)} (goal ${GOAL_LINES_PER_S / 1e6} M: ${goalRate}), ` +
        `CPU ${analyzed.cpuS.toFixed(1)} s (${rate(lines, analyzed.cpuS * 1000)} of CPU), peak RSS ${analyzed.peakMb.toFixed(0)} MB (goal <= ${GOAL_RSS_MB} MB: ${goalRss}); exit ${analyzed.code}; found ${where ? `${where[1]} on partition ${where[2]} from ${where[3]} s` : 'no hint'}`,
    );
    if (!naive) return;
    const python = await hasPython();
    const script = join(dir, python ? 'naive.py' : 'naive.js');
    writeFileSync(script, python ? NAIVE_PYTHON : NAIVE_NODE);
    const split = await measure(python ? 'python3' : process.execPath, [script, log]);
    console.log(
      `  naive split into a dict (${python ? 'Python' : 'Node: no python3 here'}): ${(split.ms / 1000).toFixed(2)} s, ${rate(lines, split.ms)}, CPU ${split.cpuS.toFixed(1)} s, peak RSS ${split.peakMb.toFixed(0)} MB; ` +
        `stressnb analyze is ${(split.ms / analyzed.ms).toFixed(2)}x its speed by the wall clock, ${(split.cpuS / analyzed.cpuS).toFixed(2)}x by CPU time (goal >= 2x)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function soakBench(): Promise<void> {
  await soak(4_000_000, '8.7-hour soak', true);
}

export async function soak24hBench(): Promise<void> {
  await soak(11_000_000, '24-hour soak', false);
}
