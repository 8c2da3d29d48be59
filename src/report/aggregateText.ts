// The repeats of a run taken together, for reading: "PASS 5/5 · completed/s 401 [396–405]" and a
// table of every metric's median, spread and 95 % interval. Text for a terminal, Markdown for a
// CI step summary, the notebook and reports.

import { formatMetric, formatRate } from '../analysis/reportNumbers';
import type { ThresholdResult } from '../analysis/reportTypes';
import type { MetricAggregate, RunAggregate } from '../analysis/runAggregate';

/** "PASS 5/5 · completed/s 401 [396–405]"; FAIL with the runs that failed counted. */
export function aggregateHeadline(a: RunAggregate): string {
  const thresholdFailed = (a.thresholds ?? []).some((t) => t.status === 'fail' || t.status === 'error');
  const verdict = a.passed === a.runs && !thresholdFailed ? 'PASS' : 'FAIL';
  const c = a.metrics.completedPerS;
  const r = (v: number) => formatRate(v).replace(/\/s$/, '');
  const spread = c && r(c.min) !== r(c.max) ? ` [${r(c.min)}–${r(c.max)}]` : '';
  const rate = c ? ` · completed/s ${r(c.median)}${spread}` : '';
  return `${verdict} ${a.passed}/${a.runs}${rate}`;
}

function intervalText(m: MetricAggregate): string {
  return m.ci95 ? `${formatMetric(m.ci95[0])}–${formatMetric(m.ci95[1])}` : '—';
}

function rows(a: RunAggregate): string[][] {
  return Object.entries(a.metrics).map(([name, m]) => [
    name,
    String(m.n),
    formatMetric(m.median),
    `${formatMetric(m.min)}–${formatMetric(m.max)}`,
    intervalText(m),
  ]);
}

const HEADER = ['metric', 'runs', 'median', 'min–max', '95 % CI of the median'];

const MD_WORD: Record<ThresholdResult['status'], string> = {
  pass: '✓ pass',
  fail: '✗ fail',
  error: '✗ error',
  'not evaluated': '– not evaluated',
};

function notes(a: RunAggregate): string[] {
  return [...(a.ciNote ? [a.ciNote] : []), ...a.excluded.map((x) => `run ${x.run} is left out of the metrics: ${x.reason}`)];
}

const WORD: Record<ThresholdResult['status'], string> = { pass: 'PASS', fail: 'FAIL', error: 'ERR ', 'not evaluated': 'n/a ' };

export function formatAggregateText(a: RunAggregate): string {
  const table = [HEADER, ...rows(a)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const thresholds = a.thresholds ?? [];
  return [
    `Repeats: ${aggregateHeadline(a)}`,
    '',
    ...table.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ')),
    ...notes(a).map((n) => `Note: ${n}.`),
    ...(thresholds.length > 0
      ? ['', 'Thresholds against the baseline, all runs together', ...thresholds.map((t) => `  ${WORD[t.status]}  ${t.message}`)]
      : []),
    '',
  ].join('\n');
}

export function formatAggregateMarkdown(a: RunAggregate): string {
  return [
    `**${aggregateHeadline(a)}**`,
    '',
    `| ${HEADER.join(' | ')} |`,
    '|---|---:|---:|---:|---:|',
    ...rows(a).map((r) => `| ${r.join(' | ')} |`),
    ...(notes(a).length > 0 ? ['', ...notes(a).map((n) => `*${n}.*`)] : []),
    ...((a.thresholds ?? []).length > 0
      ? [
          '',
          '| | metric | expected | median | detail |',
          '|---|---|---|---:|---|',
          ...a.thresholds!.map(
            (t) =>
              `| ${MD_WORD[t.status]} | ${t.metric} | ${t.expected.replace(/\|/g, '\\|')} | ${t.actual !== undefined ? formatMetric(t.actual) : '—'} | ${t.message.replace(/\|/g, '\\|')} |`,
          ),
        ]
      : []),
    '',
  ].join('\n');
}
