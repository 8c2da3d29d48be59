// What a capacity search says first: the answer in words ("Sustains load.ratePerS 246 tasks/s
// (242/s completed); first fails at 252 tasks/s: saturated, ..."), the facts of the search (the bracket and the
// precision, the probes, the condition), and where to look (the capacity threshold, probes that
// broke the order, probes that could not run); as Markdown for the notebook and text for the
// terminal.

import type { SearchPlan } from '../spec/searchPlan';
import { formatCount, formatPct, formatRate } from '../analysis/reportNumbers';
import type { ThresholdResult } from '../analysis/reportTypes';
import { searchBracket, searchOutcome, type SearchOutcome } from '../analysis/searchSteps';
import type { SearchProbe } from '../analysis/searchTypes';

export type SearchState = { state: 'running' } | { state: 'finished' } | { state: 'interrupted' } | { state: 'failed'; message: string };

export type SearchFactsPlan = Pick<SearchPlan, 'key' | 'from' | 'to' | 'until' | 'precisionPct' | 'domain'>;

export interface SearchFacts {
  plan: SearchFactsPlan;
  /** The probes done so far (any order). */
  probes: readonly SearchProbe[];
  state: SearchState;
  scenario?: string;
  /** The result of `expect.capacity`, once the search has ended. */
  capacity?: ThresholdResult;
  /** Probes that run at once (worker threads, or 1 for a command). */
  slots?: number;
  elapsedMs?: number;
}

/**
 * How the search ended, for the verdict and the CLI's exit status: `found` (the boundary lies in
 * the range), `from-fails`, `above-range` (even `to` sustains), `capacity-failed` (found, and the
 * capacity threshold failed), `incomplete` (interrupted, failed, or still running).
 */
export type SearchVerdict = 'found' | 'from-fails' | 'above-range' | 'capacity-failed' | 'incomplete';

export function searchVerdict(facts: SearchFacts): SearchVerdict {
  if (facts.state.state !== 'finished') return 'incomplete';
  const outcome = searchOutcome(facts.plan, facts.probes);
  if (outcome.state === 'searching') return 'incomplete';
  if (outcome.state === 'found')
    return facts.capacity && (facts.capacity.status === 'fail' || facts.capacity.status === 'error') ? 'capacity-failed' : 'found';
  return outcome.state;
}

/** A value of the key with its unit: "1,840 tasks/s", "15 ms", "3". */
export function keyValue(key: string, value: number): string {
  const unit = /ratePerS$/i.test(key) ? ' tasks/s' : /Ms$/.test(key) ? ' ms' : /Us$/.test(key) ? ' µs' : '';
  return `${formatCount(value, 3)}${unit}`;
}

/** The sustained value found (for the baseline and the capacity threshold), when the search found one. */
export function foundCapacity(
  plan: SearchFactsPlan,
  probes: readonly SearchProbe[],
): { sustained: SearchProbe; firstFailure: SearchProbe } | undefined {
  const outcome = searchOutcome(plan, probes);
  return outcome.state === 'found' ? { sustained: outcome.sustained, firstFailure: outcome.firstFailure } : undefined;
}

export interface SearchHeadline {
  /** ▶ running, ■ stopped, ✓ found, ✗ nothing sustains or the capacity threshold failed, ↑ beyond the range. */
  mark: string;
  text: string;
}

export function searchHeadline(facts: SearchFacts): SearchHeadline {
  const { plan, probes, state } = facts;
  const k = plan.key;
  const outcome = searchOutcome(plan, probes);
  const done = `${probes.length} probe${probes.length === 1 ? '' : 's'}`;
  const soFar = bracketSoFar(plan, probes);
  switch (state.state) {
    case 'running':
      return { mark: '▶', text: `Searching ${k}: ${done} done${soFar ? `; ${soFar}` : ''}` };
    case 'interrupted':
      return { mark: '■', text: `Search INTERRUPTED after ${done}${soFar ? `: ${soFar}` : ''} (the probes done are kept)` };
    case 'failed':
      return { mark: '■', text: `Search FAILED after ${done}: ${state.message}` };
    case 'finished':
      return finishedHeadline(facts, outcome);
  }
}

function finishedHeadline(facts: SearchFacts, outcome: SearchOutcome): SearchHeadline {
  const k = facts.plan.key;
  switch (outcome.state) {
    case 'found': {
      const failed = searchVerdict(facts) === 'capacity-failed';
      return {
        mark: failed ? '✗' : '✓',
        text: `Sustains ${k} ${keyValue(k, outcome.sustained.value)}${throughput(outcome.sustained)}; first fails at ${keyValue(k, outcome.firstFailure.value)}: ${outcome.firstFailure.reason ?? 'it did not sustain'}`,
      };
    }
    case 'from-fails':
      return {
        mark: '✗',
        text: `Even ${k} ${keyValue(k, facts.plan.from)} (search.from) fails: ${outcome.firstFailure.reason ?? 'it did not sustain'}`,
      };
    case 'above-range':
      return {
        mark: '↑',
        text: `Still sustains ${k} ${keyValue(k, facts.plan.to)} (search.to): the boundary lies beyond the range; move search.to further`,
      };
    case 'searching':
      return { mark: '■', text: `Search ended without an answer after ${facts.probes.length} probes` };
  }
}

/** " (242/s completed)": what the sustained value's run completed, the figure to write in a baseline. */
function throughput(p: SearchProbe): string {
  const completed = p.metrics.completedPerS;
  return typeof completed === 'number' ? ` (${formatRate(completed)} completed)` : '';
}

/** "sustains 233 so far, fails at 252". */
function bracketSoFar(plan: SearchFactsPlan, probes: readonly SearchProbe[]): string {
  const { sustained, firstFailure } = searchBracket(plan, probes);
  const parts: string[] = [];
  if (sustained) parts.push(`sustains ${keyValue(plan.key, sustained.value)}`);
  if (firstFailure) parts.push(`fails at ${keyValue(plan.key, firstFailure.value)}`);
  return parts.length > 0 ? `${parts.join(', ')} so far` : '';
}

/** The bracket and its width, the probes, the condition: one line. */
export function searchFactsLine(facts: SearchFacts): string {
  const { plan, probes } = facts;
  const parts: string[] = [];
  const found = facts.state.state === 'finished' ? foundCapacity(plan, probes) : undefined;
  if (found) {
    const [lo, hi] = [found.sustained.value, found.firstFailure.value].sort((a, b) => a - b);
    const width = Math.abs(found.firstFailure.value - found.sustained.value) / Math.abs(found.sustained.value || found.firstFailure.value);
    parts.push(
      `the boundary lies between ${formatCount(lo, 3)} and ${formatCount(hi, 3)} (${formatPct(width * 100)} apart; precision ${plan.precisionPct} %)`,
    );
  } else {
    parts.push(`${plan.key} from ${formatCount(plan.from, 3)} to ${formatCount(plan.to, 3)}, precision ${plan.precisionPct} %`);
  }
  const rounds = new Set(probes.map((p) => p.round)).size;
  parts.push(`${probes.length} probe${probes.length === 1 ? '' : 's'}${rounds > 0 ? ` in ${rounds} round${rounds === 1 ? '' : 's'}` : ''}`);
  parts.push(`until ${plan.until}`);
  if (facts.scenario) parts.push(facts.scenario);
  if (facts.slots) parts.push(facts.slots === 1 ? 'one probe at a time' : `${facts.slots} probes at once`);
  if (facts.elapsedMs !== undefined) parts.push(`${(facts.elapsedMs / 1000).toFixed(1)} s`);
  return parts.join(' · ');
}

/** Where to look: the capacity threshold, probes that broke the order, the cap, probes that could not run. */
export function searchNotes(facts: SearchFacts): string[] {
  const { plan, probes } = facts;
  const out: string[] = [];
  if (facts.capacity) out.push(`Capacity threshold: ${facts.capacity.message}`);
  const { firstFailure, outliers } = searchBracket(plan, probes);
  if (firstFailure && outliers.length > 0) {
    const values = outliers.map((p) => formatCount(p.value, 3)).join(', ');
    out.push(
      `Not monotonic: ${plan.key} ${values} sustained beyond the first failure ${formatCount(firstFailure.value, 3)}; the answer keeps to the safe side (the boundary is not sharp here: a longer measureS steadies it)`,
    );
  }
  const outcome = searchOutcome(plan, probes);
  if (outcome.state === 'found' && outcome.capped)
    out.push(`The search stopped after ${probes.length} probes, before the bracket was within ${plan.precisionPct} %`);
  const errors = probes.filter((p) => p.error);
  if (errors.length > 0) out.push(`${errors.length} probe${errors.length === 1 ? '' : 's'} could not run: ${errors[0].error}`);
  return out;
}

/** `clickHint`: end with how to open a probe as a cell (the notebook; not a CI summary). */
export function formatSearchHeadlineMarkdown(facts: SearchFacts, { clickHint = true }: { clickHint?: boolean } = {}): string {
  const { mark, text } = searchHeadline(facts);
  const out = [`### ${mark} ${text}`, '', searchFactsLine(facts), ''];
  const notes = searchNotes(facts);
  for (const note of notes) out.push(`- ${note}`);
  if (notes.length > 0) out.push('');
  if (clickHint)
    out.push('Hover a probe of the chart for its figures; click it to insert its exact spec below as its own cell, and run it in full.');
  return out.join('\n').trimEnd();
}

export function formatSearchSummaryText(facts: SearchFacts): string {
  return [searchHeadline(facts).text, searchFactsLine(facts), ...searchNotes(facts)].join('\n') + '\n';
}
