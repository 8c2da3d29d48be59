// Counter integrity: each violation on a generated log is the hint counter-integrity, first, on
// the right partition, from the right tick and by the right amount; a doubled counter on any one
// partition of the sample logs is named and nothing else fires on its evidence; the engine's own
// runs never break integrity; a run with broken counters cannot be a baseline.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { readBaselineSummary } from '../../src/analysis/baselineSummary';
import { formatReportMarkdown } from '../../src/report/reportMarkdown';
import { formatReportText } from '../../src/report/reportText';
import type { RunReport } from '../../src/analysis/reportTypes';
import { buildTickSeries } from '../../src/series/tickSeries';
import { parseCounterLines } from '../../src/format/counterLineParser';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import type { CounterKey, PartitionCounters, RunEvent } from '../../src/format/runEvents';
import { runToEnd } from '../../src/engine/simulation';
import { PRESETS } from '../../src/spec/presets';
import { FAULT_NAMES } from '../../src/spec/scenarioSpec';
import type { ScenarioName } from '../../src/spec/scenarioSpec';
import { specFor } from './helpers/specFor';
import { steadyCounters, syntheticRun, withCounters } from './helpers/syntheticRun';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');
const SAMPLE_NAMES = ['hot-family', 'small-ring-burst', 'steady', 'uncorrelated-burst'];

/** Writes the events as counter lines and reads them back: the analysis sees what a real log gives. */
function throughLog(events: RunEvent[], drop?: (t: number, partition: number) => boolean): { events: RunEvent[]; log: string } {
  const lines = events.flatMap((e) => formatRunEvent(e, 'lines'));
  const kept = lines.filter((line) => {
    const m = /^t=([\d.]+) partition=(\d+) /.exec(line);
    return !(m && drop?.(Number(m[1]), Number(m[2])));
  });
  const log = `${kept.join('\n')}\n`;
  const parsed = parseCounterLines(log);
  assert.equal(parsed.stats.errorCount, 0, JSON.stringify(parsed.stats.errors));
  return { events: parsed.events, log };
}

/** 4 healthy partitions, 30 ticks of 0.5 s, partition `p` changed by `change` from tick `from` on. */
function brokenRun(p: number, from: number, change: (c: PartitionCounters, i: number) => Partial<PartitionCounters>): RunEvent[] {
  return syntheticRun({
    partitions: 4,
    ticks: 30,
    counters: (q, i) => {
      const c = steadyCounters(i);
      return q === p && i >= from ? withCounters(c, change(c, i)) : c;
    },
  });
}

function onlyIntegrity(report: RunReport, partition: number): void {
  const rules = report.hints.map((h) => `${h.rule}${JSON.stringify(h.partitions)}`);
  assert.deepEqual(rules, [`counter-integrity[${partition}]`], JSON.stringify(report.hints.map((h) => h.message)));
  assert.equal(report.verdict, 'fail');
  assert.equal(report.summary.integrity.ok, false);
}

describe('counter integrity: each violation is named, first, with partition, tick and amount', () => {
  test('completed exceeds dispatched', () => {
    const { events } = throughLog(brokenRun(3, 2, (c) => ({ completed: c.completed + 96 })));
    const report = analyzeRun(events);
    onlyIntegrity(report, 3);
    const [hint] = report.hints;
    assert.equal(hint.from, 1.5);
    assert.match(hint.message, /^completed exceeds dispatched by 96 on partition 3 from 1\.5 s: completed counts more than once per task/);
    assert.deepEqual(
      hint.evidence[0].counters.map((c) => c.counter),
      ['completed', 'dispatched'],
    );
    assert.deepEqual(
      report.summary.integrity.violations.map((v) => [v.check, v.counter, v.bound, v.partition, v.amount]),
      [['exceeds', 'completed', 'dispatched', 3, 96]],
    );
  });

  test('dispatched exceeds tasksIn', () => {
    const report = analyzeRun(throughLog(brokenRun(0, 5, (c) => ({ dispatched: c.dispatched + 7, completed: c.completed + 7 }))).events);
    onlyIntegrity(report, 0);
    assert.match(report.hints[0].message, /^dispatched exceeds tasksIn by 7 on partition 0 from 3\.0 s/);
  });

  test('enqueuedDueToBusy exceeds tasksIn', () => {
    const report = analyzeRun(throughLog(brokenRun(1, 4, (c, i) => ({ enqueuedDueToBusy: c.tasksIn + i }))).events);
    onlyIntegrity(report, 1);
    assert.match(report.hints[0].message, /^enqueuedDueToBusy exceeds tasksIn by 4 on partition 1 from 2\.5 s, by up to 29 at 15\.0 s/);
  });

  test('maxPendingDepthObserved exceeds tasksIn', () => {
    const report = analyzeRun(throughLog(brokenRun(2, 0, () => ({ maxPendingDepthObserved: 500 }))).events);
    onlyIntegrity(report, 2);
    assert.match(report.hints[0].message, /^maxPendingDepthObserved exceeds tasksIn by 490 on partition 2 from 0\.5 s/);
  });

  test('a counter that goes down: named by the analysis, and still warned about with its line by the parser', () => {
    const { log, events } = throughLog(
      brokenRun(2, 12, (c) => ({ completed: c.completed - 100, tasksIn: c.tasksIn, dispatched: c.dispatched })),
    );
    assert.equal(parseCounterLines(log).stats.warningCount, 1);
    const report = analyzeRun(events);
    // completed goes down once (120 -> 30), then grows again; dispatched stays above it.
    onlyIntegrity(report, 2);
    assert.match(report.hints[0].message, /^completed went down by 90 on partition 2 at 6\.5 s \(120 → 30\): counters must be cumulative/);
    assert.deepEqual(report.hints[0].evidence[0], {
      partition: 2,
      from: 6,
      to: 6.5,
      counters: [{ counter: 'completed', from: 120, to: 30 }],
    });
  });

  test('a negative gauge (the parser refuses the line; any other source of events is checked)', () => {
    const events = brokenRun(1, 8, () => ({ inFlightFamiliesCount: -1 }));
    const report = analyzeRun(events);
    onlyIntegrity(report, 1);
    assert.match(
      report.hints[0].message,
      /^inFlightFamiliesCount is negative \(-1\) on partition 1 from 4\.5 s: the gauge is decremented more often/,
    );
    const log = events.flatMap((e) => formatRunEvent(e, 'lines')).join('\n');
    assert.match(parseCounterLines(log).stats.errors[0].message, /inFlightFamiliesCount is negative/);
  });

  test('a partition that stops reporting for as long as a stall', () => {
    const { events } = throughLog(
      brokenRun(3, 0, () => ({})),
      (t, p) => p === 3 && t >= 4 && t < 7,
    );
    const series = buildTickSeries(events);
    assert.deepEqual(series.unreported, [{ partition: 3, firstTick: 7, lastTick: 12 }]);
    const report = analyzeRun(events);
    onlyIntegrity(report, 3);
    assert.match(report.hints[0].message, /^partition 3 printed no counter line from 4\.0 s to 6\.5 s \(6 ticks\)/);
  });

  test('a partition the config names that never reports; a short gap (a lost line) is only carried forward', () => {
    const never = analyzeRun(
      throughLog(
        brokenRun(2, 0, () => ({})),
        (_, p) => p === 2,
      ).events,
    );
    onlyIntegrity(never, 2);
    assert.match(
      never.hints[0].message,
      /^partition 2 never reported: no counter line of its own in 30 ticks \(the config line says partitions=4\)/,
    );
    const shortGap = analyzeRun(
      throughLog(
        brokenRun(2, 0, () => ({})),
        (t, p) => p === 2 && (t === 4 || t === 4.5),
      ).events,
    );
    assert.deepEqual(shortGap.hints, []);
    assert.equal(shortGap.summary.integrity.ok, true);
  });

  test('a tick that lists fewer partitions than the run has is unreported for the missing ones', () => {
    const events = brokenRun(0, 0, () => ({})).map((e) =>
      e.type === 'tick' && e.t >= 5 && e.t < 8 ? { ...e, partitions: e.partitions.slice(0, 3) } : e,
    );
    const report = analyzeRun(events);
    onlyIntegrity(report, 3);
    // The missing partition kept its last values: no made-up drop to zero.
    assert.equal(report.summary.integrity.count, 1);
  });

  test('counter-integrity comes first in where to look, in the headline and in the summary; text and JSON say so', () => {
    const events = syntheticRun({
      partitions: 2,
      ticks: 30,
      counters: (p, i) =>
        p === 0
          ? withCounters(steadyCounters(i), { completed: steadyCounters(i).completed + 5 })
          : i < 10
            ? steadyCounters(i)
            : withCounters(steadyCounters(9), { tasksIn: steadyCounters(i).tasksIn, readyFamiliesCount: 3 }),
    });
    const report = analyzeRun(events);
    assert.deepEqual(
      report.hints.map((h) => h.rule),
      ['counter-integrity', 'dispatch-blocked'],
    );
    const text = formatReportText(report);
    // Broken counters come first, even before the capacity note (which reads them).
    assert.match(text, /^FAIL custom \(seed 1\): counter integrity broken, saturated \([^)]*\), 1 triage hint/);
    assert.match(text, /Where to look:\n {2}- counter-integrity: partition 0, 0\.5 s to 15\.0 s\n {2}- dispatch-blocked: partition 1/);
    assert.match(text, /Counter integrity +BROKEN: completed exceeds dispatched by 5 on partition 0 from 0\.5 s/);
    assert.match(text, /completed +405 \(not trusted: completed broke integrity\)/);
    const md = formatReportMarkdown(report);
    assert.match(md, /\*\*Where to look:\*\*\n\n- counter-integrity: partition 0/);
    assert.match(md, /- ✗ \*\*counter-integrity\*\* on partition 0/);
    const json = JSON.parse(JSON.stringify(report)) as RunReport;
    assert.equal(json.hints[0].rule, 'counter-integrity');
    assert.equal(json.summary.integrity.violations[0].message, 'completed exceeds dispatched by 5 on partition 0 from 0.5 s');
  });
});

describe('a doubled counter on any one partition is named there, and nothing else fires on its evidence', () => {
  const doubled = (name: string, counter: CounterKey, partition: number): RunEvent[] => {
    const text = readFileSync(join(SAMPLES, `disruptor-${name}.log`), 'utf8').replace(
      new RegExp(`^(t=\\S+ partition=${partition} .*\\b${counter}=)(\\d+)`, 'gm'),
      (_, head: string, value: string) => `${head}${Number(value) * 2}`,
    );
    return parseCounterLines(text).events;
  };

  for (const name of SAMPLE_NAMES) {
    for (const counter of ['completed', 'dispatched'] as const) {
      test(`${name}: ${counter} doubled`, () => {
        const bound = counter === 'completed' ? 'dispatched' : 'tasksIn';
        const ticks = parseCounterLines(readFileSync(join(SAMPLES, `disruptor-${name}.log`), 'utf8')).events.filter(
          (e) => e.type === 'tick',
        );
        let named = 0;
        for (let p = 0; p < 4; p++) {
          const report = analyzeRun(doubled(name, counter, p), {
            expect: { [counter === 'completed' ? 'completedPerS' : 'dispatched']: '>= 0', rejectsBusy: '>= 0' },
          });
          const where = `${name}, partition ${p}`;
          const found = report.hints.map((h) => [h.rule, h.partitions]);
          if (!ticks.some((e) => 2 * e.partitions[p][counter] > e.partitions[p][bound])) {
            // Doubled, it still stays under its bound (the hot partition's backlog): no bound is broken,
            // so the counters cannot tell, and nothing claims they did (see docs/analysis.md).
            assert.ok(report.summary.integrity.ok, where);
            continue;
          }
          named++;
          assert.deepEqual(found, [['counter-integrity', [p]]], `${where}: ${report.hints.map((h) => h.message).join(' | ')}`);
          assert.match(report.hints[0].message, new RegExp(`^${counter} exceeds ${bound} by [\\d,]+ on partition ${p} from `), where);
          assert.deepEqual(
            report.checks.filter((c) => c.status === 'fail'),
            [],
            where,
          );
          for (const c of report.checks)
            if (c.reason.startsWith('withheld'))
              assert.match(c.reason, new RegExp(`reads .*on partition ${p}, which broke counter integrity`), where);
          // The threshold on the doubled counter is not trusted; the one on untouched counters is.
          assert.deepEqual(
            report.thresholds.map((t) => t.status),
            ['error', 'pass'],
            where,
          );
          assert.equal(report.verdict, 'fail', where);
        }
        assert.ok(named >= 3, `${name}: the doubled ${counter} was named on ${named} partitions`);
      });
    }
  }

  test("the issue's case: uncorrelated-burst with partition 1's completed doubled is not release-missing", () => {
    const report = analyzeRun(doubled('uncorrelated-burst', 'completed', 1));
    assert.equal(
      report.hints[0].message.split(':')[0],
      'completed exceeds dispatched by 2,345 on partition 1 from 1.5 s, by up to 10,000 at 3.5 s',
    );
    assert.deepEqual(
      report.withheld.map((w) => [w.rule, w.partitions]),
      [['release-missing', [1]]],
    );
    assert.match(report.withheld[0].reason, /reads dispatched and completed on partition 1/);
    assert.match(formatReportText(report), /\[WITHHELD\] release-missing on partition 1, 1\.5 s to 9\.001 s, withheld: /);
  });

  test('the four samples as they are: sound counters, no hint, nothing withheld', () => {
    for (const name of SAMPLE_NAMES) {
      const report = analyzeRun(parseCounterLines(readFileSync(join(SAMPLES, `disruptor-${name}.log`), 'utf8')).events);
      assert.deepEqual(report.summary.integrity, { ok: true, violations: [], count: 0 }, name);
      assert.deepEqual(report.hints, [], name);
      assert.deepEqual(report.withheld, [], name);
      assert.equal(report.verdict, 'pass', name);
    }
  });
});

describe('the engine never breaks counter integrity', () => {
  const presets = Object.keys(PRESETS) as ScenarioName[];
  for (const scenario of presets) {
    test(`${scenario}: every fault, seeds 1 to 3 (async, sync, 8 partitions with 2 sync workers)`, () => {
      const configs = [{}, { handler: 'sync' as const }, { handler: 'sync' as const, workersPerPartition: 2, partitions: 8 }];
      for (const fault of FAULT_NAMES) {
        for (const seed of [1, 2, 3]) {
          const spec = specFor(scenario, { warmupS: 2, measureS: 12, cooldownS: 6, seed, ...configs[seed - 1], fault: { name: fault } });
          const report = analyzeRun(runToEnd(spec));
          const where = `${scenario} ${fault} seed ${seed}`;
          assert.deepEqual(
            report.summary.integrity.violations.map((v) => v.message),
            [],
            where,
          );
          assert.ok(!report.hints.some((h) => h.rule === 'counter-integrity'), where);
          assert.deepEqual(report.withheld, [], where);
        }
      }
    });
  }
});

describe('a run with broken counters is refused as a baseline', () => {
  test('readBaselineSummary refuses it with the reason, the report JSON too; a sound one is accepted', () => {
    const broken = analyzeRun(brokenRun(3, 2, (c) => ({ completed: c.completed + 96 })));
    const refused = readBaselineSummary(broken.summary);
    assert.equal(refused.ok, false);
    assert.match(
      !refused.ok ? refused.reason : '',
      /^its counters broke integrity \(completed exceeds dispatched by 96 on partition 3 from 1\.5 s\), so its figures cannot be trusted as a baseline$/,
    );
    assert.equal(readBaselineSummary(JSON.parse(JSON.stringify(broken))).ok, false);
    assert.equal(readBaselineSummary(analyzeRun(brokenRun(3, 2, () => ({}))).summary).ok, true);
  });

  test('a summary stored before integrity was checked is still accepted', () => {
    const { integrity: _integrity, ...old } = analyzeRun(brokenRun(0, 0, () => ({}))).summary;
    assert.equal(readBaselineSummary(old).ok, true);
  });

  test('comparing a run with broken counters to a baseline says which metrics cannot be compared', () => {
    const base = analyzeRun(brokenRun(3, 0, () => ({}))).summary;
    const report = analyzeRun(
      brokenRun(3, 2, (c) => ({ completed: c.completed + 96 })),
      { baseline: base },
    );
    assert.match(
      report.baseline!.problems.join('\n'),
      /counters broke integrity .*: its completedPerS, completed, drainS, dispatched cannot be compared/,
    );
  });
});
