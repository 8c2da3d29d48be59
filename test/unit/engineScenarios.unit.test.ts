// The presets with their defaults show what DESIGN.md section 3 expects of each scenario.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { partitionOfKey } from '../../src/engine/hash';
import { runToEnd } from '../../src/engine/simulation';
import type { PartitionCounters } from '../../src/format/runEvents';
import { doneOf, ticksOf } from './helpers/runChecked';
import { specFor } from './helpers/specFor';

type Tick = ReturnType<typeof ticksOf>[number];
const at = (ticks: Tick[], t: number): Tick => {
  const tick = ticks.find((k) => k.t === t);
  assert.ok(tick, `a tick at t=${t}`);
  return tick;
};
const sum = (ps: PartitionCounters[], k: keyof PartitionCounters): number => ps.reduce((s, p) => s + p[k], 0);

describe('hot-family with its defaults', () => {
  const spec = specFor('hot-family');
  const events = runToEnd(spec);
  const ticks = ticksOf(events);
  const hot = partitionOfKey('hot-0', spec.partitions);
  const others = [0, 1, 2, 3].filter((p) => p !== hot);
  const end = ticks.at(-1)!;

  test('the hot partition completes about one task per workCostMs while backlogged', () => {
    // From t=15 on, the cold families are done and the hot family alone is served, one at a time.
    const from = at(ticks, 15).partitions[hot].completed;
    const to = at(ticks, 33).partitions[hot].completed;
    const perS = (to - from) / 18;
    assert.ok(Math.abs(perS - 1000 / 15) < (1000 / 15) * 0.05, `hot partition completed ${perS.toFixed(1)}/s`);
  });

  test('its pending depth reaches tens of thousands and enqueuedDueToBusy rises', () => {
    assert.ok(end.partitions[hot].maxPendingDepthObserved >= 20000, `max pending ${end.partitions[hot].maxPendingDepthObserved}`);
    assert.ok(end.partitions[hot].enqueuedDueToBusy >= 20000);
    for (const p of others) assert.equal(end.partitions[p].enqueuedDueToBusy, 0, `partition ${p} has no busy family`);
  });

  test('the other partitions drain their load and keep completing while the hot one is backlogged', () => {
    for (const p of others) {
      assert.ok(end.partitions[p].tasksIn > 1000, `partition ${p} got ${end.partitions[p].tasksIn} tasks`);
      assert.equal(at(ticks, 10).partitions[p].completed, end.partitions[p].tasksIn, `partition ${p} drained by t=10`);
      for (const t of [3.5, 4, 5, 6, 7]) {
        const delta = at(ticks, t).partitions[p].completed - at(ticks, t - 0.5).partitions[p].completed;
        assert.ok(delta > 50, `partition ${p} completed ${delta} in (${t - 0.5}, ${t}]`);
      }
    }
  });

  test('nothing is rejected and the run times out in cooldown with the hot backlog left', () => {
    assert.equal(sum(end.partitions, 'rejectsBusy'), 0);
    assert.equal(doneOf(events)?.reason, 'cooldown-timeout');
    assert.ok(end.partitions[hot].tasksIn - end.partitions[hot].completed > 25000);
  });
});

describe('uncorrelated-burst with its defaults', () => {
  const events = runToEnd(specFor('uncorrelated-burst'));
  const ticks = ticksOf(events);
  const end = ticks.at(-1)!;

  test('tasksIn is balanced over partitions within 15% and the burst drains', () => {
    const mean = sum(end.partitions, 'tasksIn') / end.partitions.length;
    assert.equal(mean, 10000);
    for (const [p, c] of end.partitions.entries()) {
      assert.ok(Math.abs(c.tasksIn - mean) <= 0.15 * mean, `partition ${p} tasksIn ${c.tasksIn}`);
      assert.equal(c.completed, c.tasksIn);
    }
    assert.equal(doneOf(events)?.reason, 'drained');
  });

  test('every partition takes and completes tasks during the burst, and none waits for a busy family', () => {
    for (const p of [0, 1, 2, 3]) {
      const d = (k: keyof PartitionCounters): number => at(ticks, 4).partitions[p][k] - at(ticks, 3.5).partitions[p][k];
      assert.ok(d('tasksIn') > 1000 && d('completed') > 1000, `partition ${p} in the burst`);
      assert.equal(end.partitions[p].enqueuedDueToBusy, 0);
      assert.equal(end.partitions[p].rejectsBusy, 0);
    }
  });
});

describe('small-ring-burst with its defaults', () => {
  const spec = specFor('small-ring-burst');
  const events = runToEnd(spec);
  const ticks = ticksOf(events);
  const burstEvery = 2;
  const burstTasks = 2000;
  const measureEnd = spec.warmupS + spec.measureS;

  test('rejects rise in tick windows that contain a burst and in no other', () => {
    let previous = new Array(spec.partitions).fill(0);
    let windowsWithBurst = 0;
    for (const tick of ticks) {
      const rejects = sum(tick.partitions, 'rejectsBusy');
      const rejectsBefore = previous.reduce((s, v) => s + v, 0);
      // A window (t - 0.5, t] contains a burst when some burst start k * 2 s lies in [t - 0.5, t).
      const hasBurst = tick.t < measureEnd + 1e-9 && Math.floor((tick.t - 1e-9) / burstEvery) * burstEvery >= tick.t - 0.5 - 1e-9;
      if (hasBurst) {
        windowsWithBurst++;
        assert.ok(rejects > rejectsBefore, `rejects rose in the window ending at t=${tick.t}`);
      } else assert.equal(rejects, rejectsBefore, `no rejects in the window ending at t=${tick.t}`);
      previous = tick.partitions.map((p) => p.rejectsBusy);
    }
    assert.equal(windowsWithBurst, Math.ceil(measureEnd / burstEvery));
  });

  test('each burst loses 80-90% of its tasks to the full rings, like the Disruptor sample', () => {
    const end = ticks.at(-1)!;
    const bursts = Math.ceil(measureEnd / burstEvery);
    assert.equal(sum(end.partitions, 'tasksIn') + sum(end.partitions, 'rejectsBusy'), bursts * burstTasks);
    const share = sum(end.partitions, 'rejectsBusy') / (bursts * burstTasks);
    assert.ok(share > 0.8 && share < 0.9, `reject share ${share.toFixed(3)}`);
  });

  test('completed/s recovers after each burst and readyFamiliesCount returns to 0', () => {
    for (const t of [0.5, 2.5, 10.5, 30.5]) {
      const tick = at(ticks, t);
      assert.equal(sum(tick.partitions, 'completed'), sum(tick.partitions, 'tasksIn'), `all accepted tasks done by t=${t}`);
      assert.equal(sum(tick.partitions, 'readyFamiliesCount'), 0);
    }
    assert.equal(doneOf(events)?.reason, 'drained');
  });
});

describe('steady with its defaults', () => {
  test('completes its rate with no backlog and no rejects', () => {
    const ticks = ticksOf(runToEnd(specFor('steady')));
    const done = (t: number): number => sum(at(ticks, t).partitions, 'completed');
    assert.ok(Math.abs((done(30) - done(10)) / 20 - 200) <= 2);
    const end = ticks.at(-1)!;
    assert.equal(sum(end.partitions, 'rejectsBusy'), 0);
    for (const p of end.partitions) assert.ok(p.maxPendingDepthObserved <= 1);
  });
});
