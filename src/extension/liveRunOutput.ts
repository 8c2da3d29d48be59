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

/** Large chart payloads are sent less often: about one second between updates per MB. */
const BYTES_PER_CHART_MS = 1000;
/** Whether a run's charts were compiled before in this extension host: the compiler is loaded. */
let chartsCompiledBefore = false;

export interface LiveRunOutputOptions {
  throttleMs: number;
  /** Fingerprint of the cell text being run (src/contracts/runOutputs.ts). */
  specHash: string;
  /** Tells this run's outputs apart while the notebook is open (src/contracts/outputRef.ts). */
  runId: string;
  pace?: string;
  /** Builds the charts payload for the events so far (read at the call, whatever comes after). */
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
  /** The size of the last charts payload. */
  private chartBytes = 0;
  private dirty = false;
  private updating = false;
  private updated: Promise<void> = Promise.resolve();
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
    this.headlineOutput = runOutput('headline', options.specHash, headlineItems(this.liveHeadline()), undefined, options.runId);
    this.transcriptOutput = runOutput(
      'transcript',
      options.specHash,
      transcriptItems(transcript.liveText(this.running)),
      undefined,
      options.runId,
    );
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

  /**
   * The earlier run's outputs go first: replaced in one edit, the editor would draw each new
   * output into an old one's place, under the old output's id (src/contracts/outputRef.ts).
   */
  begin(): Promise<void> {
    void this.enqueue(() => this.execution.clearOutput());
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
    if (!this.dirty || this.closed || this.updating) return;
    this.dirty = false;
    this.lastUpdate = Date.now();
    // One update at a time, showing the run as it is when it starts: when the editor applies
    // edits slower than the throttle (a busy machine), nothing piles up, and an interrupt or the
    // end does not wait for a backlog of stale updates.
    this.updating = true;
    this.updated = this.update().finally(() => {
      this.updating = false;
      if (this.dirty) this.changed();
    });
  }

  /**
   * The charts and the text from the same moment of the run, the charts shown first, so the
   * charts are never behind the transcript by more than one update. (Only the first build, which
   * loads the chart compiler, and a payload too large to send at every update, leave the text
   * to go on without them.)
   */
  private async update(): Promise<void> {
    const charts = this.chartsDue() ? this.buildCharts() : undefined;
    const headline = headlineItems(this.liveHeadline());
    const lines = transcriptItems(this.transcript.liveText(this.running));
    if (charts && chartsCompiledBefore) await charts;
    if (this.closed) return;
    this.headlineOutput.items = headline;
    this.transcriptOutput.items = lines;
    await this.enqueue(() => this.execution.replaceOutputItems(headline, this.headlineOutput));
    await this.enqueue(() => this.execution.replaceOutputItems(lines, this.transcriptOutput));
  }

  /** Charts at every update; a large payload (a long run, many partitions) about every millisecond per kB. */
  private chartsDue(): boolean {
    if (!this.options.charts || this.transcript.ticks === 0 || this.chartsBuilding) return false;
    const spacingMs = this.chartBytes / BYTES_PER_CHART_MS;
    return spacingMs <= this.options.throttleMs || Date.now() - this.lastCharts >= spacingMs;
  }

  /** Builds the charts from the run as it is now (synchronously) and shows them once compiled. */
  private buildCharts(): Promise<void> {
    this.lastCharts = Date.now();
    const built = this.updateCharts().then((bytes) => {
      if (bytes === 0) return;
      chartsCompiledBefore = true;
      this.chartBytes = bytes;
    });
    this.chartsBuilding = built.finally(() => (this.chartsBuilding = undefined));
    return this.chartsBuilding;
  }

  /** Replaces an output's items, in the cell and in the object (which a later replaceOutput sends again). */
  private setItems(output: vscode.NotebookCellOutput, items: vscode.NotebookCellOutputItem[]): Promise<void> {
    output.items = items;
    return this.enqueue(() => this.execution.replaceOutputItems(items, output));
  }

  /**
   * Rebuilds and shows the charts; resolves with the payload's size in bytes (0 when none). The
   * charts are of the run as it is at the call (the builder reads the transcript at once).
   */
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
      this.chartsOutput = runOutput('charts', this.options.specHash, [item], undefined, this.options.runId);
      await this.enqueue(() => this.execution.replaceOutput(this.outputs()));
    }
    return item.data.byteLength;
  }

  /** The verdict, the final charts, the report and the transcript, in reading order. */
  async finish(final: FinalRunOutputs): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.updated;
    await this.chartsBuilding;
    await this.updateCharts();
    // The outputs that are there get their final items in place first; the report (and an error)
    // then join them in one edit that only inserts (the editor pairs outputs by their content), so
    // no output is drawn in another's place.
    void this.setItems(this.headlineOutput, headlineItems(final.headline));
    void this.setItems(this.transcriptOutput, transcriptItems(final.transcriptView, final.fullTranscript));
    if (final.error) {
      // Two insertions apart (the error under the headline, the report under the charts): the
      // editor then lays the charts out over the report. Cleared first, every output is laid out anew.
      void this.enqueue(async () => {
        await this.execution.clearOutput();
        await this.execution.replaceOutput(this.outputs(final));
      });
    } else if (final.report) void this.enqueue(() => this.execution.replaceOutput(this.outputs(final)));
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
