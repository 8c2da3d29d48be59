// Capacity: offered/s against completed/s over the measure window. A steady control that cannot
// keep up fails its check with the figures; the burst scenarios, whose load is meant to outrun the
// system, only say so; the healthy presets and the shared samples keep their verdicts.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { runFactsOf } from '../../src/analysis/runFacts';
import { buildTickSeries } from '../../src/series/tickSeries';
import type { TickSeries } from '../../src/series/seriesTypes';
import { formatReportMarkdown } from '../../src/report/reportMarkdown';
import { formatReportText } from '../../src/report/reportText';
import { parseCounterLines } from '../../src/format/counterLineParser';
import type { PartitionCounters, RunEvent } from '../../src/format/runEvents';
import { runToEnd } from '../../src/engine/simulation';
import { specFor } from './helpers/specFor';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');
const sample = (name: string) => parseCounterLines(readFileSync(join(SAMPLES, `disruptor-${name}.log`), 'utf8')).events;

/** The saturated control: 200 tasks/s offered, 4 sync workers of 40 ms can complete 100/s. */
const saturatedSpec = () => specFor('steady', { measureS: 10, handler: 'sync', workCostMs: { dist: 'fixed', ms: 40 } });

/**
 * A run whose counters are written by hand: a measure phase from 0 to `seconds`, one tick a second,
 * each partition offered `offered[p]` tasks a second, completing `completed[p]` of them, rejecting `rejected[p]`.
 */
function handRun(
  seconds: number,
  offered: number[],
  completed: number[],
  rejected = offered.map(() => 0),
  scenario = 'steady',
): RunEvent[] {
  const events: RunEvent[] = [
    { type: 'config', config: { partitions: offered.length, tickMs: 1000, scenario } },
    { type: 'phase', t: 0, phase: 'measure' },
  ];
  for (let i = 0; i <= seconds; i++) {
    const partitions = offered.map((o, p): PartitionCounters => {
      const tasksIn = i * (o - rejected[p]);
      const done = i * completed[p];
      return {
        tasksIn,
        dispatched: done,
        completed: done,
        rejectsBusy: i * rejected[p],
        enqueuedDueToBusy: 0,
        maxPendingDepthObserved: 0,
        readyFamiliesCount: 0,
        inFlightFamiliesCount: 0,
      };
    });
    events.push({ type: 'tick', t: i, partitions });
  }
  events.push({ type: 'phase', t: seconds, phase: 'done', reason: 'cooldown-timeout' });
  return events;
}

/** The capacity figures of a run, as its facts hold them (computed once per analysis). */
const capacityOf = (series: TickSeries) => runFactsOf(series).capacity;

describe('capacity figures', () => {
  test('offered/s, completed/s, backlog growth and time to drain, per partition and in total', () => {
    const c = capacityOf(buildTickSeries(handRun(10, [100, 100], [50, 100])))!;
    assert.equal(c.window, 'measure');
    assert.deepEqual([c.from, c.to], [0, 10]);
    const [p0, p1] = c.perPartition;
    assert.deepEqual(
      [p0.offeredPerS, p0.completedPerS, p0.backlogGrowthPerS, p0.backlog, p0.timeToDrainS, p0.saturated],
      [100, 50, 50, 500, 10, true],
    );
    assert.deepEqual(
      [p1.offeredPerS, p1.completedPerS, p1.backlogGrowthPerS, p1.backlog, p1.timeToDrainS, p1.saturated],
      [100, 100, 0, 0, 0, false],
    );
    assert.deepEqual([c.total.offeredPerS, c.total.completedPerS, c.total.backlogGrowthPerS, c.total.backlog], [200, 150, 50, 500]);
    assert.equal(c.total.timeToDrainS, 10, 'the slowest partition sets the time to drain');
    assert.equal(c.saturated, true);
    assert.deepEqual(c.saturatedPartitions, [0]);
    assert.equal(c.tolerancePct, 5);
  });

  test('a shortfall the ring rejects is saturation too; a partition that completes nothing never drains', () => {
    const rejecting = capacityOf(buildTickSeries(handRun(10, [100], [60], [40])))!;
    assert.deepEqual([rejecting.total.rejectsPerS, rejecting.total.backlogGrowthPerS, rejecting.saturated], [40, 0, true]);
    const stuck = capacityOf(buildTickSeries(handRun(10, [100, 100], [0, 100])))!;
    assert.equal(stuck.perPartition[0].timeToDrainS, undefined);
    assert.equal(stuck.total.timeToDrainS, undefined);
    assert.deepEqual(JSON.parse(JSON.stringify(stuck)), stuck, 'plain JSON: no Infinity to lose in a stored baseline');
  });

  test('within the tolerance (5 %, or fewer than 10 tasks) is keeping up', () => {
    assert.equal(capacityOf(buildTickSeries(handRun(10, [100], [96])))!.saturated, false);
    assert.equal(capacityOf(buildTickSeries(handRun(10, [100], [94])))!.saturated, true);
    assert.equal(capacityOf(buildTickSeries(handRun(2, [4], [0])))!.saturated, false, '8 tasks waiting is noise, not a verdict');
  });
});

describe('the steady control keeps up with its load', () => {
  test('the saturated control fails its capacity check with the figures', () => {
    const report = analyzeRun(runToEnd(saturatedSpec()));
    const c = report.summary.capacity!;
    assert.ok(Math.abs(c.total.offeredPerS - 200) < 1, String(c.total.offeredPerS));
    assert.ok(Math.abs(c.total.completedPerS - 100) < 1, String(c.total.completedPerS));
    assert.ok(c.total.backlogGrowthPerS > 95, String(c.total.backlogGrowthPerS));
    assert.deepEqual(c.saturatedPartitions, [0, 1, 2, 3], 'the backlog grows on every partition');
    assert.ok(c.total.timeToDrainS! > 10);

    assert.equal(report.verdict, 'fail');
    const [check] = report.checks;
    assert.deepEqual([check.id, check.title, check.status], ['steady/keeps-up', 'The control keeps up with the offered load', 'fail']);
    assert.match(
      check.reason,
      /100\/s completed of 200\/s offered \(50\.0 % short\), behind on every partition; the backlog grew by 99\.9\/s; 1,304 tasks outstanding at 13\.0 s \(417 on partition 0\); about 16\.7 s to drain at that rate/,
    );
    assert.deepEqual(check.partitions, [0, 1, 2, 3]);
    assert.deepEqual([check.from, check.to], [3, 13]);

    // The first lines say it: the headline, then the summary's first row after the counters' integrity.
    const text = formatReportText(report);
    assert.match(text, /^FAIL steady \(seed 1\): saturated \(100\/s completed of 200\/s offered\), 1 failed check\n/);
    assert.match(
      text,
      /Summary\n {2}config [^\n]*\n {2}Counter integrity +sound[^\n]*\n {2}Capacity \(measure window, 3\.0 s to 13\.0 s\) +SATURATED: 100\/s completed/,
    );
    assert.match(text, /\[FAIL\] The control keeps up with the offered load/);
    const md = formatReportMarkdown(report);
    assert.match(md, /^### ✗ FAIL steady \(seed 1\): saturated \(100\/s completed of 200\/s offered\)/);
    assert.match(md, /\|---\|---\|\n\| Counter integrity \| sound[^\n]*\n\| Capacity \(measure window, 3\.0 s to 13\.0 s\) \| SATURATED: /);
  });

  test('the healthy steady preset keeps up and passes', () => {
    for (const spec of [specFor('steady'), specFor('steady', { measureS: 10 }), specFor('steady', { handler: 'sync' })]) {
      const report = analyzeRun(runToEnd(spec));
      assert.equal(report.summary.capacity?.saturated, false);
      assert.deepEqual(
        report.checks.map((c) => [c.id, c.status]),
        [['steady/keeps-up', 'pass']],
      );
      assert.match(report.checks[0].reason, /^200\/s completed of 200\/s offered from 3\.0 s to /);
      assert.equal(report.verdict, 'pass');
      assert.match(formatReportText(report), /^PASS steady \(seed 1\): no triage hint, every check and threshold passed\n/);
    }
  });

  test('the steady sample of the real scheduler keeps up', () => {
    const report = analyzeRun(sample('steady'));
    assert.equal(report.summary.capacity?.saturated, false);
    assert.deepEqual(
      report.checks.map((c) => [c.id, c.status]),
      [['steady/keeps-up', 'pass']],
    );
    assert.equal(report.verdict, 'pass');
  });
});

describe('burst scenarios: a backlog is expected, so capacity is a note', () => {
  test('the shared samples keep their verdicts; the saturated ones say so with the numbers', () => {
    const expected: Record<string, boolean> = { 'hot-family': true, 'small-ring-burst': true, 'uncorrelated-burst': false };
    for (const [name, saturated] of Object.entries(expected)) {
      const report = analyzeRun(sample(name));
      assert.equal(report.verdict, 'pass', name);
      assert.equal(report.summary.capacity?.saturated, saturated, name);
      assert.ok(!report.checks.some((c) => c.id.endsWith('keeps-up')), name);
      const text = formatReportText(report);
      if (saturated) {
        assert.match(
          text,
          new RegExp(`^PASS ${name} \\(seed 1\\): no triage hint, every check and threshold passed; over capacity as ${name} intends \\(`),
          name,
        );
        assert.match(
          text,
          new RegExp(
            `Capacity \\(measure window[^\\n]*SATURATED \\(expected: ${name} is meant to outrun the system\\): [\\d,.]+/s completed of [\\d,.]+/s offered`,
          ),
          name,
        );
      } else {
        assert.match(text, /Capacity \(measure window[^\n]*keeps up: /, name);
      }
    }
    // The hot family's partition falls behind, and the note says how far.
    const hot = analyzeRun(sample('hot-family')).summary.capacity!;
    assert.deepEqual(hot.saturatedPartitions, [3]);
    assert.ok(hot.perPartition[3].backlogGrowthPerS > 3000);
    // The small ring's shortfall is rejected, not queued.
    const ring = analyzeRun(sample('small-ring-burst')).summary.capacity!;
    assert.ok(ring.total.rejectsPerS > 800 && ring.total.backlog === 0);
  });

  test('the burst presets keep their verdicts', () => {
    for (const name of ['hot-family', 'uncorrelated-burst', 'small-ring-burst'] as const) {
      const report = analyzeRun(runToEnd(specFor(name)));
      assert.equal(
        report.verdict,
        'pass',
        `${name}: ${report.checks
          .filter((c) => c.status === 'fail')
          .map((c) => c.reason)
          .join('; ')}`,
      );
      assert.ok(report.summary.capacity, name);
    }
  });

  test('a custom or unnamed run gets the note without a check', () => {
    const report = analyzeRun(handRun(10, [100, 100], [50, 100], undefined, 'custom'));
    assert.equal(report.verdict, 'pass');
    assert.match(
      formatReportText(report),
      /^PASS custom: no triage hint, every check and threshold passed; saturated \(150\/s completed of 200\/s offered\)/,
    );
  });
});
