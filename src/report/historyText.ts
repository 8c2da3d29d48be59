// The run history as a table for a terminal (`stressnb history`): a row per run, oldest first,
// numbered as `stressnb compare FILE@N` selects them, with the key metrics (a repeated run's
// median and spread) and where the run came from.

import type { HistoryEntry } from '../format/historyEntry';
import { formatMetric } from '../analysis/reportNumbers';

const METRICS = [
  ['completedPerS', 'completed/s'],
  ['rejectPct', 'reject %'],
  ['drainS', 'drain s'],
  ['peakPendingDepth', 'peak pending'],
] as const;

function metricCell(entry: HistoryEntry, name: string): string {
  const v = entry.metrics[name];
  if (typeof v !== 'number') return '—';
  const values = (entry.repeats ?? []).map((m) => m[name]).filter((x): x is number => typeof x === 'number');
  if (values.length < 2) return formatMetric(v);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? formatMetric(v) : `${formatMetric(v)} [${formatMetric(lo)}–${formatMetric(hi)}]`;
}

function whereOf(entry: HistoryEntry): string {
  if (entry.notebook) return `${entry.notebook}${entry.cell !== undefined ? `#cell${entry.cell}` : ''}`;
  return entry.file ?? entry.source;
}

/** The rows, `numbers[i]` being entry i's number in the file (1-based, as FILE@N selects it). */
export function formatHistoryTable(entries: readonly HistoryEntry[], numbers: readonly number[]): string {
  const header = ['#', 'time (UTC)', 'scenario', 'runs', 'verdict', ...METRICS.map(([, label]) => label), 'commit', 'where'];
  const rows = entries.map((e, i) => [
    String(numbers[i]),
    e.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ''),
    e.scenario,
    String(e.runs),
    e.verdict.toUpperCase(),
    ...METRICS.map(([name]) => metricCell(e, name)),
    e.git ? e.git.commit.slice(0, 10) : '—',
    whereOf(e),
  ]);
  const table = [header, ...rows];
  const numeric = new Set([0, 3, 5, 6, 7, 8]);
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c].length)));
  return `${table
    .map((r) =>
      r
        .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n`;
}

function mdCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The same rows as a Markdown table (the Show Run History view, exported reports). */
export function formatHistoryMarkdown(entries: readonly HistoryEntry[], numbers: readonly number[]): string {
  const header = ['#', 'time (UTC)', 'runs', 'verdict', ...METRICS.map(([, label]) => label), 'commit', 'where'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map((_, i) => ([0, 2, 4, 5, 6, 7].includes(i) ? '---:' : '---')).join('|')}|`];
  entries.forEach((e, i) => {
    const mark = e.verdict === 'pass' ? '✓ PASS' : e.verdict === 'fail' ? '✗ FAIL' : '– INCOMPLETE';
    // Narrow enough for a notebook output: the minute, the notebook's file name.
    const where = e.notebook ? `${e.notebook.split('/').pop()}${e.cell !== undefined ? `#cell${e.cell}` : ''}` : whereOf(e);
    const cells = [
      String(numbers[i]),
      e.time.replace('T', ' ').slice(0, 16),
      String(e.runs),
      mark,
      ...METRICS.map(([name]) => metricCell(e, name)),
      e.git ? `\`${e.git.commit.slice(0, 10)}\`` : '—',
      where,
    ];
    lines.push(`| ${cells.map(mdCell).join(' | ')} |`);
  });
  return `${lines.join('\n')}\n`;
}
