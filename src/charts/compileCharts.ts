// Vega-Lite -> Vega, in the extension host (and the CLI), so the renderer bundle ships vega only:
// a sweep's chart (sweepCharts.ts), saved as a version-1 charts payload. (A run's charts are
// figures that the renderer turns into Vega itself: buildRunCharts.ts, runChartVega.ts.)
//
// A chart's compiled shape does not depend on its data values (every field has an explicit
// type), so the compiled spec is cached per structure (the spec with its datasets emptied) and
// each update only pours the new values into the named data of the cached Vega spec: live
// updates during a run cost a copy, not a compile.
//
// vega-lite is loaded with a dynamic import on first use: it imports vega, whose vega-canvas
// has a top-level await, so a static import cannot be required from CommonJS (tsx running the
// tests, Node's require of ES modules). esbuild's Node bundles alias vega-canvas to its browser
// build (esbuild.mjs), which has no top-level await and draws no canvas in Node either.

import type { LoggerInterface, Spec as VegaSpec } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartSpec } from './chartSpec';
import { VEGA_CHARTS_VERSION, type VegaChartsPayload, type CompiledChart } from '../contracts/chartsPayload';

export interface CompileChartsOptions {
  /** Called with each Vega-Lite compiler warning (by default they are dropped). A cached
   *  structure is not compiled again, so its warnings are reported once per process. */
  onWarning?: (message: string) => void;
}

const CACHE_LIMIT = 32;
const templates = new Map<string, VegaSpec>();
let vegaLite: Promise<typeof import('vega-lite')> | undefined;

/** Starts loading vega-lite ahead of the first compile (a notebook opened: runs are in sight). */
export function preloadChartCompiler(): void {
  vegaLite ??= import('vega-lite');
  vegaLite.catch(() => (vegaLite = undefined));
}

export async function compileCharts(charts: readonly ChartSpec[], options: CompileChartsOptions = {}): Promise<VegaChartsPayload> {
  const { compile } = await (vegaLite ??= import('vega-lite'));
  return { version: VEGA_CHARTS_VERSION, charts: charts.map((chart) => compileChart(compile, chart, options)) };
}

type Compile = (typeof import('vega-lite'))['compile'];

function compileChart(compile: Compile, chart: ChartSpec, options: CompileChartsOptions): CompiledChart {
  if (!chart.spec) return { id: chart.id, title: chart.title, note: chart.note ?? 'nothing to show' };
  const spec = chart.spec;
  const datasets = (spec.datasets ?? {}) as Record<string, unknown[]>;
  const key = JSON.stringify({ ...spec, datasets: Object.keys(datasets) });
  let template = templates.get(key);
  if (!template) {
    template = compileTemplate(compile, { ...spec, datasets: emptied(datasets) }, options);
    if (templates.size >= CACHE_LIMIT) templates.delete(templates.keys().next().value as string);
    templates.set(key, template);
  }
  const vega = structuredClone(template);
  for (const data of vega.data ?? []) {
    if ('values' in data && Object.hasOwn(datasets, data.name)) data.values = datasets[data.name];
  }
  return { id: chart.id, title: chart.title, vega };
}

function compileTemplate(compile: Compile, spec: TopLevelSpec, options: CompileChartsOptions): VegaSpec {
  let vega: VegaSpec;
  try {
    vega = compile(spec, { logger: quietLogger(options.onWarning) }).spec;
  } catch (error) {
    throw new Error(`charts: Vega-Lite could not compile a chart: ${(error as Error).message}`);
  }
  // Vega-Lite puts a white background in; the renderer's theme decides it instead.
  delete vega.background;
  return vega;
}

function emptied(datasets: Record<string, unknown[]>): Record<string, unknown[]> {
  return Object.fromEntries(Object.keys(datasets).map((name) => [name, []]));
}

function quietLogger(onWarning?: (message: string) => void): LoggerInterface {
  let level = 0;
  const logger: LoggerInterface = {
    level(_?: number) {
      if (_ === undefined) return level;
      level = _;
      return logger;
    },
    error: (...args: readonly unknown[]) => {
      throw new Error(args.map(String).join(' '));
    },
    warn: (...args: readonly unknown[]) => {
      onWarning?.(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  } as LoggerInterface;
  return logger;
}
