// What a sweep says first: its state and verdict (how many points fail a threshold), the knee in
// words, and the hints that fired; as Markdown for the notebook and as text for the terminal.

import type { SweepAxis } from '../spec/sweepGrid';
import { findSweepKnees } from '../analysis/sweepKnee';
import type { SweepRow } from '../analysis/sweepTypes';

export type SweepState = { state: 'running' } | { state: 'finished' } | { state: 'interrupted' } | { state: 'failed'; message: string };

export interface SweepFacts {
  axes: readonly SweepAxis[];
  /** Points in the grid. */
  total: number;
  /** The rows done so far (any order). */
  rows: readonly SweepRow[];
  state: SweepState;
  /** The cell has thresholds (`expect:`). */
  hasThresholds: boolean;
  scenario?: string;
  threads?: number;
  elapsedMs?: number;
}

export interface SweepOutcome {
  failing: number;
  /** Every point ran and none failed. */
  passed: boolean;
}

/** Whether the sweep ended with every point passing. */
export function sweepOutcome(facts: Pick<SweepFacts, 'total' | 'rows' | 'state'>): SweepOutcome {
  const failing = facts.rows.filter((r) => r.verdict === 'fail').length;
  return { failing, passed: facts.state.state === 'finished' && facts.rows.length === facts.total && failing === 0 };
}

export interface SweepHeadline {
  /** The mark the notebook shows before the text: ▶ running, ■ stopped, ✓ / ✗ the verdict. */
  mark: string;
  text: string;
}

/** The sweep's state and verdict in one line. */
export function sweepHeadline(facts: SweepFacts): SweepHeadline {
  const { total, rows, state } = facts;
  const done = rows.length;
  const { failing } = sweepOutcome(facts);
  const failNote = failing > 0 ? `, ${failing} fail${failing === 1 ? 's' : ''} a threshold` : '';
  switch (state.state) {
    case 'running':
      return { mark: '▶', text: `Sweeping: ${done} of ${total} points done${failNote}` };
    case 'interrupted':
      return { mark: '■', text: `Sweep INTERRUPTED: ${done} of ${total} points done${failNote} (the rows done are kept)` };
    case 'failed':
      return { mark: '■', text: `Sweep FAILED after ${done} of ${total} points: ${state.message}` };
    case 'finished':
      if (failing > 0) return { mark: '✗', text: `Sweep: ${failing} of ${total} points fail${failing === 1 ? 's' : ''} a threshold` };
      return { mark: '✓', text: facts.hasThresholds ? `Sweep: all ${total} points pass their thresholds` : `Sweep: ${total} points` };
  }
}

/** What was swept, on what: `ringBufferSize (6) × partitions (3) · small-ring-burst`. */
export function sweepFactsLine(facts: SweepFacts): string {
  const parts = [facts.axes.map((a) => `${a.key} (${a.values.length})`).join(' × ')];
  if (facts.scenario) parts.push(facts.scenario);
  if (facts.threads) parts.push(`${facts.threads} worker thread${facts.threads === 1 ? '' : 's'}`);
  if (facts.elapsedMs !== undefined) parts.push(`${(facts.elapsedMs / 1000).toFixed(1)} s`);
  if (!facts.hasThresholds && facts.state.state === 'finished') parts.push('no thresholds (expect:), so every point passes');
  return parts.join(' · ');
}

/** The failed thresholds' metrics and the hint rules that fired, with how many points each. */
function findings(rows: readonly SweepRow[]): string[] {
  const count = (names: string[]) => {
    const counts = new Map<string, number>();
    for (const n of names) counts.set(n, (counts.get(n) ?? 0) + 1);
    return [...counts].map(([n, c]) => `${n} (${c} point${c === 1 ? '' : 's'})`).join(', ');
  };
  const out: string[] = [];
  const failed = rows.flatMap((r) => r.failed);
  if (failed.length > 0) out.push(`thresholds failed: ${count(failed)}`);
  const hints = rows.flatMap((r) => [...new Set(r.hints.map((h) => h.rule))]);
  if (hints.length > 0) out.push(`triage hints: ${count(hints)}`);
  const errors = rows.filter((r) => r.error);
  if (errors.length > 0) out.push(`${errors.length} point${errors.length === 1 ? '' : 's'} could not run: ${errors[0].error}`);
  return out;
}

/** Where to look: the knee in words (once the sweep has ended), the failed thresholds, the hints, the points that could not run. */
export function sweepNotes(facts: SweepFacts): string[] {
  const knees = facts.state.state === 'running' ? [] : findSweepKnees(facts.axes, facts.rows);
  return [...knees.map((k) => `Knee: ${k}`), ...findings(facts.rows)];
}

export function formatSweepHeadlineMarkdown(facts: SweepFacts): string {
  const { mark, text } = sweepHeadline(facts);
  const out = [`### ${mark} ${text}`, '', sweepFactsLine(facts), ''];
  const notes = sweepNotes(facts);
  for (const note of notes) out.push(`- ${note.replace(/^Knee: /, '**Knee:** ')}`);
  if (notes.length > 0) out.push('');
  if (facts.axes.length > 4) out.push('The chart shows up to four swept keys; the table has every point.', '');
  out.push(
    'Hover a point of the chart for its metrics; click it, or run *Stressnb: Open Sweep Point as Cell*, to insert its exact spec below and run it in full.',
  );
  return out.join('\n');
}

export function formatSweepSummaryText(facts: SweepFacts): string {
  const lines = [sweepHeadline(facts).text, sweepFactsLine(facts), ...sweepNotes(facts).map((n) => n.replace(/^Knee: /, 'knee: '))];
  return lines.join('\n') + '\n';
}
