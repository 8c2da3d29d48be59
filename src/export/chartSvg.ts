// The charts of a run as SVG text, drawn here rather than in a browser: the same Vega specs the
// notebook's renderer draws from the charts output item (chartsToDraw), through a headless Vega View
// (renderer 'none', toSVG) with the CSP-safe expression interpreter (`ast: true`), like media/.
//
// The pictures carry no theme: text, axes and the phase bands are `currentColor`, so an inline
// SVG takes its page's text colour (light, dark, print), and a standalone .svg file gets a small
// style that follows prefers-color-scheme. The line palette reads on light and dark alike.
//
// vega is loaded with a dynamic import on first use (see src/charts/compileCharts.ts:
// its vega-canvas has a top-level await; the Node bundles alias it to the browser build).

import type { Config, LoggerInterface, Spec } from 'vega';
import { chartsToDraw } from '../charts/chartsToDraw';
import { FOREGROUND_SIGNAL, HOVER_LAYER, type ChartsPayload } from '../contracts/chartsPayload';
import { errorMessage } from '../contracts/errorMessage';

/** One chart drawn, a chart with nothing to show (its one-line note), or why it could not be drawn. */
export type ChartPicture = { id: string; title: string } & ({ svg: string } | { note: string } | { error: string });

/** Width of every exported chart in CSS pixels (a page scales it down on narrow screens). */
export const EXPORT_CHART_WIDTH = 720;

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const INK = 'currentColor';
// Tableau-like hues with enough contrast on white and on a dark grey.
const PALETTE = ['#3b7dd8', '#f08a24', '#3aa655', '#e0484d', '#9a6fc4', '#c9a227', '#1fa3b3', '#e0709a', '#a07a5a', '#8a8a8a'];

const CONFIG: Config = {
  background: 'transparent',
  font: FONT,
  title: { color: INK, subtitleColor: INK, font: FONT, subtitleFont: FONT, fontSize: 13, fontWeight: 600, anchor: 'start' },
  axis: {
    labelColor: INK,
    titleColor: INK,
    labelFont: FONT,
    titleFont: FONT,
    domainColor: INK,
    domainOpacity: 0.45,
    tickColor: INK,
    tickOpacity: 0.45,
    gridColor: INK,
    gridOpacity: 0.12,
  },
  legend: { labelColor: INK, titleColor: INK, labelFont: FONT, titleFont: FONT },
  text: { fill: INK, font: FONT },
  range: { category: PALETTE },
  style: {
    'guide-label': { fill: INK, font: FONT },
    'guide-title': { fill: INK, font: FONT },
    'group-title': { fill: INK, font: FONT },
    cell: { stroke: INK, strokeOpacity: 0.2 },
  },
} as Config;

/** The style a standalone .svg file carries: its text colour for light and dark pages. */
export const STANDALONE_SVG_STYLE = '<style>svg{color:#24292f}@media (prefers-color-scheme: dark){svg{color:#d0d7de}}</style>';

type Vega = typeof import('vega');
let modules: Promise<{ vega: Vega; interpreter: unknown }> | undefined;

async function loadVega(): Promise<{ vega: Vega; interpreter: unknown }> {
  const [vega, { expressionInterpreter }] = await Promise.all([import('vega'), import('vega-interpreter')]);
  return { vega, interpreter: expressionInterpreter };
}

/**
 * Draws each chart of a payload. `idPrefix` makes the SVGs' internal ids (clip paths) unique
 * within one page that holds the charts of many cells. A chart that cannot be drawn is reported,
 * not thrown: the rest of the report still goes out.
 */
export async function renderChartSvgs(payload: ChartsPayload, idPrefix: string): Promise<ChartPicture[]> {
  const { vega, interpreter } = await (modules ??= loadVega());
  const pictures: ChartPicture[] = [];
  for (const chart of chartsToDraw(payload)) {
    // Each chart is a few hundred milliseconds of work: let the host (the editor's extension
    // host, when the command exports) answer in between.
    if (!chart.vega) {
      pictures.push({ id: chart.id, title: chart.title, note: chart.note });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    try {
      pictures.push({ id: chart.id, title: chart.title, svg: await drawSvg(vega, interpreter, chart.vega, `${idPrefix}-${chart.id}`) });
    } catch (error) {
      pictures.push({ id: chart.id, title: chart.title, error: errorMessage(error) });
    }
  }
  return pictures;
}

async function drawSvg(vega: Vega, interpreter: unknown, spec: Spec, idPrefix: string): Promise<string> {
  const errors: string[] = [];
  const view = new vega.View(vega.parse(withInk(spec), CONFIG, { ast: true }), {
    renderer: 'none',
    expr: interpreter,
    loader: noExternalData(vega),
    logger: collectingLogger(errors),
  });
  try {
    view.width(EXPORT_CHART_WIDTH);
    await view.runAsync();
    const svg = await view.toSVG();
    if (errors.length > 0) throw new Error(errors.join('; '));
    return prefixIds(svg, idPrefix);
  } finally {
    view.finalize();
  }
}

/**
 * The marks that read the foreground signal (phase bands and labels) use the page's colour too;
 * the hover layer (a transparent dot and a Voronoi cell per point) is left out of a picture.
 */
function withInk(spec: Spec): Spec {
  const marks = spec.marks?.filter((m) => !m.name?.startsWith(`${HOVER_LAYER}_`));
  const signals = spec.signals?.map((s) => (s.name === FOREGROUND_SIGNAL ? { ...s, value: INK } : s));
  return { ...spec, ...(marks ? { marks } : {}), ...(signals ? { signals } : {}) } as Spec;
}

/** `id="clip3"` and `url(#clip3)` become `id="cell7-completed-clip3"`: ids stay unique in one page. */
export function prefixIds(svg: string, prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_-]/g, '_');
  return svg.replace(/\bid="([^"]+)"/g, `id="${safe}-$1"`).replace(/url\(#([^)]+)\)/g, `url(#${safe}-$1)`);
}

/** A standalone .svg file: the XML declaration-free SVG with its colour style inside. */
export function standaloneSvg(svg: string): string {
  return `${svg.replace(/^(<svg\b[^>]*>)/, `$1${STANDALONE_SVG_STYLE}`)}\n`;
}

function noExternalData(vega: Vega) {
  const loader = vega.loader();
  loader.sanitize = (uri: string) =>
    Promise.reject(new Error(`exported charts draw only the data saved in the notebook; refused to load ${uri}`));
  return loader;
}

function collectingLogger(errors: string[]): LoggerInterface {
  let level = 0;
  const logger = {
    level: (value?: number) => (value === undefined ? level : ((level = value), logger)),
    error: (...args: unknown[]) => (errors.push(args.map(errorMessage).join(' ')), logger),
    warn: () => logger,
    info: () => logger,
    debug: () => logger,
  } as LoggerInterface;
  return logger;
}
