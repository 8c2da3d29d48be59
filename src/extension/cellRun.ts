// One scenario cell's run: parse the spec, pick the source (engine worker, command, file),
// stream its events into the live output, and end with the report. Returns whether the cell
// succeeded; never throws for a problem of the run itself (that is shown in the cell).

import * as vscode from 'vscode';
import { buildRunChartsFromSeries } from '../analysis/charts/buildRunCharts';
import { ChartRows } from '../analysis/charts/chartData';
import { compileCharts } from '../analysis/charts/compileCharts';
import { downsampleMinMax } from '../analysis/charts/downsample';
import { DEFAULT_TRANSCRIPT_LIMITS, RunTranscript, type RunOutcome, type TranscriptLimits } from '../analysis/runTranscript';
import { configHeaderOf } from '../engine/configHeader';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { Pace, ScenarioSpec } from '../spec/scenarioSpec';
import { baselineFor, candidateMetadata, type PinnedBaseline } from './baselines';
import { LiveRunOutput } from './liveRunOutput';
import type { StressnbPlatform } from './platform';
import { reportRun } from './cellReport';
import type { RunEnd, RunSource } from './runSource';
import { sourceRefusal, type SourceRefusal } from './sourceRefusal';
import { formatProblems } from './specProblems';
import type { WorkerHost } from './workerHost';
import { errorMessage } from '../format/errorMessage';

export interface RunSettings {
  defaultPace: Pace;
  throttleMs: number;
}

export interface CellRunDeps {
  workerHost: WorkerHost;
  /** Command and file sources; absent on the web (platform.ts). */
  externalSources: StressnbPlatform['externalSources'];
  /** Sweeps on worker threads; absent on the web (platform.ts). */
  sweeps?: StressnbPlatform['sweeps'];
  settings(): RunSettings;
  /** Test hook: the engine worker of the next run throws after this many ticks. */
  takeCrashAfterTicks(): number | undefined;
}

const FAST_BATCH_MS = 50;
const BASELINE_POINTS = 300;

export function errorOutput(name: string, message: string): vscode.NotebookCellOutput {
  const error = new Error(message);
  error.name = name;
  error.stack = '';
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.error(error)]);
}

/** Whether the cell sets `pace:` itself (otherwise the setting decides). */
function setsPace(text: string): boolean {
  return /^pace\s*:/m.test(text);
}

type SourceChoice = { source: RunSource; pace?: Pace } | { refusal: SourceRefusal };

function chooseSource(spec: ScenarioSpec, text: string, notebook: vscode.NotebookDocument, deps: CellRunDeps): SourceChoice {
  const { source } = spec;
  if (source.kind === 'engine') {
    const pace = setsPace(text) ? spec.pace : deps.settings().defaultPace;
    return {
      pace,
      source: deps.workerHost.createSource({ specText: text, pace, batchMs: FAST_BATCH_MS, crashAfterTicks: deps.takeCrashAfterTicks() }),
    };
  }
  // On the web there is no command or file source. VS Code asks for trust before it runs any
  // cell; the trust check guards hosts that do not.
  const refusal = sourceRefusal(spec, deps.externalSources !== undefined);
  if (refusal) return { refusal };
  return { source: deps.externalSources!(source, notebook, configHeaderOf(spec)) };
}

export async function runScenarioCell(
  execution: vscode.NotebookCellExecution,
  deps: CellRunDeps,
  registerStop: (stop: () => void) => void,
): Promise<boolean> {
  const { cell } = execution;
  const text = cell.document.getText();
  const { spec, problems } = parseScenarioSpec(text);
  if (!spec) {
    await execution.replaceOutput([errorOutput('Scenario spec error', formatProblems(problems))]);
    return false;
  }
  const choice = chooseSource(spec, text, cell.notebook, deps);
  if ('refusal' in choice) {
    await execution.replaceOutput([errorOutput(choice.refusal.title, choice.refusal.message)]);
    return false;
  }

  // The transcript builds the run's tick series as events arrive; the live charts, the report
  // and the baseline candidate all read it, and the charts keep their rows from one update to the next.
  const transcript = new RunTranscript(transcriptLimits());
  transcript.setProvisionalHeader(configHeaderOf(spec));
  const chartRows = new ChartRows();
  // An external source names its scenario in its own config line.
  const scenario = () => String(transcript.config?.scenario ?? spec.scenario);
  const baseline = () => baselineFor(cell.notebook, scenario());
  const live = new LiveRunOutput(execution, transcript, {
    throttleMs: deps.settings().throttleMs,
    pace: choice.pace,
    charts: () => {
      const pinned = baseline();
      const charts = buildRunChartsFromSeries(transcript.series, {
        rows: chartRows,
        baseline: pinned ? { label: pinned.label, totals: pinned.totals } : undefined,
      });
      return compileCharts(charts);
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
    end = { kind: 'failed', message: errorMessage(error) };
  }

  if (end.kind === 'interrupted' && transcript.phase !== 'done') {
    transcript.push([{ type: 'phase', t: transcript.elapsedS, phase: 'done', reason: 'interrupted' }]);
  }
  const extra: vscode.NotebookCellOutput[] = [];
  let verdictFailed = false;
  if (transcript.ticks > 0) {
    try {
      const report = reportRun(transcript.series, { expect: spec.expect, baseline: baseline(), interrupted: end.kind === 'interrupted' });
      verdictFailed = report.failed;
      const candidate = end.kind === 'finished' ? baselineCandidate(scenario(), transcript, chartRows, report.summary) : undefined;
      const item = vscode.NotebookCellOutputItem.text(report.markdown, 'text/markdown');
      extra.push(new vscode.NotebookCellOutput([item], candidate ? candidateMetadata(candidate) : undefined));
    } catch (error) {
      extra.push(errorOutput('Report failed', `the run's report could not be built: ${errorMessage(error)}`));
    }
  }
  if (end.kind === 'failed') extra.push(errorOutput('Run failed', end.message));
  await live.finish(outcomeOf(end), extra);
  return end.kind === 'finished' && !verdictFailed;
}

/**
 * VS Code truncates a text output longer than `notebook.output.textLineLimit` lines (unless
 * outputs scroll): while a run goes, show only as many recent ticks as fit, so the view is one
 * contiguous, current stretch of lines.
 */
function transcriptLimits(): TranscriptLimits {
  const output = vscode.workspace.getConfiguration('notebook.output');
  const lineLimit = output.get<number>('textLineLimit', 30);
  if (output.get<boolean>('scrolling', false) || !Number.isFinite(lineLimit) || lineLimit <= 0) return DEFAULT_TRANSCRIPT_LIMITS;
  // The header (3 lines), the status line and the hidden-ticks note come on top.
  return { ...DEFAULT_TRANSCRIPT_LIMITS, liveLines: Math.max(1, lineLimit - 5) };
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
