// The outputs a notebook run saves (src/extension/cellRun.ts, docs/notebook.md "What a run
// shows"), made without VS Code for the export tests: the transcript (text/plain), the charts
// (the charts item, as VS Code stores JSON) and the report (text/markdown); errors as VS Code's
// error item.

import { analyzeSeries } from '../../../src/analysis/analyzeRun';
import { buildRunChartsFromSeries } from '../../../src/analysis/charts/buildRunCharts';
import { compileCharts } from '../../../src/analysis/charts/compileCharts';
import { formatReportMarkdown } from '../../../src/analysis/reportMarkdown';
import { RunTranscript } from '../../../src/analysis/runTranscript';
import { configHeaderOf } from '../../../src/engine/configHeader';
import { createRun } from '../../../src/engine/simulation';
import { CHARTS_MIME } from '../../../src/format/chartsPayload';
import { outputItemFromBytes } from '../../../src/format/outputItemCodec';
import type { StressnbOutput } from '../../../src/format/stressnbFile';
import { parseScenarioSpec } from '../../../src/spec/parseScenarioSpec';

export const ERROR_MIME = 'application/vnd.code.notebook.error';

export function errorOutput(name: string, message: string): StressnbOutput {
  return { items: [outputItemFromBytes(ERROR_MIME, new TextEncoder().encode(JSON.stringify({ name, message, stack: '' }, undefined, '\t')))] };
}

export function textOutput(mime: string, text: string): StressnbOutput {
  return { items: [outputItemFromBytes(mime, new TextEncoder().encode(text))] };
}

/**
 * Runs a spec with the engine as a notebook cell would and returns the outputs it saves.
 * `stopAfterTicks` interrupts the run there (the report is marked partial); `failWith` ends it
 * as failed with that message after the ticks so far.
 */
export async function savedRunOutputs(specText: string, options: { stopAfterTicks?: number; failWith?: string } = {}): Promise<StressnbOutput[]> {
  const { spec } = parseScenarioSpec(specText);
  if (!spec) throw new Error(`test spec has errors: ${specText}`);
  const transcript = new RunTranscript();
  transcript.setProvisionalHeader(configHeaderOf(spec));
  const run = createRun({ ...spec, pace: 'fast' });
  const stopAt = options.stopAfterTicks ?? Infinity;
  while (!run.finished && transcript.ticks < stopAt) transcript.push(run.step());
  const interrupted = !run.finished && options.failWith === undefined;
  if (interrupted) transcript.push([{ type: 'phase', t: transcript.elapsedS, phase: 'done', reason: 'interrupted' }]);

  const outcome = options.failWith !== undefined ? { state: 'failed' as const, message: options.failWith } : interrupted ? { state: 'interrupted' as const } : { state: 'finished' as const };
  const charts = await compileCharts(buildRunChartsFromSeries(transcript.series));
  const report = analyzeSeries(transcript.series, { expect: spec.expect, interrupted });
  const outputs: StressnbOutput[] = [
    textOutput('text/plain', transcript.finalText(outcome)),
    { items: [outputItemFromBytes(CHARTS_MIME, new TextEncoder().encode(JSON.stringify(charts, undefined, '\t')))] },
    textOutput('text/markdown', formatReportMarkdown(report)),
  ];
  if (options.failWith !== undefined) outputs.push(errorOutput('Run failed', options.failWith));
  return outputs;
}
