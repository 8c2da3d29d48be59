// The output item the extension writes and the notebook renderer (media/renderer.ts) draws, in one
// of two versions. Saved in the notebook with the other outputs; `version` lets a later renderer
// refuse (with a message) a payload it does not understand instead of drawing nonsense.
//
//   version 2, kind "run"   a run's charts as data: the figures once (the times of the points
//                           shared by every line, each line's values as a number list,
//                           numberList.ts), and what each chart shows; the renderer and the
//                           exported report build the Vega specs from it with the same pure code
//                           (src/charts/runChartVega.ts). What a run cell writes.
//   version 1               charts already compiled to Vega, data inline: what a sweep cell writes
//                           (src/charts/sweepCharts.ts), and what run cells wrote before
//                           version 2 (notebooks saved then still open and export).
// Neither needs vega-lite where it is drawn: the renderer bundle ships vega only.

import type { Spec as VegaSpec } from 'vega';
import { decodeIndices, decodeNumbers } from './numberList';

export const CHARTS_MIME = 'application/vnd.stressnb.charts+json';
/** Compiled Vega specs (sweeps; runs saved before version 2). */
export const VEGA_CHARTS_VERSION = 1;
/** A run's charts as data. */
export const RUN_CHARTS_VERSION = 2;

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

export interface VegaChartsPayload {
  version: typeof VEGA_CHARTS_VERSION;
  charts: CompiledChart[];
}

/** A phase of the run from its start to the start of the next (seconds). */
export interface PhaseBand {
  phase: string;
  start: number;
  end: number;
}

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

/**
 * One line of a chart: a coloured series (its legend entry) or, for a partition that does not
 * stand out among many, a grey line named by `label` ("p17"). `at` lists the indices of its
 * points' times in the payload's `t` (encodeIndices), `v` their values (encodeNumbers).
 */
export type RunChartLine = ({ series: string; label?: undefined } | { label: string; series?: undefined }) & { at: string; v: string };

/** What a drawn run chart shows besides the figures every chart of the run shares. */
export interface RunLineChart {
  id: string;
  title: string;
  /** A second title line (e.g. how many partitions are drawn grey). */
  subtitle?: string;
  yTitle: string;
  /** The legend's title: "partition", or "run" for this run against its baseline. */
  colorTitle: string;
  /** Every coloured series, in legend order. */
  series: string[];
  /** The series drawn thicker (the hot partition, this run against its baseline). */
  strong: string[];
  lines: RunChartLine[];
  note?: undefined;
}

/** A chart with nothing to show (every value 0): one line instead. */
export interface RunChartNote {
  id: string;
  title: string;
  note: string;
}

export type RunChart = RunLineChart | RunChartNote;

export interface RunChartsPayload {
  version: typeof RUN_CHARTS_VERSION;
  kind: 'run';
  /** Every time (s) a line has a point at, ascending (encodeNumbers): the lines' `at` index it. */
  t: string;
  /** The end of the time axis (the planned run length while the run goes on). */
  timeEnd: number;
  phases: PhaseBand[];
  hints: HintBand[];
  charts: RunChart[];
}

export type ChartsPayload = VegaChartsPayload | RunChartsPayload;

/** Checks a payload read from an output item, figures included; throws a message saying what is wrong. */
export function readChartsPayload(value: unknown): ChartsPayload {
  if (!isObject(value)) throw new Error(`charts output is not a JSON object (got ${typeName(value)})`);
  if (value.version === VEGA_CHARTS_VERSION) return readVegaPayload(value);
  if (value.version === RUN_CHARTS_VERSION) return readRunPayload(value);
  throw new Error(
    `charts output has version ${JSON.stringify(value.version)}; this version of stressnb draws versions ${VEGA_CHARTS_VERSION} and ${RUN_CHARTS_VERSION}. Update stressnb, or run the cell again to redraw it.`,
  );
}

function readVegaPayload(value: Record<string, unknown>): VegaChartsPayload {
  if (!Array.isArray(value.charts)) throw new Error(`charts output has no "charts" list (got ${typeName(value.charts)})`);
  value.charts.forEach((item: unknown, i: number) => {
    const chart = chartHeader(item, i);
    const { id } = chart;
    if (typeof chart.note === 'string' && chart.vega === undefined) return;
    if (!isObject(chart.vega)) throw new Error(`chart "${id}" has no Vega spec ("vega" is ${typeName(chart.vega)}) and no note`);
  });
  return value as unknown as VegaChartsPayload;
}

function readRunPayload(value: Record<string, unknown>): RunChartsPayload {
  if (value.kind !== 'run')
    throw new Error(
      `charts output of version ${RUN_CHARTS_VERSION} has kind ${JSON.stringify(value.kind)}; this version of stressnb draws kind "run"`,
    );
  if (typeof value.t !== 'string') throw new Error(`charts output has no times ("t" is ${typeName(value.t)})`);
  const times = within('the times ("t")', () => decodeNumbers(value.t as string));
  if (!isFiniteNumber(value.timeEnd))
    throw new Error(`charts output has no end of its time axis ("timeEnd" is ${typeName(value.timeEnd)})`);
  listOf(value, 'phases').forEach((phase, i) => {
    if (!isObject(phase) || typeof phase.phase !== 'string' || !isFiniteNumber(phase.start) || !isFiniteNumber(phase.end)) {
      throw new Error(`phases[${i}] must have a "phase" name and numeric "start" and "end"`);
    }
  });
  listOf(value, 'hints').forEach((hint, i) => {
    const ok =
      isObject(hint) &&
      ['rule', 'label', 'where', 'window', 'message'].every((k) => typeof hint[k] === 'string') &&
      ['from', 'to', 'row'].every((k) => isFiniteNumber(hint[k]));
    if (!ok) throw new Error(`hints[${i}] must have "rule", "label", "where", "window", "message" and numeric "from", "to", "row"`);
  });
  listOf(value, 'charts').forEach((item, i) => {
    const chart = chartHeader(item, i);
    const { id } = chart;
    if (typeof chart.note === 'string') return;
    for (const key of ['yTitle', 'colorTitle'] as const) {
      if (typeof chart[key] !== 'string') throw new Error(`chart "${id}" has no "${key}" and no note`);
    }
    if (chart.subtitle !== undefined && typeof chart.subtitle !== 'string') throw new Error(`chart "${id}": "subtitle" must be text`);
    for (const key of ['series', 'strong'] as const) {
      const names = chart[key];
      if (!Array.isArray(names) || !names.every((s: unknown) => typeof s === 'string'))
        throw new Error(`chart "${id}": "${key}" must be a list of names`);
    }
    const lines = chart.lines;
    if (!Array.isArray(lines)) throw new Error(`chart "${id}" has no "lines" list (got ${typeName(lines)})`);
    lines.forEach((line: unknown, j: number) => readLine(line, `chart "${id}", line ${j + 1}`, times.length));
  });
  return value as unknown as RunChartsPayload;
}

function readLine(line: unknown, where: string, timeCount: number): void {
  if (!isObject(line)) throw new Error(`${where} is not an object (got ${typeName(line)})`);
  if (typeof line.series !== 'string' && typeof line.label !== 'string') throw new Error(`${where} has neither a "series" nor a "label"`);
  if (typeof line.at !== 'string' || typeof line.v !== 'string')
    throw new Error(`${where} must have its points' times ("at") and values ("v") as text`);
  const at = within(`${where}, its times ("at")`, () => decodeIndices(line.at as string, timeCount));
  const values = within(`${where}, its values ("v")`, () => decodeNumbers(line.v as string));
  if (values.length !== at.length) throw new Error(`${where} has ${values.length} values for ${at.length} times`);
}

function chartHeader(chart: unknown, i: number): Record<string, unknown> & { id: string; title: string } {
  if (!isObject(chart)) throw new Error(`chart ${i} is not an object (got ${typeName(chart)})`);
  if (typeof chart.id !== 'string' || chart.id === '') throw new Error(`chart ${i} has no "id"`);
  if (typeof chart.title !== 'string') throw new Error(`chart "${chart.id}" has no "title"`);
  return chart as Record<string, unknown> & { id: string; title: string };
}

function listOf(value: Record<string, unknown>, key: string): unknown[] {
  const list = value[key];
  if (!Array.isArray(list)) throw new Error(`charts output has no "${key}" list (got ${typeName(list)})`);
  return list;
}

function within<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new Error(`${where}: ${(error as Error).message}`);
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
}
