// The Vega-Lite shape every stressnb chart shares: a time axis, the run's phases as shaded bands
// with labels, and a layer of lines from one named dataset. Data are inline (`datasets`), under
// fixed names, so a renderer can swap the values of a drawn chart without rebuilding it.
//
// No theme colours here: axes, legends and the category palette come from the renderer's config,
// and the few marks that need the foreground colour read the FOREGROUND_SIGNAL parameter, which
// the renderer sets from the editor theme (the default is a grey readable on light and dark).

import type { TopLevelSpec } from 'vega-lite';
import { FOREGROUND_SIGNAL } from '../../format/chartsPayload';
import type { PhaseWindow } from './chartData';

export interface ChartSpec {
  /** Stable across the updates of one run: the renderer updates a chart in place by id. */
  id: string;
  title: string;
  spec: TopLevelSpec;
}

export const SERIES_DATASET = 'series';
export const PHASES_DATASET = 'phases';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 150;

/** One point of a line: `series` picks the line's colour, `dash` (optional) its dash pattern. */
export interface LinePoint {
  t: number;
  /** Legend label of the colour series, e.g. "p3 (hot)" or "baseline". */
  series: string;
  value: number;
  dash?: string;
}

export interface LineChartInput {
  id: string;
  title: string;
  yTitle: string;
  colorTitle: string;
  /**
   * Every colour series, in legend order. Part of the spec rather than derived from the data:
   * a drawn legend is not laid out again when its labels change, so a change of labels (a
   * partition becomes hot) changes the spec and the renderer redraws instead of updating.
   */
  series: string[];
  /** The series drawn thicker (the hot partition, this run against its baseline). */
  strong: string[];
  points: LinePoint[];
  phases: PhaseWindow[];
  /** Present when points carry `dash`: the legend title and the dash values, solid first. */
  dash?: { title: string; domain: string[] };
}

const SHADED_PHASES = ['warmup', 'cooldown'];
const X_AXIS = { title: 't (s)' };
// Legends above the plot, so every chart's plot has the same width and the time axes line up.
const LEGEND = { orient: 'top', direction: 'horizontal', labelLimit: 240 } as const;

export function lineChart(input: LineChartInput): ChartSpec {
  const { id, title, yTitle, colorTitle, series, strong, points, phases, dash } = input;
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    params: [{ name: FOREGROUND_SIGNAL, value: '#888888' }],
    datasets: {
      [SERIES_DATASET]: points as unknown as Record<string, unknown>[],
      [PHASES_DATASET]: phases as unknown as Record<string, unknown>[],
    },
    layer: [
      {
        data: { name: PHASES_DATASET },
        transform: [{ filter: { field: 'phase', oneOf: SHADED_PHASES } }],
        mark: { type: 'rect', fill: { expr: FOREGROUND_SIGNAL }, opacity: 0.1 },
        encoding: {
          x: { field: 'start', type: 'quantitative', axis: X_AXIS },
          x2: { field: 'end' },
        },
      },
      {
        data: { name: PHASES_DATASET },
        transform: [{ calculate: '(datum.start + datum.end) / 2', as: 'middle' }],
        mark: { type: 'text', baseline: 'top', dy: 3, fontSize: 10, fill: { expr: FOREGROUND_SIGNAL }, opacity: 0.75 },
        encoding: {
          x: { field: 'middle', type: 'quantitative', axis: X_AXIS },
          y: { value: 0 },
          text: { field: 'phase', type: 'nominal' },
        },
      },
      {
        data: { name: SERIES_DATASET },
        mark: { type: 'line', clip: true },
        encoding: {
          x: { field: 't', type: 'quantitative', axis: X_AXIS, scale: { nice: false } },
          // unionWith [0, 1]: an all-zero series (no rejects at all) still gets a readable axis.
          y: { field: 'value', type: 'quantitative', axis: { title: yTitle }, scale: { domain: { unionWith: [0, 1] } } },
          color: { field: 'series', type: 'nominal', title: colorTitle, scale: { domain: series }, legend: LEGEND },
          strokeWidth: { condition: { test: { field: 'series', oneOf: strong }, value: 3 }, value: 1.5 },
          ...(dash
            ? {
                strokeDash: {
                  field: 'dash',
                  type: 'nominal',
                  title: dash.title,
                  legend: LEGEND,
                  scale: { domain: dash.domain, range: [[1, 0], [5, 3], [2, 2]] },
                },
              }
            : {}),
        },
      },
    ],
  };
  return { id, title, spec };
}
