// Charts that explain (issue 11): values on hover, the triage hints' windows as labelled bands, a
// time axis that spans the planned run while it runs, one-line notes for charts with nothing to
// show, and partitions told apart at 4 and at 64 (only those that stand out coloured).
// Drawn from the payload's figures (chartsToDraw) with vega and the CSP-safe interpreter, as the
// renderer draws them.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Spec, View } from 'vega';
import { buildRunCharts } from '../../src/charts/buildRunCharts';
import { colouredPartitions, MAX_HIGHLIGHTED } from '../../src/charts/chartHighlight';
import { hintBands } from '../../src/charts/chartHints';
import { chartPoints, chartsToDraw } from '../../src/charts/chartsToDraw';
import type { HintBand } from '../../src/contracts/chartsPayload';
import type { PartitionCounters, RunEvent } from '../../src/format/runEvents';
import { sampleEvents, syntheticRun } from './helpers/chartsSampleEvents';
import { headlessView } from './helpers/headlessVega';

async function drawn(spec: Spec | undefined): Promise<View> {
  assert.ok(spec, 'the chart is drawn');
  const view = await headlessView(spec);
  await view.runAsync();
  return view;
}

interface SceneMark {
  marktype: string;
  name?: string;
  items: (SceneMark & { tooltip?: Record<string, string>; text?: string; stroke?: string })[];
}

/** Every mark of a drawn view's scene graph whose name contains `part`. */
function marksNamed(view: View, part: string): SceneMark[] {
  const found: SceneMark[] = [];
  const walk = (node: SceneMark) => {
    if (node.marktype && node.name?.includes(part)) found.push(node);
    for (const item of node.items ?? []) walk(item);
  };
  walk((view.scenegraph() as unknown as { root: SceneMark }).root);
  return found;
}

const compiled = async (events: RunEvent[], options = {}) => chartsToDraw(buildRunCharts(events, options));
const HINT = {
  rule: 'release-missing' as const,
  partitions: [1],
  from: 3,
  to: 6,
  message: 'release not called, or called on the wrong family',
};

describe('values on hover', () => {
  test('each point carries its partition, time and value as a tooltip, on the cell nearest the pointer', async () => {
    const [completed] = await compiled(sampleEvents('disruptor-hot-family.log'));
    const view = await drawn(completed.vega);
    const [cells] = marksNamed(view, 'voronoi');
    assert.ok(cells, 'a Voronoi layer catches the pointer');
    const tooltips = cells.items.map((item) => item.tooltip!);
    assert.ok(tooltips.length > 40);
    assert.deepEqual(Object.keys(tooltips[0]), ['partition', 't (s)', 'completed/s']);
    assert.deepEqual([...new Set(tooltips.map((t) => t.partition))].sort(), ['p0', 'p1', 'p2', 'p3 (hot)']);
    const peak = Math.max(...tooltips.map((t) => Number(t['completed/s'].replace(/,/g, ''))));
    assert.ok(peak > 1000, `the values are the chart's: peak ${peak}`);
  });

  test('the hover layer adds no data and no legend of its own, and shows no dot until hovered', async () => {
    const [completed] = chartsToDraw(buildRunCharts(sampleEvents('disruptor-hot-family.log')));
    assert.deepEqual(completed.vega!.data!.flatMap((d) => ('values' in d ? [d.name] : [])).sort(), ['extent', 'hints', 'phases', 'series']);
    const view = await drawn(completed.vega);
    const svg = await view.toSVG();
    assert.equal(svg.match(/role-legend"/g)?.length, 1, 'one legend');
    const dots = marksNamed(view, 'marks').find((m) => m.marktype === 'symbol')!;
    assert.ok(
      dots.items.every((item) => (item as { opacity?: number }).opacity === 0),
      'the dots are hidden',
    );
  });
});

describe('triage hints as labelled bands', () => {
  test("a hint's window is a band with its rule and partitions as the label and the hint in words on hover", async () => {
    const charts = await compiled(sampleEvents('disruptor-hot-family.log'), { hints: [HINT] });
    for (const chart of charts.filter((c) => c.vega)) {
      const view = await drawn(chart.vega);
      const labels = marksNamed(view, 'marks')
        .filter((m) => m.marktype === 'text')
        .flatMap((m) => m.items);
      const label = labels.find((item) => item.text === 'release-missing · p1');
      assert.ok(label, `${chart.id} labels the hint's window`);
      assert.deepEqual(label.tooltip, {
        'triage hint': 'release-missing',
        partitions: 'p1',
        window: 't = 3 to 6 s',
        'likely cause': HINT.message,
      });
      const bands = marksNamed(view, 'marks').filter((m) => m.marktype === 'rect');
      assert.equal(bands.length, 2, `${chart.id}: phase bands and hint bands`);
      assert.equal(bands[1].items.length, 1, `${chart.id}: one hint band`);
    }
  });

  test('bands are in time order, their labels in three rows, a window ending before it starts is one instant', () => {
    const hints = [
      { ...HINT, rule: 'handler-stuck' as const, from: 9, to: 12, partitions: [0, 1, 2, 3] },
      { ...HINT, from: 2, to: 1, partitions: [5, 6, 7, 8, 9] },
      { ...HINT, rule: 'gating-stuck' as const, from: 4, to: 8, partitions: [] },
      { ...HINT, rule: 'routing-skew' as const, from: 5, to: 6, partitions: [3, 1] },
    ];
    const bands: HintBand[] = hintBands(hints, 4);
    assert.deepEqual(
      bands.map((b) => [b.label, b.from, b.to, b.row]),
      [
        ['release-missing · 5 partitions', 2, 2, 0],
        ['gating-stuck', 4, 8, 1],
        ['routing-skew · p1, p3', 5, 6, 2],
        ['handler-stuck · every partition', 9, 12, 0],
      ],
    );
    assert.equal(bands[1].where, 'the whole run');
  });

  test('without hints (a live run) the hints are empty, and adding them at the end keeps the structure', () => {
    const events = sampleEvents('disruptor-hot-family.log');
    const live = buildRunCharts(events);
    const final = buildRunCharts(events, { hints: [HINT] });
    assert.deepEqual(live.hints, []);
    assert.equal(final.hints.length, 1);
    const strip = ({ vega }: { vega?: Spec }) => JSON.stringify({ ...vega, data: vega?.data?.map((d) => ({ ...d, values: null })) });
    assert.equal(strip(chartsToDraw(live)[0]), strip(chartsToDraw(final)[0]), 'only data changed: the renderer updates in place');
  });
});

describe('the time axis of a live run', () => {
  // warmup 2 s + measure 10 s + cooldown 3 s = 15 s planned; 0.5 s ticks.
  const run = (ticks: number, done: boolean): RunEvent[] => {
    const events = syntheticRun({ ticks: 40, partitions: 2 }).filter((e) => e.type !== 'phase' || e.phase !== 'done');
    events[0] = { type: 'config', config: { partitions: 2, tickMs: 500, warmupS: 2, measureS: 10, cooldownS: 3 } };
    const cut = events.filter((e) => e.type === 'config' || e.t <= ticks * 0.5);
    return done ? [...cut, { type: 'phase', t: ticks * 0.5, phase: 'done', reason: 'drained' }] : cut;
  };

  test('spans the planned length from the first tick, so it does not rescale at every update', async () => {
    for (const ticks of [3, 12, 25]) {
      const [completed] = await compiled(run(ticks, false));
      const view = await drawn(completed.vega);
      assert.deepEqual(view.scale('x').domain(), [0, 15], `after ${ticks} ticks`);
    }
  });

  test('once the run is done it spans what the run took; a run past its plan is never cut', async () => {
    const [early] = await compiled(run(24, true));
    assert.deepEqual((await drawn(early.vega)).scale('x').domain(), [0, 12]);
    const [late] = await compiled(run(36, false));
    assert.deepEqual((await drawn(late.vega)).scale('x').domain(), [0, 18]);
  });

  test('a run without a planned length (a log without warmupS) spans its data', async () => {
    const events = run(10, false).slice(1);
    const [completed] = await compiled(events);
    assert.deepEqual((await drawn(completed.vega)).scale('x').domain(), [0, 5]);
  });
});

describe('charts with nothing to show', () => {
  test('are one line saying what stayed 0, "so far" while the run goes', () => {
    const finished = buildRunCharts(sampleEvents('disruptor-steady.log')).charts.find((c) => c.id === 'rejects')!;
    assert.ok(!('lines' in finished));
    assert.equal(finished.note, 'none, 0 on every partition');
    const events = sampleEvents('disruptor-steady.log').filter((e) => e.type !== 'phase' || e.phase !== 'done');
    const live = buildRunCharts(events).charts.find((c) => c.id === 'rejects')!;
    assert.equal(live.note, 'none, 0 on every partition so far');
  });

  test('one non-zero value anywhere draws the chart', () => {
    const events = sampleEvents('disruptor-steady.log');
    const ticks = events.flatMap((e, i) => (e.type === 'tick' ? [i] : []));
    const at = ticks[Math.floor(ticks.length / 2)];
    const bumped = events.map((e, i) =>
      e.type === 'tick' && i >= at
        ? { ...e, partitions: e.partitions.map((c, p) => (p === 2 ? { ...c, rejectsBusy: c.rejectsBusy + 1 } : c)) }
        : e,
    );
    const rejects = buildRunCharts(bumped).charts.find((c) => c.id === 'rejects')!;
    assert.ok('lines' in rejects && rejects.note === undefined);
  });
});

describe('partitions told apart at 4 and at 64', () => {
  const counters = (over: Partial<PartitionCounters> = {}): PartitionCounters => ({
    tasksIn: 1000,
    dispatched: 1000,
    completed: 1000,
    rejectsBusy: 0,
    enqueuedDueToBusy: 0,
    maxPendingDepthObserved: 1,
    readyFamiliesCount: 0,
    inFlightFamiliesCount: 1,
    ...over,
  });
  const balanced = (n: number) => Array.from({ length: n }, (_, p) => counters({ completed: 1000 + (p % 7) * 10 }));

  test('up to 8 partitions each get a colour', () => {
    assert.deepEqual(colouredPartitions({ partitions: 4, hinted: [], last: balanced(4) }), [0, 1, 2, 3]);
    assert.deepEqual(colouredPartitions({ partitions: 8, hinted: [], last: balanced(8) }), [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  test('at 64, a balanced run colours nothing but its hot partition', () => {
    assert.deepEqual(colouredPartitions({ partitions: 64, hinted: [], last: balanced(64) }), []);
    assert.deepEqual(colouredPartitions({ partitions: 64, hot: 40, hinted: [], last: balanced(64) }), [40]);
  });

  test('at 64, the hot partition, the hinted ones and the worst of each kind are coloured, at most six', () => {
    const last = balanced(64);
    last[17] = counters({ completed: 10 }); // stalled
    last[33] = counters({ rejectsBusy: 500 });
    last[50] = counters({ maxPendingDepthObserved: 900 });
    last[51] = counters({ maxPendingDepthObserved: 800 });
    last[62] = counters({ tasksIn: 9000 });
    assert.deepEqual(colouredPartitions({ partitions: 64, hot: 50, hinted: [5], last }), [5, 17, 33, 50, 51, 62]);
    const many = colouredPartitions({ partitions: 64, hot: 50, hinted: [1, 2, 3, 4, 5, 6, 7], last });
    assert.equal(many.length, MAX_HIGHLIGHTED);
    assert.ok(many.includes(50), 'the hot partition first');
  });

  test('at 64, the others are thin grey lines named on hover, and a subtitle says so', async () => {
    const partitions = 64;
    const events = syntheticRun({ ticks: 60, partitions }).map((e) =>
      e.type === 'tick'
        ? { ...e, partitions: e.partitions.map((c, p) => (p === 17 ? { ...c, completed: Math.floor(c.completed / 10) } : c)) }
        : e,
    );
    const payload = buildRunCharts(events);
    const points = chartPoints(payload, 'completed')!;
    assert.deepEqual([...new Set(points.flatMap((p) => (p.series ? [p.series] : [])))], ['p17']);
    assert.equal(new Set(points.flatMap((p) => (p.label ? [p.label] : []))).size, partitions - 1);
    const [chart] = chartsToDraw(payload);
    assert.match(JSON.stringify(chart.vega!.title), /63 more partitions in grey/);

    const view = await drawn(chart.vega);
    const lines = marksNamed(view, 'marks').filter((m) => m.marktype === 'line');
    assert.equal(lines.length, partitions, 'one line per partition');
    const strokes = lines.map((m) => m.items[0].stroke);
    assert.equal(strokes.filter((s) => s === '#888888').length, partitions - 1);
    const names = marksNamed(view, 'voronoi')[0].items.map((i) => i.tooltip!.partition);
    assert.ok(names.includes('p17') && names.includes('p42'), 'grey lines are named on hover');
  });
});
