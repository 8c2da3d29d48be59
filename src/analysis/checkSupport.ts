// What the scenario checks share: their context (the series, the summary, the hints and the run's
// facts, so a check reads the same truth as the summary and the hints), red flags read from the
// hints, and the root cause of a failed check: the hints that explain it.

import { formatSeconds, partitionList } from './reportNumbers';
import type { HintRule, RunSummary, ScenarioCheck, TriageHint } from './reportTypes';
import type { RunFacts } from './runFacts';
import type { TickSeries } from '../series/seriesTypes';

export type Check = Omit<ScenarioCheck, 'scenario'>;

export interface CheckContext {
  series: TickSeries;
  summary: RunSummary;
  hints: readonly TriageHint[];
  facts: RunFacts;
}

/** "the 2.0 s of a stall": how long a pause must last to count, for reasons that compare with it. */
export function stallLength(facts: RunFacts): string {
  return `the ${formatSeconds(facts.limits.minStallS)} of a stall`;
}

/** "release-missing on partitions 0 and 1 (3.5 s to 43.0 s)" */
export function hintWhere(h: TriageHint): string {
  return `${h.rule} on ${partitionList(h.partitions)} (${formatSeconds(h.from)} to ${formatSeconds(h.to)})`;
}

/** The hints whose window overlaps the check's, on one of its partitions (any, when it names none). */
export function explainingHints(hints: readonly TriageHint[], c: Pick<Check, 'partitions' | 'from' | 'to'>): TriageHint[] {
  if (c.from === undefined) return [];
  const from = c.from;
  const to = c.to ?? from;
  return hints.filter((h) => h.from <= to && h.to >= from && (!c.partitions || h.partitions.some((p) => c.partitions!.includes(p))));
}

/**
 * A failed check names the hints that explain it (its root cause) and lists their rules in
 * `explainedBy`; a check that passed or does not apply is returned as it is.
 */
export function withRootCause(check: Check, hints: readonly TriageHint[]): Check {
  if (check.status !== 'fail' || check.explainedBy) return check;
  const causes = explainingHints(hints, check);
  if (causes.length === 0) return check;
  return {
    ...check,
    reason: `${check.reason}; root cause: ${causes.map(hintWhere).join(', ')}`,
    explainedBy: [...new Set(causes.map((h) => h.rule))],
  };
}

/**
 * A red flag that fails exactly when one of `rules` fired (optionally on a given partition),
 * pointing at that hint; `passReason` says what the counters showed instead.
 */
export function redFlagFromHints(
  ctx: CheckContext,
  check: Pick<Check, 'id' | 'title' | 'redFlag'>,
  rules: HintRule[],
  passReason: string,
  onPartition?: number,
): Check {
  const fired = ctx.hints.filter((h) => rules.includes(h.rule) && (onPartition === undefined || h.partitions.includes(onPartition)));
  if (fired.length === 0) return { ...check, kind: 'red-flag', status: 'pass', reason: passReason };
  const h = fired[0];
  return {
    ...check,
    kind: 'red-flag',
    status: 'fail',
    reason: `${hintWhere(h)}: ${h.message}`,
    partitions: h.partitions,
    from: h.from,
    to: h.to,
    explainedBy: [...new Set(fired.map((f) => f.rule))],
  };
}
