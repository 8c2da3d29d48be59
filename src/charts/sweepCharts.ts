// The chart of a sweep, as Vega-Lite with its data inline: one swept key draws a line along it,
// two a heatmap (first key across, second down), a third key small multiples of that heatmap
// (a fourth, rows of them). The colour (or the line's height) is a metric chosen in the chart,
// rejectPct first. Hovering a point shows its swept values, verdict, metrics and hints; a failing
// point is outlined. The scales' domains are the whole grid from the start, so the chart keeps
// its layout while the rows come in and the renderer updates it in place.

import type { TopLevelSpec } from 'vega-lite';
import { FOREGROUND_SIGNAL, SWEEP_POINT_FIELD } from '../contracts/chartsPayload';
import type { SweepAxis } from '../spec/sweepGrid';
import { formatSweepValue } from '../spec/sweepGrid';
import type { SweepRow } from '../analysis/sweepTypes';
import type { ChartSpec } from './chartSpec';
import { CHART_HEIGHT, CHART_WIDTH } from './runChartVega';

export const SWEEP_CHART_ID = 'sweep';
export const SWEEP_DATASET = 'points';
/** Most swept keys the chart shows (the table shows every key). */
export const MAX_CHARTED_KEYS = 4;
/** Above this many cells in one heatmap the values are not written in the cells. */
const MAX_LABELLED_CELLS = 120;
const FACET_WIDTH = 190;

export interface SweepChartOptions {
  /** The metrics to choose from, the default first. */
  metrics: readonly string[];
}

/** The chart of a sweep's rows so far; none for a sweep of more than four keys. */
export function buildSweepCharts(axes: readonly SweepAxis[], rows: readonly SweepRow[], options: SweepChartOptions): ChartSpec[] {
  if (axes.length === 0 || axes.length > MAX_CHARTED_KEYS) return [];
  const data = rows.filter((r) => !r.error).map((r) => chartRow(axes, r, options.metrics));
  const spec = axes.length === 1 ? lineSpec(axes, data, options.metrics) : heatmapSpec(axes, data, options.metrics);
  return [{ id: SWEEP_CHART_ID, title: titleOf(axes), spec }];
}

function titleOf(axes: readonly SweepAxis[]): string {
  return `Sweep: ${axes.map((a) => a.key).join(' × ')}`;
}

/** Swept values go in fields p0, p1, … (a key such as load.burstTasks would read as a nested field). */
const field = (a: number) => `p${a}`;

function chartRow(axes: readonly SweepAxis[], row: SweepRow, metrics: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { [SWEEP_POINT_FIELD]: row.index, point: row.index + 1, verdict: row.verdict };
  axes.forEach((a, i) => (out[field(i)] = formatSweepValue(row.params[a.key])));
  for (const m of metrics) out[m] = row.metrics[m] ?? null;
  out.failed = row.failed.join(', ') || '—';
  out.hints = [...new Set(row.hints.map((h) => h.rule))].join(', ') || '—';
  return out;
}

function metricParam(metrics: readonly string[]) {
  return { name: 'metric', value: metrics[0], bind: { input: 'select', options: [...metrics], name: 'metric ' } };
}

function tooltip(axes: readonly SweepAxis[], metrics: readonly string[]) {
  return [
    { field: 'point', type: 'quantitative', title: 'point' },
    ...axes.map((a, i) => ({ field: field(i), type: 'nominal', title: a.key })),
    { field: 'verdict', type: 'nominal', title: 'verdict' },
    ...metrics.map((m) => ({ field: m, type: 'quantitative', title: m, format: ',.4~r' })),
    { field: 'failed', type: 'nominal', title: 'failed thresholds' },
    { field: 'hints', type: 'nominal', title: 'hints' },
  ];
}

function axisEncoding(axes: readonly SweepAxis[], a: number) {
  return { field: field(a), type: 'ordinal', title: axes[a].key, sort: null, scale: { domain: axes[a].labels }, axis: { labelAngle: 0 } };
}

const VALUE = { calculate: 'datum[metric]', as: 'value' };
const TITLE = (axes: readonly SweepAxis[]) => ({ text: { expr: `metric + ' by ${axes.map((a) => a.key).join(' × ')}'` } });
const FAILING = "datum.verdict == 'fail'";

function lineSpec(axes: readonly SweepAxis[], data: Record<string, unknown>[], metrics: readonly string[]): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: TITLE(axes),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    usermeta: { openPoint: SWEEP_POINT_FIELD },
    params: [{ name: FOREGROUND_SIGNAL, value: '#888888' }, metricParam(metrics)],
    datasets: { [SWEEP_DATASET]: data },
    data: { name: SWEEP_DATASET },
    transform: [VALUE],
    encoding: {
      x: axisEncoding(axes, 0),
      y: { field: 'value', type: 'quantitative', title: null, scale: { zero: true } },
    },
    layer: [
      { mark: { type: 'line', stroke: { expr: FOREGROUND_SIGNAL } } },
      {
        mark: { type: 'point', filled: true, size: 70, cursor: 'pointer', fill: { expr: FOREGROUND_SIGNAL } },
        encoding: {
          shape: { condition: { test: FAILING, value: 'cross' }, value: 'circle' },
          tooltip: tooltip(axes, metrics),
        },
      },
    ],
  } as unknown as TopLevelSpec;
}

function heatmapSpec(axes: readonly SweepAxis[], data: Record<string, unknown>[], metrics: readonly string[]): TopLevelSpec {
  const columns = axes[0].values.length;
  const rows = axes[1].values.length;
  const rowHeight = Math.max(16, Math.min(36, Math.floor(320 / rows)));
  const labelled = columns * rows <= MAX_LABELLED_CELLS;
  const cell = {
    encoding: { x: axisEncoding(axes, 0), y: axisEncoding(axes, 1) },
    layer: [
      {
        mark: { type: 'rect', cursor: 'pointer' },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: null,
            scale: { scheme: 'viridis', zero: true },
            legend: { orient: 'right' },
          },
          tooltip: tooltip(axes, metrics),
        },
      },
      {
        // A failing point (a threshold of expect: missed) is outlined.
        transform: [{ filter: FAILING }],
        mark: { type: 'rect', fill: null, stroke: { expr: FOREGROUND_SIGNAL }, strokeWidth: 2, strokeDash: [4, 2] },
      },
      ...(labelled
        ? [
            {
              mark: {
                type: 'text',
                fontSize: 10,
                // Dark text on the light end of the scheme, light text on the dark end.
                fill: { expr: "luminance(scale('color', datum.value)) > 0.45 ? '#111111' : '#f5f5f5'" },
              },
              encoding: { text: { field: 'value', type: 'quantitative', format: '.3~r' }, tooltip: tooltip(axes, metrics) },
            },
          ]
        : []),
    ],
  };
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: TITLE(axes),
    usermeta: { openPoint: SWEEP_POINT_FIELD },
    params: [{ name: FOREGROUND_SIGNAL, value: '#888888' }, metricParam(metrics)],
    datasets: { [SWEEP_DATASET]: data },
    data: { name: SWEEP_DATASET },
    transform: [VALUE],
  };
  if (axes.length === 2) {
    return {
      ...base,
      width: CHART_WIDTH,
      height: rowHeight * rows,
      autosize: { type: 'fit-x', contains: 'padding' },
      ...cell,
    } as unknown as TopLevelSpec;
  }
  const spec = { width: FACET_WIDTH, height: rowHeight * rows, ...cell };
  const facet = (a: number) => ({
    field: field(a),
    type: 'ordinal',
    title: axes[a].key,
    sort: axes[a].labels,
    header: { labelFontSize: 11 },
  });
  if (axes.length === 3) {
    return {
      ...base,
      facet: facet(2),
      columns: Math.min(3, axes[2].values.length),
      spec,
      resolve: { scale: { color: 'shared' } },
    } as unknown as TopLevelSpec;
  }
  return { ...base, facet: { column: facet(2), row: facet(3) }, spec, resolve: { scale: { color: 'shared' } } } as unknown as TopLevelSpec;
}
