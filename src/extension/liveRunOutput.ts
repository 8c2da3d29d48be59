// The outputs of a running cell, in reading order: the headline (phase, time, progress), the
// charts once the run has ticks, and the transcript view; at the end the headline becomes the
// verdict and the report (and a run error) join them. Each output is created once and then only
// its items are replaced, at a throttled rate, so the editor does not re-create an output per tick.

import * as vscode from 'vscode';
import { liveHeadline } from '../report/runHeadline';
import type { RunOutcome, RunTranscript } from '../report/runTranscript';
import type { ChartsPayload } from '../contracts/chartsPayload';
import { CHARTS_MIME } from '../contracts/chartsPayload';
import type { HeadlinePayload } from '../contracts/headlinePayload';
import { headlineItems, runOutput, transcriptItems } from './runOutputItems';
import { log } from './log';

/** Charts cost more to rebuild than text: never more often than this. */
const MIN_CHART_INTERVAL_MS = 1000;
/** Large payloads are sent less often: about one second between updates per MB. */
const BYTES_PER_CHART_MS = 1000;

export interface LiveRunOutputOptions {
  throttleMs: number;
  /** Fingerprint of the cell text being run (src/contracts/runOutputs.ts). */
  specHash: string;
  pace?: string;
  /** Builds the charts payload for the events so far. */
  charts?: () => ChartsPayload | Promise<ChartsPayload>;
}

/** What the cell shows once the run has ended. */
export interface FinalRunOutputs {
  headline: HeadlinePayload;
  /** The transcript view (condensed) and the whole transcript. */
  transcriptView: string;
  fullTranscript: string[];
  report?: vscode.NotebookCellOutput;
  error?: vscode.NotebookCellOutput;
}

export class LiveRunOutput {
  private readonly headlineOutput: vscode.NotebookCellOutput;
  private readonly transcriptOutput: vscode.NotebookCellOutput;
  private chartsOutput: vscode.NotebookCellOutput | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastUpdate = 0;
  private lastCharts = 0;
  private chartIntervalMs = MIN_CHART_INTERVAL_MS;
  private chartsBuilt = 0;
  private dirty = false;
  private linesQueued = false;
  private chartsBuilding: Promise<void> | undefined;
  private closed = false;
  private note: string | undefined;
  /** Output edits are applied in order; `finish` waits for the queue. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly execution: vscode.NotebookCellExecution,
    private readonly transcript: RunTranscript,
    private readonly options: LiveRunOutputOptions,
  ) {
    this.headlineOutput = runOutput('headline', options.specHash, headlineItems(this.liveHeadline()));
    this.transcriptOutput = runOutput('transcript', options.specHash, transcriptItems(transcript.liveText(this.running)));
  }

  private get running(): RunOutcome {
    return { state: 'running', pace: this.options.pace, note: this.note };
  }

  private liveHeadline(): HeadlinePayload {
    const t = this.transcript;
    return liveHeadline({
      config: t.config,
      phase: t.phase,
      elapsedS: t.elapsedS,
      plannedS: t.plannedDurationS,
      ticks: t.ticks,
      pace: this.options.pace,
      note: this.note,
    });
  }

  /** The outputs in reading order. */
  private outputs(extra: { report?: vscode.NotebookCellOutput; error?: vscode.NotebookCellOutput } = {}): vscode.NotebookCellOutput[] {
    const list = [this.headlineOutput];
    if (extra.error) list.push(extra.error);
    if (this.chartsOutput) list.push(this.chartsOutput);
    if (extra.report) list.push(extra.report);
    list.push(this.transcriptOutput);
    return list;
  }

  /** A note for the status line (a quiet source); shown at the next update. */
  setNote(note: string | undefined): void {
    if (note === this.note) return;
    this.note = note;
    this.changed();
  }

  begin(): Promise<void> {
    return this.enqueue(() => this.execution.replaceOutput(this.outputs()));
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
    // At most one live edit waits in the queue, and it shows the run as it is when it is applied:
    // when the editor applies edits slower than the throttle (a busy machine), the queue does
    // not grow, and an interrupt or the end does not wait for a backlog of stale updates.
    if (!this.linesQueued) {
      this.linesQueued = true;
      void this.enqueue(async () => {
        this.linesQueued = false;
        if (this.closed) return;
        const headline = headlineItems(this.liveHeadline());
        const lines = transcriptItems(this.transcript.liveText(this.running));
        this.headlineOutput.items = headline;
        this.transcriptOutput.items = lines;
        await this.execution.replaceOutputItems(headline, this.headlineOutput);
        await this.execution.replaceOutputItems(lines, this.transcriptOutput);
      });
    }
    if (!this.chartsBuilding && Date.now() - this.lastCharts >= this.chartIntervalMs) {
      const started = Date.now();
      this.lastCharts = started;
      this.chartsBuilding = this.updateCharts().then((bytes) => {
        this.chartsBuilding = undefined;
        // A slow build or a large payload (a long run with many partitions) spaces the next one out.
        // The first build also loads the chart compiler (seconds on a busy machine): it says
        // nothing about the next ones.
        const cold = bytes > 0 && this.chartsBuilt++ === 0;
        const buildMs = cold ? 0 : Date.now() - started;
        this.chartIntervalMs = Math.max(MIN_CHART_INTERVAL_MS, 10 * buildMs, bytes / BYTES_PER_CHART_MS);
      });
    }
  }

  /** Replaces an output's items, in the cell and in the object (which a later replaceOutput sends again). */
  private setItems(output: vscode.NotebookCellOutput, items: vscode.NotebookCellOutputItem[]): Promise<void> {
    output.items = items;
    return this.enqueue(() => this.execution.replaceOutputItems(items, output));
  }

  /** Rebuilds and shows the charts; resolves with the payload's size in bytes (0 when none). */
  private async updateCharts(): Promise<number> {
    if (!this.options.charts || this.transcript.ticks === 0) return 0;
    let payload: ChartsPayload;
    try {
      payload = await this.options.charts();
    } catch (error) {
      // Charts are a view: a failure there must not end the run.
      log.error('building the charts failed', error);
      return 0;
    }
    const item = vscode.NotebookCellOutputItem.json(payload, CHARTS_MIME);
    if (this.chartsOutput) {
      await this.setItems(this.chartsOutput, [item]);
    } else {
      // The first charts go between the headline and the transcript.
      this.chartsOutput = runOutput('charts', this.options.specHash, [item]);
      await this.enqueue(() => this.execution.replaceOutput(this.outputs()));
    }
    return item.data.byteLength;
  }

  /** The verdict, the final charts, the report and the transcript, in reading order. */
  async finish(final: FinalRunOutputs): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chartsBuilding;
    await this.updateCharts();
    this.headlineOutput.items = headlineItems(final.headline);
    this.transcriptOutput.items = transcriptItems(final.transcriptView, final.fullTranscript);
    void this.enqueue(() => this.execution.replaceOutput(this.outputs(final)));
    await this.queue;
  }

  /** Stops updating without a final view (a repeat of a repeated cell: the cell ends with the aggregate). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.chartsBuilding;
    await this.queue;
  }

  private enqueue(edit: () => Thenable<void>): Promise<void> {
    const next = this.queue.then(edit, edit);
    this.queue = next.catch((error) => log.error('updating the cell output failed', error));
    return next.then(
      () => undefined,
      () => undefined,
    );
  }
}
