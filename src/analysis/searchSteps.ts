// The steps of a capacity search, as pure functions of the plan and the probes done so far, so the
// same search runs on worker threads, one command at a time, or in a test with a made-up system.
//
// Bracket, then bisect: the first round probes both ends of the range (and, with more slots,
// values between them); each later round splits the bracket [last sustained, first failure] at
// as many values as there are slots (k-section: one slot is plain bisection). Values are spaced
// geometrically when both ends are above 0 (the precision is relative), and rounded to a value
// the key takes and to a digit the precision does not need. The search ends when the bracket is
// within the precision, when the key takes no value inside it, when `from` fails (nothing
// sustains) or when `to` sustains (the boundary lies beyond the range).
//
// "Nearer `from`" and "beyond" follow the range's direction: a range from 8 workers down to 1
// finds the fewest workers that sustain.

import type { SearchPlan } from '../spec/searchPlan';
import type { SearchProbe } from './searchTypes';

/** A search stops after this many probes whatever the precision (a key whose runs never settle). */
export const MAX_SEARCH_PROBES = 64;

export type SearchOutcome =
  /** Probes remain to run. */
  | { state: 'searching'; sustained?: SearchProbe; firstFailure?: SearchProbe }
  /** The boundary lies inside the range: `sustained` sustained, `firstFailure` (the next value probed beyond it) did not. */
  | { state: 'found'; sustained: SearchProbe; firstFailure: SearchProbe; capped: boolean }
  /** Even `from` does not sustain. */
  | { state: 'from-fails'; firstFailure: SearchProbe }
  /** Even `to` sustains: the boundary lies beyond the range. */
  | { state: 'above-range'; sustained: SearchProbe };

export type SearchRange = Pick<SearchPlan, 'from' | 'to' | 'precisionPct' | 'domain'>;

/** +1 when the range goes up (from < to), -1 when it goes down. */
function direction(plan: SearchRange): number {
  return plan.to > plan.from ? 1 : -1;
}

/**
 * The first failure: the failing probe nearest `from`; the sustained value: the sustaining probe
 * nearest it on the side of `from` (a probe that sustained beyond the first failure is ignored:
 * the answer stays on the safe side, and `outliers` names it).
 */
export function searchBracket(
  plan: SearchRange,
  probes: readonly SearchProbe[],
): { sustained?: SearchProbe; firstFailure?: SearchProbe; outliers: SearchProbe[] } {
  const d = direction(plan);
  const along = (p: SearchProbe) => d * p.value;
  let firstFailure: SearchProbe | undefined;
  for (const p of probes) if (!p.sustained && (!firstFailure || along(p) < along(firstFailure))) firstFailure = p;
  let sustained: SearchProbe | undefined;
  const outliers: SearchProbe[] = [];
  for (const p of probes) {
    if (!p.sustained) continue;
    if (firstFailure && along(p) >= along(firstFailure)) outliers.push(p);
    else if (!sustained || along(p) > along(sustained)) sustained = p;
  }
  return { ...(sustained ? { sustained } : {}), ...(firstFailure ? { firstFailure } : {}), outliers };
}

/** The bracket is within the precision: |first failure - sustained| <= precision × sustained value. */
export function withinPrecision(plan: SearchRange, sustained: number, firstFailure: number): boolean {
  const scale = sustained !== 0 ? Math.abs(sustained) : Math.abs(firstFailure);
  return Math.abs(firstFailure - sustained) <= (plan.precisionPct / 100) * scale + 1e-9 * scale;
}

/** Where the search stands after these probes. */
export function searchOutcome(plan: SearchRange, probes: readonly SearchProbe[]): SearchOutcome {
  const { sustained, firstFailure } = searchBracket(plan, probes);
  const atFrom = probes.find((p) => p.value === plan.from);
  if (atFrom && !atFrom.sustained) return { state: 'from-fails', firstFailure: atFrom };
  const atTo = probes.find((p) => p.value === plan.to);
  if (atTo && atTo.sustained && !firstFailure) return { state: 'above-range', sustained: atTo };
  if (sustained && firstFailure) {
    const capped = probes.length >= MAX_SEARCH_PROBES;
    if (
      capped ||
      withinPrecision(plan, sustained.value, firstFailure.value) ||
      valuesBetween(plan, sustained.value, firstFailure.value, 1).length === 0
    ) {
      return { state: 'found', sustained, firstFailure, capped };
    }
  }
  return { state: 'searching', ...(sustained ? { sustained } : {}), ...(firstFailure ? { firstFailure } : {}) };
}

/**
 * The values to probe next, at most `slots` of them, none already probed; empty when the search
 * has ended (see searchOutcome) or must wait for probes still running (`running`).
 */
export function nextProbeValues(
  plan: SearchRange,
  probes: readonly SearchProbe[],
  slots: number,
  running: readonly number[] = [],
): number[] {
  if (running.length > 0 || probes.length >= MAX_SEARCH_PROBES || searchOutcome(plan, probes).state !== 'searching') return [];
  const n = Math.max(1, Math.min(slots, MAX_SEARCH_PROBES - probes.length));
  const probed = new Set(probes.map((p) => p.value));
  const ends = [plan.from, plan.to].filter((v) => !probed.has(v));
  if (ends.length > 0) {
    // The first round: both ends (from first), and with more slots, values between them.
    const inside = n > ends.length && ends.length === 2 ? valuesBetween(plan, plan.from, plan.to, n - 2) : [];
    return [...ends.slice(0, n), ...inside].filter((v) => !probed.has(v));
  }
  const { sustained, firstFailure } = searchBracket(plan, probes);
  if (!sustained || !firstFailure) return [];
  return valuesBetween(plan, sustained.value, firstFailure.value, n).filter((v) => !probed.has(v));
}

/** Up to `k` values the key takes strictly between `a` and `b`, spread evenly (geometrically when both are above 0). */
export function valuesBetween(plan: SearchRange, a: number, b: number, k: number): number[] {
  const out: number[] = [];
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const geometric = lo > 0;
  for (let i = 1; i <= k; i++) {
    const f = i / (k + 1);
    const raw =
      plan.domain === 'power-of-two'
        ? 2 ** Math.round(Math.log2(lo) + f * (Math.log2(hi) - Math.log2(lo)))
        : geometric
          ? lo * (hi / lo) ** f
          : lo + f * (hi - lo);
    const value = plan.domain === 'real' ? niceValue(raw, lo, hi, plan.precisionPct) : Math.round(raw);
    if (value > lo && value < hi && !out.includes(value)) out.push(value);
  }
  return a < b ? out : out.reverse();
}

/**
 * `raw` rounded to a step a tenth of the precision or finer (240.3 at 5 % becomes 240), so probes
 * read well in tables; unrounded (to 6 significant digits) when rounding would leave (lo, hi).
 */
function niceValue(raw: number, lo: number, hi: number, precisionPct: number): number {
  const exact = Number(raw.toPrecision(6));
  const resolution = ((precisionPct / 100) * Math.abs(raw)) / 10;
  if (!(resolution > 0)) return exact;
  const step = 10 ** Math.floor(Math.log10(resolution));
  const rounded = Number((Math.round(raw / step) * step).toPrecision(12));
  return rounded > lo && rounded < hi ? rounded : exact;
}
