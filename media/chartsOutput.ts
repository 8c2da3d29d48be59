// One charts output in the notebook: draws each compiled chart with a Vega View (SVG), follows
// the container's width and the editor theme, and takes new payloads during a run by pouring
// the new data into the existing views (no rebuild, so no flicker) whenever the charts are the
// same ones with the same structure. Anything else (other charts, a new theme) is rebuilt off
// screen and swapped in at once.
//
// Expressions run through vega-interpreter (`ast: true`): no eval or new Function, so charts
// work under a strict content security policy and a shared notebook cannot run code through a
// chart. The loader refuses every URL: a chart draws only the data inside the notebook.

import { loader as vegaLoader, parse, View, type LoggerInterface, type Spec } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { ChartFileFormat } from '../src/format/chartSaveMessage';
import type { ChartsPayload, CompiledChart } from '../src/format/chartsPayload';
import { FOREGROUND_SIGNAL } from '../src/format/chartsPayload';
import { OPEN_SWEEP_POINT, type OpenSweepPointRequest } from '../src/format/openPointMessage';
import { saveChart } from './chartSave';
import { chartTooltip } from './chartTooltip';
import { errorBox } from './chartStyles';
import { readChartTheme, type ChartTheme } from './chartTheme';
import type { RendererContext } from 'vscode-notebook-renderer';
import { errorMessage } from '../src/format/errorMessage';

interface DrawnChart {
  id: string;
  /** The Vega spec without its data values: equal structures can be updated in place. */
  structure: string;
  view?: View;
  /** Errors Vega reported while evaluating (it logs them rather than rejecting runAsync). */
  errors?: ErrorLog;
  /** The chart fits the output's width (autosize fit); others keep the size their spec gives. */
  fitsWidth: boolean;
}

const MIN_WIDTH = 280;

export class ChartsOutput {
  private drawn: DrawnChart[] = [];
  private themeKey = '';
  private width = 0;
  private latest?: ChartsPayload;
  private queue: Promise<void> = Promise.resolve();
  private readonly resizeObserver: ResizeObserver;
  private resizeFrame = 0;
  private disposed = false;

  /** Our own box inside VS Code's output element: its content width is the charts' width. */
  private readonly root: HTMLElement;

  constructor(
    readonly element: HTMLElement,
    public outputId: string,
    private readonly context: RendererContext<unknown>,
  ) {
    this.root = document.createElement('div');
    this.root.className = 'stressnb-charts';
    element.replaceChildren(this.root);
    this.resizeObserver = new ResizeObserver(() => this.scheduleResize());
    this.resizeObserver.observe(this.root);
  }

  /** Draws or updates; calls made while one is in progress collapse into the latest payload. */
  show(payload: ChartsPayload): Promise<void> {
    this.latest = payload;
    return this.enqueue(() => (this.latest === payload ? this.apply(payload) : undefined));
  }

  /** Redraws with the current theme if it changed since the last draw. */
  retheme(): Promise<void> {
    return this.enqueue(() => {
      if (this.latest && readChartTheme().key !== this.themeKey) return this.rebuild(this.latest, readChartTheme());
    });
  }

  showError(message: string): void {
    this.finalizeViews();
    this.drawn = [];
    this.latest = undefined;
    this.attach();
    this.root.replaceChildren(errorBox(message));
  }

  dispose(): void {
    this.disposed = true;
    this.resizeObserver.disconnect();
    cancelAnimationFrame(this.resizeFrame);
    this.finalizeViews();
    this.drawn = [];
  }

  private enqueue(task: () => Promise<void> | void): Promise<void> {
    const run = this.queue.then(() => (this.disposed ? undefined : task()));
    this.queue = run.catch((error) => this.showError(`stressnb charts: ${errorMessage(error)}`));
    return this.queue;
  }

  private async apply(payload: ChartsPayload): Promise<void> {
    const theme = readChartTheme();
    if (theme.key === this.themeKey && this.sameCharts(payload.charts)) {
      try {
        await this.updateInPlace(payload.charts);
        return;
      } catch {
        // Fall through to a full rebuild, which reports a real problem per chart.
      }
    }
    await this.rebuild(payload, theme);
  }

  private sameCharts(charts: CompiledChart[]): boolean {
    return (
      charts.length === this.drawn.length &&
      charts.every((chart, i) => {
        const drawn = this.drawn[i];
        return drawn.view !== undefined && drawn.id === chart.id && drawn.structure === structureOf(chart.vega);
      })
    );
  }

  private async updateInPlace(charts: CompiledChart[]): Promise<void> {
    await Promise.all(
      charts.map(async (chart, i) => {
        const { view, errors } = this.drawn[i];
        for (const data of chart.vega.data ?? []) {
          if ('values' in data && Array.isArray(data.values)) view!.data(data.name, data.values as object[]);
        }
        // New data can widen the axes: give the total width again and redo the autosize layout
        // (after a layout, the width signal holds the plot's width, not the total).
        if (this.drawn[i].fitsWidth) view!.width(this.width);
        await view!.resize().runAsync();
        errors?.throwIfAny();
      }),
    );
  }

  private async rebuild(payload: ChartsPayload, theme: ChartTheme): Promise<void> {
    this.attach();
    const width = this.currentWidth();
    const container = document.createDocumentFragment();
    const drawn: DrawnChart[] = [];
    for (const chart of payload.charts) {
      const figure = document.createElement('figure');
      figure.className = 'stressnb-chart';
      figure.dataset.chartId = chart.id;
      container.appendChild(figure);
      const entry: DrawnChart = { id: chart.id, structure: structureOf(chart.vega), fitsWidth: fitsWidth(chart.vega) };
      drawn.push(entry);
      try {
        entry.errors = new ErrorLog();
        entry.view = await drawChart(chart, figure, theme, entry.fitsWidth ? width : 0, entry.errors);
        this.openPointsOnClick(entry.view, chart);
        figure.insertBefore(saveActions(entry.view, chart, this.context), figure.firstChild);
      } catch (error) {
        figure.replaceChildren(errorBox(`stressnb charts: could not draw "${chart.title || chart.id}": ${errorMessage(error)}`));
      }
    }
    if (payload.charts.length === 0) container.appendChild(errorBox('stressnb charts: this output has no charts.'));
    if (this.disposed) {
      drawn.forEach((d) => d.view?.finalize());
      return;
    }
    this.finalizeViews();
    this.drawn = drawn;
    this.themeKey = theme.key;
    this.width = width;
    this.root.replaceChildren(container);
  }

  private scheduleResize(): void {
    cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = requestAnimationFrame(() => {
      const width = this.currentWidth();
      if (Math.abs(width - this.width) < 2) return;
      this.width = width;
      void this.enqueue(async () => {
        await Promise.all(this.drawn.map((d) => (d.fitsWidth ? d.view?.width(width).resize().runAsync() : undefined)));
      });
    });
  }

  /** The content width of our box (VS Code pads the output element and its children). */
  private currentWidth(): number {
    const style = getComputedStyle(this.root);
    const padding = (parseFloat(style.paddingLeft) || 0) + (parseFloat(style.paddingRight) || 0);
    return Math.max(MIN_WIDTH, Math.floor((this.root.clientWidth || 0) - padding));
  }

  /** A sweep chart: a click on one of its points asks the extension to open that point as a cell. */
  private openPointsOnClick(view: View, chart: CompiledChart): void {
    const field = (chart.vega.usermeta as { openPoint?: unknown } | undefined)?.openPoint;
    if (typeof field !== 'string' || !this.context.postMessage) return;
    view.addEventListener('click', (_event, item) => {
      const point = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum?.[field];
      if (typeof point !== 'number') return;
      const request: OpenSweepPointRequest = { type: OPEN_SWEEP_POINT, outputId: this.outputId, point };
      this.context.postMessage!(request);
    });
  }

  private attach(): void {
    if (this.root.parentElement !== this.element) this.element.replaceChildren(this.root);
  }

  private finalizeViews(): void {
    for (const d of this.drawn) d.view?.finalize();
  }
}

async function drawChart(chart: CompiledChart, figure: HTMLElement, theme: ChartTheme, width: number, errors: ErrorLog): Promise<View> {
  const host = document.createElement('div');
  host.className = 'stressnb-chart-view';
  figure.appendChild(host);
  const spec = withForeground(chart.vega, theme.foreground);
  const view = new View(parse(spec, theme.config, { ast: true }), {
    renderer: 'svg',
    container: host,
    expr: expressionInterpreter,
    loader: noExternalData(),
    logger: errors.logger,
    hover: false,
    tooltip: chartTooltip,
  });
  if (width > 0) view.width(width);
  try {
    await view.runAsync();
    errors.throwIfAny();
  } catch (error) {
    view.finalize();
    throw error;
  }
  return view;
}

function saveActions(view: View, chart: CompiledChart, context: RendererContext<unknown>): HTMLElement {
  const actions = document.createElement('div');
  actions.className = 'stressnb-chart-actions';
  for (const format of ['svg', 'png'] as ChartFileFormat[]) {
    const label = `Save ${format.toUpperCase()}`;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.title = `Save "${chart.title}" as ${format.toUpperCase()}`;
    button.addEventListener('click', () => {
      button.disabled = true;
      saveChart(view, chart.id, format, context)
        .then((outcome) => {
          button.title = outcome.kind === 'saved' ? `Saved to ${outcome.to}` : button.title;
        })
        .catch((error) => {
          button.textContent = `${format.toUpperCase()} failed`;
          button.title = errorMessage(error);
          setTimeout(() => (button.textContent = label), 4000);
        })
        .finally(() => (button.disabled = false));
    });
    actions.appendChild(button);
  }
  return actions;
}

function withForeground(spec: Spec, foreground: string): Spec {
  if (!spec.signals?.some((s) => s.name === FOREGROUND_SIGNAL)) return spec;
  return {
    ...spec,
    signals: spec.signals.map((s) => (s.name === FOREGROUND_SIGNAL ? { ...s, value: foreground } : s)),
  } as Spec;
}

function fitsWidth(spec: Spec): boolean {
  const autosize = spec.autosize;
  const type = typeof autosize === 'string' ? autosize : autosize && 'type' in autosize ? autosize.type : undefined;
  return type === 'fit' || type === 'fit-x';
}

function structureOf(spec: Spec): string {
  const data = spec.data?.map((d) => ('values' in d ? { ...d, values: null } : d));
  return JSON.stringify({ ...spec, data });
}

function noExternalData() {
  const loader = vegaLoader();
  loader.sanitize = (uri: string) =>
    Promise.reject(new Error(`charts draw only the data saved in the notebook; refused to load ${uri}`));
  return loader;
}

/** A Vega logger that keeps the errors (warnings go to the console) for the caller to raise. */
class ErrorLog {
  private errors: string[] = [];
  private level = 2;
  readonly logger: LoggerInterface = {
    level: (_?: number) => (_ === undefined ? this.level : ((this.level = _), this.logger)),
    error: (...args: unknown[]) => (this.errors.push(args.map(errorMessage).join(' ')), this.logger),
    warn: (...args: unknown[]) => (console.warn('stressnb charts:', ...args), this.logger),
    info: () => this.logger,
    debug: () => this.logger,
  } as LoggerInterface;

  throwIfAny(): void {
    const errors = this.errors;
    this.errors = [];
    if (errors.length > 0) throw new Error(errors.join('; '));
  }
}

