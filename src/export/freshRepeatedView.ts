// A repeated cell (`repeat: N`) run just now (`stressnb export --run`) as a report shows it: the
// same aggregate headline, band charts and folded per-repeat reports a notebook run ends with
// (src/extension/repeatedCellRun.ts), from each repeat's transcript.

import { analyzeSeries } from '../analysis/analyzeRun';
import { absoluteExpectations, evaluateSampleThresholds } from '../analysis/sampleThresholds';
import { buildRepeatCharts } from '../charts/repeatCharts';
import { compileCharts } from '../charts/compileCharts';
import { errorMessage } from '../contracts/errorMessage';
import { formatReportMarkdown } from '../report/reportMarkdown';
import { repeatedReportMarkdown, repeatedRunPassed, type RepeatedRun, type RepeatResult } from '../report/repeatReport';
import type { RunTranscript } from '../report/runTranscript';
import type { Expectations } from '../spec/scenarioSpec';
import type { RunView } from './exportModel';
import type { NotebookBaseline } from './pinnedBaseline';
import { splitReport } from './reportSections';

export interface FreshRepeat {
  transcript: RunTranscript;
  /** Why the repeat's run failed, when it did. */
  failed?: string;
}

export async function freshRepeatedView(
  scenario: string,
  repeats: readonly FreshRepeat[],
  options: { expect: Expectations; baseline?: NotebookBaseline },
): Promise<RunView> {
  const { baseline } = options;
  const results: RepeatResult[] = [];
  const finished = [];
  const fullLines: string[] = [];
  for (const [i, r] of repeats.entries()) {
    const result: RepeatResult = {
      index: i + 1,
      ...(r.transcript.config?.seed !== undefined ? { seed: r.transcript.config.seed } : {}),
      end: r.failed !== undefined ? 'failed' : 'finished',
      ...(r.failed !== undefined ? { message: r.failed.split('\n')[0] } : {}),
    };
    if (r.transcript.ticks > 0) {
      const report = analyzeSeries(r.transcript.series, {
        expect: absoluteExpectations(options.expect),
        baseline: baseline?.summary,
        baselineLabel: baseline?.label,
      });
      result.report = report;
      result.markdown = formatReportMarkdown(report);
      if (r.failed === undefined) finished.push(r.transcript.series);
    }
    results.push(result);
    const outcome =
      r.failed !== undefined ? { state: 'failed' as const, message: r.failed.split('\n')[0] } : { state: 'finished' as const };
    fullLines.push(`── repeat ${i + 1} of ${repeats.length} ──`, ...r.transcript.fullLines(outcome));
  }
  const baselineRuns = baseline?.repeats ?? (baseline?.summary ? [baseline.summary.metrics] : undefined);
  const run: RepeatedRun = {
    scenario,
    planned: repeats.length,
    repeats: results,
    thresholds: evaluateSampleThresholds(
      options.expect,
      results.filter((r) => r.end === 'finished' && r.report).map((r) => r.report!.summary.metrics),
      baselineRuns,
    ),
  };
  const sections = splitReport(repeatedReportMarkdown(run));
  const view: RunView = {
    state: results.some((r) => r.end === 'failed') ? 'failed' : 'finished',
    verdict: repeatedRunPassed(run) ? 'pass' : 'fail',
    ...(sections.headline !== undefined ? { headline: sections.headline } : {}),
    whereToLook: sections.whereToLook,
    notices: sections.notices,
    reportMarkdown: sections.body,
    errors: results
      .filter((r) => r.end === 'failed')
      .map((r) => ({ title: `Repeat ${r.index} failed`, message: r.message ?? 'the run failed' })),
    otherItems: [],
    transcript: results
      .map(
        (r) =>
          `repeat ${r.index}${r.seed !== undefined ? ` (seed ${r.seed})` : ''}: ${r.end === 'failed' ? 'ERROR' : r.report?.verdict === 'pass' ? 'PASS' : 'FAIL'}`,
      )
      .join('\n'),
    fullTranscript: fullLines.join('\n'),
  };
  if (finished.length > 0) {
    try {
      view.charts = await compileCharts(
        buildRepeatCharts(finished, {
          baseline: baseline && baseline.totals.length > 0 ? { label: baseline.label ?? 'baseline', totals: baseline.totals } : undefined,
        }),
      );
    } catch (error) {
      view.chartsError = errorMessage(error);
    }
  }
  return view;
}
