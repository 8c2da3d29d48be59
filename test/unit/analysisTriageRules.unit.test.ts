// Each triage rule on hand-made counter series: the rules no engine fault exercises
// (gating-stuck, global-stall, consumer-stuck), the exact windows, and what must not fire.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { HINT_RULES } from '../../src/analysis/reportTypes';
import type { TriageHint } from '../../src/analysis/reportTypes';
import type { PartitionCounters } from '../../src/format/runEvents';
import { steadyCounters, syntheticRun, withCounters } from './helpers/syntheticRun';

const IDLE: PartitionCounters = {
  tasksIn: 0,
  dispatched: 0,
  completed: 0,
  rejectsBusy: 0,
  enqueuedDueToBusy: 0,
  maxPendingDepthObserved: 0,
  readyFamiliesCount: 0,
  inFlightFamiliesCount: 0,
};

function rules(hints: TriageHint[]): string[] {
  return hints.map((h) => `${h.rule}${JSON.stringify(h.partitions)}`);
}

describe('triage rules on hand-made series', () => {
  test('gating-stuck: tasks arrive once on an idle partition, families stay ready, nothing is dispatched', () => {
    const events = syntheticRun({
      partitions: 3,
      ticks: 30,
      counters: (p, i) => (p !== 1 ? steadyCounters(i) : i < 10 ? IDLE : withCounters(IDLE, { tasksIn: 5, readyFamiliesCount: 5 })),
    });
    const { hints } = analyzeRun(events);
    assert.deepEqual(rules(hints), ['gating-stuck[1]']);
    assert.equal(hints[0].from, 5.5); // the last tick with progress: the arrival
    assert.equal(hints[0].to, 15);
    assert.match(hints[0].message, /5 families were ready/);
    const ready = hints[0].evidence[0].counters.find((c) => c.counter === 'readyFamiliesCount');
    assert.deepEqual(ready, { counter: 'readyFamiliesCount', from: 5, to: 5 });
  });

  test('dispatch-blocked: tasks keep arriving, dispatched and completed stay flat', () => {
    const events = syntheticRun({
      partitions: 2,
      ticks: 30,
      counters: (p, i) => {
        if (p === 0 || i < 10) return steadyCounters(i);
        const frozen = steadyCounters(9);
        return withCounters(frozen, { tasksIn: steadyCounters(i).tasksIn, readyFamiliesCount: (i - 9) * 10 });
      },
    });
    const { hints } = analyzeRun(events);
    assert.deepEqual(rules(hints), ['dispatch-blocked[1]']);
    assert.equal(hints[0].from, 5.5); // the first tick with tasks waiting
    assert.equal(hints[0].to, 15);
  });

  test('global-stall: every partition has work and nothing completes anywhere', () => {
    const events = syntheticRun({
      partitions: 4,
      ticks: 30,
      counters: (_, i) => {
        if (i < 10) return steadyCounters(i);
        const frozen = steadyCounters(9);
        return withCounters(frozen, { tasksIn: steadyCounters(i).tasksIn, dispatched: frozen.dispatched + 1, inFlightFamiliesCount: 1 });
      },
    });
    const { hints } = analyzeRun(events);
    const global = hints.find((h) => h.rule === 'global-stall');
    assert.ok(global, JSON.stringify(rules(hints)));
    assert.deepEqual(global.partitions, [0, 1, 2, 3]);
    assert.equal(global.from, 5.5);
    assert.equal(global.to, 15);
    assert.equal(global.evidence.length, 4);
    // Each partition's own view: the handler holds a task that never completes.
    assert.deepEqual(
      hints.filter((h) => h.rule === 'handler-stuck').map((h) => h.partitions),
      [[0, 1, 2, 3]],
    );
  });

  test('consumer-stuck: rejects keep climbing after production stopped', () => {
    const events = syntheticRun({
      partitions: 4,
      ticks: 30,
      phases: [
        { beforeTick: 0, phase: 'measure' },
        { beforeTick: 20, phase: 'cooldown' },
      ],
      counters: (p, i) => {
        const c = steadyCounters(Math.min(i, 19));
        return p === 3 && i >= 20 ? withCounters(c, { rejectsBusy: (i - 19) * 50 }) : c;
      },
    });
    const { hints, checks } = analyzeRun(events);
    assert.deepEqual(rules(hints), ['consumer-stuck[3]']);
    assert.match(hints[0].message, /after production stopped at 10\.0 s/);
    assert.deepEqual(
      checks.map((c) => c.status),
      ['not applicable'],
    ); // scenario custom
  });

  test('consumer-stuck: a full ring rejects everything while the partition accepts nothing', () => {
    const events = syntheticRun({
      partitions: 3,
      ticks: 30,
      counters: (p, i) => {
        if (p !== 2 || i < 5) return steadyCounters(i);
        const frozen = steadyCounters(4);
        // The ring took 64 more tasks and is full: every later publish (10 a tick, as before) is rejected.
        return withCounters(frozen, { tasksIn: frozen.tasksIn + 64, rejectsBusy: (i - 5) * 10 });
      },
    });
    const { hints } = analyzeRun(events);
    assert.deepEqual(rules(hints), ['consumer-stuck[2]']);
    assert.equal(hints[0].from, 3); // the tick the ring filled
  });

  test('release-missing: families stay marked in flight with no task in flight, while the partition keeps completing', () => {
    const events = syntheticRun({
      partitions: 2,
      ticks: 30,
      counters: (p, i) => (p === 0 ? withCounters(steadyCounters(i), { inFlightFamiliesCount: Math.floor(i / 3) }) : steadyCounters(i)),
    });
    const { hints } = analyzeRun(events);
    assert.deepEqual(rules(hints), ['release-missing[0]']);
    assert.equal(hints[0].from, 2); // tick index 3, the first with a leaked family
    assert.equal(hints[0].to, 15);
    assert.match(hints[0].message, /kept 9 families marked in flight/);
  });

  test('a leak that falls back is not release-missing', () => {
    const events = syntheticRun({
      partitions: 2,
      ticks: 30,
      counters: (p, i) => (p === 0 && i >= 5 && i < 20 ? withCounters(steadyCounters(i), { inFlightFamiliesCount: 2 }) : steadyCounters(i)),
    });
    assert.deepEqual(analyzeRun(events).hints, []);
  });

  test('routing-skew: one partition receives almost every family', () => {
    const events = syntheticRun({
      partitions: 4,
      ticks: 20,
      counters: (p, i) => (p === 0 ? steadyCounters(i, 97) : steadyCounters(i, 1)),
    });
    const { hints } = analyzeRun(events);
    assert.deepEqual(rules(hints), ['routing-skew[0]']);
    assert.match(hints[0].message, /97\.0 % of the 2,000 family arrivals/);
  });

  test('a short pause (fewer than the minimum ticks and seconds) is not a stall', () => {
    const events = syntheticRun({
      partitions: 2,
      ticks: 20,
      counters: (p, i) => {
        const c = steadyCounters(i);
        // partition 1: two ticks with tasks waiting and no completion, then it catches up.
        return p === 1 && (i === 8 || i === 9)
          ? withCounters(c, {
              dispatched: steadyCounters(7).dispatched + 1,
              completed: steadyCounters(7).completed,
              inFlightFamiliesCount: 1,
            })
          : c;
      },
    });
    assert.deepEqual(analyzeRun(events).hints, []);
  });

  test('a slow hot family that keeps completing is not a defect', () => {
    const events = syntheticRun({
      partitions: 4,
      ticks: 40,
      counters: (p, i) => {
        if (p !== 3) return withCounters(steadyCounters(Math.min(i, 5)), { maxPendingDepthObserved: 1 });
        const done = (i + 1) * 3; // three tasks a tick
        return {
          tasksIn: 30000,
          dispatched: done + 1,
          completed: done,
          rejectsBusy: 0,
          enqueuedDueToBusy: 29999,
          maxPendingDepthObserved: 29900,
          readyFamiliesCount: 0,
          inFlightFamiliesCount: 1,
        };
      },
    });
    assert.deepEqual(analyzeRun(events).hints, []);
  });

  test('idle partitions with nothing outstanding never stall', () => {
    const events = syntheticRun({ partitions: 3, ticks: 30, counters: () => IDLE });
    const report = analyzeRun(events);
    assert.deepEqual(report.hints, []);
    assert.equal(report.summary.health.recoveredAfterBurst.answer, 'not applicable');
  });

  test('every hint carries the fields the CLI JSON promises', () => {
    const events = syntheticRun({
      partitions: 2,
      ticks: 30,
      counters: (p, i) =>
        p === 0 || i < 10
          ? steadyCounters(i)
          : withCounters(steadyCounters(9), { tasksIn: steadyCounters(i).tasksIn, readyFamiliesCount: 3 }),
    });
    for (const h of analyzeRun(events).hints) {
      assert.ok((HINT_RULES as readonly string[]).includes(h.rule));
      assert.ok(h.partitions.length > 0);
      assert.ok(Number.isFinite(h.from) && Number.isFinite(h.to) && h.to >= h.from);
      assert.ok(h.message.length > 20);
    }
  });
});
