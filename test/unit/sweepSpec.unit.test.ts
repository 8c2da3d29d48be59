// `sweep:` in a scenario spec: the grid it expands to, the point specs it derives, and its
// validation (positioned problems, as for every other key).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keysAt } from '../../src/spec/keysAt';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { describePoint, pointAssignments, pointCoordinates, pointParams, type SweepPlan } from '../../src/spec/sweepGrid';
import { hasSweep, sweepPointSpecText } from '../../src/spec/sweepPointSpec';
import { SPEC_LIMITS } from '../../src/spec/specLimits';

const BASE = `# bursts into a small ring
scenario: small-ring-burst
measureS: 4
cooldownS: 2
load: { burstTasks: 2000, everyS: 2 }
expect: { rejectPct: "< 5" }
`;

function plan(text: string): SweepPlan {
  const { sweep, problems } = parseScenarioSpec(text);
  assert.ok(sweep, problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return sweep;
}

/** The problems of `text`, as `line:column severity: message`, for those matching `pattern`. */
function problemsOf(text: string, pattern = /./): string[] {
  return parseScenarioSpec(text)
    .problems.filter((p) => pattern.test(p.message))
    .map((p) => `${p.line}:${p.column} ${p.severity}: ${p.message}`);
}

describe('sweep grid', () => {
  const text = `${BASE}sweep:\n  ringBufferSize: [64, 256, 1024]\n  workCostMs: [5, { dist: exponential, meanMs: 15 }]\n  load.burstTasks: [1000, 4000]\n`;

  test('expands to the product of the lists, the last key varying fastest', () => {
    const p = plan(text);
    assert.equal(p.size, 12);
    assert.deepEqual(
      p.axes.map((a) => a.key),
      ['ringBufferSize', 'workCostMs', 'load.burstTasks'],
    );
    assert.deepEqual(
      p.axes.map((a) => a.numeric),
      [true, false, true],
    );
    assert.deepEqual(pointCoordinates(p.axes, 0), [0, 0, 0]);
    assert.deepEqual(pointCoordinates(p.axes, 1), [0, 0, 1]);
    assert.deepEqual(pointCoordinates(p.axes, 2), [0, 1, 0]);
    assert.deepEqual(pointCoordinates(p.axes, 11), [2, 1, 1]);
    assert.deepEqual(pointParams(p.axes, 7), {
      ringBufferSize: 256,
      workCostMs: { dist: 'exponential', meanMs: 15 },
      'load.burstTasks': 4000,
    });
    assert.equal(describePoint(p.axes, 7), 'ringBufferSize 256, workCostMs { dist: exponential, meanMs: 15 }, load.burstTasks 4000');
    const seen = new Set(Array.from({ length: p.size }, (_, i) => JSON.stringify(pointParams(p.axes, i))));
    assert.equal(seen.size, 12, 'every point is a different combination');
  });

  test('a point spec is the cell without sweep:, with the point values set', () => {
    const p = plan(text);
    const point = sweepPointSpecText(p.text, pointAssignments(p.axes, 7));
    assert.doesNotMatch(point, /sweep/);
    assert.match(point, /^# bursts into a small ring$/m, 'comments are kept');
    assert.match(point, /^ringBufferSize: 256$/m);
    assert.match(point, /^workCostMs: \{ dist: exponential, meanMs: 15 \}$/m);
    assert.match(point, /^load: \{ burstTasks: 4000, everyS: 2 \}$/m, 'a load key is set inside load:');
    const { spec, sweep, problems } = parseScenarioSpec(point);
    assert.deepEqual(problems, []);
    assert.equal(sweep, undefined);
    assert.equal(spec!.ringBufferSize, 256);
    assert.deepEqual(spec!.workCostMs, { dist: 'exponential', meanMs: 15 });
    assert.equal(spec!.load[0].tasks, 4000);
    assert.deepEqual(spec!.expect, { rejectPct: '< 5' });
  });

  test('a load key the cell does not set is added', () => {
    const p = plan('scenario: steady\nsweep: { load.ratePerS: [100, 300] }\n');
    const point = sweepPointSpecText(p.text, pointAssignments(p.axes, 1));
    assert.equal(parseScenarioSpec(point).spec!.load[0].ratePerS, 300);
  });

  test('the base spec comes with the plan, and hasSweep tells a sweep cell', () => {
    const { spec } = parseScenarioSpec(text);
    assert.equal(spec!.scenario, 'small-ring-burst');
    assert.equal(hasSweep(text), true);
    assert.equal(hasSweep(BASE), false);
    assert.equal(hasSweep('# sweep: later\nscenario: steady\n'), false);
    assert.equal(hasSweep('scenario: steady\nsweep:\n'), true);
  });
});

describe('sweep validation', () => {
  test('unknown keys, keys that cannot be swept and load keys written bare are errors at the key', () => {
    const text = `${BASE}sweep:\n  ringBuferSize: [64]\n  source: [engine]\n  pace: [fast]\n  burstTasks: [100]\n  load.hotTasks: [5]\n`;
    assert.deepEqual(problemsOf(text, /sweep|swept|load key/), [
      '8:3 error: unknown key "sweep.ringBuferSize"; did you mean "ringBufferSize"?',
      '9:3 error: source cannot be swept: a sweep runs every point with the built-in engine',
      '10:3 error: pace cannot be swept: every point runs at pace: fast',
      '11:3 error: burstTasks is a load key: write load.burstTasks to sweep it',
      '12:3 error: load.hotTasks is not a load key of small-ring-burst; small-ring-burst takes load.burstTasks, load.families, load.everyS, load.ratePerS',
    ]);
  });

  test('values must be a list of numbers, names or mappings, each once', () => {
    const text = `${BASE}sweep:\n  ringBufferSize: 64\n  partitions: []\n  seed: [1, 2, 1]\n  handler: [async, [sync]]\n`;
    assert.deepEqual(problemsOf(text, /sweep/), [
      '8:19 error: sweep.ringBufferSize must be a list of values to try, for example ringBufferSize: [1, 2, 4]; got 64 (write a list, even of one value: [64])',
      '9:15 error: sweep.partitions must list at least one value',
      '10:16 error: sweep.seed lists 1 twice',
      '11:20 error: sweep.handler[1] must be a number, a name or a mapping; got a list',
    ]);
    assert.deepEqual(problemsOf(`${BASE}sweep: [1, 2]\n`, /sweep/), [
      '7:8 error: sweep must be a mapping (for example { ringBufferSize: [64, 256, 1024], workersPerPartition: [1, 2] }); got a list',
    ]);
    assert.match(problemsOf(`${BASE}sweep: {}\n`)[0], /^7:8 error: sweep needs at least one key/);
  });

  test('a bad value is reported at the value, with the message a single run would give', () => {
    const text = `${BASE}sweep:\n  ringBufferSize: [64, 1000]\n  handler: [async, syncc]\n  workCostMs: [5, "15ms"]\n`;
    assert.deepEqual(problemsOf(text, /./), [
      "8:24 error: ringBufferSize must be a power of two (a Disruptor ring's size is 2^k); got 1000, try 512 or 1024",
      '9:20 error: handler must be one of async, sync; got "syncc"; did you mean "sync"?',
      '10:19 error: workCostMs must be a number greater than 0 and at most 3600000; got the string "15ms" (write the number without a unit: 15; the unit is in the key\'s name)',
    ]);
  });

  test('a value that clashes with the rest of the cell says with which value', () => {
    const text = 'scenario: steady\nfault: { name: stuck-handler, partition: 2 }\nsweep:\n  partitions: [1, 4]\n';
    assert.deepEqual(problemsOf(text, /partition/), [
      '4:16 error: with partitions: 1: fault.partition must be less than partitions (1); got 2',
    ]);
  });

  test('a combination over a limit is found before anything runs', () => {
    const text = 'scenario: steady\nsweep:\n  partitions: [1, 1024]\n  ringBufferSize: [64, 1048576]\n';
    assert.deepEqual(problemsOf(text), [
      '2:1 error: the point { partitions: 1024, ringBufferSize: 1048576 } cannot run: partitions × ringBufferSize = 1073741824 ring slots would exhaust memory; the limit is 16777216',
    ]);
  });

  test('a grid above the limit is refused with its count', () => {
    const values = (n: number) => `[${Array.from({ length: n }, (_, i) => i + 1).join(', ')}]`;
    const text = `scenario: steady\nsweep:\n  seed: ${values(50)}\n  workersPerPartition: ${values(41)}\n`;
    assert.deepEqual(problemsOf(text), [
      `2:1 error: this sweep has 2050 points (50 × 41); the limit is ${SPEC_LIMITS.maxSweepPoints}: drop some values, or split it into several sweeps`,
    ]);
    assert.ok(parseScenarioSpec(`scenario: steady\nsweep:\n  seed: ${values(50)}\n  workersPerPartition: ${values(40)}\n`).sweep);
  });

  test('a sweep of a command or log-file cell is an error', () => {
    const text = 'scenario: steady\nsource: file\npath: run.log\nsweep: { partitions: [1, 2] }\n';
    assert.match(problemsOf(text, /sweep/)[0], /^4:1 error: sweep runs every point with the built-in engine/);
  });

  test('a key set in the cell and swept gets a warning; the scenario can be swept', () => {
    const text = `${BASE}ringBufferSize: 64\nsweep:\n  ringBufferSize: [64, 128]\n  scenario: [small-ring-burst, steady]\n`;
    const { problems, sweep } = parseScenarioSpec(text.replace(/^load: .*\n/m, ''));
    assert.ok(sweep, JSON.stringify(problems));
    assert.deepEqual(
      problems.map((p) => `${p.line}:${p.column} ${p.severity}: ${p.message}`),
      ['6:1 warning: ringBufferSize is swept: every point uses a value of sweep.ringBufferSize, not this one'],
    );
  });

  test('errors in the rest of the cell leave the values unchecked and give no plan', () => {
    const { spec, sweep, problems } = parseScenarioSpec('scenario: steady\npartitions: 0\nsweep: { ringBufferSize: [1000] }\n');
    assert.equal(spec, undefined);
    assert.equal(sweep, undefined);
    assert.deepEqual(
      problems.map((p) => p.line),
      [2],
    );
  });
});

describe('sweep keys for the editor', () => {
  test("the keys a sweep takes, with the load keys of the cell's scenario", () => {
    const keys = keysAt(['sweep'], { scenario: 'small-ring-burst' })!;
    assert.ok(keys.ringBufferSize && keys.handler && keys.fault && keys['load.burstTasks']);
    assert.equal(keys.source, undefined);
    assert.equal(keys.expect, undefined);
    assert.deepEqual(keys.handler.values, ['async', 'sync']);
    assert.match(keys.ringBufferSize.doc, /Swept: a list of values/);
    assert.equal(keysAt(['sweep'], { scenario: 'steady' })!['load.burstTasks'], undefined);
    assert.ok(keysAt(['sweep', 'fault', '*'])!.atS, 'a fault mapping in a swept list');
    assert.ok(keysAt(['sweep', 'workCostMs', '*'], { dist: 'uniform' })!.minMs);
  });
});
