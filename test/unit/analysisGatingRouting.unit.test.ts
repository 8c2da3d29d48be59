// gating-bypassed and routing-skew (issue 15): a family released before its task completes is
// named gating-bypassed and never routing-skew; hash-skew is routing-skew in every scenario; a hot
// family's partition carrying its burst is never routing skew on its own; healthy runs stay silent.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import type { RunReport, TriageHint } from '../../src/analysis/reportTypes';
import { buildTickSeries, pointArray } from '../../src/series/tickSeries';
import type { TickSeries } from '../../src/series/seriesTypes';
import { partitionOfKey } from '../../src/engine/hash';
import { runToEnd } from '../../src/engine/simulation';
import type { PartitionCounters } from '../../src/format/runEvents';
import type { ScenarioName, ScenarioSpec } from '../../src/spec/scenarioSpec';
import { specFor, type SpecOverrides } from './helpers/specFor';
import { steadyCounters, syntheticRun, withCounters } from './helpers/syntheticRun';

const SHORT: SpecOverrides = { warmupS: 2, measureS: 12, cooldownS: 6 };

const CONFIGS: { name: string; overrides: SpecOverrides }[] = [
  { name: 'async', overrides: {} },
  { name: 'async, 1 s ticks', overrides: { tickMs: 1000 } },
  { name: 'sync, 1 worker', overrides: { handler: 'sync' } },
  { name: 'async capped at 4 in flight', overrides: { maxInFlightPerPartition: 4 } },
  {
    name: 'sync, 2 workers, lognormal cost',
    overrides: { handler: 'sync', workersPerPartition: 2, workCostMs: { dist: 'lognormal', medianMs: 15, sigma: 0.6 } },
  },
];
const PARTITION_COUNTS = [2, 3, 4, 6, 8, 16];
const SEEDS = [1, 2, 3];

function run(scenario: ScenarioName, overrides: SpecOverrides): { report: RunReport; series: TickSeries; spec: ScenarioSpec } {
  const spec = specFor(scenario, { ...SHORT, ...overrides });
  const events = runToEnd(spec);
  return { report: analyzeRun(events), series: buildTickSeries(events), spec };
}

function describeHints(report: RunReport): string {
  return JSON.stringify(report.hints.map((h) => ({ rule: h.rule, partitions: h.partitions, from: h.from, to: h.to })));
}

/** True when partition p had more tasks in flight than families in flight at some tick of the hint's window. */
function showsExcess(series: TickSeries, p: number, hint: TriageHint): boolean {
  return pointArray(series.byPartition[p]).some(
    (pt) => pt.t >= hint.from && pt.t <= hint.to && pt.inFlightTasks > pt.counters.inFlightFamiliesCount,
  );
}

describe('early-release (the family released at dispatch) is gating-bypassed, never routing-skew', () => {
  for (const config of CONFIGS) {
    test(`hot-family, ${config.name}: every partition count and seed`, () => {
      for (const partitions of PARTITION_COUNTS) {
        for (const seed of SEEDS) {
          const { report, series } = run('hot-family', { ...config.overrides, partitions, seed, fault: { name: 'early-release' } });
          const where = `${partitions} partitions, seed ${seed}: ${describeHints(report)}`;
          assert.ok(report.hints.length > 0, where);
          assert.ok(
            report.hints.every((h) => h.rule === 'gating-bypassed'),
            where,
          );
          const hot = partitionOfKey('hot-0', partitions);
          const named = new Set(report.hints.flatMap((h) => h.partitions));
          assert.ok(named.has(hot), `the hot partition ${hot} is named (${where})`);
          for (const h of report.hints) {
            assert.ok(h.to > h.from, where);
            for (const p of h.partitions) assert.ok(showsExcess(series, p, h), `partition ${p} showed the excess in its window (${where})`);
            for (const e of h.evidence) {
              assert.deepEqual(
                e.counters.map((c) => c.counter).slice(0, 4),
                ['dispatched', 'completed', 'inFlightTasks', 'inFlightFamiliesCount'],
                where,
              );
              assert.match(
                e.note ?? '',
                /tasks? in flight \(dispatched − completed\) while inFlightFamiliesCount read \d+: gating allows at most/,
                where,
              );
            }
          }
          // A partition left out never had a large excess (it carried only a few other families).
          for (let p = 0; p < partitions; p++) {
            if (named.has(p)) continue;
            const peak = pointArray(series.byPartition[p]).reduce(
              (m, pt) => Math.max(m, pt.inFlightTasks - pt.counters.inFlightFamiliesCount),
              0,
            );
            assert.ok(peak < 10, `partition ${p} not named with ${peak} tasks in flight beyond its families (${where})`);
          }
          if (partitions === 4) assert.deepEqual([...named].sort(), [0, 1, 2, 3], where);
          const backlog = report.checks.find((c) => c.id === 'hot-family/hot-backlog')!;
          assert.equal(backlog.status, 'fail', where);
          assert.match(backlog.reason, /because in-flight gating was bypassed \(gating-bypassed on/, where);
          assert.equal(report.verdict, 'fail', where);
        }
      }
    });
  }

  test("the message names the hot partition's tasks in flight and its completion rate against one per work cost", () => {
    const { report, spec } = run('hot-family', { fault: { name: 'early-release' } });
    const hot = partitionOfKey('hot-0', spec.partitions);
    const [hint] = report.hints;
    assert.match(
      hint.message,
      new RegExp(`up to \\d{3} tasks in flight on partition ${hot} at [\\d.]+ s while inFlightFamiliesCount read 0`),
    );
    assert.match(
      hint.message,
      new RegExp(
        `partition ${hot} at [\\d.]+ s completed [\\d,]{6,}/s where one family completes at most 66\\.7/s \\(one task per 15 ms work cost\\)`,
      ),
    );
    const evidence = hint.evidence.find((e) => e.partition === hot)!;
    assert.match(
      evidence.note ?? '',
      /tasks in flight on average at the 15 ms work cost, while inFlightFamiliesCount read at most 0: gating allows each family in flight one task per work cost \(66\.7\/s\)/,
    );
  });
});

describe('routing-skew judges the traffic routing decides', () => {
  for (const scenario of ['hot-family', 'uncorrelated-burst', 'steady'] as const) {
    test(`hash-skew in ${scenario} is routing-skew on partition 0, for every partition count and seed`, () => {
      for (const partitions of [2, 3, 6, 16]) {
        for (const seed of [1, 2]) {
          for (const handler of ['async', 'sync'] as const) {
            const { report } = run(scenario, { partitions, seed, handler, fault: { name: 'hash-skew' } });
            const where = `${partitions} partitions, seed ${seed}, ${handler}: ${describeHints(report)}`;
            assert.deepEqual(
              report.hints.map((h) => [h.rule, h.partitions]),
              [['routing-skew', [0]]],
              where,
            );
          }
        }
      }
    });
  }

  test('the routed traffic is said per scenario: families seen in hot-family, the -1 tasks in uncorrelated-burst, family arrivals otherwise', () => {
    const message = (scenario: ScenarioName): string => run(scenario, { fault: { name: 'hash-skew' } }).report.hints[0].message;
    assert.match(
      message('hot-family'),
      /^Partition 0 held 100\.0 % of the \d+ families seen at once .*the hot family counts as one\) \(a fair share is about 25\.0 %\)/,
    );
    assert.match(message('uncorrelated-burst'), /^Partition 0 received 100\.0 % of the 40,000 uncorrelated \(correlationId = -1\) tasks/);
    assert.match(message('steady'), /^Partition 0 received 100\.0 % of the [\d,]+ family arrivals/);
  });

  test("a hot family's partition carrying its burst is not routing skew, however few the other families", () => {
    for (const otherFamilies of [0, 1, 3, 10, 30]) {
      for (const handler of ['async', 'sync'] as const) {
        for (const seed of [1, 2]) {
          const { report } = run('hot-family', { handler, seed, loadParams: { otherFamilies } });
          assert.deepEqual(report.hints, [], `${otherFamilies} other families, ${handler}, seed ${seed}: ${describeHints(report)}`);
        }
      }
    }
  });

  test('hot-family: the other families piling onto one partition is routing-skew there, not on the hot partition', () => {
    const family = (i: number, families: number): PartitionCounters =>
      withCounters(steadyCounters(i, 50), { readyFamiliesCount: families, inFlightFamiliesCount: i < 12 ? 1 : 0 });
    const hotPartition = (i: number): PartitionCounters => {
      const done = (i + 1) * 30;
      return {
        tasksIn: 30000,
        dispatched: done + 1,
        completed: done,
        rejectsBusy: 0,
        enqueuedDueToBusy: 29990,
        maxPendingDepthObserved: 29000,
        readyFamiliesCount: 0,
        inFlightFamiliesCount: 1,
      };
    };
    const hotFamily = (counters: (p: number, i: number) => PartitionCounters) =>
      analyzeRun(syntheticRun({ partitions: 4, ticks: 20, config: { scenario: 'hot-family', workCostMs: 15 }, counters }));
    // The other families spread over every partition (the hot one too): no skew.
    const spread = hotFamily((p, i) => (p === 0 ? withCounters(hotPartition(i), { readyFamiliesCount: 10 }) : family(i, 10)));
    assert.deepEqual(
      spread.hints.filter((h) => h.rule === 'routing-skew'),
      [],
    );
    // All other families on partition 2, the hot family alone on partition 0.
    const piled = hotFamily((p, i) => (p === 0 ? hotPartition(i) : p === 2 ? family(i, 40) : steadyCounters(i, 0)));
    assert.deepEqual(
      piled.hints.filter((h) => h.rule === 'routing-skew').map((h) => h.partitions),
      [[2]],
    );
  });
});

describe('gating-bypassed on hand-made counters', () => {
  /** 1,000 tasks a tick; `inFlight` of them still in flight at ticks [from, to), with no family counted in flight. */
  const bypassed = (i: number, inFlight: number, from: number, to: number): PartitionCounters => {
    const c = steadyCounters(i, 1000);
    return i >= from && i < to ? withCounters(c, { completed: c.completed - inFlight }) : c;
  };
  const busy = (i: number): PartitionCounters => steadyCounters(i, 1000);
  const analyze = (counters: (p: number, i: number) => PartitionCounters, config = {}) =>
    analyzeRun(syntheticRun({ partitions: 3, ticks: 30, config, counters }));

  test('hundreds in flight with inFlightFamiliesCount 0 on two ticks: named, with the window', () => {
    const { hints } = analyze((p, i) => (p === 1 ? bypassed(i, 300, 6, 8) : busy(i)));
    assert.deepEqual(
      hints.map((h) => [h.rule, h.partitions, h.from, h.to]),
      [['gating-bypassed', [1], 3, 4]],
    );
    assert.match(
      hints[0].evidence[0].note ?? '',
      /at 3\.5 s 300 tasks in flight \(dispatched − completed\) while inFlightFamiliesCount read 0: gating allows at most 0 tasks in flight/,
    );
  });

  test('one large tick is confirmed by the completion rate at the stated work cost, and not without a work cost', () => {
    // 1,000 completions per 0.5 s tick at 60 ms each: 120 tasks in flight on average, no family counted in flight.
    // The other partitions are gated: their 120 tasks in flight belong to 120 families in flight.
    const gated = (i: number): PartitionCounters =>
      withCounters(busy(i), { completed: busy(i).completed - 120, inFlightFamiliesCount: 120 });
    const counters = (p: number, i: number): PartitionCounters => (p === 1 ? bypassed(i, 40, 6, 7) : gated(i));
    assert.deepEqual(
      analyze(counters, { workCostMs: 60 }).hints.map((h) => h.rule),
      ['gating-bypassed'],
    );
    assert.deepEqual(analyze(counters).hints, []);
  });

  test('a single excess of one or two tasks is a sampling race, not a bypass; the same excess held for seconds is', () => {
    assert.deepEqual(analyze((p, i) => (p === 0 ? bypassed(i, 2, 10, 12) : busy(i))).hints, []);
    const { hints } = analyze((p, i) => (p === 0 ? bypassed(i, 1, 10, 20) : busy(i)));
    assert.deepEqual(
      hints.map((h) => [h.rule, h.partitions, h.from, h.to]),
      [['gating-bypassed', [0], 5, 10]],
    );
  });

  test('a busy gated partition whose counters are read a moment apart (a few tasks more than its many families) is not a bypass', () => {
    // Every tick: 130 tasks in flight by dispatched - completed, 120 families in flight.
    const racing = (i: number): PartitionCounters =>
      withCounters(busy(i), { completed: busy(i).completed - 130, inFlightFamiliesCount: 120 });
    assert.deepEqual(analyze((_, i) => racing(i), { workCostMs: 60 }).hints, []);
  });

  test('a burst of many families between two ticks (fast completions, nothing in flight at a tick) is not a bypass', () => {
    // 2,000 tasks of different families complete within one tick: 60 in flight on average at 15 ms, none at either tick.
    const counters = (_: number, i: number): PartitionCounters => {
      const c = steadyCounters(i, 10);
      const extra = i >= 10 ? 2000 : 0;
      return withCounters(c, { tasksIn: c.tasksIn + extra, dispatched: c.dispatched + extra, completed: c.completed + extra });
    };
    assert.deepEqual(analyze(counters, { workCostMs: 15 }).hints, []);
  });

  test('families released late (release-missing) are not a bypass', () => {
    const { hints } = analyze((p, i) =>
      p === 0 ? withCounters(steadyCounters(i), { inFlightFamiliesCount: Math.floor(i / 3) }) : steadyCounters(i),
    );
    assert.deepEqual(
      hints.map((h) => h.rule),
      ['release-missing'],
    );
  });
});
