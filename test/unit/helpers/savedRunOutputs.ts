// The outputs a notebook run saves (src/extension/cellRun.ts, docs/notebook.md "What a run
// shows"), made without VS Code for the export tests and the bench, in the notebook's order and
// with its tags: the headline (its item and text fallback), a run error, the charts (the charts
// item, as VS Code stores JSON, with the report's triage hints as the kernel's final charts have
// them), the report (text/markdown, with a finished run's baseline candidate in its metadata) and
// the transcript (the view and the whole transcript).

import { analyzeSeries } from '../../../src/analysis/analyzeRun';
import { buildRunChartsFromSeries } from '../../../src/charts/buildRunCharts';
import { ChartRows } from '../../../src/charts/chartData';
import { downsampleMinMax } from '../../../src/charts/downsample';
import { formatReportMarkdown } from '../../../src/report/reportMarkdown';
import { finalHeadline, formatHeadlineText } from '../../../src/report/runHeadline';
import { RunTranscript } from '../../../src/report/runTranscript';
import { storyMarks } from '../../../src/report/transcriptTable';
import { configHeaderOf } from '../../../src/engine/configHeader';
import { createRun } from '../../../src/engine/simulation';
import { CHARTS_MIME } from '../../../src/contracts/chartsPayload';
import { HEADLINE_MIME } from '../../../src/contracts/headlinePayload';
import { runOutputMetadata, specHash, TRANSCRIPT_MIME, type RunOutputKind } from '../../../src/contracts/runOutputs';
import { outputItemFromBytes } from '../../../src/format/outputItemCodec';
import type { JsonObject, StressnbOutput } from '../../../src/format/stressnbFile';
import { parseScenarioSpec } from '../../../src/spec/parseScenarioSpec';

export const ERROR_MIME = 'application/vnd.code.notebook.error';

export function errorOutput(name: string, message: string): StressnbOutput {
  return {
    items: [outputItemFromBytes(ERROR_MIME, new TextEncoder().encode(JSON.stringify({ name, message, stack: '' }, undefined, '\t')))],
  };
}

export function textOutput(mime: string, text: string): StressnbOutput {
  return { items: [textItem(mime, text)] };
}

/**
 * Runs a spec with the engine as a notebook cell would and returns the outputs it saves.
 * `stopAfterTicks` interrupts the run there (the report is marked partial); `failWith` ends it
 * as failed with that message after the ticks so far.
 */
export async function savedRunOutputs(
  specText: string,
  options: { stopAfterTicks?: number; failWith?: string } = {},
): Promise<StressnbOutput[]> {
  const { spec } = parseScenarioSpec(specText);
  if (!spec) throw new Error(`test spec has errors: ${specText}`);
  const transcript = new RunTranscript();
  transcript.setProvisionalHeader(configHeaderOf(spec));
  const run = createRun({ ...spec, pace: 'fast' });
  const stopAt = options.stopAfterTicks ?? Infinity;
  while (!run.finished && transcript.ticks < stopAt) transcript.push(run.step());
  const interrupted = !run.finished && options.failWith === undefined;
  if (interrupted) transcript.push([{ type: 'phase', t: transcript.elapsedS, phase: 'done', reason: 'interrupted' }]);

  const outcome =
    options.failWith !== undefined
      ? { state: 'failed' as const, message: options.failWith }
      : interrupted
        ? { state: 'interrupted' as const }
        : { state: 'finished' as const };
  const report = analyzeSeries(transcript.series, { expect: spec.expect, interrupted });
  const charts = buildRunChartsFromSeries(transcript.series, { hints: report.hints });
  const headline = finalHeadline({
    outcome,
    config: transcript.config,
    report,
    endReason: transcript.endedBecause,
    elapsedS: transcript.elapsedS,
    ticks: transcript.ticks,
  });
  const hash = specHash(specText);
  const finished = outcome.state === 'finished';
  // As cellRun.ts's baselineCandidate: what Pin Run as Baseline pins.
  const candidate = () => {
    const scenario = String(transcript.config?.scenario ?? spec.scenario);
    const totals = new ChartRows().update(transcript.series).totals.map(({ t, completedPerS }) => ({ t, completedPerS }));
    return {
      scenario,
      label: `baseline (${scenario}, seed ${transcript.config?.seed})`,
      summary: report.summary,
      totals: downsampleMinMax(totals, 300, (p) => p.completedPerS),
    } as unknown as JsonObject;
  };
  const tagged = (kind: RunOutputKind, output: StressnbOutput): StressnbOutput => ({
    ...output,
    metadata: runOutputMetadata(kind, hash) as StressnbOutput['metadata'],
  });
  const outputs: StressnbOutput[] = [
    tagged('headline', { items: [jsonItem(HEADLINE_MIME, headline), textItem('text/plain', formatHeadlineText(headline))] }),
    ...(options.failWith !== undefined ? [tagged('run-error', errorOutput('Run failed', options.failWith))] : []),
    tagged('charts', { items: [jsonItem(CHARTS_MIME, charts)] }),
    withMetadata(
      tagged('report', textOutput('text/markdown', formatReportMarkdown(report))),
      finished ? { stressnbBaselineCandidate: candidate() } : {},
    ),
    tagged('transcript', {
      items: [
        textItem('text/plain', transcript.finalText(outcome, storyMarks(report))),
        jsonItem(TRANSCRIPT_MIME, { version: 1, lines: transcript.fullLines(outcome) }),
      ],
    }),
  ];
  return outputs;
}

function withMetadata(output: StressnbOutput, metadata: JsonObject): StressnbOutput {
  return Object.keys(metadata).length === 0 ? output : { ...output, metadata: { ...output.metadata, ...metadata } };
}

/** A JSON item as VS Code stores it (NotebookCellOutputItem.json). */
function jsonItem(mime: string, value: unknown) {
  return outputItemFromBytes(mime, new TextEncoder().encode(JSON.stringify(value, undefined, '\t')));
}

function textItem(mime: string, text: string) {
  return outputItemFromBytes(mime, new TextEncoder().encode(text));
}
