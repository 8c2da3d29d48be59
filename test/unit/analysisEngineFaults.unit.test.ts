// Every injected engine fault is named by the right triage hint on the right partition, over
// several seeds and configs; every preset with every fault: lost-wakeup fires for its own fault
// only, on the partitions the engine really stranded; healthy runs of every preset produce no hint
// and no failed check.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import type { HintRule, RunReport } from '../../src/analysis/reportTypes';
import { partitionOfKey } from '../../src/engine/hash';
import { createRun, runToEnd, type RunInspection } from '../../src/engine/simulation';
import type { RunEvent } from '../../src/format/runEvents';
import { FAULT_NAMES, type FaultName, type ScenarioName, type ScenarioSpec } from '../../src/spec/scenarioSpec';
import { specFor } from './helpers/specFor';
import type { SpecOverrides } from './helpers/specFor';

/** Short runs keep the suite quick; the default fault time (warmup + measure / 3) is 6 s. */
const SHORT: SpecOverrides = { warmupS: 2, measureS: 12, cooldownS: 6 };

const CONFIGS: { name: string; overrides: SpecOverrides }[] = [
  { name: 'async, 4 partitions', overrides: {} },
  { name: 'sync, 1 worker', overrides: { handler: 'sync' } },
  { name: 'async capped at 4 in flight, 3 partitions, 1 s ticks', overrides: { partitions: 3, maxInFlightPerPartition: 4, tickMs: 1000 } },
  {
    name: 'sync, 2 workers, 8 partitions, lognormal cost',
    overrides: { partitions: 8, handler: 'sync', workersPerPartition: 2, workCostMs: { dist: 'lognormal', medianMs: 15, sigma: 0.6 } },
  },
];
const SEEDS = [1, 2];

/** The run's report, and the engine's own state at its end (what no counter shows: the tasks stranded in idle families). */
function analyze(scenario: ScenarioName, overrides: SpecOverrides): { report: RunReport; spec: ScenarioSpec; end: RunInspection } {
  const spec = specFor(scenario, { ...SHORT, ...overrides });
  const run = createRun(spec);
  const events: RunEvent[] = [];
  while (!run.finished) for (const e of run.step()) events.push(e);
  return { report: analyzeRun(events), spec, end: run.inspect() };
}

/** Partitions holding stranded tasks (queued in idle families) when the run ended, by the engine's own bookkeeping. */
function strandedAtEnd(end: RunInspection): number[] {
  return end.partitions.flatMap((p, i) => (p.stranded > 0 ? [i] : []));
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
  /** 'stranded': the partitions the engine left with stranded tasks at the end. */
  partition(spec: ScenarioSpec): number[] | 'all' | 'stranded';
}

const FAULTS: FaultCase[] = [
  { fault: 'no-release', rule: 'release-missing', scenarios: ['steady', 'uncorrelated-burst'], partition: () => 'all' },
  {
    fault: 'neg1-single-family',
    rule: 'uncorrelated-serialized',
    scenarios: ['uncorrelated-burst'],
    partition: (spec) => [partitionOfKey('-1', spec.partitions)],
  },
  {
    fault: 'hash-skew',
    rule: 'routing-skew',
    scenarios: ['steady', 'small-ring-burst', 'hot-family', 'uncorrelated-burst'],
    partition: () => [0],
  },
  {
    fault: 'stuck-handler',
    rule: 'handler-stuck',
    scenarios: ['steady', 'hot-family', 'small-ring-burst'],
    atS: { 'hot-family': 3 },
    partition: (spec) => [1 % spec.partitions],
  },
  {
    fault: 'dispatch-stall',
    rule: 'dispatch-blocked',
    scenarios: ['steady', 'uncorrelated-burst', 'small-ring-burst'],
    atS: { 'uncorrelated-burst': 2.5 },
    partition: (spec) => [2 % spec.partitions],
  },
  // Released at dispatch, every family leaves inFlightFamiliesCount at 0 while its tasks run, on every busy partition.
  { fault: 'early-release', rule: 'gating-bypassed', scenarios: ['hot-family', 'uncorrelated-burst'], partition: () => 'all' },
  // The hot family's backlog (and in the sync and capped configs the other families' too) is stranded once its production ended.
  { fault: 'lost-wakeup', rule: 'lost-wakeup', scenarios: ['hot-family'], partition: () => 'stranded' },
];

describe('triage hints name every injected engine fault', () => {
  for (const f of FAULTS) {
    for (const scenario of f.scenarios) {
      test(`${f.fault} in ${scenario} -> ${f.rule}`, () => {
        for (const config of CONFIGS) {
          for (const seed of SEEDS) {
            const atS = f.atS?.[scenario];
            const { report, spec, end } = analyze(scenario, {
              ...config.overrides,
              seed,
              fault: { name: f.fault, ...(atS !== undefined ? { atS } : {}) },
            });
            const where = `${config.name}, seed ${seed}: ${describeHints(report)}`;
            const expected = f.partition(spec);
            const partitions =
              expected === 'all'
                ? Array.from({ length: spec.partitions }, (_, p) => p)
                : expected === 'stranded'
                  ? strandedAtEnd(end)
                  : expected;
            assert.ok(partitions.length > 0, where);
            const hits = report.hints.filter((h) => h.rule === f.rule);
            assert.equal(hits.length, 1, `one ${f.rule} hint expected (${where})`);
            assert.deepEqual(hits[0].partitions, partitions, where);
            // Nothing else is blamed: the hint names the defect, not its side effects.
            assert.deepEqual(
              report.hints.map((h) => h.rule),
              [f.rule],
              where,
            );
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

describe('lost-wakeup fires for its own fault only, on every preset', () => {
  const presets: ScenarioName[] = ['hot-family', 'uncorrelated-burst', 'small-ring-burst', 'steady'];
  for (const scenario of presets) {
    test(`${scenario}: every fault, every config, seeds 1 to 3`, () => {
      let fired = 0;
      for (const fault of FAULT_NAMES) {
        for (const config of CONFIGS) {
          for (const seed of [1, 2, 3]) {
            const { report, end } = analyze(scenario, { ...config.overrides, seed, fault: { name: fault } });
            const where = `${fault}, ${config.name}, seed ${seed}: ${describeHints(report)}`;
            const hints = report.hints.filter((h) => h.rule === 'lost-wakeup');
            if (fault !== 'lost-wakeup') {
              assert.deepEqual(hints, [], where);
              continue;
            }
            // Only the stranded partitions, and nothing else blamed for them (not dispatch-blocked, not global-stall).
            assert.deepEqual(
              report.hints.filter((h) => h.rule !== 'lost-wakeup'),
              [],
              where,
            );
            const stranded = strandedAtEnd(end);
            for (const h of hints)
              for (const p of h.partitions) assert.ok(stranded.includes(p), `partition ${p} is not stranded (${stranded}): ${where}`);
            fired += hints.length;
          }
        }
      }
      // Whether lost-wakeup can show depends on the load: releases must leave pending work.
      if (scenario === 'hot-family') assert.ok(fired >= CONFIGS.length * 3, `${fired} lost-wakeup hints`);
      if (scenario === 'steady' || scenario === 'uncorrelated-burst')
        assert.equal(fired, 0, 'no family ever has a task waiting behind its own');
    });
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
      assert.deepEqual(
        report.checks.filter((c) => c.status === 'fail'),
        [],
        scenario,
      );
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
      assert.ok(
        report.checks.some((c) => c.status === 'pass'),
        scenario,
      );
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
        assert.deepEqual(
          report.checks.filter((c) => c.status === 'fail'),
          [],
          where,
        );
      }
    }
  });
});
