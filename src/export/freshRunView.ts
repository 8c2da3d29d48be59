// A run made just now (`stressnb export --run`) as a report shows it: the same report, charts and
// transcript a notebook run ends with (src/extension/cellRun.ts), from the run's transcript.

import { analyzeSeries } from '../analysis/analyzeRun';
import { buildRunChartsFromSeries } from '../charts/buildRunCharts';
import { formatReportMarkdown } from '../report/reportMarkdown';
import type { RunOutcome, RunTranscript } from '../report/runTranscript';
import { storyMarks } from '../report/transcriptTable';
import { errorMessage } from '../contracts/errorMessage';
import type { Expectations } from '../spec/scenarioSpec';
import type { RunView } from './exportModel';
import type { NotebookBaseline } from './pinnedBaseline';
import { splitReport } from './reportSections';

export type FreshRunEnd = { kind: 'finished' } | { kind: 'failed'; message: string };

export interface FreshRunOptions {
  expect: Expectations;
  baseline?: NotebookBaseline;
  end: FreshRunEnd;
}

export async function freshRunView(transcript: RunTranscript, options: FreshRunOptions): Promise<RunView> {
  const { end, baseline } = options;
  const outcome: Exclude<RunOutcome, { state: 'running' }> =
    end.kind === 'finished' ? { state: 'finished' } : { state: 'failed', message: end.message.split('\n')[0] };
  const view: RunView = {
    state: end.kind,
    whereToLook: [],
    notices: [],
    errors: end.kind === 'failed' ? [{ title: 'Run failed', message: end.message }] : [],
    otherItems: [],
    transcript: transcript.finalText(outcome),
    fullTranscript: transcript.fullLines(outcome).join('\n'),
  };
  if (transcript.ticks === 0) return view;

  const series = transcript.series;
  try {
    const report = analyzeSeries(series, { expect: options.expect, baseline: baseline?.summary, baselineLabel: baseline?.label });
    // The view tells the run's story as the notebook's does, rows around its hints' windows.
    view.transcript = transcript.finalText(outcome, storyMarks(report));
    const sections = splitReport(formatReportMarkdown(report));
    Object.assign(view, {
      verdict: report.verdict,
      headline: sections.headline,
      whereToLook: sections.whereToLook,
      notices: sections.notices,
      reportMarkdown: sections.body,
    });
  } catch (error) {
    view.errors.push({ title: 'Report failed', message: `the run's report could not be built: ${errorMessage(error)}` });
  }
  try {
    view.charts = buildRunChartsFromSeries(series, {
      baseline: baseline && baseline.totals.length > 0 ? { label: baseline.label, totals: baseline.totals } : undefined,
    });
  } catch (error) {
    view.chartsError = errorMessage(error);
  }
  return view;
}
