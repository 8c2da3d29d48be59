// What a repeated cell (`repeat: N`) shows once its runs are done: a headline that says the
// aggregate first ("PASS 5/5 · completed/s 401 [396–405]"), and a report with every metric's
// median, spread and interval over the repeats, a row per repeat, and each repeat's own report one
// click away (a <details> element). Pure data and Markdown; the extension puts them in the cell.

import {
  HEADLINE_PAYLOAD_VERSION,
  HEADLINE_WORD,
  type HeadlineLook,
  type HeadlinePayload,
  type HeadlineStatus,
} from '../contracts/headlinePayload';
import { aggregateHeadline, formatAggregateMarkdown } from './aggregateText';
import { formatMetric, formatRate } from '../analysis/reportNumbers';
import type { RunReport, ThresholdResult } from '../analysis/reportTypes';
import { aggregateReports, type MetricAggregate, type RunAggregate } from '../analysis/runAggregate';
import { HEADLINE_LOOK_LIMIT, placesToLook } from './runHeadline';
import { VERDICT_WORD } from './reportFacts';

/** One repeat as it ended. */
export interface RepeatResult {
  /** 1-based. */
  index: number;
  seed?: string | number;
  end: 'finished' | 'interrupted' | 'failed';
  /** Why a failed repeat failed. */
  message?: string;
  /** Its analysis, when it had ticks. */
  report?: RunReport;
  /** Its report as the cell of a single run shows it. */
  markdown?: string;
}

export interface RepeatedRun {
  scenario: string;
  /** Repeats asked for (`repeat: N`). */
  planned: number;
  repeats: RepeatResult[];
  /**
   * The thresholds relative to the baseline, judged on all the repeats together against the
   * baseline's runs (sampleThresholds.ts); each repeat's own report judges the others.
   */
  thresholds?: ThresholdResult[];
}

function thresholdsFailed(run: RepeatedRun): ThresholdResult[] {
  return (run.thresholds ?? []).filter((t) => t.status === 'fail' || t.status === 'error');
}

/** Every repeat ran and passed, and no threshold against the baseline failed. */
export function repeatedRunPassed(run: RepeatedRun): boolean {
  return run.repeats.length === run.planned && run.repeats.every(repeatPassed) && thresholdsFailed(run).length === 0;
}

/** The aggregate of the repeats that have a report (the others count as not passed). */
export function aggregateOfRepeats(run: RepeatedRun): RunAggregate {
  const reported = run.repeats.filter((r) => r.report && r.end === 'finished');
  const aggregate = aggregateReports(reported.map((r) => r.report!));
  return { ...aggregate, runs: run.planned, excluded: aggregate.excluded.map((x) => ({ ...x, run: reported[x.run - 1].index })) };
}

function repeatPassed(r: RepeatResult): boolean {
  return r.end === 'finished' && r.report?.verdict === 'pass';
}

/** A repeat's verdict in a word: one that was stopped or whose source failed did not finish (INCOMPLETE), unless it failed something first. */
export function repeatWord(r: RepeatResult): string {
  if (r.report?.verdict === 'fail') return VERDICT_WORD.fail;
  if (r.end !== 'finished') return VERDICT_WORD.incomplete;
  return r.report ? VERDICT_WORD[r.report.verdict] : 'ERROR';
}

/** FAIL when a repeat or a threshold on the repeats failed; else INCOMPLETE when one did not finish (or was not run); else PASS. */
function repeatedStatus(run: RepeatedRun): HeadlineStatus {
  if (thresholdsFailed(run).length > 0 || run.repeats.some((r) => r.report?.verdict === 'fail')) return 'fail';
  const unfinished =
    run.repeats.length < run.planned || run.repeats.some((r) => r.end !== 'finished' || r.report?.verdict === 'incomplete');
  if (unfinished) return 'incomplete';
  return run.repeats.every((r) => r.report) ? 'pass' : 'error';
}

function spread(m: MetricAggregate | undefined, format: (v: number) => string = formatMetric): string | undefined {
  if (!m) return undefined;
  return m.min === m.max ? format(m.median) : `${format(m.median)} [${format(m.min)}–${format(m.max)}]`;
}

function seedsText(run: RepeatedRun): string {
  const seeds = run.repeats
    .map((r) => r.seed)
    .filter((s) => s !== undefined)
    .map(String);
  if (seeds.length === 0) return '';
  const unique = [...new Set(seeds)];
  return unique.length === 1 ? ` · seed ${unique[0]}` : ` · seeds ${unique[0]}–${unique[unique.length - 1]}`;
}

export function repeatedHeadline(run: RepeatedRun): HeadlinePayload {
  const aggregate = aggregateOfRepeats(run);
  const done = run.repeats.length;
  const interrupted = run.repeats.some((r) => r.end === 'interrupted') || done < run.planned;
  const status = repeatedStatus(run);
  const counted = aggregateHeadline(aggregate).replace(/^(PASS|FAIL) /, '');
  const facts: string[] = [];
  const rejects = spread(aggregate.metrics.rejectPct, (v) => `${formatMetric(v)} %`);
  if (rejects) facts.push(`rejected ${rejects}`);
  const drain = spread(aggregate.metrics.drainS, (v) => `${formatMetric(v)} s`);
  if (drain) facts.push(`drain ${drain}`);
  const depth = spread(aggregate.metrics.peakPendingDepth);
  if (depth) facts.push(`peak pending depth ${depth}`);
  const ci = aggregate.metrics.completedPerS?.ci95;
  facts.push(ci ? `completed/s 95 % CI ${formatRate(ci[0])}–${formatRate(ci[1])}` : (aggregate.ciNote ?? 'no repeat finished'));
  const look: HeadlineLook[] = thresholdsFailed(run).map((t) => ({
    kind: 'threshold',
    label: `${t.metric} ${t.expected}`,
    where: t.message,
  }));
  for (const r of run.repeats) {
    if (repeatPassed(r)) continue;
    const name = `repeat ${r.index}${r.seed !== undefined ? ` (seed ${r.seed})` : ''}`;
    const first = r.report ? placesToLook(r.report)[0] : undefined;
    if (first) look.push({ ...first, label: `${name}: ${first.label}` });
    else
      look.push({
        kind: 'check',
        label: name,
        where:
          r.end === 'failed' ? `the run failed: ${r.message ?? 'see its report'}` : r.end === 'interrupted' ? 'interrupted' : 'no report',
      });
  }
  const stopped = interrupted ? ` · stopped after ${done} of ${run.planned}` : '';
  return {
    version: HEADLINE_PAYLOAD_VERSION,
    status,
    title: counted,
    summary: `${run.scenario} · ${run.planned} repeats${seedsText(run)}${stopped}`,
    facts,
    look: look.slice(0, HEADLINE_LOOK_LIMIT),
    more: Math.max(0, look.length - HEADLINE_LOOK_LIMIT),
  };
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function cellOf(report: RunReport | undefined, metric: string, format: (v: number) => string = formatMetric): string {
  const v = report?.summary.metrics[metric];
  return typeof v === 'number' ? format(v) : '—';
}

/** The repeated cell's report: the verdict heading first (docs/notebook.md), then the aggregate, the repeats, and each repeat's own report folded. */
export function repeatedReportMarkdown(run: RepeatedRun): string {
  const aggregate = aggregateOfRepeats(run);
  const status = repeatedStatus(run);
  const mark = status === 'pass' ? '✓' : status === 'incomplete' ? '■' : '✗';
  const lines = [
    `### ${mark} ${HEADLINE_WORD[status]} ${aggregateHeadline(aggregate).replace(/^(PASS|FAIL) /, '')} (${run.scenario}, ${run.planned} repeats)`,
    '',
  ];
  const failing = run.repeats.filter((r) => !repeatPassed(r));
  const failedThresholds = thresholdsFailed(run);
  if (failing.length > 0 || failedThresholds.length > 0) {
    lines.push('**Where to look:**', '');
    for (const t of failedThresholds) lines.push(`- threshold ${mdCell(`${t.metric} ${t.expected}`)}: ${mdCell(t.message)}`);
    for (const r of failing) {
      const first = r.report ? placesToLook(r.report)[0] : undefined;
      const what = first
        ? `${first.kind} ${first.label} (${first.where})`
        : r.end === 'failed'
          ? `the run failed: ${r.message ?? ''}`
          : r.end;
      lines.push(`- repeat ${r.index}${r.seed !== undefined ? ` (seed ${r.seed})` : ''}: ${mdCell(what)}`);
    }
    lines.push('');
  }
  if (run.repeats.length < run.planned)
    lines.push(`> ⚠ Stopped after ${run.repeats.length} of ${run.planned} repeats: the aggregate covers those.`, '');
  lines.push(`#### Aggregate of the repeats`, '', formatAggregateMarkdown(aggregate).replace(/^\*\*.*\*\*\n\n/, ''));
  if (run.thresholds && run.thresholds.length > 0) {
    const word: Record<ThresholdResult['status'], string> = {
      pass: '✓ pass',
      fail: '✗ fail',
      error: '✗ error',
      'not evaluated': '– not evaluated',
    };
    lines.push(
      '#### Thresholds against the baseline, all repeats together',
      '',
      '| | metric | expected | median | detail |',
      '|---|---|---|---:|---|',
    );
    for (const t of run.thresholds)
      lines.push(
        `| ${word[t.status]} | ${t.metric} | ${mdCell(t.expected)} | ${t.actual !== undefined ? formatMetric(t.actual) : '—'} | ${mdCell(t.message)} |`,
      );
    lines.push('');
  }
  lines.push('#### Repeats', '');
  lines.push(
    '| repeat | seed | verdict | completed/s | reject % | drain (s) | peak pending depth |',
    '|---:|---:|---|---:|---:|---:|---:|',
  );
  for (const r of run.repeats) {
    const mark = repeatPassed(r) ? '✓' : '✗';
    lines.push(
      `| ${r.index} | ${r.seed ?? '—'} | ${mark} ${repeatWord(r)} | ${cellOf(r.report, 'completedPerS')} | ${cellOf(r.report, 'rejectPct')} | ${cellOf(r.report, 'drainS')} | ${cellOf(r.report, 'peakPendingDepth')} |`,
    );
  }
  lines.push('');
  for (const r of run.repeats) {
    const rate = r.report ? ` · completed/s ${formatMetric(r.report.summary.metrics.completedPerS ?? NaN)}` : '';
    lines.push(
      '<details>',
      `<summary>Repeat ${r.index}${r.seed !== undefined ? ` · seed ${r.seed}` : ''} · ${repeatWord(r)}${rate}</summary>`,
      '',
    );
    lines.push(
      r.markdown ?? (r.end === 'failed' ? `The run failed: ${r.message ?? 'no reason given'}.` : 'No report: the run had no tick.'),
      '',
      '</details>',
      '',
    );
  }
  return lines.join('\n');
}
