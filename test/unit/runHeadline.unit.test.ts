// The headline of a run: verdict first, what ran, where to look; and its plain-text fallback.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { finalHeadline, formatHeadlineText, HEADLINE_LOOK_LIMIT, liveHeadline } from '../../src/report/runHeadline';
import { runToEnd } from '../../src/engine/simulation';
import { HEADLINE_MIME, readHeadlinePayload } from '../../src/contracts/headlinePayload';
import type { RunEvent } from '../../src/format/runEvents';
import { specFor } from './helpers/specFor';

function headlineOf(events: RunEvent[], expect = {}) {
  const report = analyzeRun(events, { expect });
  const config = events.find((e) => e.type === 'config')?.config;
  const ticks = events.filter((e) => e.type === 'tick');
  const done = events.find((e) => e.type === 'phase' && e.phase === 'done') as { reason?: 'drained' } | undefined;
  return finalHeadline({
    outcome: { state: 'finished' },
    config,
    report,
    endReason: done?.reason,
    elapsedS: ticks.at(-1)!.t,
    ticks: ticks.length,
  });
}

describe('run headline', () => {
  test('a passing run: PASS, scenario and seed, how it ended, nothing to look at', () => {
    const h = headlineOf(runToEnd(specFor('steady', { measureS: 10 })));
    assert.equal(h.status, 'pass');
    assert.equal(h.title, 'steady · seed 1');
    assert.equal(h.summary, 'no triage hint, every check and threshold passed');
    assert.deepEqual(h.look, []);
    assert.match(h.facts[0], /^finished \(drained\) at [\d.]+ s, \d+ ticks$/);
    assert.ok(h.facts.some((f) => /\/s completed \(measure window\)/.test(f)));
    assert.match(h.config!, /^config partitions=4 .* scenario=steady seed=1/);
    assert.match(formatHeadlineText(h), /^✓ PASS · steady · seed 1 — no triage hint/);
  });

  test("a failing run: FAIL and, first, the hint's rule, partitions and window", () => {
    const h = headlineOf(runToEnd(specFor('hot-family', { fault: { name: 'no-release' } })));
    assert.equal(h.status, 'fail');
    assert.equal(h.title, 'hot-family · seed 1 · fault no-release');
    assert.match(h.summary, /1 triage hint, \d+ failed checks?$/);
    assert.equal(h.look[0].kind, 'hint');
    assert.equal(h.look[0].label, 'release-missing');
    assert.match(h.look[0].where, /^partitions 0, 1, 2 and 3, [\d.]+ s to [\d.]+ s$/);
    assert.ok(h.look.slice(1).every((l) => l.kind === 'check'));
    assert.ok(h.facts.includes('not drained'), h.facts.join(' | '));
    const text = formatHeadlineText(h);
    assert.match(text.split('\n')[0], /^✗ FAIL · hot-family · seed 1 · fault no-release — .*1 triage hint/);
    assert.match(text, /\nWhere to look:\n {2}✗ release-missing: partitions 0, 1, 2 and 3, /);
  });

  test('failed thresholds are places to look, with the actual value', () => {
    const h = headlineOf(runToEnd(specFor('steady', { measureS: 10 })), { completedPerS: '>= 100000', bogus: '> 1' });
    assert.equal(h.status, 'fail');
    assert.match(h.summary, /1 failed threshold, 1 threshold error/);
    const threshold = h.look.find((l) => l.label === 'completedPerS >= 100000');
    assert.ok(threshold, JSON.stringify(h.look));
    assert.match(threshold.where, /^actual [\d,.]+$/);
    assert.ok(h.look.some((l) => l.kind === 'threshold' && l.label === 'bogus' && /unknown metric/.test(l.where)));
  });

  test(`names at most ${HEADLINE_LOOK_LIMIT} places and counts the rest`, () => {
    const expect = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`metric${i}`, '> 1']));
    const h = headlineOf(runToEnd(specFor('steady', { measureS: 10 })), expect);
    assert.equal(h.look.length, HEADLINE_LOOK_LIMIT);
    assert.equal(h.more, 8 - HEADLINE_LOOK_LIMIT);
    assert.match(formatHeadlineText(h), /… and 3 more in the report$/);
  });

  test('an interrupted run and a failed run say so, not PASS or FAIL', () => {
    const events = runToEnd(specFor('steady', { measureS: 10 })).slice(0, 30);
    const report = analyzeRun(events, { interrupted: true });
    const interrupted = finalHeadline({ outcome: { state: 'interrupted' }, report, elapsedS: 6, ticks: 12 });
    assert.equal(interrupted.status, 'interrupted');
    assert.match(interrupted.summary, /^stopped at 6\.0 s: a partial run/);
    const failed = finalHeadline({ outcome: { state: 'failed', message: 'engine worker crashed: boom' }, elapsedS: 1, ticks: 2 });
    assert.equal(failed.status, 'error');
    assert.equal(failed.summary, 'the run failed: engine worker crashed: boom');
    assert.match(formatHeadlineText(failed), /^✗ ERROR · run — the run failed/);
    const empty = finalHeadline({ outcome: { state: 'finished' }, elapsedS: 0, ticks: 0 });
    assert.equal(empty.status, 'error');
    assert.match(empty.summary, /without a tick/);
  });

  test('while running: phase, time, progress and pace', () => {
    const h = liveHeadline({
      config: { scenario: 'steady', seed: 3, warmupS: 1, measureS: 8, cooldownS: 1 },
      phase: 'measure',
      elapsedS: 5,
      plannedS: 10,
      ticks: 10,
      pace: 'realtime',
    });
    assert.equal(h.status, 'running');
    assert.equal(h.title, 'steady · seed 3');
    assert.equal(h.summary, 'phase measure · t=5.0 s · 50 % of 10.0 s · pace realtime');
    assert.equal(h.progress, 0.5);
    assert.match(formatHeadlineText(h), /^▶ RUNNING · steady · seed 3 — phase measure/);
  });

  test('the payload passes its own reader; a wrong one is refused with a reason', () => {
    const h = headlineOf(runToEnd(specFor('hot-family', { fault: { name: 'no-release' } })));
    assert.deepEqual(readHeadlinePayload(JSON.parse(JSON.stringify(h))), h);
    assert.throws(() => readHeadlinePayload({ ...h, version: 2 }), /version 2/);
    assert.throws(() => readHeadlinePayload({ ...h, status: 'green' }), /unknown status "green"/);
    assert.throws(() => readHeadlinePayload({ ...h, look: [{ label: 1 }] }), /"look"/);
    assert.equal(HEADLINE_MIME, 'application/vnd.stressnb.headline+json');
  });
});
