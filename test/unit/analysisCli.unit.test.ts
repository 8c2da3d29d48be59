import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after } from 'node:test';
import { analyzeCommand } from '../../src/cli/analyzeCommand';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import { runToEnd } from '../../src/engine/simulation';
import { specFor } from './helpers/specFor';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');
const dir = mkdtempSync(join(tmpdir(), 'stressnb-analyze-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function logOf(events: ReturnType<typeof runToEnd>, format: 'lines' | 'jsonl' = 'lines'): string {
  return `${events.flatMap((e) => formatRunEvent(e, format)).join('\n')}\n`;
}

function stdinOf(text: string) {
  return Readable.from([Buffer.from(text.slice(0, 1000)), Buffer.from(text.slice(1000))]);
}

describe('stressnb analyze', () => {
  test('a healthy sample log: text report, exit 0', async () => {
    const io = bufferIo();
    const status = await analyzeCommand.run([join(SAMPLES, 'disruptor-hot-family.log')], io);
    assert.equal(status, 0, io.stderr);
    assert.match(io.stdout, /^PASS hot-family/);
    assert.match(io.stdout, /Triage hints\n {2}none/);
    assert.match(io.stdout, /Input: 101 lines, 96 counter lines in 24 ticks/);
    assert.equal(io.stderr, '');
  });

  test('--format json has summary, checks, hints with rule/partitions/from/to/message, thresholds', async () => {
    const path = join(dir, 'stall.log');
    writeFileSync(path, logOf(runToEnd(specFor('steady', { measureS: 12, fault: { name: 'dispatch-stall' } }))));
    const io = bufferIo();
    const status = await analyzeCommand.run([path, '--format', 'json', '--expect', 'rejectPct < 1'], io);
    assert.equal(status, 1);
    const json = JSON.parse(io.stdout);
    for (const key of ['summary', 'checks', 'hints', 'thresholds']) assert.ok(key in json, key);
    assert.equal(json.hints.length, 1);
    const hint = json.hints[0];
    assert.deepEqual(
      Object.keys(hint)
        .filter((k) => ['rule', 'partitions', 'from', 'to', 'message'].includes(k))
        .sort(),
      ['from', 'message', 'partitions', 'rule', 'to'],
    );
    assert.equal(hint.rule, 'dispatch-blocked');
    assert.deepEqual(hint.partitions, [2]);
    assert.deepEqual(
      json.thresholds.map((t: { status: string }) => t.status),
      ['pass'],
    );
    assert.equal(json.verdict, 'fail');
    assert.equal(json.input.malformedLines, 0);
  });

  test('reads standard input with -, JSON lines included', async () => {
    const io = Object.assign(bufferIo(), { stdin: stdinOf(logOf(runToEnd(specFor('small-ring-burst', { measureS: 8 })), 'jsonl')) });
    const status = await analyzeCommand.run(['-', '--format=json'], io);
    assert.equal(status, 0, io.stderr);
    const json = JSON.parse(io.stdout);
    assert.equal(json.summary.scenario, 'small-ring-burst');
    assert.ok(json.summary.totals.rejectsBusy > 0);
    assert.deepEqual(json.hints, []);
  });

  test('a failed threshold or a failed check makes the exit status 1', async () => {
    const io = bufferIo();
    assert.equal(await analyzeCommand.run([join(SAMPLES, 'disruptor-small-ring-burst.log'), '--expect', 'rejectPct < 1'], io), 1);
    assert.match(io.stdout, /^FAIL small-ring-burst .*1 failed threshold/);
    const neg1 = join(dir, 'neg1.log');
    writeFileSync(neg1, logOf(runToEnd(specFor('uncorrelated-burst', { measureS: 8, fault: { name: 'neg1-single-family' } }))));
    const io2 = bufferIo();
    assert.equal(await analyzeCommand.run([neg1], io2), 1);
    assert.match(io2.stdout, /\[HINT\] uncorrelated-serialized/);
    assert.match(io2.stdout, /\[FAIL\] enqueuedDueToBusy stays low/);
  });

  test('foreign lines are skipped, malformed lines reported on stderr with line numbers; --strict fails on them', async () => {
    const text = readFileSync(join(SAMPLES, 'disruptor-steady.log'), 'utf8').split('\n');
    text.splice(5, 0, '12:00:00 INFO GC pause 3 ms', 't=0.600 partition=1 tasksIn=12 dispatched=oops');
    const path = join(dir, 'noisy.log');
    writeFileSync(path, text.join('\n'));
    const io = bufferIo();
    assert.equal(await analyzeCommand.run([path], io), 0);
    assert.match(io.stderr, /noisy\.log:7: error: dispatched is not a number/);
    assert.match(io.stdout, /1 other lines skipped, 1 malformed \(see stderr\)/);
    assert.equal(await analyzeCommand.run([path, '--strict'], bufferIo()), 1);
  });

  test('a baseline from an earlier --format json output is compared with', async () => {
    const first = bufferIo();
    await analyzeCommand.run([join(SAMPLES, 'disruptor-steady.log'), '--format', 'json'], first);
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, first.stdout);
    const io = bufferIo();
    assert.equal(await analyzeCommand.run([join(SAMPLES, 'disruptor-steady.log'), '--baseline', baseline, '--format', 'json'], io), 0);
    const json = JSON.parse(io.stdout);
    assert.ok(json.baseline.metrics.length > 0);
    for (const d of json.baseline.metrics) assert.equal(d.delta, 0);
  });

  test('a doubled counter: counter-integrity first in text and JSON, exit 1; its JSON is refused as a baseline', async () => {
    const text = readFileSync(join(SAMPLES, 'disruptor-uncorrelated-burst.log'), 'utf8').replace(
      /^(t=\S+ partition=1 .*\bcompleted=)(\d+)/gm,
      (_, head: string, v: string) => `${head}${Number(v) * 2}`,
    );
    const path = join(dir, 'doubled.log');
    writeFileSync(path, text);
    const io = bufferIo();
    assert.equal(await analyzeCommand.run([path], io), 1);
    assert.match(
      io.stdout,
      /^FAIL uncorrelated-burst \(seed 1\): counter integrity broken\n\nWhere to look:\n {2}- counter-integrity: partition 1, 1\.5 s to 9\.001 s\n\n/,
    );
    assert.doesNotMatch(io.stdout, /\[HINT\] release-missing/);
    const json = bufferIo();
    assert.equal(await analyzeCommand.run([path, '--format', 'json'], json), 1);
    const report = JSON.parse(json.stdout);
    assert.deepEqual(
      report.hints.map((h: { rule: string }) => h.rule),
      ['counter-integrity'],
    );
    assert.equal(report.summary.integrity.ok, false);
    assert.deepEqual(
      report.withheld.map((w: { rule: string }) => w.rule),
      ['release-missing'],
    );
    const baseline = join(dir, 'doubled.json');
    writeFileSync(baseline, json.stdout);
    const refused = bufferIo();
    assert.equal(await analyzeCommand.run([join(SAMPLES, 'disruptor-uncorrelated-burst.log'), '--baseline', baseline], refused), 2);
    assert.match(
      refused.stderr,
      /doubled\.json is not a baseline: its counters broke integrity \(completed exceeds dispatched by 2,345 on partition 1 from 1\.5 s, by up to 10,000 at 3\.5 s\)/,
    );
  });

  test('bad usage and unreadable input exit 2 with a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [[], /which log\?/],
      [['a.log', 'b.log'], /one input at a time/],
      [['--format', 'xml', 'a.log'], /--format must be text, json, markdown or junit/],
      [['--expect', '<1', 'a.log'], /--expect needs a metric and a comparison/],
      [['--bogus', 'a.log'], /unknown option --bogus/],
      [[join(dir, 'missing.log')], /cannot read .*missing\.log: no such file/],
      [[dir], /cannot read .*: it is a directory/],
      [[join(SAMPLES, 'disruptor-steady.log'), '--baseline', join(SAMPLES, 'disruptor-steady.log')], /cannot read the baseline/],
    ];
    for (const [args, message] of cases) {
      const io = bufferIo();
      assert.equal(await analyzeCommand.run(args, io), 2, args.join(' '));
      assert.match(io.stderr, message, args.join(' '));
    }
  });

  test('input without a single counter line exits 2', async () => {
    const io = Object.assign(bufferIo(), { stdin: stdinOf('hello\nworld\n') });
    assert.equal(await analyzeCommand.run(['-'], io), 2);
    assert.match(io.stderr, /no counter lines in <stdin> \(2 lines read, 2 not counter lines, 0 malformed\)/);
  });

  test('is wired into the stressnb command', async () => {
    const io = bufferIo();
    assert.equal(await main(['analyze', join(SAMPLES, 'disruptor-uncorrelated-burst.log'), '--format', 'json'], io), 0, io.stderr);
    assert.equal(JSON.parse(io.stdout).summary.scenario, 'uncorrelated-burst');
    const help = bufferIo();
    await main(['--help'], help);
    assert.match(help.stdout, /analyze/);
  });
});
