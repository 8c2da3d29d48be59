// Running a sweep on worker threads: every row is the single run of its point's spec, whatever
// the number of threads; rejects never rise with the ring size; interrupt keeps the rows done;
// a crashed worker fails the sweep without losing them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import type { SweepRow } from '../../src/analysis/sweepTypes';
import { runToEnd } from '../../src/engine/simulation';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { pointAssignments, pointCoordinates, type SweepPlan } from '../../src/spec/sweepGrid';
import { sweepPointSpecText } from '../../src/spec/sweepPointSpec';
import { startSweep } from '../../src/sweep/sweepPool';
import type { SweepWorkerData } from '../../src/sweep/sweepProtocol';
import { spawnSweepWorker } from '../../src/sweep/sweepWorkerSpawn';

function plan(text: string): SweepPlan {
  const { sweep, problems } = parseScenarioSpec(text);
  assert.ok(sweep, JSON.stringify(problems));
  return sweep;
}

/** The report of the single run of point `index`: its spec text parsed and run like any cell. */
function singleRun(p: SweepPlan, index: number) {
  const { spec } = parseScenarioSpec(sweepPointSpecText(p.text, pointAssignments(p.axes, index)));
  assert.ok(spec);
  return analyzeRun(runToEnd(spec), { expect: spec.expect });
}

function assertRowIsItsSingleRun(p: SweepPlan, row: SweepRow): void {
  const report = singleRun(p, row.index);
  assert.deepEqual(row.metrics, report.summary.metrics, `point ${row.index + 1}`);
  assert.deepEqual(
    row.hints.map((h) => [h.rule, h.partitions, h.from, h.to, h.message]),
    report.hints.map((h) => [h.rule, h.partitions, h.from, h.to, h.message]),
  );
  const thresholdsPass = !report.thresholds.some((t) => t.status === 'fail' || t.status === 'error');
  assert.equal(row.verdict, thresholdsPass ? 'pass' : 'fail', `point ${row.index + 1}`);
}

const GRID = `scenario: small-ring-burst
warmupS: 0.5
measureS: 3
cooldownS: 2
expect: { rejectPct: "< 20" }
sweep:
  ringBufferSize: [64, 256, 1024]
  workCostMs: [5, 40]
  seed: [1, 2]
`;

describe('sweep on worker threads', () => {
  test('a row equals the single run of its point, at 1 and at 3 threads', { timeout: 120_000 }, async () => {
    const p = plan(GRID);
    const one = await startSweep(p, { threads: 1 }).result;
    const three = startSweep(p, { threads: 3 });
    assert.equal(three.threads, 3);
    const many = await three.result;
    assert.deepEqual(one.end, { state: 'finished' });
    assert.deepEqual(many.end, { state: 'finished' });
    assert.equal(one.rows.length, p.size);
    assert.deepEqual(many.rows, one.rows, 'the thread count changes nothing');
    assert.deepEqual(
      one.rows.map((r) => r.index),
      Array.from({ length: p.size }, (_, i) => i),
    );
    for (const row of one.rows) assertRowIsItsSingleRun(p, row);
    // The grid is not trivial: both verdicts occur, and rejects differ with the ring.
    assert.ok(one.rows.some((r) => r.verdict === 'pass') && one.rows.some((r) => r.verdict === 'fail'));
    assert.deepEqual(one.rows.find((r) => r.verdict === 'fail')!.failed, ['rejectPct']);
  });

  test('reject % never rises with the ring size, the other keys fixed', { timeout: 300_000 }, async () => {
    const p = plan(`scenario: small-ring-burst
warmupS: 0.5
measureS: 4
cooldownS: 2
sweep:
  partitions: [1, 4]
  handler: [async, sync]
  workCostMs: [5, 40]
  load.burstTasks: [500, 4000]
  ringBufferSize: [16, 32, 64, 128, 256, 512, 1024, 2048, 4096]
`);
    const { rows, end } = await startSweep(p, { threads: 2 }).result;
    assert.deepEqual(end, { state: 'finished' });
    const ringAxis = p.axes.findIndex((a) => a.key === 'ringBufferSize');
    const lines = new Map<string, { ring: number; rejectPct: number }[]>();
    for (const row of rows) {
      const c = pointCoordinates(p.axes, row.index);
      const others = c.filter((_, a) => a !== ringAxis).join(',');
      lines.set(others, [...(lines.get(others) ?? []), { ring: row.params.ringBufferSize as number, rejectPct: row.metrics.rejectPct }]);
    }
    assert.equal(lines.size, 16);
    let falls = 0;
    for (const [others, line] of lines) {
      line.sort((a, b) => a.ring - b.ring);
      for (let i = 1; i < line.length; i++) {
        assert.ok(
          line[i].rejectPct <= line[i - 1].rejectPct,
          `rejects rose from ring ${line[i - 1].ring} to ${line[i].ring} at ${others}: ${line.map((l) => l.rejectPct.toFixed(2)).join(' ')}`,
        );
        if (line[i].rejectPct < line[i - 1].rejectPct) falls++;
      }
    }
    assert.ok(falls > 16, `rejects fall with the ring on most lines (${falls} falls)`);
  });

  test('interrupt stops every worker at once and keeps the rows done', { timeout: 120_000 }, async () => {
    const p = plan(GRID.replace('seed: [1, 2]', 'seed: [1, 2, 3, 4, 5]'));
    const workers: Worker[] = [];
    const exited = new Set<Worker>();
    let afterStop = 0;
    let stopped = false;
    const running = startSweep(p, {
      threads: 2,
      spawn: (data: SweepWorkerData) => {
        const w = spawnSweepWorker(data);
        workers.push(w);
        w.once('exit', () => exited.add(w));
        return w;
      },
      onRow: (_row, done) => {
        if (stopped) afterStop++;
        if (done === 3) {
          stopped = true;
          running.stop();
        }
      },
    });
    const { rows, end } = await running.result;
    assert.deepEqual(end, { state: 'interrupted' });
    assert.equal(afterStop, 0, 'no row arrives after the stop');
    assert.equal(rows.length, 3);
    assert.ok(rows.length < p.size);
    assert.deepEqual(
      rows.map((r) => r.index),
      [...rows.map((r) => r.index)].sort((a, b) => a - b),
      'kept in grid order',
    );
    for (const row of rows) assertRowIsItsSingleRun(p, row);
    assert.equal(workers.length, 2);
    await running.exited;
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(exited.size, 2, 'every worker has exited');
  });

  test('a worker that crashes fails the sweep, with a message', { timeout: 60_000 }, async () => {
    const p = plan(GRID);
    let spawned = 0;
    const { end, rows } = await startSweep(p, {
      threads: 2,
      spawn: (data) => (spawned++ === 1 ? new Worker('throw new Error("boom in the worker")', { eval: true }) : spawnSweepWorker(data)),
    }).result;
    assert.equal(end.state, 'failed');
    assert.match((end as { message: string }).message, /a sweep worker crashed: .*boom in the worker/);
    assert.ok(rows.length < p.size);
  });

  test('a point that cannot run becomes a failed row with the reason', { timeout: 60_000 }, async () => {
    // The parser checks a grid's corners only; a hand-made plan reaches the workers unchecked.
    const p: SweepPlan = {
      text: 'scenario: steady\nwarmupS: 0\nmeasureS: 1\ncooldownS: 0\nfault: { name: stuck-handler, partition: 3 }\n',
      axes: [{ key: 'partitions', path: ['partitions'], values: [4, 2], labels: ['4', '2'], numeric: true }],
      size: 2,
    };
    const { rows, end } = await startSweep(p, { threads: 1 }).result;
    assert.deepEqual(end, { state: 'finished' });
    assert.equal(rows[0].error, undefined);
    assert.equal(rows[1].verdict, 'fail');
    assert.match(rows[1].error!, /fault.partition must be less than partitions \(2\)/);
    assert.deepEqual(rows[1].metrics, {});
  });
});
