// The engine's building blocks: event queue order, queues, ring, seeded randomness, work-cost
// distributions, routing hash, the producer's schedule and the guard against unrunnable specs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EventQueue } from '../../src/engine/eventQueue';
import { fnv1a32, partitionOfKey } from '../../src/engine/hash';
import { LoadProducer } from '../../src/engine/loadProducer';
import { NumberQueue } from '../../src/engine/numberQueue';
import { RingBuffer } from '../../src/engine/ringBuffer';
import { Rng, rngFor } from '../../src/engine/rng';
import { createRun } from '../../src/engine/simulation';
import { WorkCostSampler } from '../../src/engine/workCost';
import type { LoadStream, WorkCost } from '../../src/spec/scenarioSpec';
import { specFor } from './helpers/specFor';

describe('EventQueue', () => {
  test('pops by time, then in scheduling order, under any interleaving of pushes and pops', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constant(-1)), { maxLength: 600 }), (ops) => {
        const q = new EventQueue();
        const model: { time: number; seq: number }[] = [];
        let seq = 0;
        for (const op of ops) {
          if (op >= 0) {
            q.push(op, op % 3, seq);
            model.push({ time: op, seq: seq++ });
          } else if (model.length > 0) {
            model.sort((a, b) => a.time - b.time || a.seq - b.seq);
            const want = model.shift()!;
            assert.ok(q.popDue(Infinity, true));
            assert.deepEqual([q.poppedTime, q.poppedArg, q.poppedKind], [want.time, want.seq, want.time % 3]);
          }
        }
        assert.equal(q.size, model.length);
      }),
    );
  });

  test('peekTime is Infinity when empty', () => {
    assert.equal(new EventQueue().peekTime(), Infinity);
  });

  test('popDue takes the earliest event only when it is due by the limit (at it too, when inclusive)', () => {
    const q = new EventQueue();
    assert.equal(q.popDue(Infinity, true), false, 'empty');
    q.push(10, 1, 100);
    q.push(5, 2, 200);
    assert.equal(q.popDue(5, false), false);
    assert.ok(q.popDue(5, true));
    assert.deepEqual([q.poppedTime, q.poppedKind, q.poppedArg], [5, 2, 200]);
    assert.equal(q.popDue(9, true), false);
    assert.ok(q.popDue(11, false));
    assert.deepEqual([q.poppedTime, q.poppedKind, q.poppedArg], [10, 1, 100]);
    assert.equal(q.size, 0);
  });

  test('runsNext: strictly before every queued event and within the limit; a reserved place keeps its order', () => {
    const q = new EventQueue();
    assert.ok(q.runsNext(7, 7, true), 'empty, at an inclusive limit');
    assert.equal(q.runsNext(7, 7, false), false, 'at an exclusive limit');
    q.push(10, 1, 1);
    assert.ok(q.runsNext(9, 20, false));
    assert.equal(q.runsNext(10, 20, true), false, 'a queued event at the same time runs first');
    // Reserved before a push at the same time, pushed after it: it still comes first.
    const seq = q.reserveSeq();
    q.push(12, 1, 2);
    q.pushReserved(12, 1, 3, seq);
    const order: number[] = [];
    while (q.popDue(Infinity, true)) order.push(q.poppedArg);
    assert.deepEqual(order, [1, 3, 2]);
  });
});

describe('NumberQueue and RingBuffer', () => {
  test('NumberQueue is FIFO across growth and wrap-around', () => {
    const q = new NumberQueue(2);
    const expected: number[] = [];
    for (let i = 0; i < 1000; i++) {
      q.push(i);
      expected.push(i);
      if (i % 3 === 0) assert.equal(q.shift(), expected.shift());
    }
    assert.equal(q.size, expected.length);
    assert.equal(q.at(0), expected[0]);
    while (q.size > 0) assert.equal(q.shift(), expected.shift());
  });

  test('RingBuffer rejects a publish when full and frees a slot per take, in order across the wrap', () => {
    const ring = new RingBuffer(4);
    for (let i = 0; i < 4; i++) assert.ok(ring.tryPublish(100 + i, i));
    assert.equal(ring.tryPublish(104, 4), false);
    assert.deepEqual([ring.take(), ring.takenFamily], [100, 0]);
    assert.ok(ring.tryPublish(104, 4));
    const order: number[][] = [];
    while (ring.size > 0) order.push([ring.take(), ring.takenFamily]);
    assert.deepEqual(order, [
      [101, 1],
      [102, 2],
      [103, 3],
      [104, 4],
    ]);
  });
});

describe('seeded randomness and work costs', () => {
  test('Rng: same seed same sequence, values in [0, 1), different seeds and purposes differ', () => {
    const seq = (r: Rng) => Array.from({ length: 5 }, () => r.next());
    assert.deepEqual(seq(new Rng(42)), seq(new Rng(42)));
    assert.notDeepEqual(seq(new Rng(42)), seq(new Rng(43)));
    assert.notDeepEqual(seq(rngFor(1, 1)), seq(rngFor(1, 2)));
    const r = new Rng(9);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = r.next();
      assert.ok(v >= 0 && v < 1);
      sum += v;
    }
    assert.ok(Math.abs(sum / 20000 - 0.5) < 0.01);
  });

  const sampleMeanMs = (cost: WorkCost, n = 20000): { mean: number; median: number; min: number; max: number } => {
    const s = new WorkCostSampler(cost, new Rng(5));
    const xs = Array.from({ length: n }, () => s.nextUs() / 1000).sort((a, b) => a - b);
    return { mean: xs.reduce((a, b) => a + b, 0) / n, median: xs[n >> 1], min: xs[0], max: xs[n - 1] };
  };

  test('fixed, uniform, exponential and lognormal have the right centre and range', () => {
    assert.deepEqual(sampleMeanMs({ dist: 'fixed', ms: 15 }, 10), { mean: 15, median: 15, min: 15, max: 15 });
    const u = sampleMeanMs({ dist: 'uniform', minMs: 10, maxMs: 20 });
    assert.ok(Math.abs(u.mean - 15) < 0.2 && u.min >= 10 && u.max <= 20);
    const e = sampleMeanMs({ dist: 'exponential', meanMs: 15 });
    assert.ok(Math.abs(e.mean - 15) < 0.6 && Math.abs(e.median - 15 * Math.LN2) < 0.6);
    const l = sampleMeanMs({ dist: 'lognormal', medianMs: 15, sigma: 0.5 });
    assert.ok(Math.abs(l.median - 15) < 0.4, `median ${l.median}`);
    assert.ok(Math.abs(l.mean - 15 * Math.exp(0.125)) < 0.5, `mean ${l.mean}`);
  });
});

describe('routing', () => {
  test('FNV-1a matches its reference values', () => {
    assert.equal(fnv1a32(''), 0x811c9dc5);
    assert.equal(fnv1a32('a'), 0xe40c292c);
    assert.equal(fnv1a32('foobar'), 0xbf9cf968);
  });

  test('family keys spread over partitions and always route the same way', () => {
    const counts = new Array(8).fill(0);
    for (let i = 0; i < 8000; i++) counts[partitionOfKey(`family-${i}`, 8)]++;
    for (const c of counts) assert.ok(Math.abs(c - 1000) < 100, `partition counts ${counts}`);
    assert.equal(partitionOfKey('hot-0', 4), partitionOfKey('hot-0', 4));
  });
});

describe('LoadProducer', () => {
  const times = (s: LoadStream, endUs: number): number[] => {
    const p = new LoadProducer([s], endUs);
    const out: number[] = [];
    for (let t = p.first(0); t >= 0; t = p.advance(0, t)) out.push(t);
    return out;
  };

  test('a burst emits its tasks evenly at its rate, then repeats every everyS', () => {
    const s: LoadStream = { families: 2, uncorrelated: false, tasks: 3, ratePerS: 1000, startS: 1, everyS: 2, keyPrefix: 'f-' };
    assert.deepEqual(times(s, 5e6), [1e6, 1e6 + 1000, 1e6 + 2000, 3e6, 3e6 + 1000, 3e6 + 2000]);
  });

  test('a stream without tasks runs at its rate until production stops', () => {
    const s: LoadStream = { families: 1, uncorrelated: false, ratePerS: 4, startS: 0, keyPrefix: 'f-' };
    assert.deepEqual(times(s, 1e6), [0, 250000, 500000, 750000]);
  });

  test('families are used round robin', () => {
    const p = new LoadProducer([{ families: 3, uncorrelated: false, tasks: 7, ratePerS: 10, startS: 0, keyPrefix: 'f-' }], 1e9);
    const fams: number[] = [];
    for (let t = p.first(0); t >= 0; t = p.advance(0, t)) fams.push(p.familyIndex(0));
    assert.deepEqual(fams, [0, 1, 2, 0, 1, 2, 0]);
  });
});

describe('unrunnable specs', () => {
  test('createRun names every key it cannot run with', () => {
    assert.throws(
      () => createRun(specFor('steady', { ringBufferSize: 100, partitions: 0, tickMs: 0 })),
      (e: Error) =>
        /ringBufferSize must be a power of two, got 100/.test(e.message) && /partitions/.test(e.message) && /tickMs/.test(e.message),
    );
  });
});
