// A scenario cell with `repeat: N`: its runs one after another (the engine with seeds seed …
// seed+N-1, a command N times, a log pattern's N files), each streamed live as a single run is
// ("repeat 2 of 5" in its status), then the cell ends with the aggregate: a headline that says it
// first, the charts of the median with a min–max band, the report with every repeat's own report
// one click away, and the whole transcript of every repeat. An interrupt stops the repeat running
// and the ones after it; the aggregate covers the repeats done.

import * as vscode from 'vscode';
import { buildRepeatCharts } from '../charts/repeatCharts';
import { compileCharts } from '../charts/compileCharts';
import { ChartRows } from '../charts/chartData';
import { buildRunChartsFromSeries } from '../charts/buildRunCharts';
import {
  repeatedHeadline,
  repeatedReportMarkdown,
  repeatedRunPassed,
  repeatWord,
  type RepeatedRun,
  type RepeatResult,
} from '../report/repeatReport';
import { absoluteExpectations, evaluateSampleThresholds } from '../analysis/sampleThresholds';
import { RunTranscript } from '../report/runTranscript';
import type { TickSeries } from '../series/seriesTypes';
import { configHeaderOf } from '../engine/configHeader';
import { CHARTS_MIME } from '../contracts/chartsPayload';
import { errorMessage } from '../contracts/errorMessage';
import { repeatCount, repeatedSpecs, repeatSpecText } from '../spec/repeatRuns';
import type { Pace, ScenarioSpec } from '../spec/scenarioSpec';
import { baselineFor, baselineRuns, candidateMetadata } from './baselines';
import { reportRun } from './cellReport';
import type { CellRunDeps } from './cellRunDeps';
import { LiveRunOutput } from './liveRunOutput';
import { repeatedCandidate } from './repeatedBaseline';
import { headlineItems, runOutput, transcriptItems } from './runOutputItems';
import type { RunEnd, RunSource } from './runSource';
import { sourceRefusal } from './sourceRefusal';
import { recordRun } from './runHistory';
import { log } from './log';

const FAST_BATCH_MS = 50;

export interface RepeatedCellContext {
  spec: ScenarioSpec;
  text: string;
  hash: string;
  /** Tags this run's outputs (outputRef.ts). */
  runId: string;
  pace?: Pace;
  /** Says why a run cannot start (spec error, refused source) and keeps the earlier outputs. */
  refuse(title: string, message: string): Promise<void>;
}

export async function runRepeatedCell(
  execution: vscode.NotebookCellExecution,
  deps: CellRunDeps,
  registerStop: (stop: () => void) => void,
  { spec, text, hash, runId, pace, refuse }: RepeatedCellContext,
): Promise<boolean> {
  const notebook = execution.cell.notebook;
  const planned = repeatCount(spec);
  const sources = planSources(spec, text, pace, notebook, deps, planned);
  if ('refusal' in sources) {
    await refuse(sources.refusal.title, sources.refusal.message);
    return false;
  }

  const repeats: RepeatResult[] = [];
  const series: TickSeries[] = [];
  const fullLines: string[] = [];
  let stopped = false;
  let current: RunSource | undefined;
  registerStop(() => {
    stopped = true;
    current?.stop();
  });
  const scenario = String(spec.scenario);
  const baseline = () => baselineFor(notebook, scenario);

  for (let i = 0; i < planned && !stopped; i++) {
    const runSpec = sources.specs[i];
    const transcript = new RunTranscript();
    transcript.setProvisionalHeader(configHeaderOf(runSpec));
    const chartRows = new ChartRows();
    const live = new LiveRunOutput(execution, transcript, {
      throttleMs: deps.settings().throttleMs,
      specHash: hash,
      runId,
      pace,
      charts: () => buildRunChartsFromSeries(transcript.series, { rows: chartRows }),
    });
    live.setNote(`repeat ${i + 1} of ${planned}`);
    await live.begin();
    current = sources.create(i);
    let end: RunEnd;
    try {
      end = await current.run({
        onEvents: (events) => {
          transcript.push(events);
          live.changed();
        },
        onNote: (note) => live.setNote(note ? `repeat ${i + 1} of ${planned} · ${note}` : `repeat ${i + 1} of ${planned}`),
      });
    } catch (error) {
      end = { kind: 'failed', message: errorMessage(error) };
    }
    await live.close();
    if (end.kind === 'interrupted') {
      stopped = true;
      if (transcript.phase !== 'done') transcript.push([{ type: 'phase', t: transcript.elapsedS, phase: 'done', reason: 'interrupted' }]);
    }
    const result: RepeatResult = {
      index: i + 1,
      ...(transcript.config?.seed !== undefined ? { seed: transcript.config.seed } : {}),
      end: end.kind,
      ...(end.kind === 'failed' ? { message: end.message.split('\n')[0] } : {}),
    };
    if (transcript.ticks > 0) {
      try {
        // Thresholds against the baseline are judged on all the repeats together (below), not repeat by repeat.
        const r = reportRun(transcript.series, {
          expect: absoluteExpectations(spec.expect),
          baseline: baseline(),
          interrupted: end.kind === 'interrupted',
        });
        result.report = r.report;
        result.markdown = r.markdown;
        if (end.kind === 'finished') series.push(transcript.series);
      } catch (error) {
        result.message = `the report could not be built: ${errorMessage(error)}`;
      }
    }
    repeats.push(result);
    fullLines.push(`── repeat ${i + 1} of ${planned} ──`, ...transcript.fullLines(outcomeOf(end)));
  }

  const pinned = baseline();
  const finished = repeats.filter((r) => r.end === 'finished' && r.report).map((r) => r.report!.summary.metrics);
  const run: RepeatedRun = {
    scenario: String(repeats.find((r) => r.report)?.report?.summary.scenario ?? scenario),
    planned,
    repeats,
    thresholds: evaluateSampleThresholds(spec.expect, finished, pinned ? baselineRuns(pinned) : undefined),
  };
  let chartsOutput: vscode.NotebookCellOutput | undefined;
  if (series.length > 0) {
    try {
      const payload = await compileCharts(
        buildRepeatCharts(series, { baseline: pinned ? { label: pinned.label, totals: pinned.totals } : undefined }),
      );
      chartsOutput = runOutput('charts', hash, [vscode.NotebookCellOutputItem.json(payload, CHARTS_MIME)], undefined, runId);
    } catch (error) {
      log.error('building the repeat charts failed', error);
    }
  }
  const candidate = repeatedCandidate(run, series);
  const report = runOutput(
    'report',
    hash,
    [vscode.NotebookCellOutputItem.text(repeatedReportMarkdown(run), 'text/markdown')],
    candidate ? candidateMetadata(candidate) : undefined,
    runId,
  );
  const view = repeats.map(
    (r) =>
      `repeat ${r.index}${r.seed !== undefined ? ` (seed ${r.seed})` : ''}: ${repeatWord(r)}${r.report ? ` · ${r.report.summary.metrics.completedPerS?.toFixed(1)} completed/s · ${r.report.summary.metrics.rejectPct?.toFixed(2)} % rejected` : ''}`,
  );
  const outputs = [
    runOutput('headline', hash, headlineItems(repeatedHeadline(run)), undefined, runId),
    ...(chartsOutput ? [chartsOutput] : []),
    report,
    runOutput(
      'transcript',
      hash,
      transcriptItems([...view, '', 'Every line of every repeat: Full transcript (in the headline).'].join('\n'), fullLines),
      undefined,
      runId,
    ),
  ];
  await execution.clearOutput();
  await execution.replaceOutput(outputs);
  // Every repeat finished: one line in the run history, the repeats together.
  const ran = repeats.filter((r) => r.end === 'finished' && r.report);
  if (ran.length === planned) {
    await recordRun({
      notebook,
      cell: execution.cell,
      specHash: hash,
      runs: ran.map((r, i) => ({ report: r.report!, series: series[i] })),
      verdict: repeatedRunPassed(run) ? 'pass' : 'fail',
    });
  }
  return repeatedRunPassed(run);
}

type Planned = { specs: ScenarioSpec[]; create(i: number): RunSource } | { refusal: { title: string; message: string } };

function planSources(
  spec: ScenarioSpec,
  text: string,
  pace: Pace | undefined,
  notebook: vscode.NotebookDocument,
  deps: CellRunDeps,
  planned: number,
): Planned {
  const { source } = spec;
  if (source.kind === 'engine') {
    const specs = repeatedSpecs(spec);
    return {
      specs,
      create: (i) =>
        deps.workerHost.createSource({ specText: repeatSpecText(text, specs[i].seed), pace: pace ?? spec.pace, batchMs: FAST_BATCH_MS }),
    };
  }
  const refusal = sourceRefusal(spec, deps.externalSources !== undefined);
  if (refusal) return { refusal };
  let files: string[] | undefined;
  if (source.kind === 'file') {
    const found = deps.logFilesOfPattern?.(source.path, notebook, planned);
    if (!found)
      return {
        refusal: {
          title: 'Cannot run here',
          message: 'a repeated log-file source needs desktop VS Code (it lists the files of its pattern)',
        },
      };
    if ('error' in found) return { refusal: { title: 'Scenario spec error', message: found.error } };
    files = found.files;
  }
  const specs = repeatedSpecs(spec, files);
  return {
    specs,
    create: (i) =>
      deps.externalSources!(specs[i].source as Exclude<ScenarioSpec['source'], { kind: 'engine' }>, notebook, configHeaderOf(specs[i])),
  };
}

function outcomeOf(end: RunEnd): { state: 'finished' } | { state: 'interrupted' } | { state: 'failed'; message: string } {
  if (end.kind === 'finished') return { state: 'finished' };
  if (end.kind === 'interrupted') return { state: 'interrupted' };
  return { state: 'failed', message: end.message.split('\n')[0] };
}
