// The JUnit XML of `stressnb analyze --format junit` and `stressnb run --summary FILE.xml` is
// valid against the Jenkins xunit plugin's junit-10 schema (test/fixtures/junit/junit-10.xsd),
// checked with a real validator: xmllint, from Debian's libxml2-utils (scripts/run-unit-tests.mjs
// installs it). Passing, failing, incomplete and multi-run documents, and a control document the
// schema refuses, so the validator is known to be looking.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { runToEnd } from '../../src/engine/simulation';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import { serializeStressnb } from '../../src/format/stressnbFile';
import { specFor } from './helpers/specFor';
import { tempFiles } from './helpers/tempFiles';

const ROOT = join(__dirname, '..', '..');
const SCHEMA = join(ROOT, 'test', 'fixtures', 'junit', 'junit-10.xsd');
const SAMPLES = join(ROOT, 'test', 'fixtures', 'samples');
const temp = tempFiles('stressnb-junit-');

/** xmllint's verdict on the document: ok, or its messages. */
function validate(xml: string, name: string): { ok: boolean; messages: string } {
  const file = temp.file(name, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', SCHEMA, file], { encoding: 'utf8' });
  assert.equal(r.error, undefined, 'xmllint must be installed (Debian: libxml2-utils)');
  return { ok: r.status === 0, messages: `${r.stdout}${r.stderr}` };
}

function assertValid(xml: string, name: string): void {
  const { ok, messages } = validate(xml, name);
  assert.ok(ok, `${name} is not valid against junit-10.xsd:\n${messages}`);
  assert.match(messages, /validates/);
}

async function cli(args: string[], stdin?: string): Promise<{ status: number; stdout: string }> {
  const io = Object.assign(bufferIo(), stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) });
  const status = await main(args, io);
  return { status, stdout: io.stdout };
}

const stalled = temp.file(
  'stalled.log',
  `${runToEnd(specFor('steady', { measureS: 12, fault: { name: 'dispatch-stall' } }))
    .flatMap((e) => formatRunEvent(e, 'lines'))
    .join('\n')}\n`,
);

describe('JUnit XML against the Jenkins xunit junit-10 schema (xmllint)', () => {
  test('the validator refuses what the schema forbids (skipped on <testsuites>, as stressnb wrote it before)', () => {
    const bad =
      '<?xml version="1.0"?>\n<testsuites name="x" tests="1" failures="0" errors="0" skipped="0">\n  <testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c"/></testsuite>\n</testsuites>\n';
    const { ok, messages } = validate(bad, 'control.xml');
    assert.equal(ok, false);
    assert.match(messages, /skipped.*not allowed/);
  });

  test('a passing log', async () => {
    const r = await cli(['analyze', join(SAMPLES, 'disruptor-hot-family.log'), '--format', 'junit', '--expect', 'rejectPct < 1']);
    assert.equal(r.status, 0);
    assertValid(r.stdout, 'pass.xml');
  });

  test('a failing log: hints, failed checks, a failed threshold, an error and a skipped relative threshold', async () => {
    const typo = temp.file(
      'typo.log',
      readFileSync(stalled, 'utf8').replace(/^config .*$/m, (l) => `${l} expect.rejectPercent="< 1"`),
    );
    const r = await cli(['analyze', typo, '--format', 'junit', '--expect', 'completedPerS >= 100000', '--expect', 'rejectPct <= baseline']);
    assert.equal(r.status, 1);
    for (const element of ['<failure ', '<error ', '<skipped ']) assert.ok(r.stdout.includes(element), element);
    assertValid(r.stdout, 'fail.xml');
  });

  test('an incomplete run: the "the run finished" case is an <error> with the reason', async () => {
    const head = `${readFileSync(join(SAMPLES, 'disruptor-steady.log'), 'utf8').split('\n').slice(0, 30).join('\n')}\n`;
    const r = await cli(['analyze', '-', '--format', 'junit'], head);
    assert.equal(r.status, 3);
    assert.match(
      r.stdout,
      /<testcase classname="stressnb\.run" name="the run finished" time="0">\n {6}<error message="the stream ended at [\d.]+ s without the run's end \(no phase=done line\): a cut log, or a run still going" type="incomplete-no-end"\/>/,
    );
    assertValid(r.stdout, 'incomplete.xml');
  });

  test('several runs: a <testsuite> each, the totals summed on <testsuites>; run --summary writes the same kind', async () => {
    const cell = (measureS: number) =>
      `scenario: steady\npartitions: 2\nwarmupS: 0\nmeasureS: ${measureS}\ncooldownS: 0.5\ntickMs: 250\nexpect:\n  completedPerS: ">= 150"\n`;
    const notebook = temp.file(
      'nb.stressnb',
      serializeStressnb({
        version: 1,
        metadata: {},
        cells: [
          { kind: 'scenario', source: cell(1) },
          { kind: 'scenario', source: cell(2) },
        ],
      }),
    );
    const summary = join(temp.dir, 'run.xml');
    const ran = await cli(['run', notebook, '--summary', summary]);
    assert.equal(ran.status, 0);
    const fromRun = readFileSync(summary, 'utf8');
    assert.equal(fromRun.match(/<testsuite /g)?.length, 2);
    assertValid(fromRun, 'run-summary.xml');
    const analyzed = await cli(['analyze', '-', '--format', 'junit'], ran.stdout);
    assert.equal(analyzed.stdout.match(/<testsuite /g)?.length, 2);
    const tests = [...analyzed.stdout.matchAll(/<testsuite [^>]*tests="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
    assert.match(analyzed.stdout, new RegExp(`<testsuites [^>]*tests="${tests}" failures="0" errors="0"`));
    assertValid(analyzed.stdout, 'runs.xml');
  });
});
