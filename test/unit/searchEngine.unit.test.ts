// A capacity search of the built-in engine, on worker threads: a steady control with handler: sync,
// 4 partitions and workCostMs: 15 can never complete more than 4 × 1000 / 15 ≈ 267 tasks/s, and
// sustains less (random routing loads some partitions more than others). The search's sustained
// value runs sustained and its first failure saturated, each checked by a single run of that
// value; the two lie within the precision, below the ceiling. Every probe is the single run of its
// spec; interrupt keeps the probes done; a crashed worker fails the search.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { searchOutcome } from '../../src/analysis/searchSteps';
import type { SearchProbe } from '../../src/analysis/searchTypes';
import { runToEnd } from '../../src/engine/simulation';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import type { SearchPlan } from '../../src/spec/searchPlan';
import { searchProbeSpecText } from '../../src/spec/searchProbeSpec';
import { engineProbes } from '../../src/sweep/probeRunner';
import { startSearch } from '../../src/sweep/searchRun';
import { spawnSweepWorker } from '../../src/sweep/sweepWorkerSpawn';

const CEILING = (4 * 1000) / 15;

const CELL = `scenario: steady
handler: sync
partitions: 4
workCostMs: 15
warmupS: 3
measureS: 20
cooldownS: 5
search: { key: load.ratePerS, from: 50, to: 400 }
`;

function plan(text: string): SearchPlan {
  const { search, problems } = parseScenarioSpec(text);
  assert.ok(search, JSON.stringify(problems));
  return search;
}

/** The single run of the value: its probe spec parsed and run like any cell, analysed. */
function singleRun(p: SearchPlan, value: number) {
  const { spec } = parseScenarioSpec(searchProbeSpecText(p, value));
  assert.ok(spec);
  return analyzeRun(runToEnd(spec), { expect: spec.expect });
}

function assertProbeIsItsSingleRun(p: SearchPlan, probe: SearchProbe): void {
  const report = singleRun(p, probe.value);
  assert.deepEqual(probe.metrics, report.summary.metrics, `probe at ${probe.value}`);
  assert.equal(probe.sustained, !report.summary.capacity!.saturated, `probe at ${probe.value}`);
}

describe('capacity search of the engine', () => {
  test(
    'steady, sync, 4 partitions, 15 ms: sustained and first failure checked by single runs, within 5 %, below the ceiling',
    { timeout: 180_000 },
    async () => {
      const p = plan(CELL);
      const running = startSearch(p, engineProbes(p, { threads: 2 }));
      assert.equal(running.slots, 2);
      const { end, probes } = await running.result;
      await running.exited;
      assert.deepEqual(end, { state: 'finished' });
      const outcome = searchOutcome(p, probes);
      assert.equal(outcome.state, 'found');
      if (outcome.state !== 'found') return;
      const { sustained, firstFailure } = outcome;

      const atSustained = singleRun(p, sustained.value).summary.capacity!;
      const atFailure = singleRun(p, firstFailure.value).summary.capacity!;
      assert.equal(atSustained.saturated, false, `the sustained value ${sustained.value} runs sustained`);
      assert.equal(atFailure.saturated, true, `the first failure ${firstFailure.value} runs saturated`);
      assert.ok(firstFailure.value > sustained.value);
      assert.ok((firstFailure.value - sustained.value) / sustained.value <= 0.05, `${sustained.value} .. ${firstFailure.value} within 5 %`);
      assert.ok(sustained.value < CEILING, `${sustained.value} below the ceiling ${CEILING.toFixed(1)}`);
      // Random routing loads partitions unevenly, so it sustains clearly less than the ceiling.
      assert.ok(sustained.value < 0.97 * CEILING);
      assert.match(firstFailure.reason!, /^saturated, [\d,.]+\/s completed of [\d,.]+\/s offered, behind on partition/);
      for (const probe of probes) assertProbeIsItsSingleRun(p, probe);
      // Probes of a round ran at once: the first round was both ends.
      assert.deepEqual(
        probes
          .filter((x) => x.round === 1)
          .map((x) => x.value)
          .sort((a, b) => a - b),
        [50, 400],
      );
    },
  );

  test('until: fail ends at the first failing check; the answer holds for it too', { timeout: 180_000 }, async () => {
    const p = plan(
      CELL.replace('to: 400 }', 'to: 400, until: fail }').replace(
        'scenario: steady\n',
        'scenario: steady\nexpect: { completedPerS: ">= 0" }\n',
      ),
    );
    const running = startSearch(p, engineProbes(p, { threads: 2 }));
    const { end, probes } = await running.result;
    await running.exited;
    assert.deepEqual(end, { state: 'finished' });
    const outcome = searchOutcome(p, probes);
    assert.equal(outcome.state, 'found');
    if (outcome.state !== 'found') return;
    assert.equal(singleRun(p, outcome.sustained.value).verdict, 'pass');
    assert.equal(singleRun(p, outcome.firstFailure.value).verdict, 'fail');
    // The steady control's own check is what fails first (it keeps up, or fails).
    assert.match(outcome.firstFailure.reason!, /check failed: The control keeps up with the offered load/);
  });

  test('interrupt stops the probes at once and keeps the ones done', { timeout: 120_000 }, async () => {
    const p = plan(CELL);
    const workers: Worker[] = [];
    const exited = new Set<Worker>();
    let afterStop = 0;
    let stopped = false;
    const running = startSearch(
      p,
      engineProbes(p, {
        threads: 2,
        spawn: (data) => {
          const w = spawnSweepWorker(data);
          workers.push(w);
          w.once('exit', () => exited.add(w));
          return w;
        },
      }),
      {
        onProbe: (_probe, done) => {
          if (stopped) afterStop++;
          if (done.length === 3) {
            stopped = true;
            running.stop();
          }
        },
      },
    );
    const { end, probes } = await running.result;
    assert.deepEqual(end, { state: 'interrupted' });
    assert.equal(afterStop, 0, 'no probe arrives after the stop');
    assert.equal(probes.length, 3);
    assert.deepEqual(
      probes.map((x) => x.index),
      [...probes.map((x) => x.index)].sort((a, b) => a - b),
    );
    for (const probe of probes) assertProbeIsItsSingleRun(p, probe);
    await running.exited;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(exited.size, workers.length, 'every worker has exited');
  });

  test('a worker that crashes fails the search, with a message', { timeout: 60_000 }, async () => {
    const p = plan(CELL);
    let spawned = 0;
    const running = startSearch(
      p,
      engineProbes(p, {
        threads: 2,
        spawn: (data) => (spawned++ === 1 ? new Worker('throw new Error("boom in the worker")', { eval: true }) : spawnSweepWorker(data)),
      }),
    );
    const { end } = await running.result;
    assert.equal(end.state, 'failed');
    assert.match((end as { message: string }).message, /a search worker crashed: .*boom in the worker/);
    await running.exited;
  });

  test('a probe that cannot run fails with the reason, and the search says nothing sustains', { timeout: 60_000 }, async () => {
    // The parser checks both ends; a hand-made plan reaches the workers unchecked.
    const p: SearchPlan = {
      ...plan(CELL),
      text: CELL.replace('scenario: steady\n', 'scenario: steady\nfault: { name: stuck-handler, partition: 3 }\n'),
      key: 'partitions',
      path: ['partitions'],
      from: 2,
      to: 8,
      domain: 'integer',
    };
    const running = startSearch(p, engineProbes(p, { threads: 1 }));
    const { end, probes } = await running.result;
    await running.exited;
    assert.deepEqual(end, { state: 'finished' });
    assert.equal(searchOutcome(p, probes).state, 'from-fails');
    assert.match(probes[0].error!, /fault.partition must be less than partitions \(2\)/);
    assert.match(probes[0].reason!, /^it could not run: /);
  });
});
