// Property tests: for randomly generated specs (small, so each run takes milliseconds), the model's
// invariants hold at every tick and on every task, runs are reproducible, and runs end as specified.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runToEnd } from '../../src/engine/simulation';
import { FAULT_NAMES, type LoadStream, type ScenarioSpec, type WorkCost } from '../../src/spec/scenarioSpec';
import { doneOf, runChecked, ticksOf } from './helpers/runChecked';
import { specFor } from './helpers/specFor';

const workCost: fc.Arbitrary<WorkCost> = fc.oneof(
  fc.record({ dist: fc.constant('fixed' as const), ms: fc.double({ min: 0.01, max: 40, noNaN: true }) }),
  fc
    .tuple(fc.double({ min: 0.01, max: 20, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true }))
    .map(([minMs, extra]) => ({ dist: 'uniform' as const, minMs, maxMs: minMs + extra })),
  fc.record({ dist: fc.constant('exponential' as const), meanMs: fc.double({ min: 0.01, max: 30, noNaN: true }) }),
  fc.record({
    dist: fc.constant('lognormal' as const),
    medianMs: fc.double({ min: 0.01, max: 20, noNaN: true }),
    sigma: fc.double({ min: 0, max: 1.5, noNaN: true }),
  }),
);

const stream: fc.Arbitrary<LoadStream> = fc.record(
  {
    families: fc.integer({ min: 1, max: 30 }),
    uncorrelated: fc.boolean(),
    tasks: fc.integer({ min: 1, max: 400 }),
    ratePerS: fc.double({ min: 1, max: 20000, noNaN: true }),
    startS: fc.double({ min: 0, max: 3, noNaN: true }),
    everyS: fc.double({ min: 0.05, max: 2, noNaN: true }),
    keyPrefix: fc.constantFrom('a-', 'b-'),
  },
  { requiredKeys: ['families', 'uncorrelated', 'ratePerS', 'startS', 'keyPrefix'] },
);

const spec: fc.Arbitrary<ScenarioSpec> = fc
  .record({
    partitions: fc.integer({ min: 1, max: 6 }),
    ringBufferSize: fc.integer({ min: 0, max: 9 }).map((k) => 2 ** k),
    workersPerPartition: fc.integer({ min: 1, max: 3 }),
    handler: fc.constantFrom('async' as const, 'sync' as const),
    maxInFlightPerPartition: fc.integer({ min: 0, max: 5 }),
    intakeCostUs: fc.integer({ min: 0, max: 300 }),
    intakeWakeupUs: fc.integer({ min: 0, max: 20000 }),
    workCostMs: workCost,
    tickMs: fc.integer({ min: 50, max: 1000 }),
    warmupS: fc.integer({ min: 0, max: 2 }),
    measureS: fc.double({ min: 0.5, max: 4, noNaN: true }),
    cooldownS: fc.double({ min: 0, max: 5, noNaN: true }),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    load: fc.array(stream, { minLength: 1, maxLength: 3 }),
    fault: fc.record(
      {
        name: fc.constantFrom(...FAULT_NAMES),
        atS: fc.double({ min: 0, max: 5, noNaN: true }),
        partition: fc.integer({ min: 0, max: 5 }),
        rate: fc.double({ min: 0, max: 1, noNaN: true }),
      },
      { requiredKeys: ['name'] },
    ),
  })
  .map((overrides) => specFor('custom', overrides));

test('invariants hold at every tick and on every task for random specs', () => {
  fc.assert(
    fc.property(spec, (s) => {
      const r = runChecked(s);
      assert.deepEqual(r.violations, []);
    }),
    { numRuns: 60, seed: 20240601 },
  );
});

test('random specs end as specified and are reproducible from their seed', () => {
  fc.assert(
    fc.property(spec, (s) => {
      const events = runToEnd(s);
      assert.equal(JSON.stringify(runToEnd(s)), JSON.stringify(events));
      assert.equal(events[0].type, 'config');
      const done = doneOf(events);
      assert.ok(done && events.at(-1) === done, 'the run ends with done');
      const ticks = ticksOf(events);
      const endS = s.warmupS + s.measureS + s.cooldownS;
      if (done.reason === 'cooldown-timeout') assert.ok(Math.abs(done.t - endS) < 1e-6);
      else {
        assert.equal(done.reason, 'drained');
        const last = ticks.at(-1)!.partitions;
        for (const p of last) assert.equal(p.completed, p.tasksIn);
        assert.ok(done.t >= s.warmupS + s.measureS - 1e-6 && done.t <= endS + 1e-6);
      }
      for (let i = 1; i < ticks.length; i++) assert.ok(ticks[i].t > ticks[i - 1].t);
    }),
    { numRuns: 40, seed: 777 },
  );
});
