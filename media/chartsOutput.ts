// One charts output in the notebook: draws each chart's Vega spec (chartsToDraw, from the output's
// payload) with a Vega View (SVG) in a grid
// (as many columns of at least MIN_COLUMN_WIDTH px as the output's width holds), a chart with
// nothing to show as one line below them, follows the container's width and the editor theme,
// shows values on hover (chartTooltip.ts), and takes new payloads during a run by pouring the
// new data into the existing views (no rebuild, so no flicker) whenever the charts are the same
// ones with the same structure. Anything else (other charts, a new theme) is rebuilt off screen
// and swapped in at once.
//
// Expressions run through vega-interpreter (`ast: true`): no eval or new Function, so charts
// work under a strict content security policy and a shared notebook cannot run code through a
// chart. The loader refuses every URL: a chart draws only the data inside the notebook.

import { loader as vegaLoader, parse, View, type LoggerInterface, type Spec } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { ChartFileFormat } from '../src/contracts/chartSaveMessage';
import type { CompiledChart } from '../src/contracts/chartsPayload';
import { FOREGROUND_SIGNAL, HINT_SIGNAL } from '../src/contracts/chartsPayload';
import { OPEN_SWEEP_POINT, type OpenSweepPointRequest } from '../src/contracts/openPointMessage';
import { saveChart } from './chartSave';
import { errorBox } from './chartStyles';
import { readChartTheme, type ChartTheme } from './chartTheme';
import { chartTooltip, hideChartTooltip } from './chartTooltip';
import type { RendererContext } from 'vscode-notebook-renderer';
import { errorMessage } from '../src/contracts/errorMessage';

interface DrawnChart {
  id: string;
  /** The Vega spec without its data values (or the note): equal structures can be updated in place. */
  structure: string;
  figure: HTMLElement;
  view?: View;
  /** Errors Vega reported while evaluating (it logs them rather than rejecting runAsync). */
  errors?: ErrorLog;
  /** The chart fits the width it is given (autosize fit); others (a sweep's) keep the size their spec gives. */
  fitsWidth: boolean;
}

const MIN_WIDTH = 280;
/** Charts side by side only when each gets at least this width. */
const MIN_COLUMN_WIDTH = 520;
const COLUMN_GAP = 16;

/** How many columns `width` holds for `charts` drawn charts, and the width of each. */
export function gridLayout(width: number, charts: number): { columns: number; chartWidth: number } {
  const fit = Math.floor((width + COLUMN_GAP) / (MIN_COLUMN_WIDTH + COLUMN_GAP));
  const columns = Math.max(1, Math.min(fit, charts));
  return { columns, chartWidth: Math.max(MIN_WIDTH, Math.floor((width - COLUMN_GAP * (columns - 1)) / columns)) };
}

export class ChartsOutput {
  private drawn: DrawnChart[] = [];
  private themeKey = '';
  /** The content width of our box at the last layout, and each chart's width in the grid. */
  private width = 0;
  private chartWidth = 0;
  private grid?: HTMLElement;
  private latest?: CompiledChart[];
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

  /** Draws or updates; calls made while one is in progress collapse into the latest charts. */
  show(charts: CompiledChart[]): Promise<void> {
    this.latest = charts;
    return this.enqueue(() => (this.latest === charts ? this.apply(charts) : undefined));
  }

  /** Redraws with the current theme if it changed since the last draw. */
  retheme(): Promise<void> {
    return this.enqueue(() => {
      if (this.latest && readChartTheme().key !== this.themeKey) return this.rebuild(this.latest, readChartTheme());
    });
  }

  showError(message: string): void {
    hideChartTooltip();
    this.finalizeViews();
    this.drawn = [];
    this.latest = undefined;
    this.attach();
    this.root.replaceChildren(errorBox(message));
  }

  dispose(): void {
    this.disposed = true;
    hideChartTooltip();
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

  private async apply(charts: CompiledChart[]): Promise<void> {
    const theme = readChartTheme();
    if (theme.key === this.themeKey && this.sameLayout(charts)) {
      try {
        await this.update(charts, theme);
        return;
      } catch {
        // Fall through to a full rebuild, which reports a real problem per chart.
      }
    }
    await this.rebuild(charts, theme);
  }

  /** The same charts in the same order, each drawn fine or a note before (a note may become a chart, and back). */
  private sameLayout(charts: CompiledChart[]): boolean {
    return (
      charts.length === this.drawn.length &&
      charts.every((chart, i) => {
        const drawn = this.drawn[i];
        return drawn.id === chart.id && (drawn.view !== undefined || drawn.structure.startsWith(NOTE));
      })
    );
  }

  /**
   * Pours the new data into each drawn view whose structure is unchanged; redraws only the
   * charts whose structure changed (a partition turned hot, a chart of zeros got its first value),
   * off screen, then swaps them in. The other charts stay as they are drawn (no flicker).
   */
  private async update(charts: CompiledChart[], theme: ChartTheme): Promise<void> {
    const layout = gridLayout(this.width, charts.filter((c) => c.vega).length);
    this.chartWidth = layout.chartWidth;
    let moved = false;
    await Promise.all(
      charts.map(async (chart, i) => {
        const drawn = this.drawn[i];
        const structure = structureOf(chart);
        if (!chart.vega && !drawn.view) {
          if (drawn.structure !== structure) noteLine(drawn.figure, chart.title, chart.note);
          drawn.structure = structure;
          return;
        }
        if (drawn.structure !== structure) {
          const redrawn = await this.drawFigure(chart, theme, this.chartWidth);
          if (chart.vega && !redrawn.view) throw new Error(`chart ${chart.id} could not be redrawn`);
          moved ||= !chart.vega !== !drawn.view;
          drawn.figure.replaceWith(redrawn.figure);
          drawn.view?.finalize();
          this.drawn[i] = redrawn;
          return;
        }
        const { view, errors } = drawn;
        for (const data of chart.vega!.data ?? []) {
          if ('values' in data && Array.isArray(data.values)) view!.data(data.name, data.values as object[]);
        }
        // New data can widen the axes: give the total width again and redo the autosize layout
        // (after a layout, the width signal holds the plot's width, not the total).
        if (drawn.fitsWidth) view!.width(this.chartWidth);
        await view!.resize().runAsync();
        errors?.throwIfAny();
      }),
    );
    if (moved) this.arrange(layout.columns);
  }

  /** Charts in the grid, notes below it, in payload order (after a note became a chart or back). */
  private arrange(columns: number): void {
    if (!this.grid) return;
    this.grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
    this.grid.replaceChildren(...this.drawn.filter((d) => d.view).map((d) => d.figure));
    this.root.replaceChildren(this.grid, ...this.drawn.filter((d) => !d.view).map((d) => d.figure));
  }

  private async rebuild(charts: CompiledChart[], theme: ChartTheme): Promise<void> {
    this.attach();
    hideChartTooltip();
    const width = this.currentWidth();
    const { columns, chartWidth } = gridLayout(width, charts.filter((c) => c.vega).length);
    const grid = document.createElement('div');
    grid.className = 'stressnb-chart-grid';
    grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
    const notes = document.createDocumentFragment();
    const drawn: DrawnChart[] = [];
    for (const chart of charts) {
      const entry = await this.drawFigure(chart, theme, chartWidth);
      drawn.push(entry);
      (chart.vega ? grid : notes).appendChild(entry.figure);
    }
    if (charts.length === 0) notes.appendChild(errorBox('stressnb charts: this output has no charts.'));
    if (this.disposed) {
      drawn.forEach((d) => d.view?.finalize());
      return;
    }
    this.finalizeViews();
    this.drawn = drawn;
    this.themeKey = theme.key;
    this.width = width;
    this.chartWidth = chartWidth;
    this.grid = grid;
    this.root.replaceChildren(grid, notes);
  }

  /** One chart in a figure of its own, not yet in the document: drawn, a note, or the error that stopped it. */
  private async drawFigure(chart: CompiledChart, theme: ChartTheme, width: number): Promise<DrawnChart> {
    const figure = document.createElement('figure');
    figure.className = 'stressnb-chart';
    figure.dataset.chartId = chart.id;
    const entry: DrawnChart = {
      id: chart.id,
      structure: structureOf(chart),
      figure,
      fitsWidth: chart.vega ? fitsWidth(chart.vega) : false,
    };
    if (!chart.vega) {
      noteLine(figure, chart.title, chart.note);
      return entry;
    }
    try {
      entry.errors = new ErrorLog();
      entry.view = await drawChart(chart.vega, figure, theme, entry.fitsWidth ? width : 0, entry.errors);
      this.openPointsOnClick(entry.view, chart.vega);
      figure.insertBefore(saveActions(entry.view, chart, this.context), figure.firstChild);
    } catch (error) {
      figure.replaceChildren(errorBox(`stressnb charts: could not draw "${chart.title || chart.id}": ${errorMessage(error)}`));
    }
    return entry;
  }

  private scheduleResize(): void {
    cancelAnimationFrame(this.resizeFrame);
    this.resizeFrame = requestAnimationFrame(() => {
      const width = this.currentWidth();
      if (Math.abs(width - this.width) < 2) return;
      this.width = width;
      void this.enqueue(async () => {
        const { columns, chartWidth } = gridLayout(width, this.drawn.filter((d) => d.view).length);
        if (this.grid) this.grid.style.gridTemplateColumns = `repeat(${columns}, minmax(0, 1fr))`;
        this.chartWidth = chartWidth;
        await Promise.all(this.drawn.map((d) => (d.fitsWidth ? d.view?.width(chartWidth).resize().runAsync() : undefined)));
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
  private openPointsOnClick(view: View, vega: Spec): void {
    const field = (vega.usermeta as { openPoint?: unknown } | undefined)?.openPoint;
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

/** A chart with nothing to show: its title and why, on one line. */
function noteLine(figure: HTMLElement, title: string, note: string): void {
  figure.classList.add('stressnb-chart-note');
  const heading = document.createElement('b');
  heading.textContent = title;
  figure.replaceChildren(heading, `: ${note}`);
}

const NOTE = 'note: ';

async function drawChart(vega: Spec, figure: HTMLElement, theme: ChartTheme, width: number, errors: ErrorLog): Promise<View> {
  const host = document.createElement('div');
  host.className = 'stressnb-chart-view';
  figure.appendChild(host);
  const spec = withThemeSignals(vega, theme);
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

/** The spec with the theme's colours in the signals charts read them from. */
function withThemeSignals(spec: Spec, theme: ChartTheme): Spec {
  const values: Record<string, string> = { [FOREGROUND_SIGNAL]: theme.foreground, [HINT_SIGNAL]: theme.hint };
  if (!spec.signals?.some((s) => s.name in values)) return spec;
  return {
    ...spec,
    signals: spec.signals.map((s) => (s.name in values ? { ...s, value: values[s.name] } : s)),
  } as Spec;
}

function fitsWidth(spec: Spec): boolean {
  const autosize = spec.autosize;
  const type = typeof autosize === 'string' ? autosize : autosize && 'type' in autosize ? autosize.type : undefined;
  return type === 'fit' || type === 'fit-x';
}

function structureOf(chart: CompiledChart): string {
  if (!chart.vega) return `${NOTE}${chart.note}`;
  const data = chart.vega.data?.map((d) => ('values' in d ? { ...d, values: null } : d));
  return JSON.stringify({ ...chart.vega, data });
}

function noExternalData() {
  const loader = vegaLoader();
  loader.sanitize = (uri: string) => Promise.reject(new Error(`charts draw only the data saved in the notebook; refused to load ${uri}`));
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
