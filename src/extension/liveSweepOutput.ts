// The outputs of a running sweep cell, updated in place at a throttled rate: the headline (state,
// points done / total, then the verdict and the knee), the chart (once there is a row to draw)
// and the table, filling in as the points finish. The headline carries the sweep's cell text in
// its metadata, so a point can be opened as a cell after the notebook is saved and reopened.

import * as vscode from 'vscode';
import { buildSweepCharts } from '../charts/sweepCharts';
import { compileCharts } from '../charts/compileCharts';
import { formatSweepHeadlineMarkdown, type SweepFacts } from '../report/sweepReport';
import { formatSweepTableMarkdown, inGridOrder } from '../report/sweepTable';
import type { SweepRow } from '../analysis/sweepTypes';
import { CHARTS_MIME } from '../contracts/chartsPayload';
import type { SweepPlan } from '../spec/sweepGrid';
import { sweepOutputMetadata } from '../contracts/sweepOutput';
import { log } from './log';

/** The chart is rebuilt at most this often while rows come in. */
const CHART_INTERVAL_MS = 1000;
/** A large table is sent less often: about one millisecond between updates per 200 bytes. */
const TABLE_BYTES_PER_MS = 200;

export interface LiveSweepOptions {
  throttleMs: number;
  /** Metric columns of the table, and the chart's metrics (the default first). */
  metrics: string[];
  /** Worker threads, said while the sweep runs. */
  threads: number;
  facts: Omit<SweepFacts, 'rows' | 'state' | 'axes' | 'total' | 'threads' | 'elapsedMs'>;
}

export class LiveSweepOutput {
  private readonly rows: SweepRow[] = [];
  private readonly headline: vscode.NotebookCellOutput;
  private readonly table: vscode.NotebookCellOutput;
  private chart: vscode.NotebookCellOutput | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUpdate = 0;
  private lastChart = 0;
  private lastTable = 0;
  private tableIntervalMs = 0;
  private dirty = false;
  private updating = false;
  private chartBuilding: Promise<void> | undefined;
  private chartGeneration = 0;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly started = Date.now();

  constructor(
    private readonly execution: vscode.NotebookCellExecution,
    private readonly plan: SweepPlan,
    private readonly options: LiveSweepOptions,
  ) {
    const metadata = sweepOutputMetadata(plan.text);
    this.headline = new vscode.NotebookCellOutput([this.headlineItem({ state: 'running' })], metadata);
    this.table = new vscode.NotebookCellOutput([this.tableItem()]);
  }

  begin(): Promise<void> {
    return this.enqueue(() => this.execution.replaceOutput([this.headline, this.table]));
  }

  add(row: SweepRow): void {
    if (this.closed) return;
    this.rows.push(row);
    this.dirty = true;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.updating || this.closed) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.flush();
      },
      Math.max(0, this.lastUpdate + this.options.throttleMs - Date.now()),
    );
  }

  /**
   * One update of the outputs. The next waits until this one's edits are done, so a busy editor
   * never builds a backlog of edits (which would delay the end of an interrupted sweep).
   */
  private async flush(): Promise<void> {
    if (!this.dirty || this.closed) return;
    this.dirty = false;
    this.updating = true;
    this.lastUpdate = Date.now();
    const headline = this.headlineItem({ state: 'running' });
    const edits = [this.enqueue(() => this.execution.replaceOutputItems(headline, this.headline))];
    if (Date.now() - this.lastTable >= this.tableIntervalMs) {
      this.lastTable = Date.now();
      const table = this.tableItem();
      this.tableIntervalMs = table.data.byteLength / TABLE_BYTES_PER_MS;
      edits.push(this.enqueue(() => this.execution.replaceOutputItems(table, this.table)));
    } else {
      this.dirty = true; // the table is still to be shown
    }
    if (!this.chartBuilding && Date.now() - this.lastChart >= CHART_INTERVAL_MS) {
      this.lastChart = Date.now();
      this.chartBuilding = this.showChart().finally(() => (this.chartBuilding = undefined));
      edits.push(this.chartBuilding);
    }
    await Promise.all(edits);
    this.updating = false;
    if (this.dirty) this.schedule();
  }

  /** The final outputs. They leave out the threads and the time taken: saved, they are the same bytes every run. */
  async finish(state: SweepFacts['state'], rows: readonly SweepRow[]): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.rows.splice(0, this.rows.length, ...rows);
    const headline = this.headlineItem(state);
    const table = this.tableItem();
    void this.enqueue(() => this.execution.replaceOutputItems(headline, this.headline));
    void this.enqueue(() => this.execution.replaceOutputItems(table, this.table));
    await this.showChart(); // a chart still being built for an earlier update is dropped (see showChart)
    await this.queue;
  }

  private facts(state: SweepFacts['state']): SweepFacts {
    const facts: SweepFacts = { ...this.options.facts, axes: this.plan.axes, total: this.plan.size, rows: this.rows, state };
    if (state.state !== 'running') return facts;
    return { ...facts, threads: this.options.threads, elapsedMs: Date.now() - this.started };
  }

  private headlineItem(state: SweepFacts['state']): vscode.NotebookCellOutputItem {
    return vscode.NotebookCellOutputItem.text(formatSweepHeadlineMarkdown(this.facts(state)), 'text/markdown');
  }

  private tableItem(): vscode.NotebookCellOutputItem {
    const rows = inGridOrder(this.rows);
    const title = `#### Points (${rows.length} of ${this.plan.size})`;
    const body =
      rows.length > 0
        ? formatSweepTableMarkdown(this.plan.axes, rows, this.options.metrics)
        : '*The rows appear here as the points finish.*';
    return vscode.NotebookCellOutputItem.text(`${title}\n\n${body}`, 'text/markdown');
  }

  /** The chart of the rows so far, between the headline and the table. A build overtaken by a later one shows nothing. */
  private async showChart(): Promise<void> {
    const generation = ++this.chartGeneration;
    const charts = buildSweepCharts(this.plan.axes, inGridOrder(this.rows), { metrics: this.options.metrics });
    if (charts.length === 0 || this.rows.length === 0) return;
    let item: vscode.NotebookCellOutputItem;
    try {
      item = vscode.NotebookCellOutputItem.json(await compileCharts(charts), CHARTS_MIME);
    } catch (error) {
      log.error('building the sweep chart failed', error);
      return;
    }
    if (generation !== this.chartGeneration) return;
    if (this.chart) {
      const chart = this.chart;
      await this.enqueue(() => this.execution.replaceOutputItems(item, chart));
      return;
    }
    this.chart = new vscode.NotebookCellOutput([item]);
    const all = [this.headline, this.chart, this.table];
    await this.enqueue(() => this.execution.replaceOutput(all));
  }

  private enqueue(edit: () => Thenable<void>): Promise<void> {
    const next = this.queue.then(edit, edit);
    this.queue = next.catch((error) => log.error('updating the sweep output failed', error));
    return next.then(
      () => undefined,
      () => undefined,
    );
  }
}
