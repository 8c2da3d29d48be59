// Every run chart's payload reads back, and its Vega (chartsToDraw, as the renderer builds it)
// renders to SVG with vega and the CSP-safe expression interpreter, as the renderer draws it.
// vega and vega-lite are ES modules with a top-level await inside; they are loaded with
// dynamic imports (see compileCharts.ts).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Spec } from 'vega';
import { buildRunCharts, type RunChartsOptions } from '../../src/charts/buildRunCharts';
import { chartsToDraw, linePoints } from '../../src/charts/chartsToDraw';
import { compileCharts } from '../../src/charts/compileCharts';
import { CHART_WIDTH } from '../../src/charts/runChartVega';
import { readChartsPayload, RUN_CHARTS_VERSION, type ChartsPayload } from '../../src/contracts/chartsPayload';
import { decodeNumbers } from '../../src/contracts/numberList';
import { runChartVegaLite } from './helpers/runChartVegaLite';
import type { RunEvent } from '../../src/format/runEvents';
import { noisyRun, sampleEvents, syntheticRun } from './helpers/chartsSampleEvents';
import { headlessView } from './helpers/headlessVega';

/** The SVG of every drawn chart (a chart with nothing to show is a note, not drawn). */
async function renderAll(payload: ChartsPayload): Promise<Map<string, string>> {
  const svgs = new Map<string, string>();
  for (const chart of chartsToDraw(payload)) if (chart.vega) svgs.set(chart.id, await (await headlessView(chart.vega)).toSVG());
  return svgs;
}

const drawnSpec = (payload: ChartsPayload, i: number): Spec => {
  const { vega, id, note } = chartsToDraw(payload)[i];
  assert.ok(vega, `chart ${id} is drawn (not the note "${note}")`);
  return vega;
};

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
const CHART_IDS = ['completed', 'rejects', 'enqueued', 'pendingDepth', 'ready', 'inFlight'];
/** The charts of each sample with nothing to show (all values 0): one-line notes. */
const NOTES: Record<string, string[]> = {
  'disruptor-hot-family.log': ['rejects', 'ready'],
  'disruptor-uncorrelated-burst.log': ['rejects', 'enqueued', 'ready'],
  'disruptor-small-ring-burst.log': ['enqueued', 'ready'],
  'disruptor-steady.log': ['rejects', 'ready'],
};

describe('charts compile and render', () => {
  test('every chart of every sample reads back, and its Vega-Lite design compiles without a warning', async () => {
    const warnings: string[] = [];
    for (const name of SAMPLES) {
      const payload = buildRunCharts(sampleEvents(name), { baseline: { events: sampleEvents('disruptor-steady.log') } });
      assert.equal(payload.version, RUN_CHARTS_VERSION);
      assert.deepEqual(
        payload.charts.map((c) => c.id),
        [...CHART_IDS, 'baseline'],
      );
      assert.deepEqual(
        payload.charts.filter((c) => c.note !== undefined).map((c) => c.id),
        NOTES[name],
        `${name}: charts with nothing to show`,
      );
      assert.doesNotThrow(() => readChartsPayload(JSON.parse(JSON.stringify(payload))));
      const times = decodeNumbers(payload.t);
      const designs = payload.charts.flatMap((c) =>
        c.note === undefined
          ? [
              {
                id: c.id,
                title: c.title,
                spec: runChartVegaLite(c, {
                  points: linePoints(c, times),
                  phases: payload.phases,
                  hints: payload.hints,
                  timeEnd: payload.timeEnd,
                }),
              },
            ]
          : [],
      );
      await compileCharts(designs, { onWarning: (w) => warnings.push(`${name}: ${w}`) });
    }
    assert.deepEqual(warnings, []);
  });

  for (const name of SAMPLES) {
    test(`${name}: one line per partition, shaded warmup and cooldown, phase labels; a chart of zeros is one line`, async () => {
      const events = sampleEvents(name);
      const payload = buildRunCharts(events, { baseline: { label: 'pinned', events: sampleEvents('disruptor-steady.log') } });
      const svgs = await renderAll(payload);
      const partitions = 4;
      for (const id of CHART_IDS.filter((id) => !NOTES[name].includes(id))) assert.equal(lineCount(svgs.get(id)!), partitions, id);
      for (const id of NOTES[name]) {
        const chart = chartsToDraw(payload).find((c) => c.id === id)!;
        assert.equal(chart.vega, undefined, `${id} is not drawn`);
        assert.match(chart.note!, /^none, 0 (on every partition|at every tick)$/, id);
        assert.doesNotMatch(chart.note!, /\n/, `${id}: one line`);
      }
      assert.equal(lineCount(svgs.get('baseline')!), 2);
      for (const [id, svg] of svgs) {
        assert.match(svg, /^<svg /, id);
        assert.doesNotMatch(svg, /NaN/, `${id} has NaN in it`);
        assert.equal(bandCount(svg), 2, `${id}: warmup and cooldown bands`);
        const labels = texts(svg);
        for (const phase of ['warmup', 'measure', 'cooldown']) assert.ok(labels.includes(phase), `${id} labels ${phase}`);
        for (let p = 0; p < partitions && id !== 'baseline'; p++) {
          assert.ok(
            labels.some((l) => l === `p${p}` || l === `p${p} (hot)`),
            `${id} legend has p${p}`,
          );
        }
      }
      assert.ok(texts(svgs.get('baseline')!).includes('this run') && texts(svgs.get('baseline')!).includes('pinned'));
    });
  }

  test('the hot partition is in the legend and drawn thicker than the others', async () => {
    const payload = buildRunCharts(sampleEvents('disruptor-hot-family.log'));
    const svg = (await renderAll(payload)).get('completed')!;
    assert.ok(texts(svg).includes('p3 (hot)'));
    const widths = [...svg.matchAll(/<g class="mark-line role-mark[^>]*><path[^>]*stroke-width="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.deepEqual(widths.sort(), [1.5, 1.5, 1.5, 3]);
  });

  test('a series of small values still gets a readable axis', async () => {
    const events = syntheticRun({ ticks: 40, partitions: 2, perTick: 0 });
    const svg = (await renderAll(buildRunCharts(events))).get('inFlight')!;
    assert.ok(texts(svg).includes('8'), 'the y axis reaches the values');
    const zeros = (await renderAll(buildRunCharts(events, { baseline: { totals: [{ t: 1, completedPerS: 0 }] } }))).get('baseline')!;
    assert.ok(texts(zeros).includes('1.0'), 'an all-zero baseline chart still has an axis up to 1');
  });

  test('a phase label stays inside the plot: a short cooldown at the end is aligned to the right edge', async () => {
    const events = syntheticRun({ ticks: 200, partitions: 2 }).filter((e) => !(e.type === 'phase' && e.phase === 'cooldown'));
    // The cooldown begins one tick before the end: its band is a sliver at the right edge.
    const lastTick = events.map((e) => e.type).lastIndexOf('tick');
    events.splice(lastTick, 0, { type: 'phase', t: 99.5, phase: 'cooldown' });
    const svg = (await renderAll(buildRunCharts(events))).get('completed')!;
    const label = (phase: string) =>
      new RegExp(`<text[^>]*text-anchor="([a-z]+)"[^>]*>${phase}</text>`).exec(svg)?.[1] ?? `${phase} not found`;
    assert.equal(label('cooldown'), 'end');
    assert.equal(label('measure'), 'middle');
  });

  test('a run with no tick yet (only its header) shows a note per chart, not an error', async () => {
    const events: RunEvent[] = [
      { type: 'config', config: { partitions: 4 } },
      { type: 'phase', t: 0, phase: 'warmup' },
    ];
    const payload = buildRunCharts(events);
    assert.deepEqual(
      payload.charts.map((c) => [c.id, c.note]),
      CHART_IDS.map((id) => [id, 'no tick yet']),
    );
    assert.doesNotThrow(() => readChartsPayload(JSON.parse(JSON.stringify(payload))));
  });
});

describe('live updates', () => {
  const full = syntheticRun({ ticks: 120, partitions: 4, spike: { partition: 1, tick: 100, extra: 400 } });
  const partial = full.slice(0, 60);

  test('the compiled structure of a run does not change while it runs, only the data values', async () => {
    const strip = (spec: Spec) => JSON.stringify({ ...spec, data: spec.data?.map((d) => ({ ...d, values: null })) });
    const early = buildRunCharts(partial);
    const late = buildRunCharts(full, { hints: [{ rule: 'handler-stuck', partitions: [1], from: 20, to: 30, message: 'stuck' }] });
    assert.deepEqual(
      early.charts.map((c) => c.id),
      late.charts.map((c) => c.id),
    );
    const drawn = chartsToDraw(early).flatMap((c, i) => (c.vega ? [i] : []));
    assert.deepEqual(
      drawn,
      chartsToDraw(late).flatMap((c, i) => (c.vega ? [i] : [])),
      'the same charts have something to show',
    );
    assert.ok(drawn.length >= 3);
    for (const i of drawn) assert.equal(strip(drawnSpec(early, i)), strip(drawnSpec(late, i)), early.charts[i].id);
    assert.notEqual(JSON.stringify(drawnSpec(early, 0).data), JSON.stringify(drawnSpec(late, 0).data));
  });

  test('a partition turning hot changes the legend, hence the structure (the renderer redraws)', async () => {
    const strip = (spec: Spec) => JSON.stringify({ ...spec, data: spec.data?.map((d) => ({ ...d, values: null })) });
    // Partition 2's family backlog takes off at tick 30.
    const events = syntheticRun({ ticks: 40, partitions: 3 }).map((e) =>
      e.type === 'tick' && e.t >= 15
        ? { ...e, partitions: e.partitions.map((c, p) => (p === 2 ? { ...c, maxPendingDepthObserved: 50 } : c)) }
        : e,
    );
    const firstBurstTick = events.findIndex((e) => e.type === 'tick' && e.partitions[2].maxPendingDepthObserved > 1);
    const before = buildRunCharts(events.slice(0, firstBurstTick));
    const after = buildRunCharts(events.slice(0, firstBurstTick + 1));
    assert.notEqual(strip(drawnSpec(before, 0)), strip(drawnSpec(after, 0)));
    assert.match(strip(drawnSpec(after, 0)), /p2 \(hot\)/);
    assert.doesNotMatch(strip(drawnSpec(before, 0)), /hot/);
  });

  test('pouring new values into a drawn view gives the same picture as drawing afresh', async () => {
    const early = buildRunCharts(partial);
    const late = buildRunCharts(full);
    for (const [i, chart] of chartsToDraw(early).entries()) {
      if (!chart.vega) continue;
      const live = await headlessView(chart.vega);
      const before = await live.toSVG();
      for (const data of drawnSpec(late, i).data ?? []) {
        if ('values' in data) live.data(data.name, data.values as object[]);
      }
      // As the renderer does: the total width again, and a new autosize layout for the new axes.
      await live.width(CHART_WIDTH).resize().runAsync();
      const updated = picture(await live.toSVG());
      assert.notDeepEqual(updated, picture(before), `${chart.id} changed`);
      assert.deepEqual(updated, picture(await (await headlessView(drawnSpec(late, i))).toSVG()), `${chart.id} matches a fresh draw`);
    }
  });

  test('the specs carry no background colour and no baked theme', async () => {
    const payload = buildRunCharts(sampleEvents('disruptor-steady.log'));
    for (const chart of chartsToDraw(payload)) {
      if (!chart.vega) continue;
      assert.equal(chart.vega.background, undefined);
      assert.equal(chart.vega.config, undefined);
    }
  });
});

describe('payload size', () => {
  // The payload is saved into the notebook on every run. 64 partitions, a 100 ms tick, 150 s,
  // every counter changing at every tick (nothing for the downsampling to drop as flat). (As
  // compiled Vega with its data, before payload version 2, the same charts took about 1 MB.)
  const PAYLOAD_BOUND_BYTES = 250_000;

  test('a long run with 64 partitions stays under 250 KB, a quarter of what per-line budgets alone give', async () => {
    const events = noisyRun({ ticks: 1500, partitions: 64 });
    const options: RunChartsOptions = { baseline: { events } };
    const payload = buildRunCharts(events, options);
    assert.deepEqual(
      payload.charts.map((c) => c.id),
      [...CHART_IDS, 'baseline'],
    );
    const bytes = JSON.stringify(payload).length;
    assert.ok(bytes < PAYLOAD_BOUND_BYTES, `payload is ${bytes} bytes`);
    const unbounded = JSON.stringify(buildRunCharts(events, { ...options, chartPointBudget: 10 ** 9 })).length;
    assert.ok(unbounded > 4 * bytes, `without a chart budget the payload is ${unbounded} bytes`);
  });
});
