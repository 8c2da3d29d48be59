// The steps of a capacity search against made-up systems whose boundary is known: the answer
// brackets the boundary within the precision in every direction, domain and number of slots;
// `from` failing, `to` sustaining, a boundary that is not sharp and the probe cap end it as they
// should; the repeats of a probe sustain only together.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { combineProbeRuns } from '../../src/analysis/searchProbe';
import {
  MAX_SEARCH_PROBES,
  nextProbeValues,
  searchOutcome,
  valuesBetween,
  withinPrecision,
  type SearchRange,
} from '../../src/analysis/searchSteps';
import type { ProbeResult, SearchProbe } from '../../src/analysis/searchTypes';

/** Runs the search's rounds against `sustains` until it ends; returns the probes and the rounds' sizes. */
function simulate(plan: SearchRange, sustains: (value: number) => boolean, slots: number): { probes: SearchProbe[]; rounds: number[] } {
  const probes: SearchProbe[] = [];
  const rounds: number[] = [];
  for (let round = 1; round < 200; round++) {
    const values = nextProbeValues(plan, probes, slots);
    if (values.length === 0) break;
    assert.ok(values.length <= slots, `round ${round} asked for ${values.length} probes with ${slots} slots`);
    rounds.push(values.length);
    for (const value of values) {
      assert.ok(!probes.some((p) => p.value === value), `${value} probed twice`);
      const ok = sustains(value);
      probes.push({ index: probes.length, value, round, sustained: ok, verdict: ok ? 'pass' : 'fail', metrics: {}, runs: 1 });
    }
  }
  return { probes, rounds };
}

/** Checks a found answer against the true boundary: sustained on the safe side, first failure past it, within the precision. */
function assertBracketed(
  plan: SearchRange,
  probes: SearchProbe[],
  isSustained: (v: number) => boolean,
): { sustained: number; firstFailure: number } {
  const outcome = searchOutcome(plan, probes);
  assert.equal(outcome.state, 'found', JSON.stringify(probes.map((p) => [p.value, p.sustained])));
  if (outcome.state !== 'found') throw new Error('unreachable');
  const { sustained, firstFailure } = outcome;
  assert.equal(isSustained(sustained.value), true);
  assert.equal(isSustained(firstFailure.value), false);
  const onlyStep = valuesBetween(plan, sustained.value, firstFailure.value, 1).length === 0;
  assert.ok(
    withinPrecision(plan, sustained.value, firstFailure.value) || onlyStep,
    `${sustained.value} .. ${firstFailure.value} at ${plan.precisionPct} %`,
  );
  if (plan.domain === 'real')
    assert.ok(Math.abs(firstFailure.value - sustained.value) <= (plan.precisionPct / 100) * sustained.value + 1e-9);
  return { sustained: sustained.value, firstFailure: firstFailure.value };
}

describe('capacity search steps', () => {
  test('finds a rate boundary within the precision, with 1, 2 and 8 slots', () => {
    const boundary = 1843.7;
    const plan: SearchRange = { from: 100, to: 5000, precisionPct: 2, domain: 'real' };
    const sustains = (v: number) => v <= boundary;
    const sizes: number[] = [];
    for (const slots of [1, 2, 8]) {
      const { probes, rounds } = simulate(plan, sustains, slots);
      const { sustained, firstFailure } = assertBracketed(plan, probes, sustains);
      assert.ok(sustained <= boundary && firstFailure > boundary);
      sizes.push(rounds.length);
      // The first round probes both ends (from first), then the values between them.
      assert.deepEqual(
        probes.slice(0, Math.min(2, slots)).map((p) => p.value),
        slots === 1 ? [100] : [100, 5000],
      );
    }
    // More slots, fewer rounds (each round is one probe's time on its own core).
    assert.ok(sizes[0] > sizes[1] && sizes[1] > sizes[2], `rounds per slot count: ${sizes.join(', ')}`);
  });

  test('a downward range finds the fewest that sustain; integer keys stop at neighbours', () => {
    const plan: SearchRange = { from: 16, to: 1, precisionPct: 5, domain: 'integer' };
    const sustains = (v: number) => v >= 5; // fewer than 5 workers fall behind
    const { probes } = simulate(plan, sustains, 2);
    assert.deepEqual(assertBracketed(plan, probes, sustains), { sustained: 5, firstFailure: 4 });
    assert.ok(probes.every((p) => Number.isInteger(p.value)));
  });

  test('powers of two are probed as powers of two', () => {
    const plan: SearchRange = { from: 16, to: 65536, precisionPct: 5, domain: 'power-of-two' };
    const sustains = (v: number) => v <= 3000;
    const { probes } = simulate(plan, sustains, 3);
    assert.deepEqual(assertBracketed(plan, probes, sustains), { sustained: 2048, firstFailure: 4096 });
    assert.ok(probes.every((p) => 2 ** Math.round(Math.log2(p.value)) === p.value));
  });

  test('a range from 0 is bisected linearly; probes read as short numbers', () => {
    const plan: SearchRange = { from: 0, to: 100, precisionPct: 5, domain: 'real' };
    const sustains = (v: number) => v <= 37.25;
    const { probes } = simulate(plan, sustains, 2);
    assertBracketed(plan, probes, sustains);
    for (const p of probes)
      assert.ok(String(p.value).replace(/^\d+\.?/, '').length <= 2, `${p.value} has more digits than the precision needs`);
  });

  test('even from fails; even to sustains', () => {
    const plan: SearchRange = { from: 50, to: 400, precisionPct: 5, domain: 'real' };
    const failing = simulate(plan, () => false, 4);
    assert.equal(searchOutcome(plan, failing.probes).state, 'from-fails');
    assert.equal(failing.rounds.length, 1);
    const sustaining = simulate(plan, () => true, 2);
    const outcome = searchOutcome(plan, sustaining.probes);
    assert.equal(outcome.state, 'above-range');
    assert.equal(outcome.state === 'above-range' && outcome.sustained.value, 400);
    // One slot: from first, then to.
    assert.deepEqual(
      simulate(plan, () => true, 1).probes.map((p) => p.value),
      [50, 400],
    );
  });

  test('a probe that sustains beyond the first failure does not move the answer past it', () => {
    const plan: SearchRange = { from: 100, to: 1000, precisionPct: 5, domain: 'real' };
    // 500 to 520 is a dip (noise); the true edge is 800.
    const sustains = (v: number) => v <= 800 && !(v >= 500 && v <= 520);
    const probes: SearchProbe[] = [100, 1000, 510, 700].map((value, index) => ({
      index,
      value,
      round: 1,
      sustained: sustains(value),
      verdict: 'pass',
      metrics: {},
      runs: 1,
    }));
    const next = nextProbeValues(plan, probes, 2);
    assert.ok(
      next.every((v) => v > 100 && v < 510),
      `the next probes ${next} lie below the first failure`,
    );
  });

  test('a search stops at the probe cap, still saying what it bracketed', () => {
    const plan: SearchRange = { from: 100, to: 1000, precisionPct: 0.1, domain: 'real' };
    const probe = (index: number, value: number, sustained: boolean): SearchProbe => ({
      index,
      value,
      round: 1,
      sustained,
      verdict: 'pass',
      metrics: {},
      runs: 1,
    });
    // Not yet within 0.1 % (100 sustained, 900 the first failure), with the cap reached.
    const probes = [probe(0, 100, true), ...Array.from({ length: MAX_SEARCH_PROBES - 1 }, (_, i) => probe(i + 1, 900 + i, false))];
    assert.deepEqual(nextProbeValues(plan, probes, 4), []);
    const outcome = searchOutcome(plan, probes);
    assert.deepEqual(outcome.state === 'found' && [outcome.sustained.value, outcome.firstFailure.value, outcome.capped], [100, 900, true]);
    // One probe fewer and the search goes on.
    assert.equal(searchOutcome(plan, probes.slice(0, -1)).state, 'searching');
    assert.ok(nextProbeValues(plan, probes.slice(0, -1), 4).length > 0);
  });
});

describe('repeats of a probe', () => {
  const run = (sustained: boolean, reason?: string): ProbeResult => ({
    sustained,
    verdict: sustained ? 'pass' : 'fail',
    metrics: { completedPerS: sustained ? 10 : 9 },
    runs: 1,
    ...(reason ? { reason } : {}),
  });

  test('sustain only when every repeat sustains; the failing repeat is the one shown', () => {
    assert.deepEqual(combineProbeRuns([run(true), run(true)]), { ...run(true), runs: 2 });
    const mixed = combineProbeRuns([run(true), run(false, 'saturated, x'), run(true)]);
    assert.equal(mixed.sustained, false);
    assert.equal(mixed.runs, 3);
    assert.equal(mixed.reason, 'saturated, x (run 2 of 3)');
    assert.equal(mixed.metrics.completedPerS, 9);
    assert.deepEqual(combineProbeRuns([run(false, 'y')]), run(false, 'y'));
    assert.throws(() => combineProbeRuns([]));
  });
});
