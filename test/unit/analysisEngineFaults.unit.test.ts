// Every injected engine fault is named by the right triage hint on the right partition, over
// several seeds and configs; healthy runs of every preset produce no hint and no failed check.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import type { HintRule, RunReport } from '../../src/analysis/reportTypes';
import { partitionOfKey } from '../../src/engine/hash';
import { runToEnd } from '../../src/engine/simulation';
import type { FaultName, ScenarioName, ScenarioSpec } from '../../src/spec/scenarioSpec';
import { specFor } from './helpers/specFor';
import type { SpecOverrides } from './helpers/specFor';

/** Short runs keep the suite quick; the default fault time (warmup + measure / 3) is 6 s. */
const SHORT: SpecOverrides = { warmupS: 2, measureS: 12, cooldownS: 6 };

const CONFIGS: { name: string; overrides: SpecOverrides }[] = [
  { name: 'async, 4 partitions', overrides: {} },
  { name: 'sync, 1 worker', overrides: { handler: 'sync' } },
  { name: 'async capped at 4 in flight, 3 partitions, 1 s ticks', overrides: { partitions: 3, maxInFlightPerPartition: 4, tickMs: 1000 } },
  { name: 'sync, 2 workers, 8 partitions, lognormal cost', overrides: { partitions: 8, handler: 'sync', workersPerPartition: 2, workCostMs: { dist: 'lognormal', medianMs: 15, sigma: 0.6 } } },
];
const SEEDS = [1, 2];

function analyze(scenario: ScenarioName, overrides: SpecOverrides): { report: RunReport; spec: ScenarioSpec } {
  const spec = specFor(scenario, { ...SHORT, ...overrides });
  return { report: analyzeRun(runToEnd(spec)), spec };
}

function describeHints(report: RunReport): string {
  return JSON.stringify(report.hints.map((h) => ({ rule: h.rule, partitions: h.partitions, from: h.from, to: h.to })));
}

interface FaultCase {
  fault: FaultName;
  rule: HintRule;
  /** Scenarios in which the fault is observable (the partition has load after the fault starts). */
  scenarios: ScenarioName[];
  /** Fault start when the default (6 s) would be after the scenario's load. */
  atS?: Partial<Record<ScenarioName, number>>;
  partition(spec: ScenarioSpec): number[] | 'all';
}

const FAULTS: FaultCase[] = [
  { fault: 'no-release', rule: 'release-missing', scenarios: ['steady', 'uncorrelated-burst'], partition: () => 'all' },
  {
    fault: 'neg1-single-family', rule: 'uncorrelated-serialized', scenarios: ['uncorrelated-burst'],
    partition: (spec) => [partitionOfKey('-1', spec.partitions)],
  },
  { fault: 'hash-skew', rule: 'routing-skew', scenarios: ['steady', 'small-ring-burst', 'hot-family', 'uncorrelated-burst'], partition: () => [0] },
  {
    fault: 'stuck-handler', rule: 'handler-stuck', scenarios: ['steady', 'hot-family', 'small-ring-burst'], atS: { 'hot-family': 3 },
    partition: (spec) => [1 % spec.partitions],
  },
  {
    fault: 'dispatch-stall', rule: 'dispatch-blocked', scenarios: ['steady', 'uncorrelated-burst', 'small-ring-burst'], atS: { 'uncorrelated-burst': 2.5 },
    partition: (spec) => [2 % spec.partitions],
  },
  // Released at dispatch, every family leaves inFlightFamiliesCount at 0 while its tasks run, on every busy partition.
  { fault: 'early-release', rule: 'gating-bypassed', scenarios: ['hot-family', 'uncorrelated-burst'], partition: () => 'all' },
];

describe('triage hints name every injected engine fault', () => {
  for (const f of FAULTS) {
    for (const scenario of f.scenarios) {
      test(`${f.fault} in ${scenario} -> ${f.rule}`, () => {
        for (const config of CONFIGS) {
          for (const seed of SEEDS) {
            const atS = f.atS?.[scenario];
            const { report, spec } = analyze(scenario, { ...config.overrides, seed, fault: { name: f.fault, ...(atS !== undefined ? { atS } : {}) } });
            const where = `${config.name}, seed ${seed}: ${describeHints(report)}`;
            const expected = f.partition(spec);
            const partitions = expected === 'all' ? Array.from({ length: spec.partitions }, (_, p) => p) : expected;
            const hits = report.hints.filter((h) => h.rule === f.rule);
            assert.equal(hits.length, 1, `one ${f.rule} hint expected (${where})`);
            assert.deepEqual(hits[0].partitions, partitions, where);
            // Nothing else is blamed: the hint names the defect, not its side effects.
            assert.deepEqual(report.hints.map((h) => h.rule), [f.rule], where);
            assert.ok(hits[0].to > hits[0].from, where);
            const faultAt = atS ?? SHORT.warmupS! + SHORT.measureS! / 3;
            if (f.fault === 'stuck-handler' || f.fault === 'dispatch-stall') {
              // The window starts around the fault (within a couple of ticks and a work cost).
              assert.ok(hits[0].from >= faultAt - spec.tickMs / 1000 - 0.001 && hits[0].from <= faultAt + 3, where);
            }
            for (const e of hits[0].evidence) assert.ok(e.counters.length > 0, where);
            assert.equal(report.verdict, 'fail', where);
          }
        }
      });
    }
  }
});

describe('healthy runs produce no triage hint', () => {
  const scenarios: ScenarioName[] = ['hot-family', 'uncorrelated-burst', 'small-ring-burst', 'steady'];
  for (const scenario of scenarios) {
    test(`${scenario}: every config and seed`, () => {
      for (const config of CONFIGS) {
        for (const seed of [...SEEDS, 3]) {
          const { report } = analyze(scenario, { ...config.overrides, seed });
          const where = `${config.name}, seed ${seed}`;
          assert.deepEqual(report.hints, [], `${where}: ${describeHints(report)}`);
          const failed = report.checks.filter((c) => c.status === 'fail');
          assert.deepEqual(failed, [], where);
          assert.equal(report.verdict, 'pass', where);
        }
      }
    });
  }

  test('presets at their full default length (30 s measure) give no hint and pass every check', () => {
    for (const scenario of scenarios) {
      const report = analyzeRun(runToEnd(specFor(scenario)));
      assert.deepEqual(report.hints, [], `${scenario}: ${describeHints(report)}`);
      assert.deepEqual(report.checks.filter((c) => c.status === 'fail'), [], scenario);
    }
  });

  test('the scenario checks of the three checked scenarios pass on the engine', () => {
    for (const scenario of ['hot-family', 'uncorrelated-burst', 'small-ring-burst'] as const) {
      const { report } = analyze(scenario, {});
      assert.ok(report.checks.length >= 3, scenario);
      for (const c of report.checks) {
        assert.equal(c.scenario, scenario);
        assert.notEqual(c.status, 'fail', `${c.id}: ${c.reason}`);
      }
      assert.ok(report.checks.some((c) => c.status === 'pass'), scenario);
    }
  });

  test('a healthy run interrupted at any point is partial, without a false hint or failed check', () => {
    for (const scenario of scenarios) {
      const events = runToEnd(specFor(scenario, SHORT));
      for (let cut = 2; cut < events.length; cut += 4) {
        const report = analyzeRun(events.slice(0, cut), { interrupted: true });
        const where = `${scenario} cut after ${cut} of ${events.length} events`;
        assert.equal(report.partial, true, where);
        assert.equal(report.summary.partial, true, where);
        assert.deepEqual(report.hints, [], `${where}: ${describeHints(report)}`);
        assert.deepEqual(report.checks.filter((c) => c.status === 'fail'), [], where);
      }
    }
  });
});
