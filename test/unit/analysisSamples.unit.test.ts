// The four logs of a real LMAX-Disruptor-based scheduler (test/fixtures/samples): parsed and
// analysed with plausible summaries, passing checks and no false hint.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { parseCounterLines } from '../../src/format/counterLineParser';
import type { RunReport } from '../../src/analysis/reportTypes';
import type { RunEvent } from '../../src/format/runEvents';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');

function sample(name: string): { events: RunEvent[]; report: RunReport } {
  const { events, stats } = parseCounterLines(readFileSync(join(SAMPLES, `disruptor-${name}.log`), 'utf8'));
  assert.equal(stats.errorCount, 0);
  return { events, report: analyzeRun(events) };
}

/** Totals at the last tick, summed over partitions, straight from the events. */
function lastTotals(events: RunEvent[]) {
  const ticks = events.filter((e) => e.type === 'tick');
  const last = ticks[ticks.length - 1];
  const sum = (k: 'tasksIn' | 'completed' | 'rejectsBusy') => last.partitions.reduce((s, c) => s + c[k], 0);
  return { tasksIn: sum('tasksIn'), completed: sum('completed'), rejectsBusy: sum('rejectsBusy') };
}

describe('analysis of the sample logs', () => {
  for (const name of ['hot-family', 'small-ring-burst', 'steady', 'uncorrelated-burst']) {
    test(`${name}: no triage hint, no failed check, a complete run`, () => {
      const { events, report } = sample(name);
      assert.deepEqual(report.hints, [], JSON.stringify(report.hints.map((h) => h.message)));
      assert.deepEqual(
        report.checks.filter((c) => c.status === 'fail'),
        [],
      );
      assert.equal(report.partial, false);
      assert.equal(report.verdict, 'pass');
      const totals = lastTotals(events);
      assert.equal(report.summary.totals.tasksIn, totals.tasksIn);
      assert.equal(report.summary.totals.completed, totals.completed);
      assert.equal(report.summary.totals.rejectsBusy, totals.rejectsBusy);
      assert.equal(report.summary.throughput.window, 'measure');
      assert.equal(report.summary.scenario, name);
      assert.equal(report.summary.partitions, 4);
    });
  }

  test('hot-family: partition 3 is hot, the others progressed, the hot backlog did not drain', () => {
    const { report } = sample('hot-family');
    const s = report.summary;
    assert.equal(s.hotPartition?.partition, 3);
    assert.equal(s.hotPartition?.peakPendingDepth, 29874);
    assert.equal(s.health.otherFamiliesProgressed.answer, 'yes');
    assert.deepEqual(s.health.otherFamiliesProgressed.partitions, [0, 1, 2]);
    // The hot family is merely slow (about 62 tasks/s): expected in this scenario, not a defect.
    assert.equal(s.health.recoveredAfterBurst.answer, 'no');
    assert.match(s.health.recoveredAfterBurst.evidence, /partition 3 still had 29,305 tasks outstanding/);
    assert.equal(s.drain.drained, false);
    // Measure window 1.001 s .. 9.001 s: 10,506 completions in 8 s.
    assert.equal(s.throughput.completed, 10506);
    assert.ok(Math.abs(s.throughput.completedPerS - 1313.25) < 1e-9);
    assert.deepEqual(
      report.checks.map((c) => [c.id, c.status]),
      [
        ['hot-family/hot-backlog', 'pass'],
        ['hot-family/hot-progress', 'pass'],
        ['hot-family/others-progress', 'pass'],
        ['hot-family/no-global-stall', 'pass'],
        ['hot-family/ready-dispatched', 'pass'],
        ['hot-family/hot-released', 'pass'],
      ],
    );
  });

  test('small-ring-burst: about 87 % rejected, every burst recovered', () => {
    const { report } = sample('small-ring-burst');
    const s = report.summary;
    assert.equal(s.totals.offered, 10000);
    assert.ok(s.totals.rejectPct > 80 && s.totals.rejectPct < 90, String(s.totals.rejectPct));
    assert.equal(s.health.recoveredAfterBurst.answer, 'yes');
    assert.equal(s.drain.drained, true);
    assert.equal(s.hotPartition, undefined);
    for (const c of report.checks) assert.equal(c.status, 'pass', `${c.id}: ${c.reason}`);
  });

  test('uncorrelated-burst: balanced, no enqueuedDueToBusy, drained half a second after the burst', () => {
    const { report } = sample('uncorrelated-burst');
    const s = report.summary;
    assert.deepEqual(
      s.perPartition.map((p) => p.tasksIn),
      [10000, 10000, 10000, 10000],
    );
    assert.equal(s.totals.enqueuedDueToBusy, 0);
    assert.equal(s.metrics.drainS, 0.5);
    for (const c of report.checks) assert.equal(c.status, 'pass', `${c.id}: ${c.reason}`);
  });

  test('steady: about 200 tasks/s, and the control keeps up with its load', () => {
    const { report } = sample('steady');
    assert.ok(Math.abs(report.summary.throughput.completedPerS - 200) < 2);
    assert.deepEqual(
      report.checks.map((c) => [c.id, c.status]),
      [['steady/keeps-up', 'pass']],
    );
    assert.match(report.checks[0].reason, /^200\/s completed of 200\/s offered from 1\.001 s to 9\.007 s/);
  });
});
