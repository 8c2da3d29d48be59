// Each injected fault shows the symptom DESIGN.md section 3 names for it, in the counters alone,
// and the same run without the fault does not.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { configHeaderOf } from '../../src/engine/configHeader';
import { partitionOfKey } from '../../src/engine/hash';
import { runToEnd } from '../../src/engine/simulation';
import type { PartitionCounters } from '../../src/format/runEvents';
import type { FaultSpec, ScenarioName } from '../../src/spec/scenarioSpec';
import { doneOf, ticksOf } from './helpers/runChecked';
import { specFor } from './helpers/specFor';

function run(scenario: ScenarioName, fault: FaultSpec) {
  const events = runToEnd(specFor(scenario, { fault }));
  const ticks = ticksOf(events);
  const at = (t: number): PartitionCounters[] => ticks.find((k) => k.t === t)!.partitions;
  return { events, ticks, at, end: ticks.at(-1)!.partitions };
}

describe('injected faults', () => {
  test('stuck-handler: partition 1 dispatches but completes nothing from atS on; its families stay in flight', () => {
    const { at, end, events } = run('steady', { name: 'stuck-handler' });
    const atS = 3 + 30 / 3;
    assert.equal(at(33)[1].completed, at(atS)[1].completed, 'completed flat on partition 1');
    // The async worker keeps dispatching until every family of the partition has a task stuck in flight.
    const stuckFamilies = end[1].inFlightFamiliesCount;
    assert.ok(stuckFamilies >= 20, `${stuckFamilies} families stuck in flight`);
    assert.equal(end[1].dispatched - end[1].completed, stuckFamilies);
    assert.ok(at(33)[1].dispatched - at(atS)[1].dispatched >= stuckFamilies - 1, 'dispatched rose after atS');
    assert.ok(at(33)[1].enqueuedDueToBusy - at(atS)[1].enqueuedDueToBusy > 500, 'their next tasks wait behind them');
    for (const p of [0, 2, 3]) assert.ok(at(33)[p].completed - at(atS)[p].completed > 500, `partition ${p} unaffected`);
    assert.equal(doneOf(events)?.reason, 'cooldown-timeout');
    const healthy = run('steady', { name: 'none' });
    assert.ok(healthy.at(33)[1].completed > healthy.at(atS)[1].completed);
  });

  test('dispatch-stall: partition 2 takes tasks but dispatches none from atS on; ready families pile up', () => {
    const { at, end } = run('steady', { name: 'dispatch-stall', atS: 8 });
    assert.equal(at(33)[2].dispatched, at(8)[2].dispatched, 'dispatched flat on partition 2');
    assert.ok(at(33)[2].tasksIn - at(8)[2].tasksIn > 500, 'tasksIn still rising');
    assert.ok(end[2].readyFamiliesCount >= 20, `readyFamiliesCount ${end[2].readyFamiliesCount}`);
    for (const p of [0, 1, 3]) assert.equal(end[p].readyFamiliesCount, 0);
  });

  test('no-release: families stay in flight with nothing running; their tasks pile up', () => {
    const { end, ticks, events } = run('steady', { name: 'no-release' });
    const healthy = run('steady', { name: 'none' });
    for (const [p, c] of end.entries()) {
      assert.ok(c.inFlightFamiliesCount > 0, `partition ${p} has stuck families`);
      assert.equal(c.dispatched, c.completed, `partition ${p}: no task is actually running`);
      assert.ok(c.enqueuedDueToBusy > healthy.end[p].enqueuedDueToBusy + 50);
      assert.equal(healthy.end[p].inFlightFamiliesCount, 0);
    }
    // Once the last real tasks have completed after production stopped, the stuck count never goes down.
    const cooldown = ticks.filter((k) => k.t >= 34).map((k) => k.partitions.reduce((s, c) => s + c.inFlightFamiliesCount, 0));
    assert.deepEqual(
      cooldown,
      [...cooldown].sort((a, b) => a - b),
    );
    assert.equal(doneOf(events)?.reason, 'cooldown-timeout');
  });

  test('no-release with rate 0.5 sticks families much faster than with the default rate', () => {
    const stuck = (rate?: number) =>
      run('steady', { name: 'no-release', rate })
        .at(5)
        .reduce((s, c) => s + c.inFlightFamiliesCount, 0);
    assert.ok(stuck(0.5) > 2 * stuck(), `${stuck(0.5)} vs ${stuck()}`);
  });

  test('neg1-single-family: every -1 task lands on one partition and waits for the one busy family', () => {
    const { end } = run('uncorrelated-burst', { name: 'neg1-single-family' });
    const tasksIn = end.map((c) => c.tasksIn);
    const busy = tasksIn.indexOf(40000);
    assert.ok(busy >= 0, `one partition took all 40000 tasks: ${tasksIn}`);
    assert.ok(end[busy].enqueuedDueToBusy >= 39000);
    assert.ok(end[busy].maxPendingDepthObserved >= 20000);
    assert.equal(
      tasksIn.reduce((s, v) => s + v, 0),
      40000,
    );
  });

  test('hash-skew: partition 0 takes every task, the others none', () => {
    const { end } = run('steady', { name: 'hash-skew' });
    assert.equal(end[0].tasksIn, 6600);
    for (const p of [1, 2, 3]) assert.equal(end[p].tasksIn, 0);
    const healthy = run('steady', { name: 'none' });
    for (const p of [1, 2, 3]) assert.ok(healthy.end[p].tasksIn > 500);
  });

  test('early-release: the hot family is dispatched at once; no backlog, and inFlightFamiliesCount reads 0 while tasks are in flight', () => {
    const { ticks, at, end } = run('hot-family', { name: 'early-release' });
    const hot = partitionOfKey('hot-0', 4);
    assert.ok(at(5)[hot].dispatched >= 30000, `the 30k burst (from 3 s) dispatched by 5 s: ${at(5)[hot].dispatched}`);
    assert.equal(end[hot].enqueuedDueToBusy, 0);
    assert.ok(end[hot].maxPendingDepthObserved <= 1);
    const peak = Math.max(...ticks.map((k) => k.partitions[hot].dispatched - k.partitions[hot].completed));
    assert.ok(peak >= 100, `${peak} tasks in flight at a tick`);
    for (const k of ticks) for (const c of k.partitions) assert.equal(c.inFlightFamiliesCount, 0);
    const healthy = run('hot-family', { name: 'none' });
    assert.ok(healthy.end[hot].enqueuedDueToBusy > 20000);
    assert.ok(healthy.at(5)[hot].dispatched < 5000, 'gated, the hot family completes about 1 per work cost');
  });

  test('lost-wakeup: after its production ended, the hot family is stranded with nothing ready and nothing in flight', () => {
    const { end, events, ticks } = run('hot-family', { name: 'lost-wakeup' });
    const hot = partitionOfKey('hot-0', 4);
    assert.ok(end[hot].tasksIn - end[hot].completed > 20000, `${end[hot].tasksIn - end[hot].completed} tasks held`);
    assert.equal(end[hot].readyFamiliesCount, 0);
    assert.equal(end[hot].inFlightFamiliesCount, 0);
    assert.equal(end[hot].dispatched, end[hot].completed);
    // From some tick on, dispatched never moves again.
    let last = ticks.length - 1;
    while (last > 0 && ticks[last].partitions[hot].dispatched === ticks[last - 1].partitions[hot].dispatched) last--;
    assert.ok(ticks.at(-1)!.t - ticks[last].t >= 20, `dispatched flat from ${ticks[last].t} s`);
    for (const p of [0, 1, 2, 3].filter((q) => q !== hot)) assert.equal(end[p].tasksIn, end[p].completed, `partition ${p} drained`);
    assert.equal(doneOf(events)?.reason, 'cooldown-timeout');
    const healthy = run('hot-family', { name: 'none' });
    assert.equal(healthy.end[hot].inFlightFamiliesCount, 1, 'without the fault the hot family is still being worked on');
    assert.ok(healthy.end[hot].completed > end[hot].completed + 1000);
  });

  test('lost-wakeup: a stranded family wakes when a new task of it arrives; with rate 1 each arrival completes one task', () => {
    // Family a-0 gets 4 tasks at once after warmup, then one more task at 6 s and at 9 s.
    const load = [
      { families: 1, uncorrelated: false, tasks: 4, ratePerS: 1000, startS: 1, keyPrefix: 'a-' },
      { families: 1, uncorrelated: false, tasks: 2, ratePerS: 1 / 3, startS: 6, keyPrefix: 'a-' },
    ];
    const spec = specFor('custom', { warmupS: 0.5, measureS: 10, cooldownS: 2, load, fault: { name: 'lost-wakeup', rate: 1 } });
    const ticks = ticksOf(runToEnd(spec));
    const p = partitionOfKey('a-0', spec.partitions);
    const at = (t: number) => ticks.find((k) => k.t === t)!.partitions[p];
    // The first task completes, its release leaves 3 pending and skips the re-ready: stranded.
    assert.deepEqual(
      [at(5).tasksIn, at(5).dispatched, at(5).completed, at(5).readyFamiliesCount, at(5).inFlightFamiliesCount],
      [4, 1, 1, 0, 0],
    );
    // The arrival at 6 s wakes it: one more completes (the oldest, FIFO), the release strands the rest again.
    assert.deepEqual([at(8.5).tasksIn, at(8.5).completed, at(8.5).readyFamiliesCount, at(8.5).inFlightFamiliesCount], [5, 2, 0, 0]);
    assert.deepEqual([at(11).tasksIn, at(11).completed], [6, 3]);
  });

  test('lost-wakeup acts only after warmup and only on releases that leave pending work', () => {
    // The hot family's whole backlog drains within warmup: nothing is stranded, even at rate 1.
    const load = [{ families: 1, uncorrelated: false, tasks: 200, ratePerS: 10000, startS: 0, keyPrefix: 'hot-' }];
    const inWarmup = ticksOf(
      runToEnd(specFor('custom', { warmupS: 5, measureS: 2, cooldownS: 2, load, fault: { name: 'lost-wakeup', rate: 1 } })),
    ).at(-1)!.partitions;
    assert.deepEqual(
      inWarmup.map((c) => c.tasksIn - c.completed),
      [0, 0, 0, 0],
    );
    const afterWarmup = ticksOf(
      runToEnd(specFor('custom', { warmupS: 0.5, measureS: 2, cooldownS: 2, load, fault: { name: 'lost-wakeup', rate: 1 } })),
    ).at(-1)!.partitions;
    // One task per 15 ms work cost completes through warmup; the first release after it strands the rest.
    const completed = afterWarmup.reduce((s, c) => s + c.completed, 0);
    assert.ok(Math.abs(completed - 0.5 / 0.015) <= 2, `${completed} completed`);
    assert.equal(
      afterWarmup.reduce((s, c) => s + c.tasksIn - c.completed, 0),
      200 - completed,
    );
    assert.equal(
      afterWarmup.reduce((s, c) => s + c.readyFamiliesCount + c.inFlightFamiliesCount, 0),
      0,
    );
    // Families that never have a task waiting behind their own (steady at its defaults) have nothing to strand.
    const steady = run('steady', { name: 'lost-wakeup', rate: 1 });
    assert.deepEqual(
      steady.end.map((c) => c.tasksIn - c.completed),
      [0, 0, 0, 0],
    );
  });

  test('a fault partition beyond the run wraps around instead of doing nothing', () => {
    const { at } = run('steady', { name: 'stuck-handler', partition: 5, atS: 6 });
    assert.equal(at(30)[1].completed, at(6)[1].completed);
  });
});

describe('configHeaderOf', () => {
  test('prints the run configuration, the work cost compactly and the fault with its effective parameters', () => {
    const header = configHeaderOf(
      specFor('hot-family', { workCostMs: { dist: 'lognormal', medianMs: 15, sigma: 0.5 }, fault: { name: 'stuck-handler' } }),
    );
    assert.deepEqual(header, {
      partitions: 4,
      ringBufferSize: 1024,
      workersPerPartition: 1,
      workCostMs: 'lognormal(15,0.5)',
      handler: 'async',
      tickMs: 500,
      warmupS: 3,
      measureS: 30,
      cooldownS: 10,
      scenario: 'hot-family',
      seed: 1,
      fault: 'stuck-handler',
      faultPartition: 1,
      faultAtS: 13,
    });
    assert.equal(configHeaderOf(specFor('small-ring-burst')).ringBufferSize, 64);
    assert.equal(configHeaderOf(specFor('steady')).workCostMs, '15');
    assert.equal(configHeaderOf(specFor('steady', { workCostMs: { dist: 'uniform', minMs: 5, maxMs: 25 } })).workCostMs, 'uniform(5,25)');
    for (const v of Object.values(header)) assert.doesNotMatch(String(v), /\s/);
  });

  test('lost-wakeup states its effective rate, the default included', () => {
    assert.equal(configHeaderOf(specFor('hot-family', { fault: { name: 'lost-wakeup' } })).faultRate, 0.05);
    assert.equal(configHeaderOf(specFor('hot-family', { fault: { name: 'lost-wakeup', rate: 0.2 } })).faultRate, 0.2);
    assert.equal(configHeaderOf(specFor('hot-family')).faultRate, undefined);
  });
});
