// A verdict a CI job can trust (issue 22): every way a failing or unfinished run used to pass is
// tried here as a CI job would meet it, through the commands themselves: `stressnb run` judges by
// the spec's thresholds, `run | analyze -` judges the same, an incomplete run exits 3, an
// undrained run fails a drain threshold, a closed or full stdout keeps the verdict, and a stream
// of several runs is judged run by run.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { EXIT_FAIL, EXIT_INCOMPLETE, EXIT_PASS, EXIT_USAGE } from '../../src/cli/exitCodes';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import { serializeStressnb } from '../../src/format/stressnbFile';
import { runToEnd } from '../../src/engine/simulation';
import { specFor } from './helpers/specFor';
import { nodeFixture } from './helpers/sourceTestHelpers';
import { tempFiles } from './helpers/tempFiles';

const ROOT = join(__dirname, '..', '..');
const SAMPLES = join(ROOT, 'test', 'fixtures', 'samples');
const temp = tempFiles('stressnb-verdict-');

/** A short steady control (2 partitions, 200/s completed) with the given `expect:` lines. */
function steadySpec(name: string, expect = ''): string {
  return temp.file(
    name,
    `scenario: steady\npartitions: 2\nwarmupS: 0\nmeasureS: 2\ncooldownS: 1\ntickMs: 250\n${expect ? `expect:\n${expect}` : ''}`,
  );
}

async function cli(args: string[], stdin?: string) {
  const io = Object.assign(bufferIo(), stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) });
  const status = await main(args, io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

/** The real executable (through tsx), for what only a process shows: its exit status, its pipes. */
const CLI = ['--import', 'tsx', join(ROOT, 'src', 'cli', 'cli.ts')];

describe("1. stressnb run judges by the spec's thresholds, and so does stressnb analyze of its lines", () => {
  const spec = steadySpec('thresholds.yaml', '  completedPerS: ">= 500"\n  rejectPct: "< 1"\n');

  test('run: a missed threshold is FAIL on stderr and exit 1; the counter lines stay alone on stdout', async () => {
    const r = await cli(['run', spec]);
    assert.equal(r.status, EXIT_FAIL, r.stderr);
    assert.match(r.stderr, /^\nFAIL steady \(seed 1\): 1 failed threshold/);
    assert.match(r.stderr, /\[FAIL\] completedPerS >= 500 \(actual 200\)/);
    assert.match(r.stderr, /\[PASS\] rejectPct < 1/);
    assert.doesNotMatch(r.stdout, /FAIL|PASS/);
    // The config line carries the thresholds: the stream says what judges it.
    assert.match(r.stdout.split('\n')[0], / expect\.completedPerS=">= 500" expect\.rejectPct="< 1"$/);
  });

  for (const format of ['lines', 'jsonl']) {
    test(`run --format ${format} | analyze - judges exactly what run judged`, async () => {
      const ran = await cli(['run', spec, '--format', format, '--summary', join(temp.dir, `run-${format}.json`)]);
      const analyzed = await cli(['analyze', '-', '--format', 'json'], ran.stdout);
      assert.equal(analyzed.status, ran.status);
      const fromRun = JSON.parse(readFileSync(join(temp.dir, `run-${format}.json`), 'utf8'));
      const fromAnalyze = JSON.parse(analyzed.stdout);
      assert.equal(fromAnalyze.verdict, 'fail');
      assert.deepEqual(fromAnalyze.thresholds, fromRun.thresholds);
      assert.deepEqual(fromAnalyze.checks, fromRun.checks);
      assert.deepEqual(fromAnalyze.summary.metrics, fromRun.summary.metrics);
      assert.equal(fromAnalyze.summary.scenario, 'steady');
    });
  }

  test("analyze --expect adds to the stream's thresholds and replaces one on the same metric", async () => {
    const ran = await cli(['run', spec]);
    const analyzed = await cli(
      ['analyze', '-', '--format', 'json', '--expect', 'completedPerS >= 100', '--expect', 'offered > 0'],
      ran.stdout,
    );
    assert.equal(analyzed.status, EXIT_PASS, analyzed.stdout);
    const thresholds = JSON.parse(analyzed.stdout).thresholds as { metric: string; expected: string; status: string }[];
    assert.deepEqual(
      thresholds.map((t) => [t.metric, t.expected, t.status]),
      [
        ['completedPerS', '>= 100', 'pass'],
        ['rejectPct', '< 1', 'pass'],
        ['offered', '> 0', 'pass'],
      ],
    );
  });

  test("a passing run exits 0, and --summary writes JUnit and Markdown by the file's extension", async () => {
    const passing = steadySpec('passing.yaml', '  completedPerS: ">= 100"\n');
    const xml = join(temp.dir, 'report.xml');
    const md = join(temp.dir, 'summary.md');
    const r = await cli(['run', passing, '--summary', xml, '--summary', md]);
    assert.equal(r.status, EXIT_PASS, r.stderr);
    assert.match(
      readFileSync(xml, 'utf8'),
      /^<\?xml [^>]*\?>\n<testsuites name="stressnb run [^"]*passing\.yaml" tests="\d+" failures="0" errors="0"/,
    );
    assert.match(readFileSync(md, 'utf8'), /^### ✓ PASS steady \(seed 1\): no triage hint, every check and threshold passed/);
  });

  test('a --summary that cannot be written keeps a failing verdict and turns a pass into exit 2, with the reason', async () => {
    const passing = steadySpec('passing2.yaml', '  completedPerS: ">= 100"\n');
    const nowhere = join(temp.dir, 'no-such-folder', 'report.xml');
    const ok = await cli(['run', passing, '--summary', nowhere]);
    assert.equal(ok.status, EXIT_USAGE);
    assert.match(
      ok.stderr,
      /stressnb run: cannot write the summary .*report\.xml: its folder does not exist \(the verdict stands: PASS: 1 run: 1 passed\)/,
    );
    const failing = await cli(['run', spec, '--summary', nowhere]);
    assert.equal(failing.status, EXIT_FAIL);
  });
});

describe('2. an incomplete run is never a pass: exit 3 with its reason', () => {
  const healthy = readFileSync(join(SAMPLES, 'disruptor-steady.log'), 'utf8');

  test('a cut log (head -20 of a healthy one) is INCOMPLETE, with --strict too', async () => {
    const head = `${healthy.split('\n').slice(0, 20).join('\n')}\n`;
    for (const args of [
      ['analyze', '-'],
      ['analyze', '-', '--strict'],
    ]) {
      const r = await cli(args, head);
      assert.equal(r.status, EXIT_INCOMPLETE, args.join(' '));
      assert.match(r.stdout, /^INCOMPLETE steady \(seed 1\): the stream ended at [\d.]+ s without the run's end \(no phase=done line\)/);
    }
    const json = JSON.parse((await cli(['analyze', '-', '--format', 'json'], head)).stdout);
    assert.equal(json.verdict, 'incomplete');
    assert.equal(json.incomplete.cause, 'no-end');
  });

  test('a cut log that failed something before it stopped is FAIL, and says it did not finish', async () => {
    const stalled = runToEnd(specFor('steady', { measureS: 12, fault: { name: 'dispatch-stall' } })).filter(
      (e) => !(e.type === 'phase' && e.phase === 'done'),
    );
    const r = await cli(['analyze', '-'], `${stalled.flatMap((e) => formatRunEvent(e, 'lines')).join('\n')}\n`);
    assert.equal(r.status, EXIT_FAIL);
    assert.match(
      r.stdout,
      /^FAIL steady \(seed 1\): [^\n]*1 triage hint[^\n]*; the run did not finish: the stream ended at [\d.]+ s without the run's end \(no phase=done line\)/,
    );
  });

  test('a log with ticks missing in the middle is INCOMPLETE, naming the gap', async () => {
    const lines = healthy.split('\n');
    // Drop the ticks from 4.0 s to 6.0 s (4 ticks of 0.5 s, every partition).
    const cut = lines.filter((l) => !/^t=(4\.[05]|5\.[05])\d* partition=/.test(l));
    const r = await cli(['analyze', '-'], cut.join('\n'));
    assert.equal(r.status, EXIT_INCOMPLETE, r.stdout.slice(0, 300));
    assert.match(
      r.stdout,
      /^INCOMPLETE steady \(seed 1\): ticks are missing: none from 3\.5\d* s to 6\.0\d* s \(about 4 ticks of 0\.5 s\)/,
    );
  });

  test('a stream that says it was interrupted, or that its source failed, is INCOMPLETE', async () => {
    for (const [reason, says] of [
      ['interrupted', /interrupted at 9\.501 s/],
      ['source-failed', /the source failed at 9\.501 s/],
    ] as const) {
      const r = await cli(['analyze', '-'], healthy.replace('phase=done', `phase=done reason=${reason}`));
      assert.equal(r.status, EXIT_INCOMPLETE, reason);
      assert.match(r.stdout.split('\n')[0], says);
    }
  });

  test('a source: command harness that exits 3 halfway: run exits 3, and so does analyze of its lines', async () => {
    const { command, args } = nodeFixture('crashHalfway.mjs', '--ticks=8', '--tick-ms=10');
    const spec = temp.file(
      'harness.yaml',
      `scenario: steady\nsource: command\ncommand: ${JSON.stringify(command)}\nargs: ${JSON.stringify(args)}\nexpect:\n  completedPerS: "> 0"\n`,
    );
    const ran = await cli(['run', spec]);
    assert.equal(ran.status, EXIT_INCOMPLETE, ran.stderr);
    assert.match(ran.stderr, /harness\.yaml: error: .*exited with status 3/);
    assert.match(
      ran.stderr,
      /\nINCOMPLETE fixture \(seed 1\): the run failed at [\d.]+ s: .*exited with status 3 \(so far no triage hint, no scenario checks for fixture\)/,
    );
    // The stream says how the source ended, and carries the cell's scenario and thresholds.
    assert.match(ran.stdout, /phase=done reason=source-failed\n$/);
    assert.match(ran.stdout.split('\n')[0], /scenario=fixture .*expect\.completedPerS="> 0"$/);
    const analyzed = await cli(['analyze', '-'], ran.stdout);
    assert.equal(analyzed.status, EXIT_INCOMPLETE);
    assert.match(analyzed.stdout, /^INCOMPLETE fixture \(seed 1\): the source failed at [\d.]+ s/);
  });
});

describe('3. an undrained run has no drainS: a drain threshold fails and says why', () => {
  test('--expect "drainS <= 30" on a log that never drained fails, and the JSON has no drainS', async () => {
    const log = join(SAMPLES, 'disruptor-hot-family.log');
    const r = await cli(['analyze', log, '--expect', 'drainS <= 30', '--format', 'json']);
    assert.equal(r.status, EXIT_FAIL);
    const json = JSON.parse(r.stdout);
    assert.equal(json.summary.metrics.drainS, undefined);
    assert.equal(json.summary.unmeasured.drainS, 'the run never drained: 29,305 tasks outstanding at 12.0 s');
    assert.deepEqual(json.thresholds, [
      {
        metric: 'drainS',
        expected: '<= 30',
        status: 'fail',
        message: 'drainS <= 30: FAILED: the run never drained: 29,305 tasks outstanding at 12.0 s',
      },
    ]);
    const text = await cli(['analyze', log, '--expect', 'drainS <= 30']);
    assert.match(text.stdout, /^FAIL hot-family \(seed 1\): over capacity as hot-family intends \([^)]*\), 1 failed threshold\n/);
    assert.match(text.stdout, /Drain {2,}not drained: production ended at 3\.0 s, 29,305 tasks outstanding at 12\.0 s/);
    assert.match(text.stdout, /\n {2}- threshold drainS <= 30: FAILED: the run never drained: 29,305 tasks outstanding at 12\.0 s\n/);
    assert.match(text.stdout, /\n {2}\[FAIL\] drainS <= 30: FAILED: the run never drained: 29,305 tasks outstanding at 12\.0 s\n/);
  });

  test('a drained run keeps its drain time and passes', async () => {
    const r = await cli(['analyze', join(SAMPLES, 'disruptor-steady.log'), '--expect', 'drainS <= 30', '--format', 'json']);
    assert.equal(r.status, EXIT_PASS);
    assert.equal(typeof JSON.parse(r.stdout).summary.metrics.drainS, 'number');
  });
});

describe('4. a closed or full stdout never turns a verdict into exit 0, and prints no stack trace', () => {
  const faulty = temp.file('faulty.log', readFileSync(join(SAMPLES, 'disruptor-small-ring-burst.log'), 'utf8'));
  const failingArgs = ['analyze', faulty, '--expect', 'rejectPct < 1', '--format', 'junit'];

  test('stdout closed before the first write (EPIPE): the failing verdict still exits 1', async () => {
    const child = spawn(process.execPath, [...CLI, ...failingArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before the command writes a byte
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const status = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(status, EXIT_FAIL, stderr);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  });

  test('analyze ... | true in a shell: exit 1 for the failing log (PIPESTATUS)', () => {
    const command = `${[process.execPath, ...CLI, ...failingArgs].map((a) => `'${a}'`).join(' ')} | true; echo "status=\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
    assert.match(r.stdout, /^status=1$/m, r.stderr);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });

  test('a full disk (/dev/full): the failing verdict exits 1, a passing one 2, each with a message and no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const failing = spawnSync(process.execPath, [...CLI, ...failingArgs], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      assert.equal(failing.status, EXIT_FAIL, failing.stderr);
      assert.match(
        failing.stderr,
        /stressnb: could not write to standard output: no space left on the device \(ENOSPC\); the output is incomplete/,
      );
      assert.doesNotMatch(failing.stderr, /\n\s+at /);
      const passing = spawnSync(process.execPath, [...CLI, 'analyze', join(SAMPLES, 'disruptor-steady.log')], {
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      assert.equal(passing.status, EXIT_USAGE, passing.stderr);
      assert.match(passing.stderr, /no space left on the device \(ENOSPC\)/);
      assert.doesNotMatch(passing.stderr, /\n\s+at /);
    } finally {
      closeSync(full);
    }
  });

  test('run | head -1: the run still goes to its end and its verdict decides the exit status', () => {
    const failing = steadySpec('head.yaml', '  completedPerS: ">= 500"\n');
    const command = `${[process.execPath, ...CLI, 'run', failing].map((a) => `'${a}'`).join(' ')} | head -1; echo "status=\${PIPESTATUS[0]}"`;
    const r = spawnSync('bash', ['-c', command], { encoding: 'utf8' });
    assert.match(r.stdout, /^config partitions=2 /);
    assert.match(r.stdout, /^status=1$/m, r.stderr);
    assert.match(r.stderr, /FAIL steady \(seed 1\): 1 failed threshold/);
  });
});

describe('9. a stream of several runs is judged run by run', () => {
  const hot =
    'scenario: hot-family\nwarmupS: 0.5\nmeasureS: 1\ncooldownS: 1\nload: { hotTasks: 100, otherFamilies: 5, tasksPerOtherFamily: 4 }\n';
  const steady =
    'scenario: steady\npartitions: 2\nwarmupS: 0\nmeasureS: 1\ncooldownS: 0.5\ntickMs: 250\nexpect:\n  completedPerS: ">= 1000"\n';
  const notebook = temp.file(
    'two-runs.stressnb',
    serializeStressnb({
      version: 1,
      metadata: {},
      cells: [
        { kind: 'scenario', source: hot },
        { kind: 'markdown', source: 'notes' },
        { kind: 'scenario', source: steady },
      ],
    }),
  );

  test('run notebook | analyze -: two runs, each with its own scenario and thresholds, no counter-integrity', async () => {
    const ran = await cli(['run', notebook]);
    assert.equal(ran.status, EXIT_FAIL, ran.stderr);
    assert.match(ran.stderr, /FAIL: 2 runs: 1 failed \(run 2\), 1 passed/);
    const analyzed = await cli(['analyze', '-', '--format', 'json'], ran.stdout);
    assert.equal(analyzed.status, EXIT_FAIL);
    const json = JSON.parse(analyzed.stdout) as {
      runs: {
        summary: { scenario: string };
        hints: { rule: string }[];
        thresholds: { metric: string; status: string }[];
        verdict: string;
        input: { firstLine: number; lastLine: number };
      }[];
      verdict: string;
    };
    assert.equal(json.verdict, 'fail');
    assert.deepEqual(
      json.runs.map((r) => r.summary.scenario),
      ['hot-family', 'steady'],
    );
    assert.deepEqual(
      json.runs.map((r) => r.verdict),
      ['pass', 'fail'],
    );
    assert.deepEqual(
      json.runs.map((r) => r.hints.map((h) => h.rule)),
      [[], []],
    );
    assert.deepEqual(
      json.runs[1].thresholds.map((t) => [t.metric, t.status]),
      [['completedPerS', 'fail']],
    );
    assert.equal(json.runs[0].input.firstLine, 1);
    assert.equal(json.runs[1].input.firstLine, json.runs[0].input.lastLine + 1);
    assert.match(ran.stdout.split('\n')[json.runs[1].input.firstLine - 1], /^config .*scenario=steady/);
  });

  test('text: the overall verdict first and last, then each run under its lines', async () => {
    const ran = await cli(['run', notebook]);
    const text = (await cli(['analyze', '-'], ran.stdout)).stdout;
    assert.match(
      text,
      /^FAIL: 2 runs: 1 failed \(run 2\), 1 passed\n {2}1\. run 1 \(lines 1–\d+\): PASS hot-family \(seed 1\): .*\n {2}2\. run 2 \(lines \d+–\d+\): FAIL steady \(seed 1\): 1 failed threshold\n/,
    );
    assert.match(text, /\nOverall: FAIL: 2 runs: 1 failed \(run 2\), 1 passed\n$/);
    const md = (await cli(['analyze', '-', '--format', 'markdown'], ran.stdout)).stdout;
    assert.match(md, /^## ✗ FAIL: 2 runs: 1 failed \(run 2\), 1 passed\n\n\| # \| run \| verdict \|/);
  });
});
