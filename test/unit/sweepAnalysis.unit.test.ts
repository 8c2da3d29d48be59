// Reading a sweep: the table in its formats, the knee in words, the headline, and the chart
// (compiled by vega-lite and drawn by vega with the CSP-safe interpreter, as the renderer does).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Spec } from 'vega';
import { buildSweepCharts } from '../../src/charts/sweepCharts';
import { compileCharts } from '../../src/charts/compileCharts';
import { findSweepKnees } from '../../src/analysis/sweepKnee';
import { formatSweepHeadlineMarkdown, sweepOutcome, type SweepFacts } from '../../src/report/sweepReport';
import { formatSweepCsv, formatSweepTableMarkdown, formatSweepTableText, sweepJson, sweepMetricColumns } from '../../src/report/sweepTable';
import type { SweepRow } from '../../src/analysis/sweepTypes';
import { SWEEP_POINT_FIELD } from '../../src/contracts/chartsPayload';
import { formatSweepValue, pointParams, type SweepAxis, type SweepValue } from '../../src/spec/sweepGrid';
import { headlessView } from './helpers/headlessVega';

function axis(key: string, values: SweepValue[]): SweepAxis {
  return { key, path: key.split('.'), values, labels: values.map(formatSweepValue), numeric: values.every((v) => typeof v === 'number') };
}

/** Rows of a grid whose metrics come from `metrics(params)`. */
function rowsOf(axes: SweepAxis[], metrics: (p: Record<string, SweepValue>) => Record<string, number>, expectRejectBelow = 5): SweepRow[] {
  const size = axes.reduce((n, a) => n * a.values.length, 1);
  return Array.from({ length: size }, (_, index) => {
    const params = pointParams(axes, index);
    const m = { rejectPct: 0, completedPerS: 100, peakPendingDepth: 2, drainS: 0.5, ...metrics(params) };
    const failed = m.rejectPct < expectRejectBelow ? [] : ['rejectPct'];
    return { index, params, verdict: failed.length ? 'fail' : 'pass', metrics: m, hints: [], failed } satisfies SweepRow;
  });
}

const RINGS = [64, 128, 256, 512, 1024, 2048];

describe('the knee in words', () => {
  test('one key: rejects fall to 0 from a ring size', () => {
    const axes = [axis('ringBufferSize', RINGS)];
    const rejects: Record<number, number> = { 64: 80, 128: 40, 256: 10, 512: 0, 1024: 0, 2048: 0 };
    assert.deepEqual(
      findSweepKnees(
        axes,
        rowsOf(axes, (p) => ({ rejectPct: rejects[p.ringBufferSize as number] })),
      ),
      ['rejects fall to 0 from ringBufferSize 512'],
    );
  });

  test('a knee that depends on another key names it, and the values where it never comes', () => {
    const axes = [axis('ringBufferSize', RINGS), axis('workCostMs', [5, 20]), axis('partitions', [1, 2, 4])];
    const knee: Record<number, number> = { 1: Infinity, 2: 1024, 4: 512 };
    const rows = rowsOf(axes, (p) => ({ rejectPct: (p.ringBufferSize as number) >= knee[p.partitions as number] ? 0 : 30 }));
    assert.deepEqual(findSweepKnees(axes, rows), [
      'rejects fall to 0 from ringBufferSize 512 with partitions 4, from 1024 with partitions 2; with partitions 1 they stay above 0 up to ringBufferSize 2048',
      'rejects fall to 0 from partitions 2 with ringBufferSize 1024, 2048, from 4 with ringBufferSize 512; with ringBufferSize 64 to 256 they stay above 0 up to partitions 4',
    ]);
  });

  test('never, nothing to find, a seed, an unfinished line', () => {
    const axes = [axis('ringBufferSize', RINGS)];
    assert.deepEqual(
      findSweepKnees(
        axes,
        rowsOf(axes, () => ({ rejectPct: 12 })),
      ),
      ['rejects stay above 0 up to ringBufferSize 2048'],
    );
    assert.deepEqual(
      findSweepKnees(
        axes,
        rowsOf(axes, () => ({ rejectPct: 0 })),
      ),
      [],
    );
    const seeds = [axis('seed', [1, 2, 3, 4])];
    assert.deepEqual(
      findSweepKnees(
        seeds,
        rowsOf(seeds, (p) => ({ rejectPct: p.seed === 1 ? 5 : 0 })),
      ),
      [],
    );
    const partial = rowsOf(axes, (p) => ({ rejectPct: (p.ringBufferSize as number) < 512 ? 9 : 0 })).filter((r) => r.index !== 5);
    assert.deepEqual(findSweepKnees(axes, partial), [], 'a line with a point missing says nothing');
  });

  test('throughput stops growing with partitions', () => {
    const axes = [axis('partitions', [1, 2, 4, 8, 16])];
    const rate: Record<number, number> = { 1: 100, 2: 190, 4: 350, 8: 400, 16: 410 };
    assert.deepEqual(
      findSweepKnees(
        axes,
        rowsOf(axes, (p) => ({ completedPerS: rate[p.partitions as number] })),
      ),
      ['completed/s stops growing from partitions 8'],
    );
  });
});

describe('the sweep table', () => {
  const axes = [axis('ringBufferSize', [64, 1024]), axis('fault', ['none', { name: 'stuck-handler', atS: 8 }])];
  const rows = rowsOf(axes, (p) => ({ rejectPct: p.ringBufferSize === 64 ? 42.123 : 0, completedPerS: 1234.5 }));
  rows[1].hints = [{ rule: 'handler-stuck', partitions: [1], from: 8, to: 12, message: 'the handler of partition 1 stopped completing' }];
  rows[3] = { ...rows[3], verdict: 'fail', metrics: {}, failed: [], error: 'the engine failed: boom' };
  const metrics = sweepMetricColumns({ rejectPct: '< 5', maxReadyFamilies: '< 3' });

  test("columns: the usual metrics, then the thresholds' others", () => {
    assert.deepEqual(metrics, ['rejectPct', 'completedPerS', 'peakPendingDepth', 'drainS', 'maxReadyFamilies']);
  });

  test('Markdown: a row per point with the swept values, verdict, metrics and hints', () => {
    const md = formatSweepTableMarkdown(axes, rows, metrics).split('\n');
    assert.equal(
      md[0],
      '| # | ringBufferSize | fault | verdict | rejectPct | completedPerS | peakPendingDepth | drainS | maxReadyFamilies | hints |',
    );
    assert.equal(md[1], '|---:|---:|---|---|---:|---:|---:|---:|---:|---|');
    assert.equal(md[2], '| 1 | 64 | none | ✗ rejectPct | 42.12 | 1,234.5 | 2 | 0.5 | — | — |');
    assert.equal(md[3], '| 2 | 64 | { name: stuck-handler, atS: 8 } | ✗ rejectPct | 42.12 | 1,234.5 | 2 | 0.5 | — | handler-stuck |');
    assert.equal(md[4], '| 3 | 1024 | none | ✓ pass | 0 | 1,234.5 | 2 | 0.5 | — | — |');
    assert.equal(md[5], '| 4 | 1024 | { name: stuck-handler, atS: 8 } | ✗ cannot run | — | — | — | — | — | the engine failed: boom |');
  });

  test('text: aligned columns', () => {
    const lines = formatSweepTableText(axes, rows, metrics).trimEnd().split('\n');
    assert.equal(lines.length, 5);
    assert.equal(lines[0].indexOf('verdict'), lines[3].indexOf('pass'));
    assert.match(lines[1], /^1 +64 +none +FAIL rejectPct +42\.12 +1,234\.5 /);
  });

  test('CSV: every metric, values quoted when they hold a comma', () => {
    const csv = formatSweepCsv(axes, rows).trimEnd().split('\n');
    assert.match(csv[0], /^point,ringBufferSize,fault,verdict,rejectPct,completedPerS,tasksIn,.*,failed,hints,error$/);
    assert.match(csv[2], /^2,64,"\{ name: stuck-handler, atS: 8 \}",fail,42\.123,1234\.5,/);
    assert.match(csv[2], /,rejectPct,handler-stuck,$/);
    assert.match(csv[4], /,the engine failed: boom$/);
  });

  test('JSON: runs with params (as written), verdict, metrics, hints', () => {
    const json = sweepJson(rows);
    assert.deepEqual(json.runs[1], {
      params: { ringBufferSize: 64, fault: { name: 'stuck-handler', atS: 8 } },
      verdict: 'fail',
      metrics: rows[1].metrics,
      hints: rows[1].hints,
    });
    assert.equal((json.runs[3] as { error?: string }).error, 'the engine failed: boom');
  });
});

describe('the sweep headline', () => {
  const axes = [axis('ringBufferSize', RINGS)];
  const rows = rowsOf(axes, (p) => ({ rejectPct: (p.ringBufferSize as number) >= 512 ? 0 : 30 }));
  const facts = (state: SweepFacts['state'], done = rows): SweepFacts => ({
    axes,
    total: rows.length,
    rows: done,
    state,
    hasThresholds: true,
    threads: 2,
    scenario: 'small-ring-burst',
  });

  test('running, finished, interrupted, failed', () => {
    assert.match(
      formatSweepHeadlineMarkdown(facts({ state: 'running' }, rows.slice(0, 2))),
      /^### ▶ Sweeping: 2 of 6 points done, 2 fail a threshold\n\nringBufferSize \(6\) · small-ring-burst · 2 worker threads/,
    );
    const done = formatSweepHeadlineMarkdown(facts({ state: 'finished' }));
    assert.match(done, /^### ✗ Sweep: 3 of 6 points fail a threshold/);
    assert.match(done, /- \*\*Knee:\*\* rejects fall to 0 from ringBufferSize 512/);
    assert.match(done, /- thresholds failed: rejectPct \(3 points\)/);
    assert.match(
      formatSweepHeadlineMarkdown(facts({ state: 'interrupted' }, rows.slice(0, 4))),
      /^### ■ Sweep INTERRUPTED: 4 of 6 points done, 3 fail a threshold \(the rows done are kept\)/,
    );
    assert.match(
      formatSweepHeadlineMarkdown(facts({ state: 'failed', message: 'a sweep worker crashed: x' }, [])),
      /^### ■ Sweep FAILED after 0 of 6 points: a sweep worker crashed: x/,
    );
    const passing = rows.filter((r) => r.verdict === 'pass');
    assert.deepEqual(sweepOutcome({ total: 3, rows: passing, state: { state: 'finished' } }), { failing: 0, passed: true });
    assert.deepEqual(sweepOutcome({ total: 6, rows: passing, state: { state: 'interrupted' } }), { failing: 0, passed: false });
  });
});

describe('the sweep chart', () => {
  const svgOf = async (spec: Spec) => (await headlessView(spec)).toSVG();
  const metrics = ['rejectPct', 'completedPerS', 'peakPendingDepth', 'drainS'];
  const cells = (svg: string) =>
    svg.match(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/g)?.map((g) => g.match(/<path/g)?.length ?? 0) ?? [];

  test('two keys: a heatmap with a cell per point, failing points outlined, values written in', async () => {
    const axes = [axis('ringBufferSize', RINGS), axis('load.burstTasks', [1000, 4000])];
    const rows = rowsOf(axes, (p) => ({ rejectPct: (p.ringBufferSize as number) >= 512 ? 0 : 37.5 }));
    const warnings: string[] = [];
    const payload = await compileCharts(buildSweepCharts(axes, rows, { metrics }), { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(warnings, []);
    const chart = payload.charts[0];
    assert.equal(chart.id, 'sweep');
    assert.deepEqual(chart.vega!.usermeta, { openPoint: SWEEP_POINT_FIELD });
    const data = structuredClone(chart.vega!.data!.find((d) => d.name === 'points') as { values: Record<string, unknown>[] });
    const svg = await svgOf(chart.vega!);
    assert.deepEqual(cells(svg), [12, 6], 'a cell per point, and an outline per failing point');
    assert.ok(svg.includes('>37.5<'), 'values are written in the cells');
    assert.ok(svg.includes('>load.burstTasks<'), 'a dotted key is an axis title, not a nested field');
    assert.ok(svg.includes('rejectPct by ringBufferSize × load.burstTasks'));
    assert.deepEqual(data.values[7], {
      [SWEEP_POINT_FIELD]: 7,
      point: 8,
      verdict: 'pass',
      p0: '512',
      p1: '4000',
      rejectPct: 0,
      completedPerS: 100,
      peakPendingDepth: 2,
      drainS: 0.5,
      failed: '—',
      hints: '—',
    });
  });

  test('the scales hold the whole grid while the rows come in', async () => {
    const axes = [axis('ringBufferSize', RINGS), axis('partitions', [2, 4])];
    const rows = rowsOf(axes, () => ({}));
    const [some] = (await compileCharts(buildSweepCharts(axes, rows.slice(0, 3), { metrics }))).charts;
    const [all] = (await compileCharts(buildSweepCharts(axes, rows, { metrics }))).charts;
    const structure = (c: typeof some) => JSON.stringify({ ...c.vega!, data: c.vega!.data!.map((d) => ({ ...d, values: null })) });
    assert.equal(structure(some), structure(all), 'the renderer can update the chart in place');
    assert.deepEqual(cells(await svgOf(some.vega!)), [3, 0]);
  });

  test('one key draws a line, three keys small multiples, four a grid of them; five none', async () => {
    const one = [axis('ringBufferSize', RINGS)];
    const svg1 = await svgOf(
      (
        await compileCharts(
          buildSweepCharts(
            one,
            rowsOf(one, () => ({})),
            { metrics },
          ),
        )
      ).charts[0].vega!,
    );
    assert.match(svg1, /mark-line/);
    assert.match(svg1, /mark-symbol/);
    const three = [axis('ringBufferSize', [64, 128]), axis('partitions', [2, 4]), axis('workCostMs', [5, 10, 20])];
    const svg3 = await svgOf(
      (
        await compileCharts(
          buildSweepCharts(
            three,
            rowsOf(three, () => ({})),
            { metrics },
          ),
        )
      ).charts[0].vega!,
    );
    assert.deepEqual(
      cells(svg3).filter((n) => n > 0),
      [4, 4, 4],
      'a heatmap per workCostMs',
    );
    const four = [...three, axis('seed', [1, 2])];
    const svg4 = await svgOf(
      (
        await compileCharts(
          buildSweepCharts(
            four,
            rowsOf(four, () => ({})),
            { metrics },
          ),
        )
      ).charts[0].vega!,
    );
    assert.equal(cells(svg4).filter((n) => n > 0).length, 6);
    const five = [...four, axis('handler', ['async', 'sync'])];
    assert.deepEqual(
      buildSweepCharts(
        five,
        rowsOf(five, () => ({})),
        { metrics },
      ),
      [],
    );
  });
});
