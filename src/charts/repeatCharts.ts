// The charts of a repeated cell (`repeat: N`): for the totals over time (completed/s, rejects/s),
// the median of the repeats at each tick as a line, and a band from the smallest to the largest
// repeat, so the run-to-run spread is seen at a glance. A pinned baseline's completed/s is drawn
// dashed beside them. Same layers and datasets as every stressnb chart (chartSpec.ts).

import type { TopLevelSpec } from 'vega-lite';
import { FOREGROUND_SIGNAL, HINT_SIGNAL } from '../contracts/chartsPayload';
import { median } from '../analysis/statistics/sampleSummary';
import type { TickSeries } from '../series/seriesTypes';
import { chartDataOf, round2, type PhaseWindow, type TotalRow } from './chartData';
import type { ChartSpec } from './chartSpec';
import { CHART_HEIGHT, CHART_WIDTH } from './runChartVega';

const SERIES_DATASET = 'series';
const PHASES_DATASET = 'phases';
const EXTENT_DATASET = 'extent';

export const BAND_DATASET = 'band';

/** One tick of the band: the median of the repeats and their extremes. */
export interface BandRow {
  t: number;
  median: number;
  min: number;
  max: number;
  /** Repeats with a tick at this time. */
  n: number;
}

/** The median, min and max over the repeats at each tick time (rounded to the millisecond). */
export function bandOf(repeats: readonly (readonly TotalRow[])[], field: 'completedPerS' | 'rejectsPerS'): BandRow[] {
  const byT = new Map<number, number[]>();
  for (const rows of repeats) {
    for (const row of rows) {
      const t = Math.round(row.t * 1000) / 1000;
      const values = byT.get(t) ?? [];
      values.push(row[field]);
      byT.set(t, values);
    }
  }
  return [...byT.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, values]) => ({ t, median: round2(median(values)), min: Math.min(...values), max: Math.max(...values), n: values.length }));
}

export interface RepeatChartsOptions {
  /** A pinned baseline's completed/s over time, drawn dashed on the completed/s chart. */
  baseline?: { label: string; totals: readonly { t: number; completedPerS: number }[] };
}

export function buildRepeatCharts(repeats: readonly TickSeries[], options: RepeatChartsOptions = {}): ChartSpec[] {
  const data = repeats.map(chartDataOf);
  const totals = data.map((d) => d.totals);
  const phases = data[0]?.phases ?? [];
  const timeEnd = Math.max(0, ...data.map((d) => d.timeEnd));
  const n = repeats.length;
  const completed = bandOf(totals, 'completedPerS');
  const rejects = bandOf(totals, 'rejectsPerS');
  return [
    bandChart({
      id: 'repeats-completed',
      title: `Completed/s, all partitions: median of ${n} repeats, band from min to max`,
      yTitle: 'completed/s',
      band: completed,
      phases,
      timeEnd,
      n,
      baseline: options.baseline,
    }),
    rejects.some((r) => r.max > 0)
      ? bandChart({
          id: 'repeats-rejects',
          title: `Rejects/s, all partitions: median of ${n} repeats, band from min to max`,
          yTitle: 'rejects/s',
          band: rejects,
          phases,
          timeEnd,
          n,
        })
      : { id: 'repeats-rejects', title: 'Rejects/s', note: `No rejects in any of the ${n} repeats.` },
  ];
}

interface BandChartInput {
  id: string;
  title: string;
  yTitle: string;
  band: BandRow[];
  phases: PhaseWindow[];
  timeEnd: number;
  n: number;
  baseline?: RepeatChartsOptions['baseline'];
}

const BAND_X = { field: 't', type: 'quantitative' as const, title: 't (s)', scale: { nice: false } };
const LEGEND = { orient: 'top', direction: 'horizontal', labelLimit: 240, symbolType: 'stroke' } as const;
const SHADED_PHASES = ['warmup', 'cooldown'];

function bandChart({ id, title, yTitle, band, phases, timeEnd, n, baseline }: BandChartInput): ChartSpec {
  const medianName = `median of ${n}`;
  const series = [medianName, ...(baseline ? [baseline.label] : [])];
  const points = [
    ...band.map((b) => ({ t: b.t, value: b.median, series: medianName, min: b.min, max: b.max, n: b.n })),
    ...(baseline ? baseline.totals.map((p) => ({ t: p.t, value: p.completedPerS, series: baseline.label })) : []),
  ];
  const color = { field: 'series', type: 'nominal' as const, title: null, scale: { domain: series }, legend: LEGEND };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'shaded: the spread of the repeats at each tick (min to max)' },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    params: [
      { name: FOREGROUND_SIGNAL, value: '#888888' },
      { name: HINT_SIGNAL, value: '#cca700' },
    ],
    datasets: {
      [SERIES_DATASET]: points,
      [BAND_DATASET]: band,
      [PHASES_DATASET]: phases.filter((p) => SHADED_PHASES.includes(p.phase)),
      [EXTENT_DATASET]: [{ t: 0 }, { t: timeEnd }],
    },
    layer: [
      // warmup and cooldown shaded, as on a run's charts
      {
        data: { name: PHASES_DATASET },
        mark: { type: 'rect', fill: { expr: FOREGROUND_SIGNAL }, opacity: 0.1 },
        encoding: { x: { ...BAND_X, field: 'start' }, x2: { field: 'end' } },
      },
      { data: { name: EXTENT_DATASET }, mark: { type: 'rule', opacity: 0 }, encoding: { x: BAND_X } },
      {
        data: { name: BAND_DATASET },
        mark: { type: 'area', opacity: 0.25, clip: true, color: { expr: FOREGROUND_SIGNAL } },
        encoding: { x: BAND_X, y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' } },
      },
      {
        data: { name: SERIES_DATASET },
        mark: { type: 'line', clip: true },
        encoding: {
          x: BAND_X,
          y: { field: 'value', type: 'quantitative', title: yTitle, scale: { domain: { unionWith: [0, 1] } } },
          color,
          // The baseline dashed, so it reads as the reference it is.
          strokeDash: {
            field: 'series',
            type: 'nominal',
            scale: { domain: series, range: series.map((_, i) => (i === 0 ? [1, 0] : [5, 3])) },
            legend: null,
          },
          strokeWidth: { condition: { test: `datum.series === ${JSON.stringify(medianName)}`, value: 2.5 }, value: 1.5 },
        },
      },
      {
        data: { name: SERIES_DATASET },
        params: [
          { name: `${id.replace(/\W/g, '_')}_hover`, select: { type: 'point', nearest: true, on: 'pointermove', clear: 'pointerout' } },
        ],
        mark: { type: 'point', filled: true, size: 50, clip: true },
        encoding: {
          x: BAND_X,
          y: { field: 'value', type: 'quantitative' },
          color,
          opacity: { condition: { param: `${id.replace(/\W/g, '_')}_hover`, empty: false, value: 1 }, value: 0 },
          tooltip: [
            { field: 'series', type: 'nominal', title: 'line' },
            { field: 't', type: 'quantitative', title: 't (s)', format: ',.3~f' },
            { field: 'value', type: 'quantitative', title: yTitle, format: ',.2~f' },
            { field: 'min', type: 'quantitative', title: 'min of the repeats', format: ',.2~f' },
            { field: 'max', type: 'quantitative', title: 'max of the repeats', format: ',.2~f' },
          ],
        },
      },
    ],
  } as unknown as TopLevelSpec;
  return { id, title, spec };
}
