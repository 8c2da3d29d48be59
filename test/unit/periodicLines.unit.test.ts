import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  COMPLETED_DEFINITION,
  formatConfigHeader,
  formatTickLines,
  formatTotalsLine,
  plannedDurationS,
} from '../../src/report/periodicLines';
import { COUNTER_KEYS, type PartitionCounters, type RunEvent } from '../../src/format/runEvents';

type Tick = Extract<RunEvent, { type: 'tick' }>;

function counters(values: Partial<PartitionCounters>): PartitionCounters {
  return Object.fromEntries(COUNTER_KEYS.map((k) => [k, values[k] ?? 0])) as PartitionCounters;
}

const first: Tick = {
  type: 'tick',
  t: 0.5,
  partitions: [
    counters({
      tasksIn: 100,
      dispatched: 90,
      completed: 80,
      rejectsBusy: 5,
      enqueuedDueToBusy: 7,
      maxPendingDepthObserved: 3,
      readyFamiliesCount: 2,
      inFlightFamiliesCount: 1,
    }),
    counters({ tasksIn: 10 }),
  ],
};
const second: Tick = {
  type: 'tick',
  t: 1.0,
  partitions: [
    counters({ tasksIn: 250, dispatched: 200, completed: 180, rejectsBusy: 15, enqueuedDueToBusy: 9, maxPendingDepthObserved: 4 }),
    counters({ tasksIn: 30, completed: 20 }),
  ],
};

describe('periodic lines', () => {
  test('the header is the config line, the phases and the meaning of "completed"', () => {
    const lines = formatConfigHeader({ seed: 7, partitions: 4, scenario: 'steady', warmupS: 3, measureS: 30, cooldownS: 10, extra: 'x' });
    assert.equal(lines[0], 'config partitions=4 warmupS=3 measureS=30 cooldownS=10 scenario=steady seed=7 extra=x');
    assert.match(lines[1], /warmup 3 s .*measure 30 s.*cooldown up to 10 s/);
    assert.ok(lines.some((l) => l.includes(COMPLETED_DEFINITION)));
    assert.match(COMPLETED_DEFINITION, /completeSink#onComplete/);
  });

  test('a header without phase lengths has no phases line and no planned duration', () => {
    const lines = formatConfigHeader({ partitions: 2 });
    assert.equal(lines.length, 2);
    assert.equal(plannedDurationS({ partitions: 2 }), undefined);
    assert.equal(plannedDurationS({ warmupS: 1, measureS: '2.5', cooldownS: 3 }), 6.5);
  });

  test('one line per partition with every counter and deltas since the previous tick, then the global line', () => {
    const lines = formatTickLines(second, { previous: first, phase: 'measure', plannedS: 4 });
    assert.equal(lines.length, 3);
    for (const key of COUNTER_KEYS) assert.match(lines[0], new RegExp(`\\b${key}=`));
    assert.match(lines[0], /^t=1\.000 partition=0 /);
    assert.match(lines[0], /tasksIn=250 \(\+150\)/);
    assert.match(lines[0], /completed=180 \(\+100\)/);
    assert.match(lines[0], /rejectsBusy=15 \(\+10\)/);
    assert.match(lines[0], /enqueuedDueToBusy=9 \(\s*\+2\)/);
    assert.match(lines[0], /readyFamiliesCount=0 /);
    assert.match(lines[1], /^t=1\.000 partition=1 tasksIn=\s*30 \(\s*\+20\)/);
    // (100 + 20) completed in 0.5 s; 10 rejects in 0.5 s.
    assert.match(lines[2], /^t=1\.000 global\s+completed\/s=240\.0 rejects\/s=20\.0 phase=measure progress=25%$/);
  });

  test('the first tick counts its deltas and rates from zero at t=0', () => {
    const lines = formatTickLines(first);
    assert.match(lines[0], /tasksIn=100 \(\+100\)/);
    assert.match(lines[2], /completed\/s=160\.0 rejects\/s=10\.0$/);
  });

  test('the partitions of one tick line up column by column', () => {
    const lines = formatTickLines(second, { previous: first }).slice(0, 2);
    for (const key of ['dispatched=', 'completed=', 'maxPendingDepthObserved=', 'inFlightFamiliesCount=']) {
      assert.equal(lines[0].indexOf(key), lines[1].indexOf(key), key);
    }
  });

  test('totals sum the last tick over the partitions with the reject percentage of offered tasks', () => {
    assert.equal(
      formatTotalsLine(second),
      'totals at t=1.000: tasksIn=280 dispatched=200 completed=200 rejectsBusy=15 reject%=5.08 enqueuedDueToBusy=9',
    );
    assert.match(formatTotalsLine(undefined), /no tick/);
  });
});
