// One scenario cell's run: parse the spec, pick the source (engine worker, command, file),
// stream its events into the live output, and end with the verdict and the report. Returns
// whether the cell succeeded; never throws for a problem of the run itself (that is shown in the
// cell). A run that cannot start (a spec error) keeps the outputs of the cell's last run.

import * as vscode from 'vscode';
import { buildRunChartsFromSeries } from '../charts/buildRunCharts';
import { ChartRows } from '../charts/chartData';
import { downsampleMinMax } from '../charts/downsample';
import { finalHeadline } from '../report/runHeadline';
import type { RunReport, TriageHint } from '../analysis/reportTypes';
import { DEFAULT_TRANSCRIPT_LIMITS, RunTranscript, type RunOutcome, type TranscriptLimits } from '../report/runTranscript';
import { storyMarks } from '../report/transcriptTable';
import { configHeaderOf } from '../engine/configHeader';
import { sourceConfigHeaderOf } from '../engine/sourceConfigHeader';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { Pace, ScenarioSpec } from '../spec/scenarioSpec';
import { baselineFor, candidateMetadata, type PinnedBaseline } from './baselines';
import { LiveRunOutput } from './liveRunOutput';
import { cellName, durationText, log } from './log';
import { reportRun } from './cellReport';
import type { RunEnd, RunSource } from './runSource';
import { sourceRefusal, type SourceRefusal } from './sourceRefusal';
import { formatProblems } from './specProblems';
import type { CellRunDeps } from './cellRunDeps';
import { errorMessage } from '../contracts/errorMessage';
import { specHash } from '../contracts/runOutputs';
import { newRunId } from '../contracts/outputRef';
import { errorOutput, outputKind, runOutput } from './runOutputItems';
import { runRepeatedCell } from './repeatedCellRun';
import { recordRun } from './runHistory';
import { VIEW_METADATA_KEY } from './extensionIds';
import { repeatCount } from '../spec/repeatRuns';

export type { CellRunDeps, RunSettings } from './cellRunDeps';

const FAST_BATCH_MS = 50;
const BASELINE_POINTS = 300;
/** Lines of the transcript view when outputs scroll (no truncation to fit). */
const SCROLLING_VIEW_LINES = 60;

/** Whether the cell sets `pace:` itself (otherwise the setting decides). */
function setsPace(text: string): boolean {
  return /^pace\s*:/m.test(text);
}

type SourceChoice = { source: RunSource; pace?: Pace } | { refusal: SourceRefusal };

function chooseSource(spec: ScenarioSpec, text: string, notebook: vscode.NotebookDocument, deps: CellRunDeps): SourceChoice {
  const { source } = spec;
  if (source.kind === 'engine') {
    const pace = setsPace(text) ? spec.pace : deps.settings().defaultPace;
    const crash = STRESSNB_TEST_HOOKS ? { crashAfterTicks: deps.testHooks?.takeCrashAfterTicks() } : {};
    return { pace, source: deps.workerHost.createSource({ specText: text, pace, batchMs: FAST_BATCH_MS, ...crash }) };
  }
  // On the web there is no command or file source. VS Code asks for trust before it runs any
  // cell; the trust check guards hosts that do not.
  const refusal = sourceRefusal(spec, deps.externalSources !== undefined);
  if (refusal) return { refusal };
  return {
    source: deps.externalSources!(source, notebook, sourceConfigHeaderOf(spec, text), { scenario: spec.scenario, expect: spec.expect }),
  };
}

export async function runScenarioCell(
  execution: vscode.NotebookCellExecution,
  deps: CellRunDeps,
  registerStop: (stop: () => void) => void,
): Promise<boolean> {
  const { cell } = execution;
  const text = cell.document.getText();
  const hash = specHash(text);
  const runId = newRunId();
  if (cell.metadata?.[VIEW_METADATA_KEY] !== undefined) {
    await keepEarlierOutputs(
      execution,
      'Nothing to run',
      'This cell shows the run history (Stressnb: Show Run History); it has no scenario to run. Its charts stay below.',
      hash,
    );
    return false;
  }
  const { spec, problems } = parseScenarioSpec(text);
  if (!spec) {
    log.info(`${cellName(cell)} not run: its scenario spec has errors`);
    await keepEarlierOutputs(execution, 'Scenario spec error', formatProblems(problems), hash);
    return false;
  }
  if (repeatCount(spec) > 1) {
    return runRepeatedCell(execution, deps, registerStop, {
      spec,
      text,
      hash,
      runId,
      pace: spec.source.kind === 'engine' ? (setsPace(text) ? spec.pace : deps.settings().defaultPace) : undefined,
      refuse: (title, message) => keepEarlierOutputs(execution, title, message, hash),
    });
  }
  const choice = chooseSource(spec, text, cell.notebook, deps);
  if ('refusal' in choice) {
    log.info(`${cellName(cell)} not run: ${choice.refusal.title}`);
    await keepEarlierOutputs(execution, choice.refusal.title, choice.refusal.message, hash);
    return false;
  }
  const started = Date.now();
  // An external source names its scenario in its own config line, known once it arrives.
  const named = spec.source.kind === 'engine' ? `scenario ${spec.scenario}, ` : '';
  log.info(`run started: ${cellName(cell)}, ${named}${spec.source.kind} source${choice.pace ? `, pace ${choice.pace}` : ''}`);

  // The transcript builds the run's tick series as events arrive; the live charts, the report
  // and the baseline candidate all read it, and the charts keep their rows from one update to the next.
  const transcript = new RunTranscript(transcriptLimits());
  transcript.setProvisionalHeader(spec.source.kind === 'engine' ? configHeaderOf(spec) : sourceConfigHeaderOf(spec, text));
  const chartRows = new ChartRows();
  // An external source names its scenario in its own config line.
  const scenario = () => String(transcript.config?.scenario ?? spec.scenario);
  const baseline = () => baselineFor(cell.notebook, scenario());
  // The report's triage hints, once there is a report: the final charts draw their windows.
  let hints: readonly TriageHint[] = [];
  const live = new LiveRunOutput(execution, transcript, {
    throttleMs: deps.settings().throttleMs,
    specHash: hash,
    runId,
    pace: choice.pace,
    charts: () => {
      const pinned = baseline();
      return buildRunChartsFromSeries(transcript.series, {
        rows: chartRows,
        baseline: pinned && pinned.totals.length > 0 ? { label: pinned.label, totals: pinned.totals } : undefined,
        hints,
      });
    },
  });
  await live.begin();

  registerStop(() => choice.source.stop());
  let end: RunEnd;
  try {
    end = await choice.source.run({
      onEvents: (events) => {
        transcript.push(events);
        live.changed();
      },
      onNote: (note) => live.setNote(note),
    });
  } catch (error) {
    log.error(`${cellName(cell)}: the run's source threw`, error);
    end = { kind: 'failed', message: errorMessage(error) };
  }

  if (end.kind === 'interrupted' && transcript.phase !== 'done') {
    transcript.push([{ type: 'phase', t: transcript.elapsedS, phase: 'done', reason: 'interrupted' }]);
  }
  let report: RunReport | undefined;
  let reportOutput: vscode.NotebookCellOutput | undefined;
  let reportError: string | undefined;
  if (transcript.ticks > 0) {
    try {
      const result = reportRun(transcript.series, {
        expect: spec.expect,
        baseline: baseline(),
        interrupted: end.kind === 'interrupted',
        ...(end.kind === 'failed' ? { failure: end.message } : {}),
      });
      report = result.report;
      hints = report.hints;
      const candidate = end.kind === 'finished' ? baselineCandidate(scenario(), transcript, chartRows, result.summary) : undefined;
      const item = vscode.NotebookCellOutputItem.text(result.markdown, 'text/markdown');
      reportOutput = runOutput('report', hash, [item], candidate ? candidateMetadata(candidate) : undefined, runId);
    } catch (error) {
      log.error(`${cellName(cell)}: building the run's report failed`, error);
      reportError = errorMessage(error);
    }
  }
  const outcome = outcomeOf(end);
  const runError =
    end.kind === 'failed'
      ? errorOutput('Run failed', end.message, { kind: 'run-error', hash })
      : reportError
        ? errorOutput('Report failed', `the run's report could not be built: ${reportError}`, { kind: 'run-error', hash })
        : undefined;
  await live.finish({
    headline: finalHeadline({
      outcome,
      config: transcript.config,
      report,
      reportError,
      endReason: transcript.endedBecause,
      elapsedS: transcript.elapsedS,
      ticks: transcript.ticks,
    }),
    transcriptView: transcript.finalText(outcome, report ? storyMarks(report) : []),
    fullTranscript: transcript.fullLines(outcome),
    report: reportOutput,
    error: runError,
  });
  log.info(
    `run ended: ${cellName(cell)}, scenario ${scenario()}: ${verdictText(end, report, reportError)} after ${durationText(Date.now() - started)}, ${transcript.ticks} ticks`,
  );
  // A finished run goes into the run history (runHistory.ts); an interrupted or failed one does not.
  if (end.kind === 'finished' && report)
    await recordRun({ notebook: cell.notebook, cell, specHash: hash, runs: [{ report, series: transcript.series }] });
  return end.kind === 'finished' && report?.verdict === 'pass';
}

/** The run's verdict for the log: pass or fail once it finished with a report, else incomplete and why. */
function verdictText(end: RunEnd, report: RunReport | undefined, reportError: string | undefined): string {
  if (end.kind === 'failed') return `incomplete (the run failed: ${end.message.split('\n')[0]})`;
  if (end.kind === 'interrupted') return 'incomplete (interrupted)';
  if (reportError !== undefined) return `incomplete (no report: ${reportError})`;
  return report ? report.verdict : 'incomplete (no tick arrived)';
}

/**
 * A run that cannot start shows why on top and keeps the outputs of the cell's last run below
 * (their fingerprint marks them as from an earlier version of the cell): a typo never throws
 * away evidence. An earlier message of this kind is replaced.
 */
async function keepEarlierOutputs(execution: vscode.NotebookCellExecution, name: string, message: string, hash: string): Promise<void> {
  const earlier = execution.cell.outputs.filter((o) => outputKind(o) !== 'spec-error');
  const text =
    earlier.length > 0
      ? `${message}\n\nThe outputs below are from the cell's last run, of an earlier version of its text; they stay until the cell runs again.`
      : message;
  // Cleared first: replacing in place would morph each output into the one after it, and the
  // editor's layout of those outputs lags (charts drawn over the report).
  await execution.clearOutput();
  await execution.replaceOutput([errorOutput(name, text, { kind: 'spec-error', hash }), ...earlier]);
}

/**
 * VS Code truncates a text output longer than `notebook.output.textLineLimit` lines in the middle
 * (unless outputs scroll): the transcript view is built to fit that many lines.
 */
function transcriptLimits(): TranscriptLimits {
  const output = vscode.workspace.getConfiguration('notebook.output');
  const lineLimit = output.get<number>('textLineLimit', 30);
  // A scrolling output shows any length; keep the view to a screenful there too.
  if (output.get<boolean>('scrolling', false) || !Number.isFinite(lineLimit) || lineLimit <= 0)
    return { ...DEFAULT_TRANSCRIPT_LIMITS, viewLines: SCROLLING_VIEW_LINES };
  return { ...DEFAULT_TRANSCRIPT_LIMITS, viewLines: lineLimit };
}

function outcomeOf(end: RunEnd): Exclude<RunOutcome, { state: 'running' }> {
  if (end.kind === 'finished') return { state: 'finished' };
  if (end.kind === 'interrupted') return { state: 'interrupted' };
  return { state: 'failed', message: end.message.split('\n')[0] };
}

function baselineCandidate(scenario: string, transcript: RunTranscript, chartRows: ChartRows, summary: unknown): PinnedBaseline {
  const totals = chartRows.update(transcript.series).totals.map(({ t, completedPerS }) => ({ t, completedPerS }));
  const seed = transcript.config?.seed;
  return {
    scenario,
    label: seed === undefined ? `baseline (${scenario})` : `baseline (${scenario}, seed ${seed})`,
    summary: summary ?? null,
    totals: downsampleMinMax(totals, BASELINE_POINTS, (p) => p.completedPerS),
  };
}
