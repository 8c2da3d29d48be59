// `stressnb analyze --format junit | markdown`, for CI: the JUnit XML is valid and reads with a
// real XML parser the way a JUnit reader does (testsuites > testsuite > testcase, <failure>
// with the evidence); failures are there for a failing log and absent for a healthy one; the
// Markdown step summary says the verdict first; the exit codes are those of the text format.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { formatReportJunit } from '../../src/report/reportJunit';
import { HINT_RULES } from '../../src/analysis/reportTypes';
import { analyzeCommand } from '../../src/cli/analyzeCommand';
import { bufferIo } from '../../src/cli/cliIo';
import { runToEnd } from '../../src/engine/simulation';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import { specFor } from './helpers/specFor';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');
const dir = mkdtempSync(join(tmpdir(), 'stressnb-ci-formats-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Case {
  '@_classname': string;
  '@_name': string;
  failure?: { '@_message': string; '@_type'?: string; '#text'?: string };
  error?: { '@_message': string };
  skipped?: { '@_message': string };
}

/** Parses JUnit XML as a reader would; fails the test when it is not well-formed. */
function readJunit(xml: string) {
  const valid = XMLValidator.validate(xml);
  assert.equal(valid, true, JSON.stringify(valid));
  const parser = new XMLParser({
    ignoreAttributes: false,
    isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name),
    parseAttributeValue: false,
  });
  const doc = parser.parse(xml);
  const suites = doc.testsuites;
  const suite = suites.testsuite[0];
  return { suites, suite, cases: suite.testcase as Case[] };
}

const failingLog = join(dir, 'stalled.log');
writeFileSync(
  failingLog,
  `${runToEnd(specFor('steady', { measureS: 12, fault: { name: 'dispatch-stall' } }))
    .flatMap((e) => formatRunEvent(e, 'lines'))
    .join('\n')}\n`,
);

async function analyze(args: string[]) {
  const io = bufferIo();
  const status = await analyzeCommand.run(args, io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

describe('analyze --format junit', () => {
  test('a healthy log: valid JUnit, one testcase per check, triage rule and threshold, no failure, exit 0', async () => {
    const { status, stdout } = await analyze([join(SAMPLES, 'disruptor-hot-family.log'), '--format', 'junit', '--expect', 'rejectPct < 1']);
    assert.equal(status, 0);
    const { suites, suite, cases } = readJunit(stdout);
    const checks = cases.filter((c) => c['@_classname'].startsWith('stressnb.checks.'));
    const rules = cases.filter((c) => c['@_classname'] === 'stressnb.triage');
    const thresholds = cases.filter((c) => c['@_classname'] === 'stressnb.thresholds');
    assert.equal(checks.length, 6);
    assert.deepEqual(
      rules.map((c) => c['@_name']),
      HINT_RULES.map((r) => `no ${r}`),
    );
    assert.deepEqual(
      thresholds.map((c) => c['@_name']),
      ['rejectPct < 1'],
    );
    assert.equal(cases.filter((c) => c.failure || c.error).length, 0);
    assert.ok(!stdout.includes('<failure'));
    assert.equal(suites['@_tests'], String(cases.length));
    assert.equal(suites['@_failures'], '0');
    assert.equal(suite['@_errors'], '0');
    const props = Object.fromEntries(suite.properties.property.map((p: Record<string, string>) => [p['@_name'], p['@_value']]));
    assert.equal(props.verdict, 'pass');
    assert.equal(props['config.scenario'], 'hot-family');
  });

  test('a failing log: failures carry the evidence, a misspelled threshold is an error, exit 1', async () => {
    const { status, stdout } = await analyze([
      failingLog,
      '--format=junit',
      '--expect',
      'completedPerS >= 100000',
      '--expect',
      'rejectPercent < 1',
    ]);
    assert.equal(status, 1);
    const { suites, cases } = readJunit(stdout);
    const hint = cases.find((c) => c['@_name'] === 'no dispatch-blocked')!;
    assert.equal(hint.failure!['@_type'], 'dispatch-blocked');
    assert.match(hint.failure!['@_message'], /^partition 2, \d+\.\d+ s to \d+\.\d+ s$/);
    assert.match(hint.failure!['#text']!, /dispatch-blocked on partition 2, .*: Partition 2 dispatched nothing/);
    assert.match(hint.failure!['#text']!, /partition 2, .*: tasksIn [\d,]+ → [\d,]+ \(\+[\d,]+\), dispatched/);
    const missed = cases.find((c) => c['@_name'] === 'completedPerS >= 100000')!;
    assert.match(missed.failure!['@_message'], /^expected completedPerS >= 100000, actual [\d,.]+$/);
    const typo = cases.find((c) => c['@_name'] === 'rejectPercent < 1')!;
    assert.match(typo.error!['@_message'], /rejectPercent/);
    assert.equal(suites['@_failures'], String(cases.filter((c) => c.failure).length));
    assert.equal(suites['@_errors'], '1');
    for (const c of cases.filter((x) => x['@_classname'] === 'stressnb.triage' && x['@_name'] !== 'no dispatch-blocked'))
      assert.equal(c.failure, undefined);
  });

  test('a threshold relative to the baseline: skipped without one, a failure with the bound it missed', async () => {
    const without = readJunit((await analyze([failingLog, '--format', 'junit', '--expect', 'completedPerS >= baseline - 10%'])).stdout);
    const skipped = without.cases.find((c) => c['@_name'] === 'completedPerS >= baseline - 10%')!;
    assert.match(skipped.skipped!['@_message'], /not evaluated/);
    assert.equal(without.suite['@_skipped'], String(without.cases.filter((c) => c.skipped).length));

    const healthy = await analyze([join(SAMPLES, 'disruptor-steady.log'), '--format', 'json']);
    const baseline = join(dir, 'steady-baseline.json');
    writeFileSync(baseline, healthy.stdout);
    const { status, stdout } = await analyze([
      failingLog,
      '--format',
      'junit',
      '--baseline',
      baseline,
      '--expect',
      'completedPerS >= baseline - 10%',
    ]);
    assert.equal(status, 1);
    const failed = readJunit(stdout).cases.find((c) => c['@_name'] === 'completedPerS >= baseline - 10%')!;
    assert.match(
      failed.failure!['@_message'],
      /^expected completedPerS >= baseline - 10% \(baseline [\d,.]+, so >= [\d,.]+\), actual [\d,.]+$/,
    );
  });

  test('a doubled counter: counter-integrity fails, the rules resting on it are skipped as withheld', async () => {
    const text = readFileSync(join(SAMPLES, 'disruptor-uncorrelated-burst.log'), 'utf8').replace(
      /^(t=\S+ partition=1 .*\bcompleted=)(\d+)/gm,
      (_, head: string, v: string) => `${head}${Number(v) * 2}`,
    );
    const path = join(dir, 'doubled.log');
    writeFileSync(path, text);
    const { status, stdout } = await analyze([path, '--format', 'junit']);
    assert.equal(status, 1);
    const { cases } = readJunit(stdout);
    assert.match(cases.find((c) => c['@_name'] === 'no counter-integrity')!.failure!['#text']!, /partition 1/);
    assert.match(
      cases.find((c) => c['@_name'] === 'no release-missing')!.skipped!['@_message'],
      /^release-missing on partition 1, .*withheld: /,
    );
  });

  test('markup and control characters in the evidence still make valid XML', () => {
    const report = analyzeRun(runToEnd(specFor('steady', { measureS: 2 })), { expect: { 'a<b&"c"\u0001': '< 1 & >' } });
    const xml = formatReportJunit(report, { name: 'log <&> "quoted"' });
    const { suites, cases } = readJunit(xml);
    assert.equal(suites['@_name'], 'log <&> "quoted"');
    assert.ok(cases.some((c) => c.error));
  });
});

describe('analyze --format markdown', () => {
  test('a failing log: verdict first, where to look, the tables; exit 1', async () => {
    const { status, stdout } = await analyze([failingLog, '--format', 'markdown']);
    assert.equal(status, 1);
    const lines = stdout.split('\n');
    assert.match(lines[0], /^### ✗ FAIL steady \(seed 1\): .*1 triage hint/);
    assert.ok(stdout.indexOf('**Where to look:**') < stdout.indexOf('#### Summary'));
    assert.match(stdout, /^- dispatch-blocked: partition 2, /m);
    assert.match(stdout, /^\| partition \| tasksIn \| completed \|/m);
    assert.match(stdout, /\*Input: .*stalled\.log, \d+ lines, \d+ counter lines in \d+ ticks/);
  });

  test('a healthy log: PASS first, exit 0', async () => {
    const { status, stdout } = await analyze([join(SAMPLES, 'disruptor-steady.log'), '--format', 'md']);
    assert.equal(status, 0);
    assert.match(stdout, /^### ✓ PASS steady/);
    assert.ok(!stdout.includes('Where to look'));
  });
});
