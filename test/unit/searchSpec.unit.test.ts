// `search:` in a scenario spec: the plan it reads (defaults, domains, directions), the probe specs
// it derives (the cell without search:, the key set, or a command's placeholder replaced), and
// every mistake reported where it is.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import type { SearchPlan } from '../../src/spec/searchPlan';
import { hasSearch, searchProbeSpecText } from '../../src/spec/searchProbeSpec';
import { keysAt } from '../../src/spec/keysAt';

function plan(text: string): SearchPlan {
  const { search, problems } = parseScenarioSpec(text);
  assert.ok(search, problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  return search;
}

/** The problems of a spec as `line:column severity message`. */
function problems(text: string): string[] {
  return parseScenarioSpec(text).problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`);
}

const STEADY = 'scenario: steady\nhandler: sync\nwarmupS: 1\nmeasureS: 5\ncooldownS: 1\n';

describe('search plan', () => {
  test('reads key, range, until and precision, with the defaults', () => {
    const p = plan(`${STEADY}search: { key: load.ratePerS, from: 50, to: 400 }\n`);
    assert.deepEqual(
      {
        key: p.key,
        path: p.path,
        placeholder: p.placeholder,
        from: p.from,
        to: p.to,
        until: p.until,
        precisionPct: p.precisionPct,
        domain: p.domain,
      },
      {
        key: 'load.ratePerS',
        path: ['load', 'ratePerS'],
        placeholder: false,
        from: 50,
        to: 400,
        until: 'saturated',
        precisionPct: 5,
        domain: 'real',
      },
    );
    const q = plan(`${STEADY}search:\n  key: workersPerPartition\n  from: 8\n  to: 1\n  until: fail\n  precision: 2.5%\n`);
    assert.deepEqual([q.key, q.from, q.to, q.until, q.precisionPct, q.domain], ['workersPerPartition', 8, 1, 'fail', 2.5, 'integer']);
    assert.equal(plan(`${STEADY}search: { key: ringBufferSize, from: 16, to: 4096 }\n`).domain, 'power-of-two');
    assert.equal(plan(`scenario: small-ring-burst\nsearch: { key: load.burstTasks, from: 100, to: 4000 }\n`).domain, 'integer');
  });

  test('the base spec leaves search: and expect.capacity out; the capacity threshold goes with the plan', () => {
    const { spec, search } = parseScenarioSpec(
      `${STEADY}expect: { rejectPct: "< 1", capacity: ">= baseline - 5%" }\nsearch: { key: load.ratePerS, from: 50, to: 400 }\n`,
    );
    assert.deepEqual(spec?.expect, { rejectPct: '< 1' });
    assert.equal(search?.capacityThreshold, '>= baseline - 5%');
  });

  test('a probe spec is the cell without search: and expect.capacity, with the key set', () => {
    const p = plan(
      `${STEADY}load: { families: 50, ratePerS: 200 }\nexpect: { capacity: ">= 100" }\nsearch: { key: load.ratePerS, from: 50, to: 400 }\n`,
    );
    const probe = searchProbeSpecText(p, 241.5);
    assert.doesNotMatch(probe, /search|capacity|expect/);
    const { spec, search, problems: found } = parseScenarioSpec(probe);
    assert.deepEqual(found, []);
    assert.equal(search, undefined);
    assert.equal(spec!.load[0].ratePerS, 241.5);
    assert.equal(spec!.load[0].families, 50);
    // A key the cell does not set is added.
    const q = plan(`${STEADY}search: { key: workersPerPartition, from: 8, to: 1 }\n`);
    assert.equal(parseScenarioSpec(searchProbeSpecText(q, 3)).spec!.workersPerPartition, 3);
  });

  test('a command cell is searched over a placeholder of its args and env', () => {
    const text =
      'source: command\ncommand: node\nargs: [harness.mjs, --rate, "{rate}", "--label=r{rate}"]\nenv: { RATE: "{rate}", OTHER: x }\nsearch: { key: rate, from: 100, to: 5000, precision: 2% }\n';
    const p = plan(text);
    assert.deepEqual([p.key, p.path, p.placeholder, p.domain], ['rate', [], true, 'integer']);
    const { spec } = parseScenarioSpec(searchProbeSpecText(p, 1840));
    assert.deepEqual(spec!.source, {
      kind: 'command',
      command: 'node',
      args: ['harness.mjs', '--rate', '1840', '--label=r1840'],
      env: { RATE: '1840', OTHER: 'x' },
    });
    assert.equal(plan(text.replace('to: 5000', 'to: 5000.5')).domain, 'real');
  });

  test('hasSearch tells a search cell; the editor knows the keys of search:', () => {
    assert.equal(hasSearch(`${STEADY}search: { key: load.ratePerS, from: 1, to: 2 }\n`), true);
    assert.equal(hasSearch(`# search: later\n${STEADY}`), false);
    assert.deepEqual(Object.keys(keysAt(['search'])!), ['key', 'from', 'to', 'until', 'precision']);
    assert.deepEqual(keysAt(['search'])!.until.values, ['saturated', 'fail']);
    // `capacity` is offered under expect: of a search cell only.
    assert.equal(keysAt(['expect'], { search: true })!.capacity.type, 'comparison');
    assert.equal(keysAt(['expect'])!.capacity, undefined);
  });
});

describe('search validation', () => {
  test('a key a search cannot vary says why, at the key', () => {
    assert.deepEqual(problems(`${STEADY}search: { key: seed, from: 1, to: 9 }\n`), [
      '6:16 error seed cannot be searched: the seed only changes the randomness (sweep: { seed: [1, 2, 3] } shows its spread)',
    ]);
    assert.match(
      problems(`${STEADY}search: { key: load.rateperS, from: 1, to: 9 }\n`)[0],
      /^6:16 error load\.rateperS is not a load key of steady; steady takes load\.families, load\.ratePerS$/,
    );
    assert.match(problems(`${STEADY}search: { key: ratePerS, from: 1, to: 9 }\n`)[0], /ratePerS is a load key: write key: load\.ratePerS/);
    assert.match(problems(`${STEADY}search: { key: partitons, from: 1, to: 9 }\n`)[0], /did you mean "partitions"/);
    assert.match(
      problems(`${STEADY}search: { key: handler, from: 1, to: 9 }\n`)[0],
      /handler cannot be searched: a search varies a number/,
    );
  });

  test('range, until and precision mistakes, each at its value, all at once', () => {
    assert.deepEqual(problems(`${STEADY}search: { key: load.ratePerS, from: 50, to: 50, until: broke, precision: 2 }\n`), [
      '6:45 error search.to must differ from search.from (50): the search looks for the boundary between them',
      '6:56 error search.until must be one of saturated, fail; got "broke"',
      '6:74 error search.precision is a percentage of the value: write 2% (from 0.1% to 50%)',
    ]);
    assert.match(
      problems(`${STEADY}search: { key: workersPerPartition, from: 1.5, to: 8 }\n`)[0],
      /search\.from must be a whole number for this key; got 1\.5/,
    );
    assert.match(
      problems(`${STEADY}search: { key: ringBufferSize, from: 64, to: 1000 }\n`)[0],
      /search\.to must be a power of two .* got 1000, try 512 or 1024/,
    );
    assert.match(
      problems(`${STEADY}search: { key: load.ratePerS, from: 50, to: 400, precision: 70% }\n`)[0],
      /search\.precision must be a percentage from 0\.1% to 50%/,
    );
    assert.deepEqual(problems(`${STEADY}search: { key: load.ratePerS }\n`), [
      '6:1 error search needs from: The end of the range expected to sustain (a low rate, or many workers).',
      '6:1 error search needs to: The end of the range expected to fail (a high rate, or few workers). It may be below `from`.',
    ]);
  });

  test('an end of the range that cannot run is reported at it, with the reason of its probe', () => {
    const found = problems(`${STEADY}search: { key: load.ratePerS, from: 50, to: 1000000000 }\n`);
    assert.equal(found.length, 1);
    assert.match(
      found[0],
      /^6:45 error with load\.ratePerS: 1000000000: load: this load produces about \d+ tasks .* the limit is 10000000/,
    );
  });

  test('not with sweep:, not on a log file, a command needs its placeholder (quoted)', () => {
    assert.match(
      problems(`${STEADY}sweep: { seed: [1, 2] }\nsearch: { key: load.ratePerS, from: 1, to: 9 }\n`).join('\n'),
      /either a sweep .* or a capacity search .* not both/,
    );
    assert.match(
      problems('source: file\npath: x.log\nsearch: { key: rate, from: 1, to: 9 }\n').join('\n'),
      /a log file \(source: file\) holds one run/,
    );
    assert.match(
      problems('source: metrics\nurl: http://127.0.0.1:9400/metrics\nsearch: { key: rate, from: 1, to: 9 }\n').join('\n'),
      /source: metrics reads the counters of a system it does not start with a value/,
    );
    assert.match(
      problems('source: command\ncommand: node\nargs: [h.mjs]\nsearch: { key: rate, from: 1, to: 9 }\n').join('\n'),
      /no \{rate\}, so every probe would run the same command/,
    );
    assert.match(
      problems('source: command\ncommand: node\nargs: [h.mjs, --rate, {rate}]\nsearch: { key: rate, from: 1, to: 9 }\n').join('\n'),
      /quote it in args, "\{rate\}"/,
    );
    assert.match(
      problems('source: command\ncommand: node\nargs: ["{load.rate}"]\nsearch: { key: load.rate, from: 1, to: 9 }\n').join('\n'),
      /names a placeholder of your own/,
    );
  });

  test('capacity in expect: only in a search cell; a searched key the cell sets is a warning', () => {
    assert.deepEqual(problems(`${STEADY}expect: { capacity: ">= 3" }\n`), [
      '6:11 error capacity is the value a capacity search finds: it applies to a cell with search: (for example capacity: ">= baseline - 5%")',
    ]);
    assert.deepEqual(problems(`${STEADY}load: { ratePerS: 200 }\nsearch: { key: load.ratePerS, from: 50, to: 400 }\n`), [
      '6:9 warning load.ratePerS is searched: every probe uses a value between search.from and search.to, not this one',
    ]);
    assert.match(
      problems(`${STEADY}expect: { capacity: ">= baselin - 5%" }\nsearch: { key: load.ratePerS, from: 50, to: 400 }\n`).join('\n'),
      /did you mean "baseline"/,
    );
  });
});
