// The output item the extension writes and the notebook renderer (media/renderer.ts) draws:
// charts already compiled to Vega, so the renderer bundle needs vega but not vega-lite.
// Saved in the notebook with the other outputs; `version` lets a later renderer refuse (with a
// message) a payload it does not understand instead of drawing nonsense.

import type { Spec as VegaSpec } from 'vega';

export const CHARTS_MIME = 'application/vnd.stressnb.charts+json';
export const CHARTS_PAYLOAD_VERSION = 1;

/** A Vega signal that charts read for their foreground colour; the renderer sets it to the editor theme's. */
export const FOREGROUND_SIGNAL = 'stressnbForeground';
/** A Vega signal that charts read for the colour of the triage hints' windows; the renderer sets it from the theme. */
export const HINT_SIGNAL = 'stressnbHint';

/**
 * The name of a run chart's hover layer: its Vega marks are `stressnbHover_marks` (a transparent
 * dot per point) and `stressnbHover_voronoi` (a cell per point that carries the tooltip). A static
 * picture (the exported report) leaves them out: they show nothing without a pointer.
 */
export const HOVER_LAYER = 'stressnbHover';

/**
 * The field of a sweep chart's data that holds a point's index in its grid. A chart whose Vega
 * spec has `usermeta.openPoint` set to this field lets a click on a mark open that point as a
 * cell (src/contracts/openPointMessage.ts).
 */
export const SWEEP_POINT_FIELD = 'stressnbPoint';

/** A chart: its Vega spec, or for a chart with nothing to show (no rejects at all) one line instead. */
export type CompiledChart = { id: string; title: string } & ({ vega: VegaSpec; note?: undefined } | { note: string; vega?: undefined });

export interface ChartsPayload {
  version: typeof CHARTS_PAYLOAD_VERSION;
  charts: CompiledChart[];
}

/** Checks the shape of a payload read from an output item; throws a message saying what is wrong. */
export function readChartsPayload(value: unknown): ChartsPayload {
  if (!isObject(value)) throw new Error(`charts output is not a JSON object (got ${typeName(value)})`);
  if (value.version !== CHARTS_PAYLOAD_VERSION) {
    throw new Error(
      `charts output has version ${JSON.stringify(value.version)}; this version of stressnb draws version ${CHARTS_PAYLOAD_VERSION}. Run the cell again to redraw it.`,
    );
  }
  if (!Array.isArray(value.charts)) throw new Error(`charts output has no "charts" list (got ${typeName(value.charts)})`);
  value.charts.forEach((chart: unknown, i: number) => {
    if (!isObject(chart)) throw new Error(`chart ${i} is not an object (got ${typeName(chart)})`);
    if (typeof chart.id !== 'string' || chart.id === '') throw new Error(`chart ${i} has no "id"`);
    if (typeof chart.title !== 'string') throw new Error(`chart "${chart.id}" has no "title"`);
    if (typeof chart.note === 'string' && chart.vega === undefined) return;
    if (!isObject(chart.vega)) throw new Error(`chart "${chart.id}" has no Vega spec ("vega" is ${typeName(chart.vega)}) and no note`);
  });
  return value as unknown as ChartsPayload;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}
