// A comparison of runs (runComparison.ts) for reading: the verdict first, then one row per metric
// with both medians and their spread, the change, the p-value and the verdict; "~" marks a change
// within the noise, as Go's benchstat does. Aligned text for a terminal, GitHub Markdown for a CI
// step summary or a report.

import { formatMetric } from '../analysis/reportNumbers';
import { formatP, pText, type MetricComparison, type RunComparison } from '../analysis/runComparison';
import type { SampleSummary } from '../analysis/statistics/sampleSummary';

export interface ComparisonLabels {
  /** How the base and the candidate are named, e.g. their file names. */
  base: string;
  candidate: string;
}

const VERDICT_WORDS: Record<MetricComparison['verdict'], string> = {
  regression: 'REGRESSION',
  improvement: 'improvement',
  'within-noise': '~',
  changed: 'changed',
};

/** "235.2 [233.1–237.0]", or the value alone for one run. */
export function sampleText(s: SampleSummary): string {
  if (s.n === 1 || s.min === s.max) return formatMetric(s.median);
  return `${formatMetric(s.median)} [${formatMetric(s.min)}–${formatMetric(s.max)}]`;
}

/** "-16.6 %", "+0.4 %", "from 0". */
export function changeText(m: MetricComparison): string {
  if (m.changePct === null) return 'from 0';
  const rounded = Math.abs(m.changePct) < 0.05 ? 0 : m.changePct;
  return `${rounded > 0 ? '+' : rounded < 0 ? '-' : '±'}${Math.abs(rounded).toFixed(1)} %`;
}

function changeWithP(m: MetricComparison): string {
  return `${m.name} ${changeText(m)}${m.pValue !== null ? ` (${pText(m.pValue)})` : ''}`;
}

/** The verdict in one line: "REGRESSION: completedPerS -16.6 % (p = 0.008)" or "OK: ...". */
export function comparisonHeadline(c: RunComparison): string {
  const regressions = c.metrics.filter((m) => m.verdict === 'regression');
  const improvements = c.metrics.filter((m) => m.verdict === 'improvement');
  const noNoise = c.noiseEstimate ? '' : ' (no noise estimate: the tolerance alone decided)';
  if (regressions.length > 0) return `REGRESSION: ${regressions.map(changeWithP).join(', ')}${noNoise}`;
  const better = improvements.length > 0 ? `; improved: ${improvements.map(changeWithP).join(', ')}` : '';
  return `OK: no regression beyond the noise and the tolerance of ${c.maxRegressionPct} %${better}${noNoise}`;
}

function sideWords(runs: number): string {
  return `${runs} run${runs === 1 ? '' : 's'}`;
}

function rows(c: RunComparison): string[][] {
  return c.metrics.map((m) => [
    m.name,
    sampleText(m.base),
    sampleText(m.candidate),
    changeText(m),
    m.pValue === null ? '—' : formatP(m.pValue),
    VERDICT_WORDS[m.verdict],
  ]);
}

const HEADER = ['metric', 'base median [min–max]', 'candidate median [min–max]', 'change', 'p', 'verdict'];

export function formatComparisonText(c: RunComparison, labels: ComparisonLabels): string {
  const table = [HEADER, ...rows(c)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const lines = [
    comparisonHeadline(c),
    '',
    `Base: ${labels.base} (${sideWords(c.base.runs)}); candidate: ${labels.candidate} (${sideWords(c.candidate.runs)}). ` +
      `Mann-Whitney U test, alpha ${c.alpha}; tolerance ${c.maxRegressionPct} %.`,
    '',
    ...table.map((r) =>
      r
        .map((cell, i) => (i === 0 || i >= 5 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    ),
    '',
    `~ within noise: p >= ${c.alpha}, or a change of at most ${c.maxRegressionPct} %.`,
    ...c.notes.map((n) => `Note: ${n}.`),
  ];
  return `${lines.join('\n')}\n`;
}

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatComparisonMarkdown(c: RunComparison, labels: ComparisonLabels): string {
  const icon = c.verdict === 'regression' ? '✗' : '✓';
  const lines = [
    `### ${icon} ${comparisonHeadline(c)}`,
    '',
    `Base: \`${mdCell(labels.base)}\` (${sideWords(c.base.runs)}); candidate: \`${mdCell(labels.candidate)}\` (${sideWords(c.candidate.runs)}). ` +
      `Mann–Whitney U test, alpha ${c.alpha}; tolerance ${c.maxRegressionPct} %.`,
    '',
    `| ${HEADER.join(' | ')} |`,
    '|---|---:|---:|---:|---:|---|',
    ...rows(c).map((r) => `| ${r.map((cell, i) => (i === 5 && cell === 'REGRESSION' ? `**${cell}**` : mdCell(cell))).join(' | ')} |`),
    '',
    `~ within noise: p ≥ ${c.alpha}, or a change of at most ${c.maxRegressionPct} %.`,
    ...(c.notes.length > 0 ? ['', ...c.notes.map((n) => `- ${mdCell(n)}.`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}
