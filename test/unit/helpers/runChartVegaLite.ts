// The Vega-Lite design of a run chart: what src/charts/runChartVega.ts builds as Vega.
// The charts were designed in Vega-Lite and drawn from its compiled Vega until version 2 of the
// charts payload; the extension no longer compiles them (the renderer builds their Vega from the
// figures), and chartsVega.unit.test.ts compiles this design and checks that runChartVega gives
// the same spec. A change of the charts' look is made in both.
//
// The shape every run chart shares: a time axis that spans the run (its planned length while it
// runs), the run's phases as shaded bands with labels, the triage hints' windows as labelled
// bands, a layer of lines from one named dataset, and a value tooltip on the point nearest the
// pointer. Data are inline (`datasets`), under fixed names, so a renderer can swap the values of a
// drawn chart without rebuilding it. No theme colours: axes, legends and the category palette come
// from the renderer's config, and the few marks that need the foreground or the hint colour read
// the FOREGROUND_SIGNAL and HINT_SIGNAL parameters.

import type { TopLevelSpec } from 'vega-lite';
import { FOREGROUND_SIGNAL, HINT_SIGNAL, HOVER_LAYER, type RunLineChart } from '../../../src/contracts/chartsPayload';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  EXTENT_DATASET,
  HINTS_DATASET,
  PHASES_DATASET,
  SERIES_DATASET,
  type RunChartFigures,
} from '../../../src/charts/runChartVega';

type LayeredSpec = Extract<TopLevelSpec, { layer: unknown[] }>;
type Layer = LayeredSpec['layer'][number];

/** How the series of a chart are told apart. */
interface SeriesStyle {
  yTitle: string;
  colorTitle: string;
  /** The coloured series, in legend order; points without a series (grey lines) are drawn thin and grey. */
  series: string[];
  strong: string[];
}

const SHADED_PHASES = ['warmup', 'cooldown'];
const X_AXIS = { title: 't (s)' };
// Legends above the plot, so every chart's plot has the same width and the time axes line up.
// Line symbols, though the hover layer (dots) shares the legend.
const LEGEND = { orient: 'top', direction: 'horizontal', labelLimit: 240, symbolType: 'stroke' } as const;
/** Lines outside the coloured series: visible as the crowd they are, not as a colour each. */
const GREY = '#888888';
const HINT_LABEL_TOP = 14;
const HINT_LABEL_ROW = 11;

function phaseBandLayer(data: string): Layer {
  return {
    data: { name: data },
    transform: [{ filter: { field: 'phase', oneOf: SHADED_PHASES } }],
    mark: { type: 'rect', fill: { expr: FOREGROUND_SIGNAL }, opacity: 0.1 },
    encoding: {
      x: { field: 'start', type: 'quantitative', axis: X_AXIS },
      x2: { field: 'end' },
    },
  };
}

/**
 * Where a phase label sits: centred on its band, unless that would run past an edge of the plot (a
 * short cooldown at the end of the run), where it is aligned to that edge instead. Its half
 * width is estimated from its length (10 px type).
 */
const LABEL_X = "scale('x', datum.middle)";
const LABEL_HALF = 'length(datum.phase) * 3.2';
const LABEL_PAST_RIGHT = `${LABEL_X} + ${LABEL_HALF} > width`;
const LABEL_PAST_LEFT = `${LABEL_X} - ${LABEL_HALF} < 0`;

function phaseLabelLayer(data: string): Layer {
  return {
    data: { name: data },
    transform: [{ calculate: '(datum.start + datum.end) / 2', as: 'middle' }],
    mark: {
      type: 'text',
      baseline: 'top',
      dy: 3,
      fontSize: 10,
      fill: { expr: FOREGROUND_SIGNAL },
      opacity: 0.75,
      align: { expr: `${LABEL_PAST_RIGHT} ? 'right' : ${LABEL_PAST_LEFT} ? 'left' : 'center'` },
      dx: { expr: `${LABEL_PAST_RIGHT} ? width - ${LABEL_X} - 3 : ${LABEL_PAST_LEFT} ? 3 - ${LABEL_X} : 0` },
    },
    encoding: {
      x: { field: 'middle', type: 'quantitative', axis: X_AXIS },
      y: { value: 0 },
      text: { field: 'phase', type: 'nominal' },
    },
  };
}

/** A hint's window as a band, with a line where it starts (a one-tick window is still seen). */
function hintBandLayers(data: string): Layer[] {
  return [
    {
      data: { name: data },
      mark: { type: 'rect', fill: { expr: HINT_SIGNAL }, opacity: 0.16 },
      encoding: {
        x: { field: 'from', type: 'quantitative', axis: X_AXIS },
        x2: { field: 'to' },
      },
    },
    {
      data: { name: data },
      mark: { type: 'rule', stroke: { expr: HINT_SIGNAL }, strokeWidth: 1.5, strokeDash: [4, 2] },
      encoding: { x: { field: 'from', type: 'quantitative', axis: X_AXIS } },
    },
  ];
}

/** The hint labels, in rows below the phase labels, with the hint in words on hover. */
function hintLabelLayer(data: string): Layer {
  return {
    data: { name: data },
    transform: [{ calculate: `${HINT_LABEL_TOP} + ${HINT_LABEL_ROW} * datum.row`, as: 'labelY' }],
    mark: {
      type: 'text',
      align: 'left',
      baseline: 'top',
      dx: 3,
      fontSize: 10,
      fontWeight: 'bold',
      fill: { expr: HINT_SIGNAL },
      limit: 220,
    },
    encoding: {
      x: { field: 'from', type: 'quantitative', axis: X_AXIS },
      y: { field: 'labelY', type: 'quantitative', scale: null },
      text: { field: 'label', type: 'nominal' },
      tooltip: [
        { field: 'rule', type: 'nominal', title: 'triage hint' },
        { field: 'where', type: 'nominal', title: 'partitions' },
        { field: 'window', type: 'nominal', title: 'window' },
        { field: 'message', type: 'nominal', title: 'likely cause' },
      ],
    },
  };
}

/** Invisible marks at t = 0 and at the end of the axis: the time axis spans the whole run. */
function extentLayer(data: string): Layer {
  return {
    data: { name: data },
    mark: { type: 'rule', opacity: 0 },
    encoding: { x: { field: 't', type: 'quantitative', axis: X_AXIS } },
  };
}

/** A point of a grey line: it has a label but no colour series. */
const IS_GREY = '!datum.series';

/** x, y and colour of the series; the line layer owns the scales' settings, the hover layer shares them. */
function seriesEncoding(style: SeriesStyle, withScales: boolean) {
  return {
    x: { field: 't', type: 'quantitative' as const, axis: X_AXIS, ...(withScales ? { scale: { nice: false } } : {}) },
    // unionWith [0, 1]: a series of small values still gets a readable axis.
    y: {
      field: 'value',
      type: 'quantitative' as const,
      axis: { title: style.yTitle },
      ...(withScales ? { scale: { domain: { unionWith: [0, 1] } } } : {}),
    },
    color: {
      condition: { test: IS_GREY, value: GREY },
      field: 'series',
      type: 'nominal' as const,
      title: style.colorTitle,
      scale: { domain: style.series },
      legend: LEGEND,
    },
  };
}

function lineLayer(data: string, style: SeriesStyle): Layer {
  return {
    data: { name: data },
    mark: { type: 'line', clip: true },
    encoding: {
      ...seriesEncoding(style, true),
      // The grey lines share one colour series: `label` keeps each a line of its own.
      detail: { field: 'label', type: 'nominal' },
      strokeWidth: {
        condition: [
          { test: { field: 'series', oneOf: style.strong }, value: 3 },
          { test: IS_GREY, value: 1 },
        ],
        value: 1.5,
      },
      strokeOpacity: { condition: { test: IS_GREY, value: 0.45 }, value: 1 },
    },
  };
}

/**
 * A dot on the point nearest the pointer, with its values as a tooltip: Vega-Lite's `nearest`
 * selection adds a Voronoi cell per point that carries the tooltip.
 */
function hoverPointLayer(data: string, style: SeriesStyle, param: string): Layer {
  return {
    name: HOVER_LAYER,
    data: { name: data },
    transform: [{ calculate: 'datum.label || datum.series', as: 'name' }],
    params: [{ name: param, select: { type: 'point', nearest: true, on: 'pointermove', clear: 'pointerout' } }],
    mark: { type: 'point', filled: true, size: 50, clip: true },
    encoding: {
      ...seriesEncoding(style, false),
      opacity: { condition: { param, empty: false, value: 1 }, value: 0 },
      tooltip: [
        { field: 'name', type: 'nominal', title: style.colorTitle },
        { field: 't', type: 'quantitative', title: 't (s)', format: ',.3~f' },
        { field: 'value', type: 'quantitative', title: style.yTitle, format: ',.2~f' },
      ],
    },
  };
}

/** A run chart's Vega-Lite spec, its figures inline. */
export function runChartVegaLite(chart: RunLineChart, figures: RunChartFigures): TopLevelSpec {
  const { id, title, subtitle, yTitle, colorTitle, series, strong } = chart;
  const style: SeriesStyle = { yTitle, colorTitle, series, strong };
  return {
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
      [SERIES_DATASET]: figures.points as unknown as Record<string, unknown>[],
      [PHASES_DATASET]: figures.phases as unknown as Record<string, unknown>[],
      [HINTS_DATASET]: figures.hints as unknown as Record<string, unknown>[],
      [EXTENT_DATASET]: [{ t: 0 }, { t: figures.timeEnd }],
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
}
