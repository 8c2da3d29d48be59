// The probes of a capacity search as a table, in the order of the key's values (Markdown for the
// notebook, aligned text for the terminal), and the JSON of `stressnb search --format json`. The
// sustained value and the first failure are marked in the table.

import type { SearchPlan } from '../spec/searchPlan';
import { formatCount, formatMetric, formatPct } from '../analysis/reportNumbers';
import type { ThresholdResult } from '../analysis/reportTypes';
import { type SearchFactsPlan, type SearchState, searchVerdict } from './searchReport';
import { searchBracket } from '../analysis/searchSteps';
import type { SearchProbe } from '../analysis/searchTypes';

/** Probes in the order of the key's values, from `from` towards `to`. */
export function alongTheRange(plan: Pick<SearchPlan, 'from' | 'to'>, probes: readonly SearchProbe[]): SearchProbe[] {
  const d = plan.to > plan.from ? 1 : -1;
  return [...probes].sort((a, b) => d * (a.value - b.value));
}

interface TableRow {
  cells: string[];
  /** The row's mark: the sustained value, the first failure. */
  mark?: string;
}

function rows(plan: SearchFactsPlan, probes: readonly SearchProbe[], sustainedWord: string, failedWord: string): TableRow[] {
  const { sustained, firstFailure } = searchBracket(plan, probes);
  return alongTheRange(plan, probes).map((p) => ({
    cells: [
      String(p.index + 1),
      formatCount(p.value, 3),
      p.sustained ? sustainedWord : failedWord,
      typeof p.metrics.completedPerS === 'number' ? formatMetric(p.metrics.completedPerS) : '—',
      p.capacity ? formatMetric(Math.round(p.capacity.offeredPerS * 100) / 100) : '—',
      typeof p.metrics.rejectPct === 'number' ? formatPct(p.metrics.rejectPct) : '—',
      p.sustained ? '—' : (p.reason ?? '—'),
    ],
    ...(p === sustained ? { mark: 'sustained value' } : p === firstFailure ? { mark: 'first failure' } : {}),
  }));
}

const HEADER = (key: string) => ['#', key, 'sustained', 'completed/s', 'offered/s', 'rejects', 'why not'];

function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function formatSearchTableMarkdown(plan: SearchFactsPlan, probes: readonly SearchProbe[]): string {
  const lines = [`| ${HEADER(plan.key).map(mdCell).join(' | ')} |`, '|---:|---:|---|---:|---:|---:|---|'];
  for (const row of rows(plan, probes, '✓ yes', '✗ no')) {
    const cells = row.cells.map(mdCell);
    if (row.mark) cells[1] = `**${cells[1]}** (${row.mark})`;
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function formatSearchTableText(plan: SearchFactsPlan, probes: readonly SearchProbe[]): string {
  const header = HEADER(plan.key);
  const body = rows(plan, probes, 'yes', 'NO').map((r) => {
    const cells = [...r.cells];
    if (r.mark) cells[1] = `${cells[1]} <- ${r.mark}`;
    return cells;
  });
  const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
  const right = new Set([0, 3, 4, 5]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)].join('\n') + '\n';
}

/**
 * `{ key, sustained: { value, low, high }, firstFailure: { value, reason }, probes: [...] }`:
 * `sustained.value` is the highest value that sustained (a probe ran it), and the boundary lies
 * between `low` and `high` (that value and the first failure, in numeric order). Both are null
 * when the search found no boundary in the range (`outcome` says why).
 */
export function searchJson(facts: {
  plan: SearchFactsPlan;
  probes: readonly SearchProbe[];
  state: SearchState;
  scenario?: string;
  capacity?: ThresholdResult;
}): object {
  const { plan, probes } = facts;
  const { sustained, firstFailure } = searchBracket(plan, probes);
  const verdict = searchVerdict(facts);
  return {
    key: plan.key,
    ...(facts.scenario ? { scenario: facts.scenario } : {}),
    until: plan.until,
    precisionPct: plan.precisionPct,
    range: { from: plan.from, to: plan.to },
    outcome: facts.state.state === 'finished' ? (verdict === 'capacity-failed' ? 'found' : verdict) : facts.state.state,
    sustained: sustained
      ? {
          value: sustained.value,
          low: firstFailure ? Math.min(sustained.value, firstFailure.value) : sustained.value,
          high: firstFailure ? Math.max(sustained.value, firstFailure.value) : sustained.value,
        }
      : null,
    firstFailure: firstFailure ? { value: firstFailure.value, reason: firstFailure.reason ?? null } : null,
    ...(facts.capacity ? { capacity: facts.capacity } : {}),
    probes: alongTheRange(plan, probes).map((p) => ({
      value: p.value,
      verdict: p.sustained ? 'sustained' : 'failed',
      ...(p.reason !== undefined ? { reason: p.reason } : {}),
      round: p.round,
      runVerdict: p.verdict,
      metrics: p.metrics,
      ...(p.capacity ? { capacity: p.capacity } : {}),
      ...(p.error ? { error: p.error } : {}),
    })),
  };
}
