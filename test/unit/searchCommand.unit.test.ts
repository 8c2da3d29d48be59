// A capacity search of a real scheduler: a source: command cell searched over a placeholder of its
// own. The harness (test/fixtures/sources/capacityHarness.mjs) completes at most C tasks/s
// whatever it is offered, so the search must find C within the precision: its sustained probe
// completes C/s, and the boundary lies where the capacity figures call a run saturated (offered
// more than C / (1 - tolerance)). Every probe is its own process, gone when its probe ends;
// interrupt stops the running one with its process tree and keeps the probes done.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CAPACITY_TOLERANCE } from '../../src/analysis/capacity';
import { searchOutcome } from '../../src/analysis/searchSteps';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import type { SearchPlan } from '../../src/spec/searchPlan';
import { commandProbes } from '../../src/sweep/commandProbes';
import { startSearch } from '../../src/sweep/searchRun';
import { isGone, SOURCE_FIXTURES, waitFor } from './helpers/sourceTestHelpers';

const HARNESS = join(SOURCE_FIXTURES, 'capacityHarness.mjs');
const C = 800;

function pidDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stressnb-search-pids-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function cell(args: string[], search: string, env = ''): SearchPlan {
  const text = `source: command\ncommand: ${JSON.stringify(process.execPath)}\nargs: ${JSON.stringify([HARNESS, ...args])}\n${env}search: ${search}\n`;
  const { search: plan, problems } = parseScenarioSpec(text);
  assert.ok(plan, JSON.stringify(problems));
  return plan;
}

const pidsIn = (dir: string) => readdirSync(dir).map(Number);

describe('capacity search of a command', () => {
  test(`a harness that completes at most ${C} tasks/s is found within the precision`, { timeout: 180_000 }, async () => {
    const pids = pidDir();
    const p = cell(['--rate', '{rate}', '--capacity', String(C), '--pid-dir', pids], '{ key: rate, from: 100, to: 4000, precision: 2% }');
    const running = startSearch(p, commandProbes(p, { baseDir: tmpdir() }));
    assert.equal(running.slots, 1, 'a command runs one probe at a time');
    const { end, probes } = await running.result;
    await running.exited;
    assert.deepEqual(end, { state: 'finished' });
    const outcome = searchOutcome(p, probes);
    assert.equal(outcome.state, 'found', JSON.stringify(probes.map((x) => [x.value, x.sustained, x.reason])));
    if (outcome.state !== 'found') return;
    const { sustained, firstFailure } = outcome;
    // The throughput the sustained value reached is C, within the precision...
    assert.ok(
      Math.abs(sustained.metrics.completedPerS - C) / C <= 0.02,
      `completed/s at ${sustained.value}: ${sustained.metrics.completedPerS}`,
    );
    // ...and the boundary lies where the capacity figures start calling C/s short of the offered load.
    const edge = C / (1 - CAPACITY_TOLERANCE);
    assert.ok(sustained.value <= edge && firstFailure.value > edge, `${sustained.value} <= ${edge.toFixed(1)} < ${firstFailure.value}`);
    assert.ok((firstFailure.value - sustained.value) / sustained.value <= 0.02);
    assert.match(firstFailure.reason!, new RegExp(`^saturated, ${C}/s completed of [\\d,]+/s offered, behind on every partition$`));
    assert.ok(
      probes.every((x) => Number.isInteger(x.value)),
      'integer ends, integer rates',
    );
    // Each probe was a process of its own, started with its value, and none is left.
    const started = pidsIn(pids);
    assert.equal(started.length, probes.length);
    for (const pid of started) assert.ok(isGone(pid), `harness ${pid} is gone`);
  });

  test('the placeholder works in env too; a range below the capacity says the boundary lies above it', { timeout: 120_000 }, async () => {
    const p = cell(['--capacity', String(C)], '{ key: rate, from: 100, to: 700, precision: 10% }', 'env: { RATE: "{rate}" }\n');
    const running = startSearch(p, commandProbes(p, { baseDir: tmpdir() }));
    const { end, probes } = await running.result;
    await running.exited;
    assert.deepEqual(end, { state: 'finished' });
    assert.equal(searchOutcome(p, probes).state, 'above-range');
    assert.deepEqual(
      probes.map((x) => [x.value, x.sustained]),
      [
        [100, true],
        [700, true],
      ],
    );
    assert.equal(probes[1].metrics.completedPerS, 700);
  });

  test('interrupt stops the running harness with its process tree and keeps the probes done', { timeout: 120_000 }, async () => {
    const pids = pidDir();
    // Slow ticks: each probe takes seconds, so the stop comes while the second one runs.
    const p = cell(
      ['--rate', '{rate}', '--capacity', String(C), '--pace-ms', '150', '--pid-dir', pids],
      '{ key: rate, from: 100, to: 4000 }',
    );
    const running = startSearch(p, commandProbes(p, { baseDir: tmpdir() }));
    await waitFor(() => pidsIn(pids).length === 2, 60_000);
    const second = pidsIn(pids).find((pid) => !isGone(pid))!;
    assert.ok(second !== undefined && !isGone(second), 'the second probe is running');
    running.stop();
    const { end, probes } = await running.result;
    assert.deepEqual(end, { state: 'interrupted' });
    assert.deepEqual(
      probes.map((x) => [x.value, x.sustained]),
      [[100, true]],
      'the probe done is kept; the one stopped is not',
    );
    await running.exited;
    assert.ok(isGone(second), 'the harness of the stopped probe is gone');
    assert.equal(pidsIn(pids).length, 2, 'no probe starts after the stop');
  });

  test("a harness that fails makes its probe fail with the command's words", { timeout: 60_000 }, async () => {
    const p = cell(['--rate', 'x{rate}', '--capacity', String(C)], '{ key: rate, from: 100, to: 4000 }');
    const running = startSearch(p, commandProbes(p, { baseDir: tmpdir() }));
    const { end, probes } = await running.result;
    await running.exited;
    assert.deepEqual(end, { state: 'finished' });
    assert.equal(searchOutcome(p, probes).state, 'from-fails');
    assert.match(probes[0].reason!, /it could not run: .*exit.* 2.*--rate must be a number above 0/s);
  });
});
