// `repeat: N`: the spec key and its mistakes, the runs it expands to (engine seeds, a command's
// STRESSNB_REPEAT, a log pattern's files), `stressnb run` printing the repeats one after another,
// and `stressnb analyze` reading such a stream as repeats with its aggregate.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateHeadline, formatAggregateText } from '../../src/report/aggregateText';
import { aggregateMetrics } from '../../src/analysis/runAggregate';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { isLogPattern, repeatedSpecs, REPEAT_ENV } from '../../src/spec/repeatRuns';
import { SPEC_KEYS } from '../../src/spec/specKeys';
import { logFilesOfPattern } from '../../src/sources/logFilePattern';
import { tempFiles } from './helpers/tempFiles';

const { dir, file } = tempFiles('stressnb-repeat-');

function problems(text: string): string[] {
  return parseScenarioSpec(text).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

const SHORT = 'scenario: steady\nwarmupS: 0\nmeasureS: 2\ncooldownS: 1\n';

async function cli(...args: string[]) {
  const io = bufferIo();
  const status = await main(args, io);
  return { status, ...io };
}

describe('repeat: in the spec', () => {
  test('repeat: 5 is kept; without it (or repeat: 1) there is no repeat key', () => {
    assert.equal(parseScenarioSpec(`${SHORT}repeat: 5\n`).spec?.repeat, 5);
    assert.equal(parseScenarioSpec(SHORT).spec?.repeat, undefined);
    assert.equal(parseScenarioSpec(`${SHORT}repeat: 1\n`).spec?.repeat, undefined);
    assert.match(SPEC_KEYS.repeat.doc, /seeds seed, seed\+1/);
  });

  test('mistakes are positioned: not a whole number, out of range, with a sweep, with follow, past the last seed', () => {
    assert.match(problems(`${SHORT}repeat: 2.5\n`)[0], /^5:9 repeat must be an integer/);
    assert.match(problems(`${SHORT}repeat: 0\n`)[0], /^5:9 repeat must be .*at least 1/);
    assert.match(problems(`${SHORT}repeat: 101\n`)[0], /^5:9 repeat must be .*at most 100/);
    assert.match(
      problems(`${SHORT}repeat: 3\nsweep: { seed: [1, 2] }\n`).join('\n'),
      /5:1 repeat does not apply to a sweep: every point runs once/,
    );
    assert.match(
      problems('source: file\npath: run.log\nfollow: true\nrepeat: 3\n')[0],
      /^4:1 repeat reads several finished log files; it cannot follow/,
    );
    assert.match(
      problems(`${SHORT}seed: 4294967295\nrepeat: 2\n`)[0],
      /^6:9 repeat: 2 from seed 4294967295 would need seeds past 4294967295/,
    );
    const prometheus =
      'source: prometheus\nurl: http://127.0.0.1:9090\nfrom: 2025-01-01T00:00:00Z\nto: 2025-01-01T00:01:00Z\ntickMs: 500\nwarmupS: 0\ncooldownS: 0\nrepeat: 2\n';
    assert.match(
      problems(prometheus).join('\n'),
      /8:1 repeat does not apply to source: prometheus: the same range of the same server gives the same run/,
    );
  });
});

describe('the runs of a repeat', () => {
  test('the engine runs seeds seed … seed+N-1', () => {
    const spec = parseScenarioSpec(`${SHORT}seed: 7\nrepeat: 3\n`).spec!;
    const runs = repeatedSpecs(spec);
    assert.deepEqual(
      runs.map((r) => r.seed),
      [7, 8, 9],
    );
    assert.ok(runs.every((r) => r.repeat === undefined));
  });

  test('a command runs N times, told which by STRESSNB_REPEAT', () => {
    const spec = parseScenarioSpec('source: command\ncommand: ./harness\nenv: { RATE: "10" }\nrepeat: 2\n').spec!;
    const envs = repeatedSpecs(spec).map((r) => (r.source.kind === 'command' ? r.source.env : {}));
    assert.deepEqual(envs, [
      { RATE: '10', [REPEAT_ENV]: '1' },
      { RATE: '10', [REPEAT_ENV]: '2' },
    ]);
  });

  test('a log pattern matches exactly N files, in natural order', () => {
    const logs = join(dir, 'logs');
    mkdirSync(logs);
    for (const n of [10, 2, 1]) file(`logs/run-${n}.log`, '');
    file('logs/other.txt', '');
    assert.equal(isLogPattern('logs/run-*.log'), true);
    assert.equal(isLogPattern('lo*gs/run.log'), false, 'only the file name may be a pattern');
    assert.deepEqual(logFilesOfPattern('logs/run-*.log', dir, 3), {
      files: ['run-1.log', 'run-2.log', 'run-10.log'].map((f) => join(logs, f)),
    });
    assert.deepEqual(logFilesOfPattern('logs/run-?.log', dir, 2), { files: ['run-1.log', 'run-2.log'].map((f) => join(logs, f)) });
    assert.match(
      (logFilesOfPattern('logs/run-*.log', dir, 5) as { error: string }).error,
      /^path logs\/run-\*\.log matches 3 files \(run-1\.log, run-2\.log, run-10\.log\); repeat: 5 needs 5$/,
    );
    assert.match(
      (logFilesOfPattern('logs/run-1.log', dir, 2) as { error: string }).error,
      /path must be a pattern such as runs\/run-\*\.log/,
    );
    assert.match((logFilesOfPattern('nowhere/*.log', dir, 2) as { error: string }).error, /no such folder/);
  });
});

describe('stressnb run and analyze of a repeated spec', () => {
  test('run prints the repeats one after another, each starting with its config line', async () => {
    const r = await cli('run', file('r3.yaml', `${SHORT}seed: 7\nrepeat: 3\n`));
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    const configs = lines.map((l, i) => [l, i] as const).filter(([l]) => l.startsWith('config '));
    assert.deepEqual(
      configs.map(([l]) => /seed=(\d+)/.exec(l)?.[1]),
      ['7', '8', '9'],
    );
    assert.equal(configs[0][1], 0, 'the stream starts with the first config line');
    assert.equal(lines.filter((l) => / phase=done /.test(l)).length, 3);
    for (const [, i] of configs.slice(1)) assert.match(lines[i - 1], /phase=done/, 'each run ends before the next config');
  });

  test('a command runs once per repeat and sees STRESSNB_REPEAT', async () => {
    const script = file(
      'harness.mjs',
      [
        'const n = process.env.STRESSNB_REPEAT;',
        'console.log(`config partitions=1 tickMs=500 scenario=harness seed=${n}`);',
        'console.log(`t=0.500 partition=0 tasksIn=${10 * n} dispatched=${10 * n} completed=${10 * n} rejectsBusy=0 enqueuedDueToBusy=0 maxPendingDepthObserved=0 readyFamiliesCount=0 inFlightFamiliesCount=0`);',
        'console.log("t=0.500 phase=done reason=drained");',
      ].join('\n'),
    );
    const spec = file(
      'cmd.yaml',
      `source: command\ncommand: ${JSON.stringify(process.execPath)}\nargs: [${JSON.stringify(script)}]\nrepeat: 3\n`,
    );
    const r = await cli('run', spec);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('config'))
        .map((l) => /seed=(\d)/.exec(l)?.[1]),
      ['1', '2', '3'],
    );
  });

  test("a file source with repeat reads its pattern's files; too few is exit 2 before anything runs", async () => {
    const one = (await cli('run', file('short.yaml', SHORT))).stdout;
    mkdirSync(join(dir, 'runs'));
    file('runs/a-1.log', one);
    file('runs/a-2.log', one.replace('seed=1', 'seed=2'));
    const r = await cli('run', file('files.yaml', 'source: file\npath: runs/a-*.log\nrepeat: 2\n'));
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(
      r.stdout
        .split('\n')
        .filter((l) => l.startsWith('config'))
        .map((l) => /seed=(\d)/.exec(l)?.[1]),
      ['1', '2'],
    );
    const short = await cli('run', file('files3.yaml', 'source: file\npath: runs/a-*.log\nrepeat: 3\n'));
    assert.equal(short.status, 2);
    assert.match(short.stderr, /files3\.yaml: error: path runs\/a-\*\.log matches 2 files \(a-1\.log, a-2\.log\); repeat: 3 needs 3/);
    assert.equal(short.stdout, '');
  });

  test('analyze reads the stream as repeats: a report per run, then the aggregate; JSON {runs, aggregate, verdict}', async () => {
    const log = file('r5.log', (await cli('run', file('r5.yaml', `${SHORT}repeat: 5\n`))).stdout);
    const json = await cli('analyze', log, '--format', 'json');
    assert.equal(json.status, 0, json.stderr);
    const out = JSON.parse(json.stdout);
    assert.deepEqual(Object.keys(out), ['runs', 'aggregate', 'verdict']);
    assert.equal(out.runs.length, 5);
    assert.deepEqual(
      out.runs.map((r: { input: { firstLine: number } }) => r.input.firstLine),
      [1, 25, 49, 73, 97],
    );
    assert.deepEqual(
      out.runs.map((r: { summary: { config: { seed: number } } }) => r.summary.config.seed),
      [1, 2, 3, 4, 5],
    );
    assert.equal(out.verdict, 'pass');
    const c = out.aggregate.metrics.completedPerS;
    assert.deepEqual(Object.keys(c), ['n', 'median', 'min', 'max', 'ci95']);
    const values = out.runs
      .map((r: { summary: { metrics: { completedPerS: number } } }) => r.summary.metrics.completedPerS)
      .sort((a: number, b: number) => a - b);
    assert.deepEqual([c.n, c.median, c.min, c.max, c.ci95], [5, values[2], values[0], values[4], null]);
    assert.match(out.aggregate.ciNote, /needs 6/);
    assert.equal(out.aggregate.passed, 5);

    const text = await cli('analyze', log);
    assert.match(text.stdout, /^PASS: 5 runs: 5 passed\n {2}1\. run 1 \(lines 1–24\): PASS steady \(seed 1\)/);
    assert.match(text.stdout, /\nRepeats: PASS 5\/5 · completed\/s \d+ \[\d+–\d+\]\n/);
    const md = await cli('analyze', log, '--format', 'md');
    assert.match(md.stdout, /^## ✓ PASS: 5 runs: 5 passed\n/);
    assert.match(md.stdout, /\*\*PASS 5\/5 · completed\/s/);
    const junit = await cli('analyze', log, '--format', 'junit');
    assert.equal((junit.stdout.match(/<testsuite /g) ?? []).length, 5);
  });

  test('a threshold on the repeats together, against a repeated baseline, fails the stream although every run passed', async () => {
    const base = file('fast.log', (await cli('run', file('fast.yaml', `${SHORT}load: { ratePerS: 400 }\nrepeat: 5\n`))).stdout);
    const baseline = file('fast.json', (await cli('analyze', base, '--format', 'json')).stdout);
    const log = file('slow.log', (await cli('run', file('slow.yaml', `${SHORT}repeat: 5\n`))).stdout);
    const judged = await cli('analyze', log, '--baseline', baseline, '--expect', 'completedPerS >= baseline - 10%');
    assert.equal(judged.status, 1, judged.stderr);
    assert.match(judged.stdout, /^FAIL: 5 runs: 1 threshold on all of them failed, 5 passed\n/);
    assert.match(judged.stdout, /FAIL {2}completedPerS median \d+ of 5 runs, expected >= baseline - 10%: baseline median \d+ of 5/);
    const json = JSON.parse(
      (await cli('analyze', log, '--baseline', baseline, '--expect', 'completedPerS >= baseline - 10%', '--format', 'json')).stdout,
    );
    assert.equal(json.verdict, 'fail');
    assert.deepEqual(
      json.runs.map((r: { verdict: string }) => r.verdict),
      ['pass', 'pass', 'pass', 'pass', 'pass'],
    );
    assert.equal(json.aggregate.thresholds[0].status, 'fail');
  });

  test('six runs give a 95 % interval of the median: [min, max] (coverage 1 - 2/64)', () => {
    const metrics = aggregateMetrics([5, 1, 4, 2, 6, 3].map((v) => ({ completedPerS: v })));
    assert.deepEqual(metrics.completedPerS, { n: 6, median: 3.5, min: 1, max: 6, ci95: [1, 6] });
    const ten = aggregateMetrics([10, 1, 9, 2, 8, 3, 7, 4, 6, 5].map((v) => ({ completedPerS: v })));
    assert.deepEqual(ten.completedPerS.ci95, [2, 9]);
  });

  test('the aggregate headline counts the runs that passed and gives completed/s as median [min–max]', () => {
    const metrics = aggregateMetrics([401, 396, 405, 399, 402].map((v) => ({ completedPerS: v })));
    assert.equal(aggregateHeadline({ runs: 5, passed: 5, excluded: [], metrics }), 'PASS 5/5 · completed/s 401 [396–405]');
    assert.equal(aggregateHeadline({ runs: 5, passed: 4, excluded: [], metrics }), 'FAIL 4/5 · completed/s 401 [396–405]');
    const text = formatAggregateText({ runs: 5, passed: 4, excluded: [{ run: 2, reason: 'it did not finish' }], metrics });
    assert.match(text, /Note: run 2 is left out of the metrics: it did not finish\./);
  });
});
