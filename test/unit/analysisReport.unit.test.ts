import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { parseCounterLines } from '../../src/format/counterLineParser';
import { formatReportMarkdown } from '../../src/report/reportMarkdown';
import { formatReportText } from '../../src/report/reportText';
import { buildTickSeries, nearestTick, pointArray } from '../../src/series/tickSeries';
import { runToEnd } from '../../src/engine/simulation';
import { specFor } from './helpers/specFor';
import { steadyCounters, syntheticRun, withCounters } from './helpers/syntheticRun';

const hotFamily = parseCounterLines(readFileSync(join(__dirname, '..', 'fixtures', 'samples', 'disruptor-hot-family.log'), 'utf8')).events;

describe('report texts', () => {
  test('a healthy run: verdict, config header, summary, health notes, checks, no hints', () => {
    const report = analyzeRun(hotFamily, { expect: { completedPerS: '>= 250' } });
    const md = formatReportMarkdown(report);
    assert.match(md, /^### ✓ PASS hot-family \(seed 1\)/);
    assert.match(md, /`config partitions=4 ringBufferSize=1024 .*scenario=hot-family seed=1`/);
    assert.match(md, /\| rejectsBusy \| 0 \(0 % of offered\) \|/);
    assert.match(md, /partition 3: 29,874 at 3\.0 s/);
    assert.match(md, /Other families progressed while the hot family was backlogged:\*\* ✓ yes/);
    assert.match(md, /Recovered after the burst:\*\* ✗ no/);
    assert.match(md, /\| ✓ pass \| The hot partition shows enqueuedDueToBusy rising/);
    assert.match(md, /No triage hint/);
    assert.match(md, /\| ✓ pass \| completedPerS \| >= 250 \| 1,313\.25 \|/);
    assert.doesNotMatch(md, /Partial run|Where to look/);
    const text = formatReportText(report);
    assert.match(text, /^PASS hot-family/);
    assert.match(text, /\[PASS\] completedPerS >= 250 \(actual 1,313\.25\)/);
  });

  test('a faulty run says where to look first, with the rule, partition and window', () => {
    const report = analyzeRun(runToEnd(specFor('steady', { measureS: 12, fault: { name: 'stuck-handler' } })), {
      expect: { rejectPct: '< 1', bogus: '> 1' },
    });
    const md = formatReportMarkdown(report);
    // The stuck partition falls behind its load, so the control's capacity check fails too.
    assert.match(
      md,
      /^### ✗ FAIL steady \(seed 1\): saturated \(169\/s completed of 200\/s offered\), 1 triage hint, 1 failed check, 1 threshold error/,
    );
    assert.match(md, /\*\*Where to look:\*\*\n\n- handler-stuck: partition 1, /);
    assert.match(md, /- ✗ \*\*handler-stuck\*\* on partition 1, /);
    assert.match(md, / {2}- partition 1, .*completed \d[\d,]* → \d[\d,]* \(\+0\)/);
    assert.match(md, /\| ⚠ error \| bogus \|/);
    const text = formatReportText(report);
    assert.match(text, /\[HINT\] handler-stuck on partition 1/);
    assert.match(text, /\[ERR \] unknown metric "bogus"/);
  });

  test('an interrupted run is marked partial in both forms', () => {
    const events = runToEnd(specFor('steady', { measureS: 12 }));
    const cut = events.slice(0, 20);
    const report = analyzeRun(cut, { interrupted: true });
    assert.equal(report.partial, true);
    assert.match(formatReportMarkdown(report), /> ⚠ \*\*Partial run \(interrupted at [\d.]+ s\)/);
    assert.match(formatReportText(report), /WARNING: Partial run/);
    // A done phase with reason interrupted means the same without the option.
    const t = (cut.filter((e) => e.type === 'tick').pop() as { t: number }).t;
    assert.equal(analyzeRun([...cut, { type: 'phase', t, phase: 'done', reason: 'interrupted' }]).partial, true);
  });

  test('a baseline comparison is shown beside the run', () => {
    const base = analyzeRun(runToEnd(specFor('steady', { measureS: 12, seed: 2 }))).summary;
    const report = analyzeRun(runToEnd(specFor('steady', { measureS: 12, seed: 3 })), {
      baseline: base,
      baselineLabel: 'baseline (seed 2)',
    });
    const md = formatReportMarkdown(report);
    assert.match(md, /#### Compared with baseline \(seed 2\)/);
    assert.match(md, /Config differs: seed 2 → 3\./);
    assert.match(md, /\| completedPerS \| [\d.,]+ \| [\d.,]+ \| [-+]?[\d.,]+/);
    assert.match(formatReportText(report), /Compared with baseline \(seed 2\)\n {2}config seed: 2 -> 3/);
  });

  test('a run without config or phases still gets a report (whole-run throughput)', () => {
    const events = syntheticRun({ partitions: 2, ticks: 10, counters: (_, i) => steadyCounters(i) }).filter((e) => e.type === 'tick');
    const report = analyzeRun(events);
    assert.equal(report.partial, true);
    assert.equal(report.summary.throughput.window, 'whole run');
    assert.equal(report.summary.throughput.completed, 200);
    assert.equal(report.summary.throughput.completedPerS, 40);
    assert.match(formatReportMarkdown(report), /\(no config header\)/);
    assert.equal(report.checks[0].status, 'not applicable');
  });

  test('a run stopped before its first tick is reported, not thrown on; thresholds have no value', () => {
    const report = analyzeRun([{ type: 'config', config: { partitions: 4, scenario: 'hot-family' } }], {
      interrupted: true,
      expect: { completedPerS: '>= 0' },
    });
    assert.equal(report.summary.ticks, 0);
    assert.deepEqual(
      report.summary.perPartition.map((p) => p.tasksIn),
      [0, 0, 0, 0],
    );
    assert.deepEqual(report.hints, []);
    assert.equal(report.thresholds[0].status, 'error');
    assert.equal(report.verdict, 'fail');
    assert.ok(formatReportMarkdown(report).length > 0);
    assert.ok(formatReportText(report).length > 0);
  });
});

describe('tick series', () => {
  test('deltas, rates, derived figures and phase windows', () => {
    const events = syntheticRun({
      partitions: 2,
      ticks: 6,
      phases: [
        { beforeTick: 0, phase: 'warmup' },
        { beforeTick: 2, phase: 'measure' },
        { beforeTick: 5, phase: 'cooldown' },
      ],
      counters: (p, i) =>
        withCounters(steadyCounters(i, p === 0 ? 10 : 4), {
          dispatched: (i + 1) * (p === 0 ? 10 : 4) + 1,
          tasksIn: (i + 1) * (p === 0 ? 10 : 4) + 3,
        }),
    });
    const s = buildTickSeries(events);
    assert.equal(s.partitions, 2);
    assert.deepEqual(s.times, [0.5, 1, 1.5, 2, 2.5, 3]);
    const p0 = s.byPartition[0];
    assert.deepEqual(p0.at(0).delta, { tasksIn: 13, dispatched: 11, completed: 10, rejectsBusy: 0, enqueuedDueToBusy: 0 });
    assert.deepEqual(p0.at(1).delta, { tasksIn: 10, dispatched: 10, completed: 10, rejectsBusy: 0, enqueuedDueToBusy: 0 });
    assert.equal(p0.at(1).rate.completed, 20);
    assert.equal(p0.at(3).inFlightTasks, 1);
    assert.equal(p0.at(3).queued, 2);
    assert.equal(p0.at(3).outstanding, 3);
    assert.equal(s.global.at(1).rate.completed, 28);
    assert.deepEqual(
      s.phases.map((w) => [w.phase, w.from, w.to, w.firstTick, w.lastTick]),
      [
        ['warmup', 0, 1, 0, 1],
        ['measure', 1, 2.5, 2, 4],
        ['cooldown', 2.5, 3, 5, 5],
      ],
    );
    assert.deepEqual(
      pointArray(p0).map((pt) => pt.phase),
      ['warmup', 'warmup', 'measure', 'measure', 'measure', 'cooldown'],
    );
    assert.deepEqual(s.done, { t: 3, reason: 'drained' });
    assert.equal(nearestTick(s, 1.26), 2);
    assert.equal(nearestTick(s, 1.25), 1);
    assert.equal(nearestTick(s, 99), 5);
  });

  test('a partition that appears late counts as zeros before', () => {
    const s = buildTickSeries([
      { type: 'tick', t: 1, partitions: [steadyCounters(0)] },
      { type: 'tick', t: 2, partitions: [steadyCounters(1), steadyCounters(1)] },
    ]);
    assert.equal(s.partitions, 2);
    assert.equal(s.byPartition[1].at(0).counters.tasksIn, 0);
    assert.equal(s.byPartition[1].at(1).delta.tasksIn, 20);
    assert.deepEqual(
      s.byPartition.map((pts) => pts.length),
      [2, 2],
    );
  });
});
