// The rows of a sweep as a table: Markdown for the notebook, aligned text for the terminal, CSV
// and the JSON of `stressnb sweep --format json`. One row per point, in grid order: the swept
// values, the verdict, the metrics and the triage hints.

import { formatSweepValue, type SweepAxis } from '../spec/sweepGrid';
import type { Expectations } from '../spec/scenarioSpec';
import { THRESHOLD_METRICS } from '../spec/thresholdMetrics';
import { formatMetric } from '../analysis/reportNumbers';
import type { SweepRow } from '../analysis/sweepTypes';

/** The metrics every sweep table shows; a threshold's metric is added after them. */
export const SWEEP_TABLE_METRICS = ['rejectPct', 'completedPerS', 'peakPendingDepth', 'drainS'] as const;

export function sweepMetricColumns(expect: Expectations): string[] {
  return [...SWEEP_TABLE_METRICS, ...Object.keys(expect).filter((m) => !(SWEEP_TABLE_METRICS as readonly string[]).includes(m))];
}

/** Rows in grid order (they arrive in the order the workers finish them). */
export function inGridOrder(rows: Iterable<SweepRow>): SweepRow[] {
  return [...rows].sort((a, b) => a.index - b.index);
}

function verdictText(row: SweepRow, pass: string, fail: string): string {
  if (row.error) return `${fail} cannot run`;
  return row.verdict === 'pass' ? pass : `${fail} ${row.failed.join(', ')}`.trimEnd();
}

function metricText(row: SweepRow, metric: string): string {
  const v = row.metrics[metric];
  return typeof v === 'number' ? formatMetric(v) : '—';
}

function hintsText(row: SweepRow): string {
  if (row.error) return row.error;
  return row.hints.length === 0 ? '—' : [...new Set(row.hints.map((h) => h.rule))].join(', ');
}

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatSweepTableMarkdown(axes: readonly SweepAxis[], rows: readonly SweepRow[], metrics: readonly string[]): string {
  const header = ['#', ...axes.map((a) => a.key), 'verdict', ...metrics, 'hints'];
  const align = ['---:', ...axes.map((a) => (a.numeric ? '---:' : '---')), '---', ...metrics.map(() => '---:'), '---'];
  const lines = [`| ${header.map(mdCell).join(' | ')} |`, `|${align.join('|')}|`];
  for (const row of rows) {
    const cells = [
      String(row.index + 1),
      ...axes.map((a) => formatSweepValue(row.params[a.key])),
      verdictText(row, '✓ pass', '✗'),
      ...metrics.map((m) => metricText(row, m)),
      hintsText(row),
    ];
    lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

export function formatSweepTableText(axes: readonly SweepAxis[], rows: readonly SweepRow[], metrics: readonly string[]): string {
  const header = ['#', ...axes.map((a) => a.key), 'verdict', ...metrics, 'hints'];
  const body = rows.map((row) => [
    String(row.index + 1),
    ...axes.map((a) => formatSweepValue(row.params[a.key])),
    verdictText(row, 'pass', 'FAIL'),
    ...metrics.map((m) => metricText(row, m)),
    hintsText(row),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const rightAligned = new Set([0, ...axes.flatMap((a, i) => (a.numeric ? [i + 1] : [])), ...metrics.map((_, i) => axes.length + 2 + i)]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : rightAligned.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)].join('\n') + '\n';
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Every metric, the failed thresholds and the hints (rules, `;`-separated), one line per point. */
export function formatSweepCsv(axes: readonly SweepAxis[], rows: readonly SweepRow[]): string {
  const header = ['point', ...axes.map((a) => a.key), 'verdict', ...THRESHOLD_METRICS, 'failed', 'hints', 'error'];
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    const cells = [
      String(row.index + 1),
      ...axes.map((a) => formatSweepValue(row.params[a.key])),
      row.verdict,
      ...THRESHOLD_METRICS.map((m) => (typeof row.metrics[m] === 'number' ? String(row.metrics[m]) : '')),
      row.failed.join(';'),
      row.hints.map((h) => h.rule).join(';'),
      row.error ?? '',
    ];
    lines.push(cells.map(csvField).join(','));
  }
  return lines.join('\n') + '\n';
}

/** `{ runs: [{ params, verdict, metrics, hints }] }`, the metrics as `stressnb analyze` names them. */
export function sweepJson(rows: readonly SweepRow[]): { runs: object[] } {
  return {
    runs: rows.map((row) => ({
      params: row.params,
      verdict: row.verdict,
      metrics: row.metrics,
      hints: row.hints,
      ...(row.error ? { error: row.error } : {}),
    })),
  };
}
