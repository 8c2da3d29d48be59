// `stressnb sweep`: its formats, the JSON contract (metrics named and valued as `stressnb analyze`
// reports them for the single run of the point), and the exit statuses; `stressnb run` leaves
// sweep cells to it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { parseSweepArgs } from '../../src/cli/sweepCommand';
import { serializeStressnb } from '../../src/format/stressnbFile';
import { SMALL_RING_GRID } from './helpers/sweepGrids';
import { tempFiles } from './helpers/tempFiles';
import { THRESHOLD_METRICS } from '../../src/spec/thresholdMetrics';

const { dir, file } = tempFiles('stressnb-sweep-');

const GRID = SMALL_RING_GRID;
const gridSpec = file('grid.yaml', GRID);
const passingSpec = file('passing.yaml', GRID.replace('[64, 256, 2048]', '[2048, 4096]'));
const notebook = file(
  'session.stressnb',
  serializeStressnb({
    version: 1,
    metadata: {},
    cells: [
      { kind: 'markdown', source: '# notes' },
      { kind: 'scenario', source: 'scenario: steady\nwarmupS: 0\nmeasureS: 1\ncooldownS: 0.5\n' },
      { kind: 'scenario', source: GRID },
    ],
  }),
);

async function cli(argv: string[], stdin?: string) {
  const io = Object.assign(bufferIo(), stdin === undefined ? {} : { stdin: Readable.from([Buffer.from(stdin)]) });
  const status = await main(argv, io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

describe('stressnb sweep', () => {
  test(
    '--format json: one run per point with params, verdict, metrics and hints; exit 1 when a point fails',
    { timeout: 120_000 },
    async () => {
      const r = await cli(['sweep', gridSpec, '--format', 'json', '--threads', '2']);
      assert.equal(r.status, 1, r.stderr);
      const { runs } = JSON.parse(r.stdout) as {
        runs: { params: Record<string, number>; verdict: string; metrics: Record<string, number>; hints: unknown[] }[];
      };
      assert.equal(runs.length, 6);
      for (const run of runs) {
        assert.deepEqual(Object.keys(run), ['params', 'verdict', 'metrics', 'hints']);
        assert.deepEqual(Object.keys(run.metrics), [...THRESHOLD_METRICS]);
        assert.equal(run.verdict, run.metrics.rejectPct < 20 ? 'pass' : 'fail');
      }
      assert.deepEqual(
        runs.map((x) => x.params),
        [64, 256, 2048].flatMap((ringBufferSize) => [2, 4].map((partitions) => ({ ringBufferSize, partitions }))),
      );
      assert.ok(runs.some((x) => x.verdict === 'fail') && runs.some((x) => x.verdict === 'pass'));

      // A row is the single run of its point: `stressnb run` of its spec, read by `stressnb analyze`.
      const point = runs[1];
      const pointSpec = file(
        'point.yaml',
        GRID.replace(/sweep:[\s\S]*$/, `ringBufferSize: ${point.params.ringBufferSize}\npartitions: ${point.params.partitions}\n`),
      );
      const lines = await cli(['run', pointSpec]);
      assert.equal(lines.status, 0, lines.stderr);
      const analyzed = await cli(['analyze', '-', '--format', 'json'], lines.stdout);
      const summary = JSON.parse(analyzed.stdout).summary;
      assert.deepEqual(point.metrics, summary.metrics);
    },
  );

  test('exit 0 when every point passes; the table has a row per point and the knee in words', { timeout: 120_000 }, async () => {
    const passing = await cli(['sweep', passingSpec, '--format', 'json']);
    assert.equal(passing.status, 0, passing.stderr);
    const table = await cli(['sweep', gridSpec]);
    assert.equal(table.status, 1);
    const lines = table.stdout.split('\n');
    assert.match(lines[0], /^#\s+ringBufferSize\s+partitions\s+verdict\s+rejectPct\s+completedPerS\s+peakPendingDepth\s+drainS\s+hints$/);
    assert.equal(lines.filter((l) => /^\s*\d+\s+\d+\s+\d+\s+(pass|FAIL)/.test(l)).length, 6);
    assert.match(table.stdout, /FAIL rejectPct/);
    assert.match(table.stdout, /Sweep: \d of 6 points fails? a threshold/);
    assert.match(table.stdout, /knee: rejects fall to 0 from ringBufferSize 2048/);
  });

  test('--format csv: a header and a line per point, every metric', { timeout: 120_000 }, async () => {
    const csv = await cli(['sweep', gridSpec, '--format', 'csv']);
    const lines = csv.stdout.trimEnd().split('\n');
    assert.equal(lines[0], `point,ringBufferSize,partitions,verdict,${THRESHOLD_METRICS.join(',')},failed,hints,error`);
    assert.equal(lines.length, 7);
    assert.match(lines[1], /^1,64,2,fail,/);
  });

  test('a notebook: its one sweep cell, or the cell --cell names', { timeout: 120_000 }, async () => {
    const implicit = await cli(['sweep', notebook, '--format', 'json']);
    const explicit = await cli(['sweep', notebook, '--cell', '3', '--format', 'json']);
    assert.equal(implicit.status, 1, implicit.stderr);
    assert.equal(JSON.parse(implicit.stdout).runs.length, 6);
    assert.equal(explicit.stdout, implicit.stdout);
    const notASweep = await cli(['sweep', notebook, '--cell', '2']);
    assert.equal(notASweep.status, 2);
    assert.match(notASweep.stderr, /session\.stressnb#cell2: error: this scenario has no sweep:/);
  });

  test('invalid input exits 2 with positioned problems, and nothing runs', async () => {
    const bad = await cli(['sweep', file('bad.yaml', 'scenario: steady\nsweep:\n  ringBufferSize: [64, 100]\n  source: [engine]\n')]);
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /bad\.yaml:3:24: error: ringBufferSize must be a power of two/);
    assert.match(bad.stderr, /bad\.yaml:4:3: error: source cannot be swept/);
    const plain = await cli(['sweep', file('plain.yaml', 'scenario: steady\n')]);
    assert.equal(plain.status, 2);
    assert.match(plain.stderr, /plain\.yaml: error: this scenario has no sweep:/);
    const none = await cli([
      'sweep',
      file('none.stressnb', serializeStressnb({ version: 1, metadata: {}, cells: [{ kind: 'scenario', source: 'scenario: steady\n' }] })),
    ]);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /the notebook has no sweep cell/);
    assert.equal((await cli(['sweep'])).status, 2);
    assert.deepEqual(parseSweepArgs(['x.yaml', '--threads', '0']), { error: '--threads needs a number of threads from 1 to 256; got 0' });
    assert.deepEqual(parseSweepArgs(['x.yaml', '--format', 'xml']), { error: '--format must be table, json or csv; got xml' });
    assert.deepEqual(parseSweepArgs(['x.yaml', '--format=csv', '--cell', '3']), { file: 'x.yaml', format: 'csv', cell: 3 });
  });

  test("stressnb run skips a notebook's sweep cells with a note, and refuses one chosen on its own", async () => {
    const all = await cli(['run', notebook]);
    assert.equal(all.status, 0, all.stderr);
    assert.match(
      all.stderr,
      /session\.stressnb#cell3: note: this scenario has a sweep: \(a grid of runs\), skipped; run it with stressnb sweep .*session\.stressnb --cell 3/,
    );
    assert.equal(all.stdout.match(/^config /gm)?.length, 1, 'only the plain cell ran');
    const chosen = await cli(['run', notebook, '--cell', '3']);
    assert.equal(chosen.status, 2);
    assert.match(chosen.stderr, /#cell3: error: this scenario has a sweep:/);
    assert.equal((await cli(['run', gridSpec])).status, 2);
  });

  test('thresholds relative to a baseline: evaluated per point with --baseline, not evaluated without', { timeout: 120_000 }, async () => {
    // The baseline: the run of ringBufferSize 2048, partitions 4 (no rejects, full throughput).
    const pointSpec = file('baseline-point.yaml', GRID.replace(/sweep:[\s\S]*$/, 'ringBufferSize: 2048\npartitions: 4\n'));
    const analyzed = await cli(['analyze', '-', '--format', 'json'], (await cli(['run', pointSpec])).stdout);
    const baseline = file('baseline.json', analyzed.stdout);
    const relative = file('relative.yaml', GRID.replace('expect: { rejectPct: "< 20" }', 'expect: { completedPerS: ">= baseline - 10%" }'));
    const without = await cli(['sweep', relative, '--format', 'json']);
    assert.equal(without.status, 0, without.stderr);
    assert.ok(JSON.parse(without.stdout).runs.every((r: { verdict: string }) => r.verdict === 'pass'));
    const withBaseline = await cli(['sweep', relative, '--format', 'json', '--baseline', baseline]);
    assert.equal(withBaseline.status, 1, withBaseline.stderr);
    const runs = JSON.parse(withBaseline.stdout).runs as { params: Record<string, number>; verdict: string }[];
    assert.equal(runs.find((r) => r.params.ringBufferSize === 2048 && r.params.partitions === 4)!.verdict, 'pass');
    assert.equal(runs.find((r) => r.params.ringBufferSize === 64)!.verdict, 'fail');
    assert.equal((await cli(['sweep', relative, '--baseline', join(dir, 'nope.json')])).status, 2);
  });

  test('is listed in the usage', async () => {
    assert.match((await cli(['--help'])).stdout, /sweep +Run a scenario's what-if grid/);
  });
});
