// The outputs of a running capacity search cell, updated in place at a throttled rate as probes
// finish: the headline (the answer so far, then the answer), the charts (completed/s and rejects %
// against the key, the boundary marked) and the table of probes. At the end the outputs are
// replaced once more with the final ones, whose headline carries the search's cell text, the
// value of every probe and the capacity found in its metadata (so a probe can be opened as a cell
// after a reopen, and the answer pinned as the baseline).

import * as vscode from 'vscode';
import { buildSearchCharts } from '../charts/searchCharts';
import { compileCharts } from '../charts/compileCharts';
import { formatSearchHeadlineMarkdown, type SearchFacts, type SearchState } from '../report/searchReport';
import { formatSearchTableMarkdown } from '../report/searchTable';
import type { SearchProbe } from '../analysis/searchTypes';
import { CHARTS_MIME } from '../contracts/chartsPayload';
import type { ThresholdResult } from '../analysis/reportTypes';
import type { CapacityBaseline } from '../analysis/searchCapacity';
import { searchOutputMetadata } from '../contracts/searchOutput';
import type { SearchPlan } from '../spec/searchPlan';
import { log } from './log';

/** The probe values of each running search, by its cell's document: a probe can be opened while the search runs. */
const running = new Map<string, () => number[]>();

export function liveSearchValues(cell: vscode.Uri): number[] | undefined {
  return running.get(cell.toString())?.();
}

export interface LiveSearchOptions {
  throttleMs: number;
  facts: Pick<SearchFacts, 'scenario' | 'slots'>;
}

export class LiveSearchOutput {
  private readonly probes: SearchProbe[] = [];
  private readonly headline: vscode.NotebookCellOutput;
  private readonly table: vscode.NotebookCellOutput;
  private chart: vscode.NotebookCellOutput | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUpdate = 0;
  private updating = false;
  private dirty = false;
  private closed = false;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly started = Date.now();

  constructor(
    private readonly execution: vscode.NotebookCellExecution,
    private readonly plan: SearchPlan,
    private readonly options: LiveSearchOptions,
  ) {
    this.headline = new vscode.NotebookCellOutput([this.headlineItem({ state: 'running' })], this.metadata());
    this.table = new vscode.NotebookCellOutput([this.tableItem()]);
  }

  begin(): Promise<void> {
    running.set(this.execution.cell.document.uri.toString(), () => this.values);
    return this.enqueue(() => this.execution.replaceOutput([this.headline, this.table]));
  }

  add(probe: SearchProbe): void {
    if (this.closed) return;
    this.probes.push(probe);
    this.dirty = true;
    this.schedule();
  }

  /** The probes so far (the open-probe command reads them while the search runs). */
  get values(): number[] {
    const values: number[] = [];
    for (const p of this.probes) values[p.index] = p.value;
    return values;
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

  /** One update; the next waits until this one's edits are done. */
  private async flush(): Promise<void> {
    if (!this.dirty || this.closed) return;
    this.dirty = false;
    this.updating = true;
    this.lastUpdate = Date.now();
    const headline = this.headlineItem({ state: 'running' });
    const table = this.tableItem();
    await Promise.all([
      this.enqueue(() => this.execution.replaceOutputItems(headline, this.headline)),
      this.enqueue(() => this.execution.replaceOutputItems(table, this.table)),
      this.showChart(),
    ]);
    this.updating = false;
    if (this.dirty) this.schedule();
  }

  /**
   * The final outputs, with the search's metadata: `threshold` is the capacity threshold's result,
   * `pin` the answer a *Pin Run as Baseline* keeps. They leave out the threads and the time taken:
   * saved, they are the same bytes every run.
   */
  async finish(
    state: SearchState,
    probes: readonly SearchProbe[],
    end: { threshold?: ThresholdResult; pin?: CapacityBaseline } = {},
  ): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    running.delete(this.execution.cell.document.uri.toString());
    this.probes.splice(0, this.probes.length, ...probes);
    const facts: SearchFacts = { ...this.facts(state), ...(end.threshold ? { capacity: end.threshold } : {}) };
    const metadata = searchOutputMetadata({
      cellText: this.plan.text,
      values: this.values,
      ...(this.options.facts.scenario ? { scenario: this.options.facts.scenario } : {}),
      ...(end.pin ? { capacity: end.pin } : {}),
    });
    const outputs = [
      new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(formatSearchHeadlineMarkdown(facts), 'text/markdown')], metadata),
    ];
    const charts = await this.chartItem();
    if (charts) outputs.push(new vscode.NotebookCellOutput([charts]));
    outputs.push(new vscode.NotebookCellOutput([this.tableItem()]));
    await this.queue;
    // Cleared first: replacing in place would morph each output into the one after it.
    await this.enqueue(() => this.execution.clearOutput());
    await this.enqueue(() => this.execution.replaceOutput(outputs));
  }

  private facts(state: SearchState): SearchFacts {
    const facts: SearchFacts = {
      plan: this.plan,
      probes: this.probes,
      state,
      ...(this.options.facts.scenario ? { scenario: this.options.facts.scenario } : {}),
    };
    if (state.state !== 'running') return facts;
    return { ...facts, ...(this.options.facts.slots ? { slots: this.options.facts.slots } : {}), elapsedMs: Date.now() - this.started };
  }

  private metadata(): Record<string, unknown> {
    return searchOutputMetadata({
      cellText: this.plan.text,
      values: this.values,
      ...(this.options.facts.scenario ? { scenario: this.options.facts.scenario } : {}),
    });
  }

  private headlineItem(state: SearchState): vscode.NotebookCellOutputItem {
    return vscode.NotebookCellOutputItem.text(formatSearchHeadlineMarkdown(this.facts(state)), 'text/markdown');
  }

  private tableItem(): vscode.NotebookCellOutputItem {
    const title = `#### Probes (${this.probes.length})`;
    const body = this.probes.length > 0 ? formatSearchTableMarkdown(this.plan, this.probes) : '*The probes appear here as they finish.*';
    return vscode.NotebookCellOutputItem.text(`${title}\n\n${body}`, 'text/markdown');
  }

  private async chartItem(): Promise<vscode.NotebookCellOutputItem | undefined> {
    if (this.probes.length === 0) return undefined;
    try {
      return vscode.NotebookCellOutputItem.json(await compileCharts(buildSearchCharts(this.plan, this.probes)), CHARTS_MIME);
    } catch (error) {
      log.error('building the search charts failed', error);
      return undefined;
    }
  }

  /** The charts of the probes so far, between the headline and the table. */
  private async showChart(): Promise<void> {
    const item = await this.chartItem();
    if (!item || this.closed) return;
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
    this.queue = next.catch((error) => log.error('updating the search output failed', error));
    return next.then(
      () => undefined,
      () => undefined,
    );
  }
}
