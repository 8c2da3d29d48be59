// The Vega-Lite shape every stressnb chart shares: a time axis that spans the run (its planned
// length while it runs), the run's phases as shaded bands with labels, the triage hints' windows
// as labelled bands, a layer of lines from one named dataset, and a value tooltip on the point
// nearest the pointer. Data are inline (`datasets`), under fixed names, so a renderer can swap the
// values of a drawn chart without rebuilding it.
//
// A chart with nothing to show (every value 0) is not drawn at all: its `note` says so in one line.
//
// No theme colours here: axes, legends and the category palette come from the renderer's config,
// and the few marks that need the foreground or the hint colour read the FOREGROUND_SIGNAL and
// HINT_SIGNAL parameters, which the renderer sets from the editor theme (the defaults are readable
// on light and dark).

import type { TopLevelSpec } from 'vega-lite';
import { FOREGROUND_SIGNAL, HINT_SIGNAL } from '../contracts/chartsPayload';
import type { PhaseWindow } from './chartData';
import { extentLayer, hintBandLayers, hintLabelLayer, hoverPointLayer, lineLayer, phaseBandLayer, phaseLabelLayer, type SeriesStyle } from './chartLayers';

export interface ChartSpec {
  /** Stable across the updates of one run: the renderer updates a chart in place by id. */
  id: string;
  title: string;
  /** The Vega-Lite spec; absent when the chart has nothing to show. */
  spec?: TopLevelSpec;
  /** One line that stands for a chart with nothing to show (e.g. no rejects at all). */
  note?: string;
}

export const SERIES_DATASET = 'series';
export const PHASES_DATASET = 'phases';
export const HINTS_DATASET = 'hints';
export const EXTENT_DATASET = 'extent';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 140;
/**
 * One point of a line: `series` picks the line's colour. A point of a grey line (a partition that
 * does not stand out, at many partitions) has no series but a `label` with its name ("p17").
 */
export type LinePoint = { t: number; value: number } & ({ series: string; label?: undefined } | { label: string; series?: undefined });

/** A triage hint's window as drawn: a band from `from` to `to` with a label in row `row`. */
export interface HintBand {
  rule: string;
  /** The band's label, e.g. "release-missing · p1". */
  label: string;
  from: number;
  to: number;
  row: number;
  /** For the tooltip: the partitions and the window in words, and the likely cause. */
  where: string;
  window: string;
  message: string;
}

export interface LineChartInput {
  id: string;
  title: string;
  /** A second title line (e.g. how many partitions are drawn grey). */
  subtitle?: string;
  yTitle: string;
  colorTitle: string;
  /**
   * Every coloured series, in legend order. Part of the spec rather than derived from the data:
   * a drawn legend is not laid out again when its labels change, so a change of labels (a
   * partition becomes hot) changes the spec and the renderer redraws instead of updating.
   */
  series: string[];
  /** The series drawn thicker (the hot partition, this run against its baseline). */
  strong: string[];
  points: LinePoint[];
  phases: PhaseWindow[];
  hints: HintBand[];
  /** The end of the time axis (the axis also reaches every point, phase and hint). */
  timeEnd: number;
}

export function lineChart(input: LineChartInput): ChartSpec {
  const { id, title, subtitle, yTitle, colorTitle, series, strong, points, phases, hints, timeEnd } = input;
  const style: SeriesStyle = { yTitle, colorTitle, series, strong };
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle ? { text: title, subtitle } : title,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    params: [
      { name: FOREGROUND_SIGNAL, value: '#888888' },
      { name: HINT_SIGNAL, value: '#cca700' },
    ],
    datasets: {
      [SERIES_DATASET]: points as unknown as Record<string, unknown>[],
      [PHASES_DATASET]: phases as unknown as Record<string, unknown>[],
      [HINTS_DATASET]: hints as unknown as Record<string, unknown>[],
      [EXTENT_DATASET]: [{ t: 0 }, { t: timeEnd }],
    },
    // Layer order is drawing order: the hover layer adds a pointer-catching cell per point above
    // everything before it, so only the hint labels (with their own tooltip) come after it.
    layer: [
      phaseBandLayer(PHASES_DATASET),
      ...hintBandLayers(HINTS_DATASET),
      phaseLabelLayer(PHASES_DATASET),
      extentLayer(EXTENT_DATASET),
      lineLayer(SERIES_DATASET, style),
      hoverPointLayer(SERIES_DATASET, style, `${id}_hover`),
      hintLabelLayer(HINTS_DATASET),
    ],
  };
  return { id, title, spec };
}
