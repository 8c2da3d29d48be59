import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PRESETS, presetDefaults } from '../../src/spec/presets';
import { closestMatch, editDistance } from '../../src/spec/editDistance';
import { parseScenarioSpec, type SpecProblem } from '../../src/spec/parseScenarioSpec';
import { keysAt } from '../../src/spec/keysAt';
import { SPEC_DEFAULTS, SPEC_KEYS, loadKeysFor } from '../../src/spec/specKeys';
import { THRESHOLD_METRICS } from '../../src/spec/thresholdMetrics';
import { FAULT_NAMES, SCENARIO_NAMES } from '../../src/spec/scenarioSpec';
import { paceFactor, type Pace } from '../../src/spec/pace';

const lines = (...l: string[]) => `${l.join('\n')}\n`;

function validSpec(text: string) {
  const { spec, problems } = parseScenarioSpec(text);
  assert.deepEqual(
    problems.filter((p) => p.severity === 'error'),
    [],
    `unexpected errors for:\n${text}`,
  );
  assert.ok(spec);
  return spec;
}

/** The one problem matching `pattern`, asserting its position. */
function problemAt(text: string, pattern: RegExp, line: number, column: number, severity: SpecProblem['severity'] = 'error'): SpecProblem {
  const { spec, problems } = parseScenarioSpec(text);
  const matching = problems.filter((p) => pattern.test(p.message));
  assert.equal(matching.length, 1, `expected one problem matching ${pattern}, got:\n${JSON.stringify(problems, null, 2)}`);
  const [p] = matching;
  assert.equal(p.severity, severity);
  assert.deepEqual([p.line, p.column], [line, column], `position of "${p.message}"`);
  if (text !== '') assert.ok(p.endLine > p.line || (p.endLine === p.line && p.endColumn > p.column), 'a non-empty range');
  if (severity === 'error') assert.equal(spec, undefined, 'no spec when there is an error');
  return p;
}

describe('parseScenarioSpec: defaults and presets', () => {
  test("a preset name alone gives every global default and the preset's load", () => {
    const spec = validSpec('scenario: hot-family\n');
    assert.equal(spec.partitions, SPEC_DEFAULTS.partitions);
    assert.equal(spec.ringBufferSize, 1024);
    assert.equal(spec.workersPerPartition, 1);
    assert.deepEqual(spec.workCostMs, { dist: 'fixed', ms: 15 });
    assert.equal(spec.handler, 'async');
    assert.equal(spec.maxInFlightPerPartition, 0);
    assert.equal(spec.intakeCostUs, SPEC_DEFAULTS.intakeCostUs);
    assert.equal(spec.intakeWakeupUs, undefined, 'left to the engine');
    assert.deepEqual([spec.tickMs, spec.warmupS, spec.measureS, spec.cooldownS, spec.seed], [500, 3, 30, 10, 1]);
    assert.equal(spec.pace, '10x', 'the editor plays a run ten times faster than realtime unless told otherwise');
    assert.deepEqual(spec.fault, { name: 'none' });
    assert.deepEqual(spec.expect, {});
    assert.deepEqual(spec.source, { kind: 'engine' });
    const preset = PRESETS['hot-family'];
    assert.deepEqual(spec.load, preset.expand(presetDefaults(preset), { warmupS: 3, measureS: 30 }));
    assert.equal(spec.load[0].tasks, 30000);
  });

  test("a preset's overrides replace the global default, and the cell overrides both", () => {
    assert.equal(validSpec('scenario: small-ring-burst\n').ringBufferSize, PRESETS['small-ring-burst'].overrides.ringBufferSize);
    assert.equal(validSpec('scenario: small-ring-burst\nringBufferSize: 256\n').ringBufferSize, 256);
    assert.equal(validSpec('scenario: steady\n').ringBufferSize, 1024);
  });

  test("load overrides are applied to the preset and expanded with the cell's timing", () => {
    const spec = validSpec(lines('scenario: hot-family', 'warmupS: 2', 'load:', '  hotTasks: 5000', '  otherFamilies: 10'));
    const preset = PRESETS['hot-family'];
    assert.deepEqual(
      spec.load,
      preset.expand({ ...presetDefaults(preset), hotTasks: 5000, otherFamilies: 10 }, { warmupS: 2, measureS: 30 }),
    );
    assert.equal(spec.load[0].startS, 2);
  });

  test('every top-level key is read', () => {
    const spec = validSpec(
      lines(
        'scenario: uncorrelated-burst',
        'partitions: 8',
        'ringBufferSize: 2048',
        'workersPerPartition: 2',
        'workCostMs: { dist: uniform, minMs: 5, maxMs: 25 }',
        'handler: sync',
        'intakeCostUs: 0.5',
        'intakeWakeupUs: 100',
        'tickMs: 250',
        'warmupS: 0',
        'measureS: 12.5',
        'cooldownS: 0',
        'seed: 42',
        'pace: fast',
        'load: { tasks: 1000, ratePerS: 500 }',
        'fault: neg1-single-family',
        'expect: { rejectPct: "< 1", completedPerS: ">= 250" }',
      ),
    );
    assert.deepEqual(
      { ...spec, load: undefined },
      {
        scenario: 'uncorrelated-burst',
        partitions: 8,
        ringBufferSize: 2048,
        workersPerPartition: 2,
        workCostMs: { dist: 'uniform', minMs: 5, maxMs: 25 },
        handler: 'sync',
        maxInFlightPerPartition: 0,
        intakeCostUs: 0.5,
        intakeWakeupUs: 100,
        tickMs: 250,
        warmupS: 0,
        measureS: 12.5,
        cooldownS: 0,
        seed: 42,
        pace: 'fast',
        load: undefined,
        fault: { name: 'neg1-single-family' },
        expect: { rejectPct: '< 1', completedPerS: '>= 250' },
        source: { kind: 'engine' },
      },
    );
    assert.deepEqual(spec.load, [{ families: 0, uncorrelated: true, tasks: 1000, ratePerS: 500, startS: 0, keyPrefix: 'u-' }]);
  });

  test('work cost distributions', () => {
    assert.deepEqual(validSpec('scenario: steady\nworkCostMs: 2.5\n').workCostMs, { dist: 'fixed', ms: 2.5 });
    assert.deepEqual(validSpec('scenario: steady\nworkCostMs: { dist: fixed, ms: 7 }\n').workCostMs, { dist: 'fixed', ms: 7 });
    assert.deepEqual(validSpec('scenario: steady\nworkCostMs: { dist: exponential, meanMs: 15 }\n').workCostMs, {
      dist: 'exponential',
      meanMs: 15,
    });
    assert.deepEqual(validSpec('scenario: steady\nworkCostMs:\n  dist: lognormal\n  medianMs: 15\n  sigma: 0.5\n').workCostMs, {
      dist: 'lognormal',
      medianMs: 15,
      sigma: 0.5,
    });
  });

  test('custom load streams with defaults for startS and keyPrefix', () => {
    const spec = validSpec(
      lines(
        'scenario: custom',
        'load:',
        '  streams:',
        '    - { families: 10, ratePerS: 100 }',
        '    - { uncorrelated: true, tasks: 500, ratePerS: 5000, startS: 4, everyS: 5 }',
        '    - { families: 1, tasks: 20, ratePerS: 50, keyPrefix: hot- }',
      ),
    );
    assert.deepEqual(spec.load, [
      { families: 10, uncorrelated: false, ratePerS: 100, startS: 0, keyPrefix: 's0-' },
      { families: 0, uncorrelated: true, tasks: 500, ratePerS: 5000, startS: 4, everyS: 5, keyPrefix: 's1-' },
      { families: 1, uncorrelated: false, tasks: 20, ratePerS: 50, startS: 0, keyPrefix: 'hot-' },
    ]);
  });

  test('faults as a name or a mapping', () => {
    assert.deepEqual(validSpec('scenario: steady\nfault: hash-skew\n').fault, { name: 'hash-skew' });
    assert.deepEqual(validSpec('scenario: hot-family\nfault: early-release\n').fault, { name: 'early-release' });
    assert.deepEqual(validSpec('scenario: steady\nfault: { name: stuck-handler, atS: 5, partition: 3 }\n').fault, {
      name: 'stuck-handler',
      atS: 5,
      partition: 3,
    });
    assert.deepEqual(validSpec('scenario: steady\nfault: { name: no-release, rate: 0.1 }\n').fault, { name: 'no-release', rate: 0.1 });
    assert.deepEqual(validSpec('scenario: hot-family\nfault: lost-wakeup\n').fault, { name: 'lost-wakeup' });
    assert.deepEqual(validSpec('scenario: hot-family\nfault: { name: lost-wakeup, rate: 0.2 }\n').fault, {
      name: 'lost-wakeup',
      rate: 0.2,
    });
  });

  test('command and file sources; scenario is optional with them', () => {
    const command = validSpec(
      lines(
        'source: command',
        'command: java',
        'args: [-jar, harness.jar, --rate, 2000, true]',
        'cwd: ../harness',
        'env: { JAVA_OPTS: -Xmx1g, THREADS: 4 }',
      ),
    );
    assert.deepEqual(command.source, {
      kind: 'command',
      command: 'java',
      args: ['-jar', 'harness.jar', '--rate', '2000', 'true'],
      cwd: '../harness',
      env: { JAVA_OPTS: '-Xmx1g', THREADS: '4' },
    });
    assert.equal(command.scenario, 'custom');
    assert.deepEqual(command.load, []);
    const file = validSpec('scenario: hot-family\nsource: file\npath: logs/run.log\nfollow: true\n');
    assert.deepEqual(file.source, { kind: 'file', path: 'logs/run.log', follow: true });
    assert.equal(file.scenario, 'hot-family');
    assert.deepEqual(validSpec('source: file\npath: a.log\n').source, { kind: 'file', path: 'a.log', follow: false });
  });

  test('comments and an explicit document start are fine', () => {
    validSpec('# the hot family, smaller\n---\nscenario: hot-family # preset\nload: { hotTasks: 100 }\n');
  });
});

describe('parseScenarioSpec: problems with positions', () => {
  test('an empty spec and a spec that is not a mapping', () => {
    problemAt('', /spec is empty/, 1, 1);
    problemAt('- scenario: steady\n', /YAML mapping.*got a list/, 1, 1);
    problemAt('just words\n', /YAML mapping.*got the string/, 1, 1);
  });

  test('missing scenario names the choices', () => {
    const p = problemAt('partitions: 4\n', /missing scenario/, 1, 1);
    for (const name of ['hot-family', 'uncorrelated-burst', 'small-ring-burst', 'steady', 'custom'])
      assert.match(p.message, new RegExp(name));
  });

  test('unknown keys with a did-you-mean, at the key', () => {
    const p = problemAt('scenario: steady\npartitons: 4\n', /unknown key "partitons"/, 2, 1);
    assert.match(p.message, /did you mean "partitions"\?/);
    assert.deepEqual([p.endLine, p.endColumn], [2, 10]);
    assert.match(problemAt('scenario: steady\nringbuffersize: 64\n', /unknown key/, 2, 1).message, /did you mean "ringBufferSize"/);
    assert.doesNotMatch(problemAt('scenario: steady\nzebra: 1\n', /unknown key "zebra"/, 2, 1).message, /did you mean/);
  });

  test('unknown enum values with a did-you-mean, at the value', () => {
    assert.match(problemAt('scenario: hot-famly\n', /scenario must be one of/, 1, 11).message, /did you mean "hot-family"/);
    assert.match(
      problemAt('scenario: steady\nhandler: asnyc\n', /handler must be one of async, sync/, 2, 10).message,
      /did you mean "async"/,
    );
    assert.match(problemAt('scenario: steady\nfault: no-relase\n', /fault must be one of/, 2, 8).message, /did you mean "no-release"/);
    problemAt(
      'scenario: steady\npace: slow\n',
      /pace must be realtime, fast or a speed factor from 0.1x to 1000x such as 10x; got "slow"/,
      2,
      7,
    );
    assert.match(problemAt('scenario: steady\npace: relatime\n', /pace must be/, 2, 7).message, /did you mean "realtime"/);
    problemAt('scenario: steady\nsource: http\n', /source must be one of engine, command, file/, 2, 9);
  });

  test('pace: realtime, fast or a speed factor; a bare number is told to add the x', () => {
    for (const [written, pace] of [
      ['realtime', 'realtime'],
      ['fast', 'fast'],
      ['10x', '10x'],
      ['2.5x', '2.5x'],
      ['0.5x', '0.5x'],
      ['1000x', '1000x'],
    ]) {
      assert.equal(validSpec(`scenario: steady\npace: ${written}\n`).pace, pace, written);
    }
    assert.match(problemAt('scenario: steady\npace: 10\n', /pace must be/, 2, 7).message, /a speed factor is written with an x: 10x/);
    problemAt(
      'scenario: steady\npace: 5000x\n',
      /pace speed factor must be from 0.1x to 1000x \(use fast for as fast as possible\); got 5000x/,
      2,
      7,
    );
    problemAt('scenario: steady\npace: 0x\n', /pace speed factor must be from 0.1x to 1000x/, 2, 7);
    assert.deepEqual(
      ['realtime', '10x', '0.5x', 'fast'].map((p) => paceFactor(p as Pace)),
      [1, 10, 0.5, Infinity],
    );
    problemAt('scenario: steady\npace: [10x]\n', /pace must be realtime, fast or a speed factor .*; got a list/, 2, 7);
  });

  test('wrong types, with hints for quoted numbers, units and separators', () => {
    assert.match(problemAt('scenario: steady\npartitions: "4"\n', /partitions must be an integer/, 2, 13).message, /remove the quotes/);
    assert.match(problemAt('scenario: steady\nworkCostMs: 15ms\n', /workCostMs must be a number/, 2, 13).message, /without a unit: 15/);
    assert.match(
      problemAt('scenario: steady\nload: { families: 1_000 }\n', /load.families must be an integer/, 2, 19).message,
      /without separators: 1000/,
    );
    problemAt('scenario: steady\npartitions: 2.5\n', /partitions must be an integer .*got 2.5/, 2, 13);
    problemAt('scenario: steady\nload: [1, 2]\n', /load must be a mapping/, 2, 7);
    problemAt('scenario: steady\nsource: file\npath: a.log\nfollow: yes please\n', /follow must be true or false/, 4, 9);
    // An empty value is reported at its key.
    assert.match(problemAt('scenario: steady\ntickMs:\n', /tickMs must be an integer/, 2, 1).message, /got nothing/);
  });

  test('impossible values', () => {
    assert.match(problemAt('scenario: steady\nringBufferSize: 1000\n', /power of two/, 2, 17).message, /try 512 or 1024/);
    problemAt('scenario: steady\npartitions: 0\n', /partitions must be an integer at least 1/, 2, 13);
    problemAt('scenario: steady\nwarmupS: -1\n', /warmupS must be a number at least 0/, 2, 10);
    problemAt('scenario: steady\nmeasureS: 0\n', /measureS must be a number greater than 0/, 2, 11);
    problemAt('scenario: steady\ncooldownS: .inf\n', /cooldownS must be a finite number/, 2, 12);
    problemAt(
      'scenario: steady\nworkCostMs: { dist: uniform, minMs: 30, maxMs: 20 }\n',
      /minMs \(30\) must not be larger than maxMs \(20\)/,
      2,
      37,
    );
    problemAt('scenario: steady\nseed: -3\n', /seed must be an integer at least 0/, 2, 7);
  });

  test('absurd sizes that would exhaust memory', () => {
    problemAt('scenario: steady\npartitions: 5000\n', /partitions must be .*at most 1024.*exhaust memory/, 2, 13);
    problemAt('scenario: steady\npartitions: 1024\nringBufferSize: 1048576\n', /ring slots would exhaust memory/, 3, 17);
    problemAt('scenario: steady\nmeasureS: 80000\ntickMs: 1\n', /ticks .*the limit is 200000/, 3, 9);
    problemAt('scenario: steady\npartitions: 1000\nmeasureS: 20000\n', /partition lines/, 3, 11);
    problemAt('scenario: uncorrelated-burst\nload: { tasks: 50000000 }\n', /produces about 50000000 tasks/, 2, 1);
    problemAt('scenario: steady\nmeasureS: 3600\nload: { ratePerS: 100000 }\n', /produces about \d+ tasks/, 3, 1);
    problemAt(
      'scenario: custom\nload:\n  streams:\n    - { families: 5000000, ratePerS: 1 }\n',
      /load.streams\[0\].families must be .*at most 1000000/,
      4,
      19,
    );
  });

  test('load keys that do not fit the scenario', () => {
    assert.match(
      problemAt(
        'scenario: hot-family\nload: { burstTasks: 10 }\n',
        /load.burstTasks is a load key of small-ring-burst, not of hot-family/,
        2,
        9,
      ).message,
      /hot-family takes hotTasks/,
    );
    problemAt('scenario: steady\nload:\n  streams: []\n', /load.streams is for scenario: custom/, 3, 3);
    assert.match(
      problemAt('scenario: steady\nload: { famlies: 3 }\n', /unknown key "load.famlies"/, 2, 9).message,
      /did you mean "families"/,
    );
    problemAt('scenario: custom\nload: { hotTasks: 3 }\n', /load.hotTasks is a load key of hot-family; scenario: custom/, 2, 9);
    problemAt('scenario: custom\n', /scenario: custom needs a load/, 1, 11);
    problemAt('scenario: custom\nload:\n  streams: []\n', /at least one stream/, 3, 12);
    problemAt('scenario: hot-family\nload: { hotTasks: 0 }\n', /load.hotTasks must be an integer at least 1/, 2, 19);
  });

  test('custom streams: missing and misplaced keys', () => {
    problemAt('scenario: custom\nload:\n  streams:\n    - families: 3\n', /load.streams\[0\] needs ratePerS/, 4, 7);
    problemAt('scenario: custom\nload:\n  streams:\n    - ratePerS: 3\n', /needs families .*or uncorrelated: true/, 4, 7);
    problemAt('scenario: custom\nload:\n  streams:\n    - { families: 3, ratePerS: 10, everyS: 2 }\n', /everyS repeats a burst/, 4, 36);
    problemAt(
      'scenario: custom\nload:\n  streams:\n    - { famlies: 3, ratePerS: 10 }\n',
      /unknown key "load.streams\[0\].famlies"; did you mean "families"/,
      4,
      9,
    );
    problemAt(
      'scenario: custom\nload:\n  streams:\n    - { uncorrelated: true, families: 3, ratePerS: 10 }\n',
      /families is ignored/,
      4,
      29,
      'warning',
    );
    problemAt(
      'scenario: custom\nload:\n  streams:\n    - { families: 3, ratePerS: 10, startS: 500 }\n',
      /after production stops/,
      4,
      44,
      'warning',
    );
  });

  test('work cost mappings', () => {
    problemAt('scenario: steady\nworkCostMs: { medianMs: 15 }\n', /workCostMs needs "dist"/, 2, 13);
    problemAt(
      'scenario: steady\nworkCostMs: { dist: gaussian, ms: 3 }\n',
      /dist must be one of fixed, uniform, exponential, lognormal/,
      2,
      21,
    );
    problemAt('scenario: steady\nworkCostMs: { dist: lognormal, medianMs: 15 }\n', /with dist: lognormal needs sigma/, 2, 13);
    problemAt(
      'scenario: steady\nworkCostMs: { dist: exponential, meanMs: 15, sigma: 1 }\n',
      /workCostMs.sigma does not apply to dist: exponential/,
      2,
      46,
    );
    problemAt('scenario: steady\nworkCostMs: lognormal\n', /needs its parameters/, 2, 13);
  });

  test('faults that do not fit the run', () => {
    problemAt('scenario: steady\nfault: { name: hash-skew, rate: 0.5 }\n', /fault.rate applies only to no-release/, 2, 27);
    problemAt(
      'scenario: steady\nfault: { name: no-release, atS: 5 }\n',
      /fault.atS applies only to stuck-handler and dispatch-stall/,
      2,
      28,
    );
    problemAt(
      'scenario: steady\nfault: { name: stuck-handler, partition: 4 }\n',
      /fault.partition must be less than partitions \(4\)/,
      2,
      42,
    );
    problemAt(
      'scenario: steady\npartitions: 2\nfault: dispatch-stall\n',
      /hits partition 2 by default; with 2 partitions that is partition 0/,
      3,
      8,
      'warning',
    );
    problemAt(
      'scenario: steady\nfault: { name: no-release, rate: 1.5 }\n',
      /fault.rate must be a number greater than 0 and at most 1/,
      2,
      34,
    );
    problemAt('scenario: steady\nfault: { atS: 3 }\n', /fault needs a name/, 2, 8);
    problemAt('scenario: steady\nfault: neg1-single-family\n', /neg1-single-family has no effect/, 2, 8, 'warning');
    problemAt(
      'scenario: hot-family\nfault: { name: lost-wakeup, atS: 5 }\n',
      /fault.atS applies only to stuck-handler and dispatch-stall, not to lost-wakeup/,
      2,
      29,
    );
    problemAt(
      'scenario: hot-family\nfault: { name: lost-wakeup, rate: 0 }\n',
      /fault.rate must be a number greater than 0 and at most 1/,
      2,
      35,
    );
    problemAt(
      'scenario: steady\nfault: { name: hash-skew, rate: 0.5 }\n',
      /fault.rate applies only to no-release and lost-wakeup, not to hash-skew/,
      2,
      27,
    );
    problemAt(
      'scenario: uncorrelated-burst\nfault: lost-wakeup\n',
      /lost-wakeup has no effect: every task of this load is uncorrelated/,
      2,
      8,
      'warning',
    );
    assert.deepEqual(parseScenarioSpec('scenario: hot-family\nfault: lost-wakeup\n').problems, [], 'a keyed load has no such warning');
    const mixed =
      'scenario: custom\nfault: lost-wakeup\nload:\n  streams:\n    - { families: 10, ratePerS: 100 }\n    - { uncorrelated: true, ratePerS: 100 }\n';
    assert.deepEqual(parseScenarioSpec(mixed).problems, [], 'nor a load with some keyed stream');
    problemAt('scenario: steady\nfault: { name: stuck-handler, atS: 999 }\n', /after the end of the run/, 2, 36, 'warning');
  });

  test('expect: metric names and comparison syntax', () => {
    assert.match(
      problemAt('scenario: steady\nexpect:\n  rejctPct: "< 1"\n', /unknown metric "rejctPct"/, 3, 3).message,
      /did you mean "rejectPct"/,
    );
    problemAt('scenario: steady\nexpect:\n  rejectPct: 1\n', /must be a comparison in quotes.*"<= 1"/, 3, 14);
    problemAt('scenario: steady\nexpect:\n  rejectPct: "about 1"\n', /not a comparison/, 3, 14);
    assert.match(
      problemAt('scenario: steady\nexpect:\n  completed: "= 5"\n', /not a comparison/, 3, 14).message,
      /equality is written "=="/,
    );
    assert.match(problemAt('scenario: steady\nexpect:\n  completedPerS: >= 250\n', /bare ">"/, 3, 19).message, /completedPerS: ">= 250"/);
    assert.deepEqual(validSpec('scenario: steady\nexpect:\n  rejectPct: <1\n  drainS: "<= 2.5"\n  completed: "!= 0"\n').expect, {
      rejectPct: '<1',
      drainS: '<= 2.5',
      completed: '!= 0',
    });
  });

  test('source keys that do not fit the source', () => {
    problemAt(
      'scenario: steady\ncommand: ./harness\n',
      /command applies only with source: command or metrics \(add source: command\)/,
      2,
      1,
    );
    problemAt(
      'source: command\ncommand: ./h\npath: x.log\n',
      /path applies only with source: file \(this cell has source: command\)/,
      3,
      1,
    );
    problemAt('source: command\n', /source: command needs command/, 1, 9);
    problemAt('source: file\n', /source: file needs path/, 1, 9);
    problemAt('source: command\ncommand: ""\n', /command must not be empty/, 2, 10);
    problemAt('source: command\ncommand: x\nargs: --fast\n', /args must be a list/, 3, 7);
    problemAt('source: command\ncommand: x\nargs: [a, { b: 1 }]\n', /args\[1\] must be a string, number or boolean/, 3, 11);
    problemAt('source: command\ncommand: x\nenv: { 1BAD: x }\n', /not a valid environment variable name/, 3, 8);
    problemAt('source: command\ncommand: x\nload: { hotTasks: 3 }\n', /load has no effect with source: command/, 3, 1, 'warning');
    problemAt('source: file\npath: a.log\nfault: hash-skew\n', /fault has no effect with source: file/, 3, 1, 'warning');
  });

  test('YAML syntax errors are positioned and not echoed', () => {
    const dup = problemAt('scenario: steady\npartitions: 4\npartitions: 8\n', /duplicate key "partitions"/, 3, 1);
    assert.deepEqual([dup.endLine, dup.endColumn], [3, 11]);
    problemAt('scenario: steady\n\tpartitions: 4\n', /tabs/, 2, 1);
    problemAt('scenario: steady\nload: { hotTasks: 3\n', /YAML syntax error/, 2, 19);
    const { problems } = parseScenarioSpec('scenario: steady\nexpect:\n  completedPerS: >= 250\n');
    assert.equal(problems.length, 1, JSON.stringify(problems));
  });

  test('every problem is reported, in document order', () => {
    const { spec, problems } = parseScenarioSpec('scenario: hot-famly\npartitons: 4\nringBufferSize: 100\nmeasureS: -1\n');
    assert.equal(spec, undefined);
    assert.deepEqual(
      problems.map((p) => p.line),
      [1, 2, 3, 4],
    );
  });

  test('warnings alone still give a spec', () => {
    const { spec, problems } = parseScenarioSpec('scenario: steady\nhandler: sync\nmaxInFlightPerPartition: 8\n');
    assert.ok(spec);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].severity, 'warning');
    assert.match(problems[0].message, /applies to handler: async/);
  });
});

describe('spec metadata for the editor', () => {
  test('every top-level key is documented, and the parser accepts exactly those keys', () => {
    for (const [key, info] of Object.entries(SPEC_KEYS)) {
      assert.ok(info.doc.length > 10, key);
      const { problems } = parseScenarioSpec(`scenario: steady\n${key}: 1\n`);
      assert.ok(!problems.some((p) => /unknown key/.test(p.message)), `${key} is accepted`);
    }
  });

  test('load keys per preset come from PRESETS with their defaults', () => {
    for (const [name, preset] of Object.entries(PRESETS)) {
      const keys = loadKeysFor(name as keyof typeof PRESETS);
      assert.deepEqual(Object.keys(keys), Object.keys(preset.load));
      for (const [k, info] of Object.entries(keys)) assert.equal(info.default, preset.load[k].default);
    }
    assert.deepEqual(Object.keys(loadKeysFor('custom')), ['streams']);
  });

  test('keysAt describes the nested mappings', () => {
    assert.equal(keysAt([]), SPEC_KEYS);
    assert.deepEqual(Object.keys(keysAt(['load'], { scenario: 'steady' })!), ['families', 'ratePerS']);
    assert.ok(keysAt(['load', 'streams', '*'])!.ratePerS);
    assert.deepEqual(Object.keys(keysAt(['workCostMs'], { dist: 'lognormal' })!), ['dist', 'medianMs', 'sigma']);
    assert.deepEqual(Object.keys(keysAt(['expect'])!), [...THRESHOLD_METRICS]);
    assert.ok(keysAt(['fault'])!.partition);
    assert.equal(keysAt(['env']), undefined);
  });
});

describe('docs/scenario-spec.md', () => {
  const doc = readFileSync('docs/scenario-spec.md', 'utf8');

  test('documents every key, scenario, fault and metric', () => {
    for (const name of [...Object.keys(SPEC_KEYS), ...SCENARIO_NAMES, ...FAULT_NAMES, ...THRESHOLD_METRICS]) {
      assert.ok(doc.includes(`\`${name}\``), `${name} is documented`);
    }
  });

  test('lists every preset load key with its current default and minimum', () => {
    for (const [name, preset] of Object.entries(PRESETS)) {
      const section = doc.slice(doc.indexOf(`### ${name}`));
      for (const [key, p] of Object.entries(preset.load)) {
        assert.ok(section.includes(`| \`${key}\` | ${p.default} | ${p.min}`), `${name}.${key} = ${p.default} (min ${p.min})`);
      }
    }
  });

  test('every YAML example in it parses without errors', () => {
    const examples = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.ok(examples.length >= 8);
    for (const example of examples) {
      if (!/^scenario:|^source:/m.test(example)) continue; // fragments such as the workCostMs forms
      const { problems } = parseScenarioSpec(example);
      assert.deepEqual(
        problems.filter((p) => p.severity === 'error'),
        [],
        example,
      );
    }
  });
});

describe('did you mean', () => {
  test('edit distance', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('Partitions', 'partitions'), 0);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('asnyc', 'async'), 1, 'a swap is one edit');
  });

  test('suggests only plausible typos', () => {
    assert.equal(closestMatch('partitons', ['partitions', 'pace']), 'partitions');
    assert.equal(closestMatch('x', ['partitions', 'pace']), undefined);
    assert.equal(closestMatch('ring', ['ringBufferSize', 'seed']), 'ringBufferSize');
  });
});
