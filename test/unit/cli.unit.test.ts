import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { parseRunArgs } from '../../src/cli/runCommand';
import { COUNTER_KEYS } from '../../src/format/runEvents';
import { serializeStressnb } from '../../src/format/stressnbFile';
import { tempFiles } from './helpers/tempFiles';

const { dir, file } = tempFiles('stressnb-cli-');

const SMALL_HOT =
  'scenario: hot-family\nwarmupS: 0.5\nmeasureS: 1\ncooldownS: 1\nload: { hotTasks: 100, otherFamilies: 5, tasksPerOtherFamily: 4 }\n';
const SMALL_STEADY = 'scenario: steady\npartitions: 2\nwarmupS: 0\nmeasureS: 1\ncooldownS: 0.5\ntickMs: 250\n';
const goodSpec = file('good.yaml', SMALL_HOT);
const badSpec = file('bad.yaml', 'scenario: hot-famly\npartitons: 4\nringBufferSize: 100\n');
const notebook = file(
  'session.stressnb',
  serializeStressnb({
    version: 1,
    metadata: {},
    cells: [
      { kind: 'markdown', source: '# notes' },
      { kind: 'scenario', source: SMALL_HOT },
      { kind: 'markdown', source: 'more notes' },
      { kind: 'scenario', source: SMALL_STEADY },
    ],
  }),
);

async function run(...argv: string[]) {
  const io = bufferIo();
  const status = await main(argv, io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

/** Checks the counter-line shape of one run's output and returns its partition count and ticks. */
function checkRunLines(lines: string[]): { partitions: number; ticks: number } {
  const config = lines[0];
  assert.match(config, /^config partitions=(\d+) /);
  const partitions = Number(/partitions=(\d+)/.exec(config)![1]);
  const tickLines = lines.filter((l) => / partition=/.test(l));
  for (const l of tickLines)
    assert.match(l, new RegExp(`^t=\\d+\\.\\d{3} partition=\\d+ ${COUNTER_KEYS.map((k) => `${k}=\\d+`).join(' ')}$`));
  assert.equal(tickLines.length % partitions, 0, 'one line per partition per tick');
  assert.match(lines.at(-1)!, /^t=\d+\.\d{3} phase=done/);
  return { partitions, ticks: tickLines.length / partitions };
}

describe('stressnb usage', () => {
  test('--help lists the commands and the exit codes; an unknown command names the commands and exits 2', async () => {
    const help = await run('--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /Usage: stressnb <command>/);
    assert.match(help.stdout, /run +Run a scenario/);
    assert.match(help.stdout, /0 pass, 1 fail, 2 usage or input error, 3 incomplete run/);
    const unknown = await run('frobnicate');
    assert.equal(unknown.status, 2);
    assert.equal(
      unknown.stderr,
      'stressnb: unknown command "frobnicate"; the commands are run, sweep, search, analyze, compare, history, export (stressnb --help)\n',
    );
    assert.match((await run()).stderr, /Usage: stressnb/);
    assert.equal((await run()).status, 2);
  });

  test('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = await run(flag);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `stressnb ${version}\n`);
    }
  });

  test('run --help explains cell numbering', async () => {
    const help = await run('run', '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--cell N[\s\S]*numbered from 1[\s\S]*Markdown cells included/);
  });

  test('argument errors exit 2 with the error, the usage line and where the options are, not the whole help', async () => {
    assert.deepEqual(parseRunArgs(['a.yaml', '--cell', '3', '--format=jsonl', '--seed', '9']), {
      file: 'a.yaml',
      cell: 3,
      format: 'jsonl',
      seed: 9,
      summaries: [],
    });
    for (const args of [
      ['run'],
      ['run', goodSpec, '--format', 'csv'],
      ['run', goodSpec, '--seed', '-1'],
      ['run', goodSpec, '--cell', '0'],
      ['run', goodSpec, '--bogus'],
      ['run', goodSpec, goodSpec],
    ]) {
      const r = await run(...args);
      assert.equal(r.status, 2, args.join(' '));
      const lines = r.stderr.trimEnd().split('\n');
      assert.match(lines[0], /^stressnb run: /);
      assert.match(lines[1], /^Usage: stressnb run <spec\.yaml \| notebook\.stressnb>/);
      assert.equal(lines[2], 'Run "stressnb run --help" for its options.');
      assert.equal(lines.length, 3, r.stderr);
    }
    const missing = await run('run', join(dir, 'nope.yaml'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope\.yaml: no such file/);
  });
});

describe('stressnb run', () => {
  test('a bad spec prints every problem as file:line:col and runs nothing', async () => {
    const r = await run('run', badSpec);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.deepEqual(
      r.stderr
        .trim()
        .split('\n')
        .map((l) => l.slice(0, l.indexOf(': error: ') + 9)),
      [`${badSpec}:1:11: error: `, `${badSpec}:2:1: error: `, `${badSpec}:3:17: error: `],
    );
    assert.match(r.stderr, /did you mean "hot-family"/);
  });

  test('a good spec prints the counter lines; the same seed gives the same bytes, --seed changes them', async () => {
    const a = await run('run', goodSpec);
    assert.equal(a.status, 0, a.stderr);
    // The verdict goes to stderr, the counter lines stay alone on stdout.
    assert.match(a.stderr, /^\nPASS hot-family \(seed 1\): /);
    assert.doesNotMatch(a.stdout, /PASS/);
    const lines = a.stdout.trimEnd().split('\n');
    const { partitions, ticks } = checkRunLines(lines);
    assert.equal(partitions, 4);
    assert.ok(ticks >= 5, `${ticks} ticks`);
    assert.match(lines[0], / scenario=hot-family /);
    assert.equal((await run('run', goodSpec)).stdout, a.stdout);
    const seeded = await run('run', goodSpec, '--seed', '99');
    assert.match(seeded.stdout, /^config .* seed=99/);
    assert.notEqual(seeded.stdout, a.stdout);
  });

  test('--format jsonl prints the same run as JSON lines', async () => {
    const lines = (await run('run', goodSpec, '--format', 'jsonl')).stdout.trimEnd().split('\n');
    const logfmt = (await run('run', goodSpec)).stdout.trimEnd().split('\n');
    assert.equal(lines.length, logfmt.length);
    const parsed = lines.map((l) => JSON.parse(l));
    assert.equal(parsed[0].config, true);
    assert.ok(parsed.some((o) => o.partition === 3 && COUNTER_KEYS.every((k) => typeof o[k] === 'number')));
  });

  test('a notebook runs every scenario cell in order, or the one --cell names', async () => {
    const all = await run('run', notebook);
    assert.equal(all.status, 0, all.stderr);
    const lines = all.stdout.trimEnd().split('\n');
    const starts = lines.flatMap((l, i) => (l.startsWith('config ') ? [i] : []));
    assert.equal(starts.length, 2);
    assert.match(lines[starts[0]], /scenario=hot-family/);
    assert.match(lines[starts[1]], /scenario=steady/);
    checkRunLines(lines.slice(0, starts[1]));
    assert.equal(checkRunLines(lines.slice(starts[1])).partitions, 2);

    const fourth = await run('run', notebook, '--cell', '4');
    assert.equal(fourth.status, 0);
    assert.equal(fourth.stdout, `${lines.slice(starts[1]).join('\n')}\n`);

    const markdown = await run('run', notebook, '--cell', '3');
    assert.equal(markdown.status, 2);
    assert.match(markdown.stderr, /cell 3 is a Markdown cell; its scenario cells are 2, 4/);
    assert.match((await run('run', notebook, '--cell', '9')).stderr, /there is no cell 9: the notebook has 4 cells/);
  });

  test('a notebook with a bad cell reports it by cell number and runs nothing', async () => {
    const nb = file(
      'bad.stressnb',
      serializeStressnb({
        version: 1,
        metadata: {},
        cells: [
          { kind: 'scenario', source: SMALL_STEADY },
          { kind: 'scenario', source: 'scenario: steady\nseed: x\n' },
        ],
      }),
    );
    const r = await run('run', nb);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^${nb.replace(/[.\\/]/g, '\\$&')}#cell2:2:7: error: seed must be an integer`));
  });

  test('a corrupt notebook is refused with its position', async () => {
    const nb = file('corrupt.stressnb', '{\n  "version": 1,\n  "cells": [\n');
    const r = await run('run', nb);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /corrupt\.stressnb:4:1: error: not a valid \.stressnb notebook: .*truncated/);
  });
});

describe('the stressnb executable', () => {
  const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/cli.ts', ...args], { encoding: 'utf8' });

  test('exits 2 with positioned problems on stderr for a bad spec', () => {
    const r = cli('run', badSpec);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`${badSpec.replace(/[.\\/]/g, '\\$&')}:1:11: error: scenario must be one of`));
  });

  test('prints the counter lines of a good spec and exits 0', () => {
    const r = cli('run', goodSpec);
    assert.equal(r.status, 0, r.stderr);
    checkRunLines(r.stdout.trimEnd().split('\n'));
  });
});
