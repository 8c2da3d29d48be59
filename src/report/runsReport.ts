// The report of a stream that holds several runs (a notebook's cells, repeats): an overall verdict
// first, a line per run, for repeats their aggregate, then each run's own report; as text for a
// terminal and Markdown for a CI job summary. One run is just its own report.

import { headline, VERDICT_WORD } from './reportFacts';
import { formatReportMarkdown, VERDICT_MARK } from './reportMarkdown';
import { formatReportText } from './reportText';
import type { RunReport, RunVerdict } from '../analysis/reportTypes';
import { combinedVerdict } from '../analysis/verdicts';
import type { RunAggregate } from '../analysis/runAggregate';
import { formatAggregateMarkdown, formatAggregateText } from './aggregateText';

export interface JudgedRun {
  report: RunReport;
  /** How the run is named, e.g. "run 2 (lines 401–800)". */
  label: string;
  /** A line about the run's input, said after its report ("Input: 400 lines, ..."). */
  input?: string;
}

/** The verdict of the runs together: a threshold judged on the repeats together (the aggregate's) fails them all. */
export function overallVerdict(runs: readonly JudgedRun[], aggregate?: RunAggregate): RunVerdict {
  return failedOnTheWhole(aggregate) > 0 ? 'fail' : combinedVerdict(runs.map((r) => r.report.verdict));
}

function failedOnTheWhole(aggregate: RunAggregate | undefined): number {
  return (aggregate?.thresholds ?? []).filter((t) => t.status === 'fail' || t.status === 'error').length;
}

/** "FAIL: 3 runs: 1 failed (run 2), 1 incomplete (run 3), 1 passed"; "FAIL: 5 runs: 1 threshold on all of them failed, 5 passed". */
export function overallHeadline(runs: readonly JudgedRun[], aggregate?: RunAggregate): string {
  const verdict = overallVerdict(runs, aggregate);
  const failed = failedOnTheWhole(aggregate);
  const together = failed > 0 ? [`${failed} threshold${failed === 1 ? '' : 's'} on all of them failed`] : [];
  const of = (v: RunVerdict, word: string) => {
    const which = runs.flatMap((r, i) => (r.report.verdict === v ? [i + 1] : []));
    if (which.length === 0) return [];
    return [`${which.length} ${word}${v === 'pass' ? '' : ` (run${which.length === 1 ? '' : 's'} ${which.join(', ')})`}`];
  };
  const parts = [...together, ...of('fail', 'failed'), ...of('incomplete', 'incomplete'), ...of('pass', 'passed')];
  return `${VERDICT_WORD[verdict]}: ${runs.length} run${runs.length === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

export function formatRunsText(runs: readonly JudgedRun[], aggregate?: RunAggregate): string {
  if (runs.length === 1) return `${formatReportText(runs[0].report)}${runs[0].input ? `\n${runs[0].input}\n` : ''}`;
  const overall = overallHeadline(runs, aggregate);
  const out = [overall, ...runs.map((r, i) => `  ${i + 1}. ${r.label}: ${headline(r.report)}`), ''];
  if (aggregate) out.push(formatAggregateText(aggregate));
  runs.forEach((r, i) => {
    out.push(`== ${i + 1} of ${runs.length}: ${r.label} ==`, formatReportText(r.report).trimEnd());
    if (r.input) out.push('', r.input);
    out.push('');
  });
  out.push(`Overall: ${overall}`, '');
  return out.join('\n');
}

export function formatRunsMarkdown(runs: readonly JudgedRun[], aggregate?: RunAggregate): string {
  if (runs.length === 1) return `${formatReportMarkdown(runs[0].report)}${runs[0].input ? `\n*${runs[0].input}*\n` : ''}`;
  const verdict = overallVerdict(runs, aggregate);
  const out = [`## ${VERDICT_MARK[verdict]} ${overallHeadline(runs, aggregate)}`, '', '| # | run | verdict |', '|---:|---|---|'];
  runs.forEach((r, i) => out.push(`| ${i + 1} | ${cell(r.label)} | ${VERDICT_MARK[r.report.verdict]} ${cell(headline(r.report))} |`));
  out.push('');
  if (aggregate) out.push(formatAggregateMarkdown(aggregate), '');
  runs.forEach((r, i) => {
    out.push(
      `<details${r.report.verdict === 'pass' ? '' : ' open'}><summary>${i + 1}. ${escapeHtml(r.label)}: ${VERDICT_WORD[r.report.verdict]}</summary>`,
      '',
    );
    out.push(formatReportMarkdown(r.report));
    if (r.input) out.push('', `*${r.input}*`);
    out.push('', '</details>', '');
  });
  return out.join('\n');
}

function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
