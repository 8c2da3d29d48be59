// The triage hints of a run (its report's, at the end of the run) as the labelled bands the charts
// draw over the hint's time window.

import type { TriageHint } from '../analysis/reportTypes';
import type { HintBand } from '../contracts/chartsPayload';

/** What the charts need of a triage hint. */
export type ChartHint = Pick<TriageHint, 'rule' | 'partitions' | 'from' | 'to' | 'message'>;

/** Labels of overlapping windows go in this many rows, one below the other. */
const LABEL_ROWS = 3;

export function hintBands(hints: readonly ChartHint[], partitions: number): HintBand[] {
  return [...hints]
    .sort((a, b) => a.from - b.from || a.rule.localeCompare(b.rule))
    .map((hint, i) => {
      const where = partitionsText(hint.partitions, partitions);
      return {
        rule: hint.rule,
        label: where ? `${hint.rule} · ${where}` : hint.rule,
        from: hint.from,
        to: Math.max(hint.from, hint.to),
        row: i % LABEL_ROWS,
        where: where || 'the whole run',
        window: `t = ${seconds(hint.from)} to ${seconds(hint.to)} s`,
        message: hint.message,
      };
    });
}

function partitionsText(list: readonly number[], partitions: number): string {
  if (list.length === 0) return '';
  if (partitions > 1 && list.length === partitions) return 'every partition';
  if (list.length > 4) return `${list.length} partitions`;
  return [...list]
    .sort((a, b) => a - b)
    .map((p) => `p${p}`)
    .join(', ');
}

function seconds(t: number): string {
  return String(Math.round(t * 10) / 10);
}
