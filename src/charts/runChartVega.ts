// The Vega spec of one run chart, built from what the chart shows and its figures: what the
// notebook renderer (media/) and the exported report draw for a version-2 charts payload
// (src/contracts/chartsPayload.ts). Plain data in, plain data out, no vega-lite: the renderer bundle
// ships vega only, and the notebook file stores each run's figures once rather than this spec.
//
// The layers, in drawing order: the shaded warmup and cooldown, the triage hints' windows (a band
// and a dashed line where each starts), the phase labels, an invisible rule at t = 0 and at the
// end of the axis (the time axis spans the run), the lines (one per series, or per grey label),
// a hover layer (a dot on the point nearest the pointer, with its values as a tooltip, through a
// Voronoi cell per point) and the hint labels, which carry their own tooltip.
//
// The charts were designed in Vega-Lite; this is what Vega-Lite 6 compiles that design to, signal
// for signal, and a unit test (chartsVega.unit.test.ts) compiles the Vega-Lite design and checks
// that this builder gives the same spec for every kind of chart. Change both together.

import type { Spec as VegaSpec } from 'vega';
import { FOREGROUND_SIGNAL, HINT_SIGNAL, HOVER_LAYER, type HintBand, type PhaseBand, type RunLineChart } from '../contracts/chartsPayload';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 140;

/** Names of the chart's data sets: a renderer pours new values into them to update a drawn chart. */
export const SERIES_DATASET = 'series';
export const PHASES_DATASET = 'phases';
export const HINTS_DATASET = 'hints';
export const EXTENT_DATASET = 'extent';

/**
 * One point of a line: `series` picks the line's colour. A point of a grey line (a partition that
 * does not stand out, at many partitions) has no series but a `label` with its name ("p17").
 */
export type LinePoint = { t: number; value: number } & ({ series: string; label?: undefined } | { label: string; series?: undefined });

export interface RunChartFigures {
  points: LinePoint[];
  phases: PhaseBand[];
  hints: HintBand[];
  /** The end of the time axis (the axis also reaches every point, phase and hint). */
  timeEnd: number;
}

/** Lines outside the coloured series: visible as the crowd they are, not as a colour each. */
const GREY = '#888888';
const SHADED_PHASES = ['warmup', 'cooldown'];
const HINT_LABEL_TOP = 14;
const HINT_LABEL_ROW = 11;
const X_TITLE = 't (s)';
/** A point of a grey line: it has a label but no colour series. */
const IS_GREY = '!datum.series';

/**
 * Where a phase label sits: centred on its band, unless that would run past an edge of the plot (a
 * short cooldown at the end of the run), where it is aligned to that edge instead. Its half
 * width is estimated from its length (10 px type).
 */
const LABEL_X = "scale('x', datum.middle)";
const LABEL_HALF = 'length(datum.phase) * 3.2';
const LABEL_PAST_RIGHT = `${LABEL_X} + ${LABEL_HALF} > width`;
const LABEL_PAST_LEFT = `${LABEL_X} - ${LABEL_HALF} < 0`;

export function runChartVega(chart: RunLineChart, figures: RunChartFigures): VegaSpec {
  const hover = `${chart.id}_hover`;
  const store = `${hover}_store`;
  return {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    autosize: { type: 'fit-x', contains: 'padding' },
    padding: 5,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    title: { text: chart.title, ...(chart.subtitle ? { subtitle: chart.subtitle } : {}), frame: 'group' },
    style: 'cell',
    data: [
      { name: store, transform: [{ type: 'collect', sort: { field: '_vgsid_' } }] },
      { name: PHASES_DATASET, format: {}, values: figures.phases },
      { name: HINTS_DATASET, format: {}, values: figures.hints },
      { name: EXTENT_DATASET, values: [{ t: 0 }, { t: figures.timeEnd }] },
      { name: SERIES_DATASET, format: {}, values: figures.points },
      {
        name: 'data_0',
        source: PHASES_DATASET,
        transform: [
          { type: 'formula', expr: 'toString(datum["phase"])', as: 'phase' },
          { type: 'identifier', as: '_vgsid_' },
        ],
      },
      {
        name: 'data_1',
        source: 'data_0',
        transform: [
          { type: 'filter', expr: `indexof(${JSON.stringify(SHADED_PHASES)}, datum["phase"]) !== -1` },
          { type: 'filter', expr: valid('start') },
        ],
      },
      {
        name: 'data_2',
        source: 'data_0',
        transform: [
          { type: 'formula', expr: '(datum.start + datum.end) / 2', as: 'middle' },
          { type: 'filter', expr: valid('middle') },
        ],
      },
      { name: 'data_3', source: HINTS_DATASET, transform: [{ type: 'identifier', as: '_vgsid_' }] },
      { name: 'data_4', source: 'data_3', transform: [{ type: 'filter', expr: valid('from') }] },
      {
        name: 'data_5',
        source: 'data_3',
        transform: [
          { type: 'formula', expr: `${HINT_LABEL_TOP} + ${HINT_LABEL_ROW} * datum.row`, as: 'labelY' },
          { type: 'filter', expr: `${valid('from')} && ${valid('labelY')}` },
        ],
      },
      {
        name: 'data_6',
        source: EXTENT_DATASET,
        transform: [
          { type: 'identifier', as: '_vgsid_' },
          { type: 'filter', expr: valid('t') },
        ],
      },
      {
        name: 'data_7',
        source: SERIES_DATASET,
        transform: [
          { type: 'formula', expr: 'toNumber(datum["t"])', as: 't' },
          { type: 'identifier', as: '_vgsid_' },
        ],
      },
      {
        name: 'data_8',
        source: 'data_7',
        transform: [
          { type: 'formula', expr: 'datum.label || datum.series', as: 'name' },
          { type: 'filter', expr: `${valid('t')} && ${valid('value')}` },
        ],
      },
    ],
    signals: [
      { name: 'unit', value: {}, on: [{ events: 'pointermove', update: 'isTuple(group()) ? group() : unit' }] },
      { name: hover, update: `vlSelectionResolve(${JSON.stringify(store)}, "union", true, true)` },
      { name: FOREGROUND_SIGNAL, value: '#888888' },
      { name: HINT_SIGNAL, value: '#cca700' },
      {
        name: `${hover}_tuple`,
        on: [
          {
            events: [{ source: 'scope', type: 'pointermove', markname: `${HOVER_LAYER}_voronoi` }],
            update: `datum && item().mark.marktype !== 'group' && indexof(item().mark.role, 'legend') < 0 ? {unit: ${JSON.stringify(HOVER_LAYER)}, _vgsid_: (item().isVoronoi ? datum.datum : datum)["_vgsid_"]} : null`,
            force: true,
          },
          { events: [{ source: 'view', type: 'pointerout' }], update: 'null' },
        ],
      },
      {
        name: `${hover}_toggle`,
        value: false,
        on: [
          { events: [{ source: 'scope', type: 'pointermove', markname: `${HOVER_LAYER}_voronoi` }], update: 'event.shiftKey' },
          { events: [{ source: 'view', type: 'pointerout' }], update: 'false' },
        ],
      },
      {
        name: `${hover}_modify`,
        on: [
          {
            events: { signal: `${hover}_tuple` },
            update: `modify(${JSON.stringify(store)}, ${hover}_toggle ? null : ${hover}_tuple, ${hover}_toggle ? null : true, ${hover}_toggle ? ${hover}_tuple : null)`,
          },
        ],
      },
    ],
    marks: [
      {
        name: 'layer_0_marks',
        type: 'rect',
        style: ['rect'],
        interactive: false,
        from: { data: 'data_1' },
        encode: {
          update: {
            opacity: { value: 0.1 },
            fill: { signal: FOREGROUND_SIGNAL },
            description: { signal: describe([numberField('start'), numberField('end')]) },
            x: { scale: 'x', field: 'start' },
            x2: { scale: 'x', field: 'end' },
            y: { value: 0 },
            y2: { field: { group: 'height' } },
          },
        },
      },
      {
        name: 'layer_1_marks',
        type: 'rect',
        style: ['rect'],
        interactive: false,
        from: { data: 'data_4' },
        encode: {
          update: {
            opacity: { value: 0.16 },
            fill: { signal: HINT_SIGNAL },
            description: { signal: describe([numberField('from'), numberField('to')]) },
            x: { scale: 'x', field: 'from' },
            x2: { scale: 'x', field: 'to' },
            y: { value: 0 },
            y2: { field: { group: 'height' } },
          },
        },
      },
      {
        name: 'layer_2_marks',
        type: 'rule',
        style: ['rule'],
        interactive: false,
        from: { data: 'data_4' },
        encode: {
          update: {
            stroke: { signal: HINT_SIGNAL },
            strokeWidth: { value: 1.5 },
            strokeDash: { value: [4, 2] },
            description: { signal: describe([numberField('from')]) },
            x: { scale: 'x', field: 'from' },
            y: { value: 0 },
            y2: { field: { group: 'height' } },
          },
        },
      },
      {
        name: 'layer_3_marks',
        type: 'text',
        style: ['text'],
        interactive: false,
        from: { data: 'data_2' },
        encode: {
          update: {
            opacity: { value: 0.75 },
            fill: { signal: FOREGROUND_SIGNAL },
            align: { signal: `${LABEL_PAST_RIGHT} ? 'right' : ${LABEL_PAST_LEFT} ? 'left' : 'center'` },
            baseline: { value: 'top' },
            dx: { signal: `${LABEL_PAST_RIGHT} ? width - ${LABEL_X} - 3 : ${LABEL_PAST_LEFT} ? 3 - ${LABEL_X} : 0` },
            dy: { value: 3 },
            fontSize: { value: 10 },
            description: { signal: describe([numberField('middle'), textField('phase', 'phase')]) },
            x: { scale: 'x', field: 'middle' },
            y: { value: 0 },
            text: { signal: 'isValid(datum["phase"]) ? datum["phase"] : ""+datum["phase"]' },
          },
        },
      },
      {
        name: 'layer_4_marks',
        type: 'rule',
        style: ['rule'],
        interactive: false,
        from: { data: 'data_6' },
        encode: {
          update: {
            opacity: { value: 0 },
            stroke: { value: 'black' },
            description: { signal: describe([numberField('t')]) },
            x: { scale: 'x', field: 't' },
            y: { value: 0 },
            y2: { field: { group: 'height' } },
          },
        },
      },
      {
        name: 'layer_5_pathgroup',
        type: 'group',
        from: { facet: { name: 'faceted_path_layer_5_main', data: 'data_7', groupby: ['series', 'label'] } },
        encode: { update: { width: { field: { group: 'width' } }, height: { field: { group: 'height' } } } },
        marks: [
          {
            name: 'layer_5_marks',
            type: 'line',
            clip: true,
            style: ['line'],
            sort: { field: 'x' },
            interactive: false,
            from: { data: 'faceted_path_layer_5_main' },
            encode: {
              update: {
                stroke: [
                  { test: IS_GREY, value: GREY },
                  { scale: 'color', field: 'series' },
                ],
                strokeOpacity: [{ test: IS_GREY, value: 0.45 }, { value: 1 }],
                strokeWidth: [
                  { test: `indexof(${JSON.stringify(chart.strong)}, datum["series"]) !== -1`, value: 3 },
                  { test: IS_GREY, value: 1 },
                  { value: 1.5 },
                ],
                description: {
                  signal: describe([
                    numberField('t'),
                    numberField('value'),
                    textField('series', chart.colorTitle),
                    textField('label', 'label'),
                  ]),
                },
                x: { scale: 'x', field: 't' },
                y: { scale: 'y', field: 'value' },
                defined: { signal: `${valid('t')} && ${valid('value')}` },
              },
            },
          },
        ],
      },
      {
        name: `${HOVER_LAYER}_marks`,
        type: 'symbol',
        clip: true,
        style: ['point'],
        interactive: true,
        from: { data: 'data_8' },
        encode: {
          update: {
            opacity: [
              { test: `length(data(${JSON.stringify(store)})) && vlSelectionIdTest(${JSON.stringify(store)}, datum)`, value: 1 },
              { value: 0 },
            ],
            size: { value: 50 },
            cursor: { value: 'pointer' },
            fill: [
              { test: IS_GREY, value: GREY },
              { scale: 'color', field: 'series' },
            ],
            tooltip: { signal: pointTooltip(chart, 'datum') },
            ariaRoleDescription: { value: 'point' },
            description: {
              signal: describe([
                numberField('t'),
                numberField('value'),
                textField('series', chart.colorTitle),
                numberField('t', X_TITLE, ',.3~f'),
                numberField('value', chart.yTitle, ',.2~f'),
              ]),
            },
            x: { scale: 'x', field: 't' },
            y: { scale: 'y', field: 'value' },
          },
        },
      },
      {
        name: `${HOVER_LAYER}_voronoi`,
        type: 'path',
        interactive: true,
        aria: false,
        from: { data: `${HOVER_LAYER}_marks` },
        encode: {
          update: {
            fill: { value: 'transparent' },
            strokeWidth: { value: 0.35 },
            stroke: { value: 'transparent' },
            isVoronoi: { value: true },
            tooltip: { signal: pointTooltip(chart, 'datum.datum') },
          },
        },
        transform: [
          {
            type: 'voronoi',
            x: { expr: 'datum.datum.x || 0' },
            y: { expr: 'datum.datum.y || 0' },
            size: [{ signal: 'width' }, { signal: 'height' }],
          },
        ],
      },
      {
        name: 'layer_7_marks',
        type: 'text',
        style: ['text'],
        interactive: true,
        from: { data: 'data_5' },
        encode: {
          update: {
            fill: { signal: HINT_SIGNAL },
            align: { value: 'left' },
            baseline: { value: 'top' },
            dx: { value: 3 },
            limit: { value: 220 },
            fontSize: { value: 10 },
            fontWeight: { value: 'bold' },
            tooltip: { signal: tooltipObject(HINT_TOOLTIP.map(([field, title]) => [title, textValue('datum', field, '\\n')])) },
            description: {
              signal: describe([
                numberField('from'),
                numberField('labelY'),
                textField('label', 'label'),
                ...HINT_TOOLTIP.map(([field, title]) => textField(field, title)),
              ]),
            },
            x: { scale: 'x', field: 'from' },
            y: { field: 'labelY' },
            text: { signal: 'isValid(datum["label"]) ? datum["label"] : ""+datum["label"]' },
          },
        },
      },
    ],
    scales: [
      {
        name: 'x',
        type: 'linear',
        domain: {
          fields: [
            { data: 'data_1', field: 'start' },
            { data: 'data_1', field: 'end' },
            { data: 'data_4', field: 'from' },
            { data: 'data_4', field: 'to' },
            { data: 'data_2', field: 'middle' },
            { data: 'data_6', field: 't' },
            { data: 'data_7', field: 't' },
            { data: 'data_8', field: 't' },
            { data: 'data_5', field: 'from' },
          ],
        },
        range: [0, { signal: 'width' }],
        nice: false,
        zero: true,
      },
      // [0, 1] in the domain: a series of small values still gets a readable axis.
      {
        name: 'y',
        type: 'linear',
        domain: { fields: [[0, 1], { data: 'data_7', field: 'value' }] },
        range: [{ signal: 'height' }, 0],
        nice: true,
        zero: false,
      },
      { name: 'color', type: 'ordinal', domain: chart.series, range: 'category' },
    ],
    axes: [
      gridAxis('x', 'bottom', 'y', 'width'),
      gridAxis('y', 'left', 'x', 'height'),
      {
        scale: 'x',
        orient: 'bottom',
        grid: false,
        title: X_TITLE,
        labelFlush: true,
        labelOverlap: true,
        tickCount: { signal: 'ceil(width/40)' },
        zindex: 0,
      },
      {
        scale: 'y',
        orient: 'left',
        grid: false,
        title: chart.yTitle,
        labelOverlap: true,
        tickCount: { signal: 'ceil(height/40)' },
        zindex: 0,
      },
    ],
    // Above the plot, so every chart's plot has the same width and the time axes line up; line
    // symbols, though the hover layer (dots) shares the legend.
    legends: [
      {
        direction: 'horizontal',
        labelLimit: 240,
        orient: 'top',
        symbolType: 'stroke',
        title: chart.colorTitle,
        stroke: 'color',
        fill: 'color',
        encode: { symbols: { update: { opacity: { value: 1 } } } },
      },
    ],
  } as VegaSpec;
}

/** The hint label's tooltip: field and title. */
const HINT_TOOLTIP: readonly (readonly [string, string])[] = [
  ['rule', 'triage hint'],
  ['where', 'partitions'],
  ['window', 'window'],
  ['message', 'likely cause'],
];

const valid = (field: string): string => `isValid(datum[${JSON.stringify(field)}]) && isFinite(+datum[${JSON.stringify(field)}])`;

/** `datum["f"]` as text, a list joined by `separator`. */
function textValue(datum: string, field: string, separator: string): string {
  const ref = `${datum}[${JSON.stringify(field)}]`;
  return `isValid(${ref}) ? isArray(${ref}) ? join(${ref}, '${separator}') : ${ref} : ""+${ref}`;
}

/** A part of a mark's accessible description: its title and the expression of its value. */
type Described = readonly [title: string, expr: string];

const numberField = (field: string, title = field, format = ''): Described => [
  title,
  `format(datum[${JSON.stringify(field)}], ${JSON.stringify(format)})`,
];
const textField = (field: string, title: string): Described => [title, textValue('datum', field, ' ')];

/** `"a: " + (x) + "; b: " + (y)`: the description Vega-Lite gives a mark (aria). */
function describe(parts: readonly Described[]): string {
  return parts.map(([title, expr], i) => `${JSON.stringify(`${i === 0 ? '' : '; '}${title}: `)} + (${expr})`).join(' + ');
}

function tooltipObject(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([title, expr]) => `${JSON.stringify(title)}: ${expr}`).join(', ')}}`;
}

/** The hovered point's name (partition or run), time and value. */
function pointTooltip(chart: RunLineChart, datum: string): string {
  return tooltipObject([
    [chart.colorTitle, textValue(datum, 'name', '\\n')],
    [X_TITLE, `format(${datum}["t"], ",.3~f")`],
    [chart.yTitle, `format(${datum}["value"], ",.2~f")`],
  ]);
}

function gridAxis(scale: 'x' | 'y', orient: 'bottom' | 'left', gridScale: 'x' | 'y', extent: 'width' | 'height') {
  return {
    scale,
    orient,
    gridScale,
    grid: true,
    tickCount: { signal: `ceil(${extent}/40)` },
    domain: false,
    labels: false,
    aria: false,
    maxExtent: 0,
    minExtent: 0,
    ticks: false,
    zindex: 0,
  };
}
