// The outputs of a running cell, updated in place at a throttled rate: the periodic lines
// (text/plain) and, when the run has ticks, the charts. One output each, created once and then
// only their items are replaced, so the editor does not re-create an output per tick.

import * as vscode from 'vscode';
import type { RunOutcome, RunTranscript } from '../analysis/runTranscript';
import type { ChartsPayload } from '../format/chartsPayload';
import { CHARTS_MIME } from '../format/chartsPayload';

/** Charts cost more to rebuild than text: never more often than this. */
const MIN_CHART_INTERVAL_MS = 1000;
/** Large payloads are sent less often: about one second between updates per MB. */
const BYTES_PER_CHART_MS = 1000;

export interface LiveRunOutputOptions {
  throttleMs: number;
  pace?: string;
  /** Builds the charts payload for the events so far. */
  charts?: () => Promise<ChartsPayload>;
}

export class LiveRunOutput {
  private readonly linesOutput: vscode.NotebookCellOutput;
  private chartsOutput: vscode.NotebookCellOutput | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUpdate = 0;
  private lastCharts = 0;
  private chartIntervalMs = MIN_CHART_INTERVAL_MS;
  private dirty = false;
  private linesQueued = false;
  private chartsBuilding: Promise<void> | undefined;
  private closed = false;
  /** Output edits are applied in order; `finish` waits for the queue. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly execution: vscode.NotebookCellExecution,
    private readonly transcript: RunTranscript,
    private readonly options: LiveRunOutputOptions,
  ) {
    this.linesOutput = new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.text(transcript.liveText(this.running))]);
  }

  private note: string | undefined;

  private get running(): RunOutcome {
    return { state: 'running', pace: this.options.pace, note: this.note };
  }

  /** A note for the status line (a quiet source); shown at the next update. */
  setNote(note: string | undefined): void {
    if (note === this.note) return;
    this.note = note;
    this.changed();
  }

  begin(): Promise<void> {
    return this.enqueue(() => this.execution.replaceOutput([this.linesOutput]));
  }

  /** New events are in the transcript: show them at the next throttled update. */
  changed(): void {
    if (this.closed) return;
    this.dirty = true;
    if (this.timer) return;
    const wait = Math.max(0, this.lastUpdate + this.options.throttleMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, wait);
  }

  private flush(): void {
    if (!this.dirty || this.closed) return;
    this.dirty = false;
    this.lastUpdate = Date.now();
    // At most one lines edit waits in the queue, and it shows the text as it is when it is applied:
    // when the editor applies edits slower than the throttle (a busy machine), the queue does
    // not grow, and an interrupt or the end does not wait for a backlog of stale updates.
    if (!this.linesQueued) {
      this.linesQueued = true;
      void this.enqueue(() => {
        this.linesQueued = false;
        return this.execution.replaceOutputItems(vscode.NotebookCellOutputItem.text(this.transcript.liveText(this.running)), this.linesOutput);
      });
    }
    if (!this.chartsBuilding && Date.now() - this.lastCharts >= this.chartIntervalMs) {
      const started = Date.now();
      this.lastCharts = started;
      this.chartsBuilding = this.updateCharts().then((bytes) => {
        this.chartsBuilding = undefined;
        // A slow build or a large payload (a long run with many partitions) spaces the next one out.
        this.chartIntervalMs = Math.max(MIN_CHART_INTERVAL_MS, 10 * (Date.now() - started), bytes / BYTES_PER_CHART_MS);
      });
    }
  }

  /** Rebuilds and shows the charts; resolves with the payload's size in bytes (0 when none). */
  private async updateCharts(): Promise<number> {
    if (!this.options.charts || this.transcript.ticks === 0) return 0;
    let payload: ChartsPayload;
    try {
      payload = await this.options.charts();
    } catch (error) {
      // Charts are a view: a failure there must not end the run.
      console.error('stressnb: building the charts failed', error);
      return 0;
    }
    const item = vscode.NotebookCellOutputItem.json(payload, CHARTS_MIME);
    await this.showCharts(item);
    return item.data.byteLength;
  }

  private showCharts(item: vscode.NotebookCellOutputItem): Promise<void> {
    if (this.chartsOutput) return this.enqueue(() => this.execution.replaceOutputItems(item, this.chartsOutput!));
    this.chartsOutput = new vscode.NotebookCellOutput([item]);
    const output = this.chartsOutput;
    return this.enqueue(() => this.execution.appendOutput(output));
  }

  /** Final lines, final charts, then the extra outputs (report, error) after them. */
  async finish(outcome: Exclude<RunOutcome, { state: 'running' }>, extra: vscode.NotebookCellOutput[]): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const text = this.transcript.finalText(outcome);
    void this.enqueue(() => this.execution.replaceOutputItems(vscode.NotebookCellOutputItem.text(text), this.linesOutput));
    await this.chartsBuilding;
    await this.updateCharts();
    if (extra.length > 0) void this.enqueue(() => this.execution.appendOutput(extra));
    await this.queue;
  }

  private enqueue(edit: () => Thenable<void>): Promise<void> {
    const next = this.queue.then(edit, edit);
    this.queue = next.catch((error) => console.error('stressnb: updating the cell output failed', error));
    return next.then(
      () => undefined,
      () => undefined,
    );
  }
}
