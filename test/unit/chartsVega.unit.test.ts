// A run's charts as the renderer and the exported report draw them: the Vega that
// runChartVega.ts builds from a version-2 payload is the very spec Vega-Lite compiles from the
// charts' Vega-Lite design (helpers/runChartVegaLite.ts), for every kind of run chart (hot
// partition, none, grey partitions with a subtitle, a baseline, hints, a live run), so the charts
// look as they did when the extension compiled them. And the payload keeps the figures exactly.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRunCharts, type RunChartsOptions } from '../../src/charts/buildRunCharts';
import { deriveChartData } from '../../src/charts/chartData';
import type { ChartHint } from '../../src/charts/chartHints';
import { chartPoints, chartsToDraw, linePoints } from '../../src/charts/chartsToDraw';
import { compileCharts } from '../../src/charts/compileCharts';
import { readChartsPayload, type RunChartsPayload } from '../../src/contracts/chartsPayload';
import { decodeNumbers } from '../../src/contracts/numberList';
import type { RunEvent } from '../../src/format/runEvents';
import { noisyRun, sampleEvents, syntheticRun } from './helpers/chartsSampleEvents';
import { runChartVegaLite } from './helpers/runChartVegaLite';

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

const HINTS: ChartHint[] = [
  { rule: 'release-missing', partitions: [1], from: 3, to: 6, message: 'release not called, or called on the wrong family' },
  { rule: 'handler-stuck', partitions: [0, 1, 2, 3], from: 5, to: 5, message: 'business handler stuck "here"' },
];

const CASES: { name: string; events: () => RunEvent[]; options?: RunChartsOptions }[] = [
  { name: 'a hot family with hints', events: () => sampleEvents('disruptor-hot-family.log'), options: { hints: HINTS } },
  {
    name: 'a steady run (no hot partition) against a baseline',
    events: () => sampleEvents('disruptor-steady.log'),
    options: { baseline: { label: 'before "fix"', events: sampleEvents('disruptor-small-ring-burst.log') } },
  },
  {
    name: '64 partitions: the others grey, with a subtitle',
    events: () => noisyRun({ ticks: 400, partitions: 64, spike: { partition: 9, tick: 200, extra: 90_000 } }),
  },
  {
    name: 'a live run (not done)',
    events: () =>
      sampleEvents('disruptor-small-ring-burst.log')
        .filter((e) => e.type !== 'phase' || e.phase !== 'done')
        .slice(0, 40),
  },
];

describe('run charts as Vega', () => {
  for (const { name, events, options } of CASES) {
    test(`${name}: the Vega built from the payload is Vega-Lite's compile of the charts' design`, async () => {
      const payload = buildRunCharts(events(), options);
      const drawn = chartsToDraw(readChartsPayload(JSON.parse(JSON.stringify(payload))));
      const times = decodeNumbers(payload.t);
      let charted = 0;
      for (const [i, chart] of payload.charts.entries()) {
        assert.equal(drawn[i].id, chart.id);
        if (chart.note !== undefined) {
          assert.deepEqual(drawn[i], { id: chart.id, title: chart.title, note: chart.note });
          continue;
        }
        const figures = { points: linePoints(chart, times), phases: payload.phases, hints: payload.hints, timeEnd: payload.timeEnd };
        const [expected] = (await compileCharts([{ id: chart.id, title: chart.title, spec: runChartVegaLite(chart, figures) }])).charts;
        // As JSON: Vega-Lite leaves some keys present but undefined (bandPosition), which is no key at all.
        assert.deepEqual(asJson(drawn[i].vega), asJson(expected.vega), `chart ${chart.id}`);
        charted++;
      }
      assert.ok(charted >= 3, `${charted} charts drawn`);
    });
  }
});

describe('the run payload', () => {
  test('keeps every point of every line exactly, the times once for all of them', () => {
    const events = noisyRun({ ticks: 300, partitions: 4, dt: 0.3 });
    const payload = buildRunCharts(events, { baseline: { events: sampleEvents('disruptor-steady.log') } });
    const times = decodeNumbers(payload.t);
    assert.deepEqual(
      [...times].sort((a, b) => a - b),
      times,
      'ascending',
    );
    assert.equal(new Set(times).size, times.length, 'each time once');
    const completed = chartPoints(payload, 'completed')!;
    // Every tick of the run (no flat stretch to drop), at full precision: rates with 2 decimals.
    const rows = deriveChartData(events).rows.filter((r) => r.partition === 0);
    assert.equal(rows.length, 300);
    assert.deepEqual(
      completed.filter((p) => p.series === 'p0').map((p) => [p.t, p.value]),
      rows.map((r) => [r.t, r.completedPerS]),
    );
    assert.ok(
      rows.some((r) => !Number.isInteger(r.completedPerS) && !Number.isInteger(r.t)),
      'times and rates with decimals',
    );
    for (const chart of payload.charts) {
      if (chart.note !== undefined) continue;
      for (const line of chart.lines) assert.ok(!/e[+-]|NaN|Infinity/.test(line.v), `${chart.id}: plain numbers`);
    }
    // The saved form is small: a number costs its digits and a space.
    const bytes = JSON.stringify(payload).length;
    const points = payload.charts.reduce((n, c) => n + (c.note === undefined ? linePoints(c, times).length : 0), 0);
    assert.ok(bytes / points < 12, `${(bytes / points).toFixed(1)} bytes a point`);
  });

  test('a baseline read from a notebook out of time order is drawn in time order, each time once', () => {
    const events = syntheticRun({ ticks: 20, partitions: 2 });
    const payload = buildRunCharts(events, {
      baseline: {
        label: 'pinned',
        totals: [
          { t: 3, completedPerS: 5 },
          { t: 1, completedPerS: 7 },
          { t: 3, completedPerS: 9 },
          { t: 2, completedPerS: 6 },
        ],
      },
    });
    const points = chartPoints(payload, 'baseline')!.filter((p) => p.series === 'pinned');
    assert.deepEqual(
      points.map((p) => [p.t, p.value]),
      [
        [1, 7],
        [2, 6],
        [3, 5],
      ],
    );
  });
});

describe('reading a saved run payload', () => {
  const good = (): RunChartsPayload => JSON.parse(JSON.stringify(buildRunCharts(sampleEvents('disruptor-hot-family.log'))));
  const firstLine = (p: RunChartsPayload) => {
    const chart = p.charts.find((c) => c.note === undefined)!;
    return chart.note === undefined ? chart.lines[0] : assert.fail('a drawn chart');
  };

  test('a payload with broken figures is refused with what is wrong and where', () => {
    const cases: [string, (p: RunChartsPayload) => void, RegExp][] = [
      ['a time that is not a number', (p) => (p.t = p.t.replace(/^\S+/, '0.5x')), /the times \("t"\): item 1 \("0\.5x"\) is not a number/],
      [
        'a value missing',
        (p) => (firstLine(p).v = firstLine(p).v.replace(/ \S+$/, '')),
        /chart "completed", line 1 has \d+ values for \d+ times/,
      ],
      [
        'an index past the times',
        (p) => (firstLine(p).at = '0-99999'),
        /chart "completed", line 1, its times \("at"\): index 99999 is past the \d+ times/,
      ],
      ['indices out of order', (p) => (firstLine(p).at = '5 2'), /indices are not in ascending order at "2"/],
      [
        'no kind',
        (p) => delete (p as Partial<RunChartsPayload>).kind,
        /version 2 has kind undefined; this version of stressnb draws kind "run"/,
      ],
      ['a hint without its words', (p) => p.hints.push({ rule: 'x' } as never), /hints\[0\] must have "rule", "label"/],
    ];
    for (const [what, breakIt, message] of cases) {
      const payload = good();
      breakIt(payload);
      assert.throws(() => readChartsPayload(payload), message, what);
    }
    assert.doesNotThrow(() => readChartsPayload(good()));
  });

  test('a payload of a later version is refused with a message that says so', () => {
    assert.throws(() => readChartsPayload({ ...good(), version: 3 }), /version 3; this version of stressnb draws versions 1 and 2/);
  });
});
