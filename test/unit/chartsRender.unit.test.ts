// Every chart spec compiles with vega-lite (through compileCharts, as the extension does) and
// renders to SVG with vega and the CSP-safe expression interpreter, as the renderer draws it.
// vega and vega-lite are ES modules with a top-level await inside; they are loaded with
// dynamic imports (see compileCharts.ts).

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Spec } from 'vega';
import { buildRunCharts, type RunChartsOptions } from '../../src/analysis/charts/buildRunCharts';
import { compileCharts } from '../../src/analysis/charts/compileCharts';
import { CHART_WIDTH } from '../../src/analysis/charts/chartSpec';
import { CHARTS_PAYLOAD_VERSION, readChartsPayload, type ChartsPayload } from '../../src/format/chartsPayload';
import type { RunEvent } from '../../src/format/runEvents';
import { noisyRun, sampleEvents, syntheticRun } from './helpers/chartsSampleEvents';

type Vega = typeof import('vega');
let vega: Vega;
let interpreter: unknown;

before(async () => {
  vega = await import('vega');
  interpreter = (await import('vega-interpreter')).expressionInterpreter;
});

function view(spec: Spec) {
  return new vega.View(vega.parse(spec, undefined, { ast: true }), { renderer: 'none', expr: interpreter });
}

async function renderAll(payload: ChartsPayload): Promise<Map<string, string>> {
  const svgs = new Map<string, string>();
  for (const chart of payload.charts) svgs.set(chart.id, await view(chart.vega).toSVG());
  return svgs;
}

/** The SVG group of the marks of one layer, e.g. `mark-line` of the series layer. */
function count(svg: string, pattern: RegExp): number {
  return svg.match(new RegExp(pattern.source, 'g'))?.length ?? 0;
}

const lineCount = (svg: string) => count(svg, /<g class="mark-line role-mark/);
const bandCount = (svg: string) => {
  const group = svg.match(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/);
  return group ? count(group[1], /<path/) : 0;
};
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

/**
 * What an SVG draws, as a sorted list of its elements (with attributes) and texts: equal
 * pictures may order sibling items differently after an incremental update, and number their
 * clip paths differently (a process-wide counter).
 */
const picture = (svg: string) => (svg.replace(/clip\d+/g, 'clip').match(/<[^>]+>|[^<]+/g) ?? []).sort();

const SAMPLES = ['disruptor-hot-family.log', 'disruptor-uncorrelated-burst.log', 'disruptor-small-ring-burst.log', 'disruptor-steady.log'];

describe('charts compile and render', () => {
  test('every chart of every sample compiles without a vega-lite warning', async () => {
    const warnings: string[] = [];
    for (const name of SAMPLES) {
      const charts = buildRunCharts(sampleEvents(name), { baseline: { events: sampleEvents('disruptor-steady.log') } });
      const payload = await compileCharts(charts, { onWarning: (w) => warnings.push(`${name}: ${w}`) });
      assert.equal(payload.version, CHARTS_PAYLOAD_VERSION);
      assert.deepEqual(payload.charts.map((c) => c.id), ['completed', 'rejects', 'backlog', 'families', 'baseline']);
      assert.doesNotThrow(() => readChartsPayload(JSON.parse(JSON.stringify(payload))));
    }
    assert.deepEqual(warnings, []);
  });

  for (const name of SAMPLES) {
    test(`${name}: one line per partition (and counter), shaded warmup and cooldown, phase labels`, async () => {
      const events = sampleEvents(name);
      const payload = await compileCharts(buildRunCharts(events, { baseline: { label: 'pinned', events: sampleEvents('disruptor-steady.log') } }));
      const svgs = await renderAll(payload);
      const partitions = 4;
      assert.equal(lineCount(svgs.get('completed')!), partitions);
      assert.equal(lineCount(svgs.get('rejects')!), partitions);
      assert.equal(lineCount(svgs.get('backlog')!), partitions * 2);
      assert.equal(lineCount(svgs.get('families')!), partitions * 2);
      assert.equal(lineCount(svgs.get('baseline')!), 2);
      for (const [id, svg] of svgs) {
        assert.match(svg, /^<svg /, id);
        assert.doesNotMatch(svg, /NaN/, `${id} has NaN in it`);
        assert.equal(bandCount(svg), 2, `${id}: warmup and cooldown bands`);
        const labels = texts(svg);
        for (const phase of ['warmup', 'measure', 'cooldown']) assert.ok(labels.includes(phase), `${id} labels ${phase}`);
        for (let p = 0; p < partitions && id !== 'baseline'; p++) {
          assert.ok(labels.some((l) => l === `p${p}` || l === `p${p} (hot)`), `${id} legend has p${p}`);
        }
      }
      assert.ok(texts(svgs.get('baseline')!).includes('this run') && texts(svgs.get('baseline')!).includes('pinned'));
    });
  }

  test('the hot partition is in the legend and drawn thicker than the others', async () => {
    const payload = await compileCharts(buildRunCharts(sampleEvents('disruptor-hot-family.log')));
    const svg = (await renderAll(payload)).get('completed')!;
    assert.ok(texts(svg).includes('p3 (hot)'));
    const widths = [...svg.matchAll(/<g class="mark-line role-mark[^>]*><path[^>]*stroke-width="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(widths.sort(), [1.5, 1.5, 1.5, 3]);
  });

  test('an all-zero series (no rejects) still gets a readable axis', async () => {
    const payload = await compileCharts(buildRunCharts(sampleEvents('disruptor-steady.log')));
    const svg = (await renderAll(payload)).get('rejects')!;
    assert.ok(texts(svg).includes('1.0'), 'the y axis reaches 1');
  });

  test('a run with no tick yet (only its header) draws empty charts, not an error', async () => {
    const events: RunEvent[] = [{ type: 'config', config: { partitions: 4 } }, { type: 'phase', t: 0, phase: 'warmup' }];
    const svgs = await renderAll(await compileCharts(buildRunCharts(events)));
    assert.equal(svgs.size, 4);
    for (const svg of svgs.values()) assert.equal(lineCount(svg), 0);
  });
});

describe('live updates', () => {
  const full = syntheticRun({ ticks: 120, partitions: 4, spike: { partition: 1, tick: 100, extra: 400 } });
  const partial = full.slice(0, 60);

  test('the compiled structure of a run does not change while it runs, only the data values', async () => {
    const strip = (spec: Spec) => JSON.stringify({ ...spec, data: spec.data?.map((d) => ({ ...d, values: null })) });
    const early = await compileCharts(buildRunCharts(partial));
    const late = await compileCharts(buildRunCharts(full));
    assert.deepEqual(early.charts.map((c) => c.id), late.charts.map((c) => c.id));
    early.charts.forEach((chart, i) => assert.equal(strip(chart.vega), strip(late.charts[i].vega), chart.id));
    assert.notEqual(JSON.stringify(early.charts[0].vega.data), JSON.stringify(late.charts[0].vega.data));
  });

  test('a partition turning hot changes the legend, hence the structure (the renderer redraws)', async () => {
    const strip = (spec: Spec) => JSON.stringify({ ...spec, data: spec.data?.map((d) => ({ ...d, values: null })) });
    const events = sampleEvents('disruptor-hot-family.log');
    const firstBurstTick = events.findIndex((e) => e.type === 'tick' && e.partitions[3].maxPendingDepthObserved > 1);
    const before = await compileCharts(buildRunCharts(events.slice(0, firstBurstTick)));
    const after = await compileCharts(buildRunCharts(events.slice(0, firstBurstTick + 1)));
    assert.notEqual(strip(before.charts[0].vega), strip(after.charts[0].vega));
    assert.match(strip(after.charts[0].vega), /p3 \(hot\)/);
    assert.doesNotMatch(strip(before.charts[0].vega), /hot/);
  });

  test('pouring new values into a drawn view gives the same picture as drawing afresh', async () => {
    const early = await compileCharts(buildRunCharts(partial));
    const late = await compileCharts(buildRunCharts(full));
    for (const [i, chart] of early.charts.entries()) {
      const live = view(chart.vega);
      const before = await live.toSVG();
      for (const data of late.charts[i].vega.data ?? []) {
        if ('values' in data) live.data(data.name, data.values as object[]);
      }
      // As the renderer does: the total width again, and a new autosize layout for the new axes.
      await live.width(CHART_WIDTH).resize().runAsync();
      const updated = picture(await live.toSVG());
      assert.notDeepEqual(updated, picture(before), `${chart.id} changed`);
      assert.deepEqual(updated, picture(await view(late.charts[i].vega).toSVG()), `${chart.id} matches a fresh draw`);
    }
  });

  test('compiled specs carry no background colour and no baked theme', async () => {
    const payload = await compileCharts(buildRunCharts(sampleEvents('disruptor-steady.log')));
    for (const chart of payload.charts) {
      assert.equal(chart.vega.background, undefined);
      assert.equal(chart.vega.config, undefined);
    }
  });
});

describe('payload size', () => {
  // The payload is saved into the notebook on every run. 64 partitions, a 100 ms tick, 150 s,
  // every counter changing at every tick (nothing for the downsampling to drop as flat).
  const PAYLOAD_BOUND_BYTES = 1_000_000;

  test('a long run with 64 partitions stays under 1 MB, a quarter of what per-line budgets alone give', async () => {
    const events = noisyRun({ ticks: 1500, partitions: 64 });
    const options: RunChartsOptions = { baseline: { events } };
    const payload = await compileCharts(buildRunCharts(events, options));
    assert.deepEqual(payload.charts.map((c) => c.id), ['completed', 'rejects', 'backlog', 'families', 'baseline']);
    const bytes = JSON.stringify(payload).length;
    assert.ok(bytes < PAYLOAD_BOUND_BYTES, `payload is ${bytes} bytes`);
    const unbounded = JSON.stringify(buildRunCharts(events, { ...options, chartPointBudget: 10 ** 9 }).map((c) => c.spec.datasets)).length;
    assert.ok(unbounded > 4 * PAYLOAD_BOUND_BYTES, `without a chart budget the data alone is ${unbounded} bytes`);
  });
});
