// The report at the end of a run (summary, checks, hints, thresholds, baseline comparison) from
// the analysis, as Markdown for the cell, and the run's summary for pinning as a baseline.

import { analyzeSeries } from '../analysis/analyzeRun';
import { readBaselineSummary } from '../analysis/baselineSummary';
import { formatReportMarkdown } from '../report/reportMarkdown';
import type { RunReport, RunSummary } from '../analysis/reportTypes';
import type { TickSeries } from '../series/seriesTypes';
import type { Expectations } from '../spec/scenarioSpec';
import type { PinnedBaseline } from './baselines';

export interface RunReportOptions {
  expect: Expectations;
  baseline?: PinnedBaseline;
  interrupted: boolean;
}

export interface RunReportResult {
  markdown: string;
  /** A check failed, a hint fired or a threshold failed: the cell ends as failed. */
  failed: boolean;
  /** The run's summary, kept so the run can be pinned as a baseline. */
  summary: RunSummary;
  /** The whole analysis (the headline and the transcript view read it). */
  report: RunReport;
}

/** The report of a run's tick series (the one the run's transcript built as the events came). */
export function reportRun(series: TickSeries, options: RunReportOptions): RunReportResult {
  // A baseline that holds only a searched capacity (no run was pinned) compares no run.
  const read = options.baseline && options.baseline.summary !== undefined ? readBaselineSummary(options.baseline.summary) : undefined;
  const report = analyzeSeries(series, {
    expect: options.expect,
    baseline: read?.ok ? read.summary : undefined,
    interrupted: options.interrupted,
  });
  if (report.baseline && options.baseline) report.baseline.label ??= options.baseline.label;
  let markdown = formatReportMarkdown(report);
  // A pinned baseline is used only when it is a sound run summary (the notebook may have been edited by hand): say why not.
  if (read && !read.ok) markdown += `\n> ⚠ The pinned ${options.baseline!.label} is not used: ${read.reason}. Pin another run.\n`;
  return { markdown, failed: report.verdict === 'fail', summary: report.summary, report };
}
