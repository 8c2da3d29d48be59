// `stressnb search`: the answer first, the JSON contract, the exit statuses (0 boundary found in
// the range, 1 even `from` fails or the capacity threshold failed, 4 even `to` sustains, 2 bad
// input), the capacity compared with a baseline (a file, or the notebook's pinned one); `stressnb
// run` leaves search cells to it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { EXIT_ABOVE_RANGE, EXIT_FAIL, EXIT_PASS, EXIT_USAGE } from '../../src/cli/exitCodes';
import { parseSearchArgs } from '../../src/cli/searchCommand';
import { serializeStressnb } from '../../src/format/stressnbFile';
import { THRESHOLD_METRICS } from '../../src/spec/thresholdMetrics';
import { tempFiles } from './helpers/tempFiles';

const { file } = tempFiles('stressnb-search-');

const BASE = 'scenario: steady\nhandler: sync\npartitions: 4\nworkCostMs: 15\nwarmupS: 1\nmeasureS: 8\ncooldownS: 2\n';
const search = (range: string, extra = '') => `${BASE}${extra}search: { key: load.ratePerS, ${range}, precision: 10% }\n`;
const spec = file('search.yaml', search('from: 50, to: 400'));

async function cli(argv: string[]) {
  const io = bufferIo();
  const status = await main(argv, io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

interface SearchJson {
  key: string;
  sustained: { value: number; low: number; high: number } | null;
  firstFailure: { value: number; reason: string } | null;
  outcome: string;
  capacity?: { status: string; message: string };
  probes: { value: number; verdict: string; metrics: Record<string, number> }[];
}

describe('stressnb search', () => {
  let found: SearchJson;

  test('--format json: the answer and every probe; exit 0 when the boundary lies in the range', { timeout: 180_000 }, async () => {
    const r = await cli(['search', spec, '--format', 'json', '--threads', '2']);
    assert.equal(r.status, EXIT_PASS, r.stderr);
    found = JSON.parse(r.stdout) as SearchJson;
    assert.equal(found.key, 'load.ratePerS');
    assert.equal(found.outcome, 'found');
    const { sustained, firstFailure } = found;
    assert.ok(sustained && firstFailure);
    assert.deepEqual(Object.keys(sustained), ['value', 'low', 'high']);
    assert.deepEqual(Object.keys(firstFailure), ['value', 'reason']);
    assert.deepEqual([sustained.low, sustained.high], [sustained.value, firstFailure.value]);
    assert.ok((firstFailure.value - sustained.value) / sustained.value <= 0.1);
    assert.match(firstFailure.reason, /^saturated, /);
    // Probes in the order of the key, each with its verdict and the metrics stressnb analyze names.
    assert.deepEqual(
      found.probes.map((p) => p.value),
      [...found.probes.map((p) => p.value)].sort((a, b) => a - b),
    );
    for (const p of found.probes) {
      assert.deepEqual(
        Object.keys(p).filter((k) => ['value', 'verdict', 'metrics'].includes(k)),
        ['value', 'verdict', 'metrics'],
      );
      assert.deepEqual(Object.keys(p.metrics), [...THRESHOLD_METRICS]);
      assert.equal(p.verdict, p.value <= sustained.value ? 'sustained' : 'failed');
    }
    // One line per probe on stderr as they finish.
    assert.equal(r.stderr.match(/^probe \d+: load\.ratePerS /gm)?.length, found.probes.length);
  });

  test('text puts the answer first, then a row per probe; markdown is a CI summary', { timeout: 180_000 }, async () => {
    const text = await cli(['search', spec, '--threads', '2']);
    assert.equal(text.status, EXIT_PASS, text.stderr);
    const lines = text.stdout.split('\n');
    assert.match(
      lines[0],
      /^Sustains load\.ratePerS [\d,]+ tasks\/s \([\d,.]+\/s completed\); first fails at [\d,]+ tasks\/s: saturated, /,
    );
    assert.match(
      lines[1],
      /^the boundary lies between [\d,]+ and [\d,]+ \([\d.]+ % apart; precision 10 %\) · \d+ probes in \d+ rounds · until saturated · steady/,
    );
    assert.match(text.stdout, /<- sustained value/);
    assert.match(text.stdout, /<- first failure/);
    const md = await cli(['search', spec, '--format', 'markdown', '--threads', '2']);
    assert.equal(md.status, EXIT_PASS);
    assert.match(md.stdout, /^### ✓ Sustains load\.ratePerS /);
    assert.match(md.stdout, /\| # \| load\.ratePerS \| sustained \|/);
    assert.doesNotMatch(md.stdout, /Hover a probe/);
  });

  test('exit 1 when even from fails; 4 when even to sustains', { timeout: 120_000 }, async () => {
    const low = await cli(['search', file('low.yaml', search('from: 300, to: 400')), '--format', 'json']);
    assert.equal(low.status, EXIT_FAIL, low.stderr);
    const lowJson = JSON.parse(low.stdout) as SearchJson;
    assert.equal(lowJson.outcome, 'from-fails');
    assert.equal(lowJson.sustained, null);
    assert.equal(lowJson.firstFailure!.value, 300);
    const high = await cli(['search', file('high.yaml', search('from: 50, to: 150'))]);
    assert.equal(high.status, EXIT_ABOVE_RANGE, high.stderr);
    assert.match(high.stdout, /^Still sustains load\.ratePerS 150 tasks\/s \(search\.to\): the boundary lies beyond the range/);
  });

  test(
    'capacity: ">= baseline - 5%" against an earlier search, as a file or the notebook\'s pinned baseline',
    { timeout: 240_000 },
    async () => {
      assert.ok(found, 'the JSON test ran first');
      const baseline = file('baseline.json', JSON.stringify(found));
      const same = await cli([
        'search',
        file('same.yaml', search('from: 50, to: 400', 'expect: { capacity: ">= baseline - 5%" }\n')),
        '--baseline',
        baseline,
        '--format',
        'json',
      ]);
      assert.equal(same.status, EXIT_PASS, same.stderr);
      assert.equal((JSON.parse(same.stdout) as SearchJson).capacity!.status, 'pass');

      const higher = file('higher.yaml', search('from: 50, to: 400', 'expect: { capacity: ">= baseline + 10%" }\n'));
      const regressed = await cli(['search', higher, '--baseline', baseline]);
      assert.equal(regressed.status, EXIT_FAIL);
      assert.match(
        regressed.stdout,
        new RegExp(
          `Capacity threshold: capacity = [\\d,]+ \\(load\\.ratePerS\\), expected >= baseline \\+ 10%: baseline ${found.sustained!.value}, so >= [\\d,.]+: FAILED`,
        ),
      );

      // Without a baseline the relative threshold is not evaluated: not a failure.
      const none = await cli(['search', higher]);
      assert.equal(none.status, EXIT_PASS);
      assert.match(none.stdout, /not evaluated, the baseline holds no capacity/);

      // A notebook's pinned baseline holds the capacity.
      const pinned = { key: 'load.ratePerS', value: 1000, firstFailure: 1050, until: 'saturated', precisionPct: 10 };
      const notebook = file(
        'pinned.stressnb',
        serializeStressnb({
          version: 1,
          metadata: {
            stressnb: { baselines: { steady: { scenario: 'steady', label: 'capacity search (steady)', totals: [], capacity: pinned } } },
          },
          cells: [
            { kind: 'markdown', source: '# notes' },
            { kind: 'scenario', source: search('from: 50, to: 400', 'expect: { capacity: ">= baseline - 5%" }\n') },
          ],
        }),
      );
      const fromNotebook = await cli(['search', notebook, '--format', 'json']);
      assert.equal(fromNotebook.status, EXIT_FAIL);
      assert.match((JSON.parse(fromNotebook.stdout) as SearchJson).capacity!.message, /baseline 1,000, so >= 950: FAILED/);
    },
  );

  test('bad input exits 2 and says what and where', async () => {
    const noSearch = await cli(['search', file('plain.yaml', BASE)]);
    assert.equal(noSearch.status, EXIT_USAGE);
    assert.match(noSearch.stderr, /plain\.yaml: error: this scenario has no search:/);
    const invalid = await cli(['search', file('bad.yaml', `${BASE}search: { key: seed, from: 1, to: 2 }\n`)]);
    assert.equal(invalid.status, EXIT_USAGE);
    assert.match(invalid.stderr, /bad\.yaml:8:16: error: seed cannot be searched/);
    const two = file(
      'two.stressnb',
      serializeStressnb({
        version: 1,
        metadata: {},
        cells: [
          { kind: 'scenario', source: search('from: 50, to: 400') },
          { kind: 'scenario', source: search('from: 50, to: 300') },
        ],
      }),
    );
    const ambiguous = await cli(['search', two]);
    assert.equal(ambiguous.status, EXIT_USAGE);
    assert.match(ambiguous.stderr, /the notebook has 2 search cells \(1, 2\): choose one with --cell N/);
    const missing = await cli(['search', file('x.yaml', search('from: 50, to: 400')), '--baseline', '/nonexistent/b.json']);
    assert.equal(missing.status, EXIT_USAGE);
    assert.match(missing.stderr, /cannot read the baseline \/nonexistent\/b\.json: no such file/);
    assert.deepEqual(parseSearchArgs(['x.yaml', '--format', 'csv']), { error: '--format must be text, json or markdown; got csv' });
    assert.deepEqual(parseSearchArgs([]), { error: 'which spec or notebook? stressnb search <spec.yaml | notebook.stressnb>' });
    assert.equal((await cli(['search', spec, '--threads', '0'])).status, EXIT_USAGE);
  });

  test("stressnb run refuses a search spec and skips a notebook's search cell", async () => {
    const alone = await cli(['run', spec]);
    assert.equal(alone.status, EXIT_USAGE);
    assert.match(alone.stderr, /error: this scenario has a search: \(a capacity search, many runs\); run it with stressnb search/);
    const notebook = file(
      'mixed.stressnb',
      serializeStressnb({
        version: 1,
        metadata: {},
        cells: [
          { kind: 'scenario', source: 'scenario: steady\nwarmupS: 0\nmeasureS: 1\ncooldownS: 0.5\n' },
          { kind: 'scenario', source: search('from: 50, to: 400') },
        ],
      }),
    );
    const mixed = await cli(['run', notebook]);
    assert.equal(mixed.status, 0, mixed.stderr);
    assert.match(mixed.stderr, /#cell2: note: this scenario has a search: .*, skipped; run it with stressnb search .* --cell 2/);
    assert.equal(mixed.stdout.match(/^config /gm)?.length, 1);
  });
});
