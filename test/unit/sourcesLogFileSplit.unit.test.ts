// A large log file read on two threads (src/sources/logFileSplit.ts, through readLogSeries) gives
// exactly what reading it on one thread gives: the same series, the same analysis, the same
// counts, problems and line numbers, whatever the lines (foreign, malformed, blank, CRLF, longer
// than a batch slot, many short ones, no final line break); and a file that cannot be read gives
// the same message both ways.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSeries } from '../../src/analysis/analyzeRun';
import { pointArray } from '../../src/series/tickSeries';
import { bufferIo } from '../../src/cli/cliIo';
import { readLogSeries } from '../../src/cli/readLogSeries';
import { SLOT_BYTES, SLOT_LINES } from '../../src/sources/logSplitProtocol';
import { writeSoakLog } from '../../bench/soakLog';
import { tempFiles } from './helpers/tempFiles';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');
const temp = tempFiles('stressnb-split-test-');

async function read(file: string, threaded: boolean) {
  return readLogSeries(file, bufferIo(), { threadFromBytes: threaded ? 0 : Infinity });
}

/** Reads `file` both ways and checks that everything read is the same; returns the threaded reading. */
async function assertSameBothWays(file: string, where: string) {
  const one = await read(file, false);
  const two = await read(file, true);
  assert.ok(!('error' in one) && !('error' in two), `${where}: ${JSON.stringify([one, two].map((r) => ('error' in r ? r.error : 'ok')))}`);
  assert.deepEqual(two.stats, one.stats, `${where}: stats`);
  assert.equal(two.series.partitions, one.series.partitions, where);
  assert.deepEqual(two.series.times, one.series.times, `${where}: tick times`);
  for (let p = 0; p < one.series.partitions; p++) {
    assert.deepEqual(
      JSON.parse(JSON.stringify(pointArray(two.series.byPartition[p]))),
      JSON.parse(JSON.stringify(pointArray(one.series.byPartition[p]))),
      `${where}: partition ${p}`,
    );
  }
  assert.deepEqual(
    JSON.parse(JSON.stringify(analyzeSeries(two.series))),
    JSON.parse(JSON.stringify(analyzeSeries(one.series))),
    `${where}: analysis`,
  );
  return two;
}

describe('a log file read on two threads', () => {
  test('equals the one-thread reading of the sample logs', async () => {
    for (const name of ['hot-family', 'small-ring-burst', 'steady', 'uncorrelated-burst']) {
      const two = await assertSameBothWays(join(SAMPLES, `disruptor-${name}.log`), name);
      assert.ok(two.stats.counterLines > 50, `${name}: ${two.stats.counterLines} counter lines`);
    }
  });

  test('equals it on foreign, malformed, blank and CRLF lines, a line longer than a slot, and no final line break', async () => {
    const soak = temp.file('soak.log', '');
    const facts = writeSoakLog(soak, { lines: 60_000, partitions: 8, stallTicksBeforeEnd: 300, stallTicks: 12 });
    const lines = readFileSync(soak, 'utf8').split('\n');
    const mixed: string[] = [];
    lines.forEach((line, i) => {
      if (i % 997 === 11) mixed.push(`07:00:00 WARN température élevée ✓ ${'…'.repeat(i % 5)}`);
      if (i % 1499 === 7) mixed.push('t=1.0 partition=zero tasksIn=1');
      if (i % 2003 === 5) mixed.push('');
      mixed.push(i % 5 === 1 ? `${line}\r` : line);
    });
    // Longer than a slot: the worker sends it on its own.
    mixed.splice(20_000, 0, `07:00:01 ERROR ${'at com.example.Worker.run(Worker.java:42) '.repeat(Math.ceil((1.5 * SLOT_BYTES) / 42))}`);
    // More short lines than a slot holds.
    mixed.splice(40_000, 0, ...Array.from({ length: SLOT_LINES + 100 }, () => '.'));
    const file = temp.file('mixed.log', mixed.join('\n').replace(/\n+$/, ''));
    const two = await assertSameBothWays(file, 'mixed');
    assert.equal(two.stats.counterLines, 60_000);
    assert.ok(two.stats.errorCount >= 40, `${two.stats.errorCount} malformed lines`);
    assert.match(two.stats.errors[0].text, /partition=zero/);
    const report = analyzeSeries(two.series);
    assert.deepEqual(
      report.hints.map((h) => [h.rule, h.from, h.to]),
      [['dispatch-blocked', facts.stallFrom, facts.stallTo]],
    );
  });

  test('equals it on an empty file and a file of one line without a line break', async () => {
    const empty = await read(temp.file('empty.log', ''), true);
    assert.ok(!('error' in empty));
    assert.equal(empty.stats.lines, 0);
    const one = await assertSameBothWays(
      temp.file(
        'one.log',
        't=0.5 partition=0 tasksIn=3 dispatched=2 completed=1 rejectsBusy=0 enqueuedDueToBusy=0 maxPendingDepthObserved=1 readyFamiliesCount=0 inFlightFamiliesCount=1',
      ),
      'one line',
    );
    assert.equal(one.stats.counterLines, 1);
  });

  test('says the same both ways when the file cannot be read', async () => {
    const missing = join(temp.dir, 'no-such.log');
    assert.deepEqual(await read(missing, true), { error: 'no such file' });
    assert.deepEqual(await read(missing, false), { error: 'no such file' });
    const folder = join(temp.dir, 'a-folder');
    mkdirSync(folder);
    assert.deepEqual(await read(folder, true), { error: 'it is a directory' });
    assert.deepEqual(await read(folder, false), { error: 'it is a directory' });
  });
});
