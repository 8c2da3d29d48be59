// The charts of a repeated cell (`repeat: N`): for the totals over time (completed/s, rejects/s),
// the median of the repeats at each tick as a line, and a band from the smallest to the largest
// repeat, so the run-to-run spread is seen at a glance. A pinned baseline's completed/s is drawn
// dashed beside them. Same layers and datasets as every stressnb chart (chartSpec.ts).

import type { TopLevelSpec } from 'vega-lite';
import { FOREGROUND_SIGNAL, HINT_SIGNAL } from '../contracts/chartsPayload';
import { median } from '../analysis/statistics/sampleSummary';
import type { TickSeries } from '../series/seriesTypes';
import { chartDataOf, round2, type PhaseWindow, type TotalRow } from './chartData';
import { extentLayer, hoverPointLayer, lineLayer, phaseBandLayer, phaseLabelLayer, type Layer, type SeriesStyle } from './chartLayers';
import { CHART_HEIGHT, CHART_WIDTH, EXTENT_DATASET, PHASES_DATASET, SERIES_DATASET, type ChartSpec } from './chartSpec';

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
    bandChart({ id: 'repeats-completed', title: `Completed/s, all partitions: median of ${n} repeats, band from min to max`, yTitle: 'completed/s', band: completed, phases, timeEnd, n, baseline: options.baseline }),
    rejects.some((r) => r.max > 0)
      ? bandChart({ id: 'repeats-rejects', title: `Rejects/s, all partitions: median of ${n} repeats, band from min to max`, yTitle: 'rejects/s', band: rejects, phases, timeEnd, n })
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

function bandChart({ id, title, yTitle, band, phases, timeEnd, n, baseline }: BandChartInput): ChartSpec {
  const medianName = `median of ${n}`;
  const series = [medianName, ...(baseline ? [baseline.label] : [])];
  const style: SeriesStyle = { yTitle, colorTitle: 'line', series, strong: [medianName] };
  const points = [
    ...band.map((b) => ({ t: b.t, value: b.median, series: medianName, min: b.min, max: b.max })),
    ...(baseline ? baseline.totals.map((p) => ({ t: p.t, value: p.completedPerS, series: baseline.label })) : []),
  ];
  const bandLayer: Layer = {
    data: { name: BAND_DATASET },
    mark: { type: 'area', opacity: 0.22, clip: true, color: { expr: FOREGROUND_SIGNAL } },
    encoding: {
      x: { field: 't', type: 'quantitative' },
      y: { field: 'min', type: 'quantitative' },
      y2: { field: 'max' },
    },
  };
  const line = lineLayer(SERIES_DATASET, style);
  // The baseline dashed, so it reads as the reference it is.
  (line as { encoding: Record<string, unknown> }).encoding.strokeDash = {
    condition: { test: `datum.series === ${JSON.stringify(baseline?.label ?? '')}`, value: [5, 3] },
    value: [1, 0],
  };
  const hover = hoverPointLayer(SERIES_DATASET, style, `${id}_hover`) as { encoding: { tooltip: unknown[] } };
  hover.encoding.tooltip = [
    ...hover.encoding.tooltip,
    { field: 'min', type: 'quantitative', title: 'min of the repeats', format: ',.2~f' },
    { field: 'max', type: 'quantitative', title: 'max of the repeats', format: ',.2~f' },
  ];
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: 'shaded: the spread of the repeats at each tick' },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    params: [
      { name: FOREGROUND_SIGNAL, value: '#888888' },
      { name: HINT_SIGNAL, value: '#cca700' },
    ],
    datasets: {
      [SERIES_DATASET]: points as unknown as Record<string, unknown>[],
      [BAND_DATASET]: band as unknown as Record<string, unknown>[],
      [PHASES_DATASET]: phases as unknown as Record<string, unknown>[],
      [EXTENT_DATASET]: [{ t: 0 }, { t: timeEnd }],
    },
    layer: [phaseBandLayer(PHASES_DATASET), phaseLabelLayer(PHASES_DATASET), extentLayer(EXTENT_DATASET), bandLayer, line, hover as Layer],
  };
  return { id, title, spec };
}
