// The model's invariants on every preset, with and without faults, with both handler styles:
// conservation at every tick, monotonic counters, in-flight gating, FIFO per family, determinism.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRun, runToEnd } from '../../src/engine/simulation';
import { FAULT_NAMES, type ScenarioName } from '../../src/spec/scenarioSpec';
import { doneOf, runChecked, ticksOf } from './helpers/runChecked';
import { specFor, type SpecOverrides } from './helpers/specFor';

// Shorter than the defaults so the whole matrix stays quick; the load is the preset's own.
const SHORT: SpecOverrides = { warmupS: 1, measureS: 8, cooldownS: 3 };
const PRESET_NAMES: ScenarioName[] = ['hot-family', 'uncorrelated-burst', 'small-ring-burst', 'steady'];

describe('engine invariants at every tick', () => {
  for (const scenario of PRESET_NAMES) {
    for (const handler of ['async', 'sync'] as const) {
      test(`${scenario}, ${handler} handler`, () => {
        const spec = specFor(scenario, { ...SHORT, handler, workersPerPartition: handler === 'sync' ? 3 : 1 });
        const r = runChecked(spec);
        assert.deepEqual(r.violations, []);
        assert.ok(ticksOf(r.events).length > 10);
        const totalCompleted = ticksOf(r.events)
          .at(-1)!
          .partitions.reduce((s, p) => s + p.completed, 0);
        assert.ok(totalCompleted > 0, 'the run completed tasks');
      });
    }
  }

  for (const fault of FAULT_NAMES.filter((f) => f !== 'none')) {
    test(`steady and uncorrelated load with fault ${fault}`, () => {
      for (const scenario of ['steady', 'uncorrelated-burst'] as const) {
        const r = runChecked(specFor(scenario, { ...SHORT, fault: { name: fault, atS: 3 }, loadParams: { ratePerS: 2000 } }));
        assert.deepEqual(r.violations, [], `${scenario} with ${fault}`);
      }
    });
  }

  test('a capped async handler never has more than maxInFlightPerPartition tasks in flight, and reaches the cap', () => {
    const r = runChecked(specFor('uncorrelated-burst', { ...SHORT, maxInFlightPerPartition: 7 }));
    assert.deepEqual(r.violations, []);
    assert.deepEqual(r.maxInFlightPerPartition, [7, 7, 7, 7]);
  });

  test('early-release breaks gating (a family has several tasks in flight) but not conservation', () => {
    // The hot family alone, and three sync workers: with one, the single worker keeps a family's tasks one at a time.
    for (const handler of ['async', 'sync'] as const) {
      const r = runChecked(
        specFor('hot-family', {
          ...SHORT,
          handler,
          workersPerPartition: 3,
          loadParams: { hotTasks: 3000, otherFamilies: 0 },
          fault: { name: 'early-release' },
        }),
      );
      assert.deepEqual(r.violations, [], handler);
      assert.ok(r.gatingBreaches > 100, `${handler}: ${r.gatingBreaches} dispatches of a family with a task in flight`);
    }
    assert.equal(runChecked(specFor('hot-family', { ...SHORT, loadParams: { hotTasks: 3000 } })).gatingBreaches, 0);
  });

  test('lost-wakeup strands tasks in idle families without breaking conservation, gating or FIFO', () => {
    for (const handler of ['async', 'sync'] as const) {
      const spec = specFor('hot-family', { ...SHORT, handler, loadParams: { hotTasks: 3000 }, fault: { name: 'lost-wakeup' } });
      const r = runChecked(spec);
      assert.deepEqual(r.violations, [], handler);
      assert.equal(r.gatingBreaches, 0, handler);
      const end = r.inspections.at(-1)!.partitions;
      assert.ok(
        end.some((p) => p.stranded > 0),
        `${handler}: tasks stranded at the end (${end.map((p) => p.stranded)})`,
      );
      for (const p of end) if (p.stranded > 0) assert.ok(p.counters.tasksIn - p.counters.completed >= p.stranded, handler);
    }
  });

  test('a sync handler keeps each of its workers busy at most one task at a time', () => {
    const r = runChecked(specFor('uncorrelated-burst', { ...SHORT, handler: 'sync', workersPerPartition: 2, loadParams: { tasks: 2000 } }));
    assert.deepEqual(r.violations, []);
    assert.deepEqual(r.maxInFlightPerPartition, [2, 2, 2, 2]);
  });

  test('tasks of the hot family complete in the order they were produced', () => {
    const r = runChecked(specFor('hot-family', { ...SHORT, loadParams: { hotTasks: 3000 } }));
    assert.deepEqual(r.violations, []);
    const longest = [...r.completionOrder.values()].sort((a, b) => b.length - a.length)[0];
    assert.ok(longest.length >= 100, `hot family completed ${longest.length} tasks`);
    assert.deepEqual(
      longest,
      [...longest].sort((a, b) => a - b),
    );
  });
});

describe('run shape', () => {
  test('config first, phases in order, ticks every tickMs, done last', () => {
    const events = runToEnd(specFor('steady', { ...SHORT, tickMs: 250 }));
    assert.equal(events[0].type, 'config');
    const phases = events.filter((e) => e.type === 'phase').map((e) => (e.type === 'phase' ? `${e.t}:${e.phase}` : ''));
    assert.deepEqual(phases.slice(0, 3), ['0:warmup', '1:measure', '9:cooldown']);
    assert.equal(events.at(-1)!.type, 'phase');
    const ticks = ticksOf(events);
    ticks.forEach((tick, i) => assert.equal(tick.t, (i + 1) * 0.25));
    for (const tick of ticks) assert.equal(tick.partitions.length, 4);
  });

  test('a run that drains ends with reason drained at the first tick after it has drained', () => {
    const events = runToEnd(specFor('uncorrelated-burst', { ...SHORT, cooldownS: 60 }));
    const done = doneOf(events)!;
    assert.equal(done.reason, 'drained');
    assert.equal(done.t, 9, 'the burst is long over when measure ends, so the run ends there');
  });

  test('a run that cannot drain in time ends with cooldown-timeout at warmup + measure + cooldown', () => {
    const done = doneOf(runToEnd(specFor('hot-family', SHORT)))!;
    assert.equal(done.reason, 'cooldown-timeout');
    assert.equal(done.t, 12);
  });

  test('step() after the end returns nothing', () => {
    const run = createRun(specFor('steady', { warmupS: 0, measureS: 1, cooldownS: 1 }));
    while (!run.finished) run.step();
    assert.deepEqual(run.step(), []);
  });
});

describe('determinism', () => {
  for (const scenario of PRESET_NAMES) {
    test(`${scenario}: same seed gives identical output, another seed a different one`, () => {
      const a = JSON.stringify(runToEnd(specFor(scenario, { ...SHORT, seed: 7 })));
      const b = JSON.stringify(runToEnd(specFor(scenario, { ...SHORT, seed: 7 })));
      const c = JSON.stringify(runToEnd(specFor(scenario, { ...SHORT, seed: 8 })));
      assert.equal(a, b);
      assert.notEqual(a.replace('"seed":7', '"seed":8'), c);
    });
  }

  test('a lognormal work cost is reproducible from the seed', () => {
    const spec = specFor('steady', { ...SHORT, workCostMs: { dist: 'lognormal', medianMs: 15, sigma: 0.5 } });
    assert.equal(JSON.stringify(runToEnd(spec)), JSON.stringify(runToEnd({ ...spec })));
  });
});
