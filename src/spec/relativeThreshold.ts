// A threshold relative to the pinned baseline's value of the same metric: "<= baseline",
// ">= baseline - 10%" (10 percent of the baseline's value) or "<= baseline + 2" (in the metric's
// own unit). Read by a small scanner rather than a regular expression, so that a mistake is
// reported at the character where it is.

import { closestMatch } from './editDistance';
import { COMPARISON_OPERATORS, type ComparisonOperator } from './thresholdComparison';

export const BASELINE_WORD = 'baseline';

export interface RelativeThreshold {
  op: ComparisonOperator;
  /** The margin added to the baseline's value (negative: subtracted). */
  offset: number;
  /** The margin is a percentage of the baseline's value rather than an amount in the metric's unit. */
  percent: boolean;
}

/** A mistake in a threshold, with the offsets (0-based, end exclusive) of the offending text. */
export interface ThresholdSyntaxError {
  error: string;
  start: number;
  end: number;
}

const EXAMPLES = '">= baseline - 10%", "<= baseline + 2" or "<= baseline"';
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?/i;
const WORD = /^[A-Za-z_]\w*/;

/** Does the text try to compare with the baseline (the word, or a word where a number belongs)? */
export function isRelativeThreshold(text: string): boolean {
  return new RegExp(`\\b${BASELINE_WORD}\\b`, 'i').test(text) || /^\s*(?:<=|>=|==|!=|<|>)\s*[A-Za-z_]/.test(text);
}

export function parseRelativeThreshold(text: string): RelativeThreshold | ThresholdSyntaxError {
  let i = skipSpaces(text, 0);
  const fail = (error: string, start: number, end = text.length): ThresholdSyntaxError => ({ error, start, end: Math.max(end, start + 1) });

  const op = [...COMPARISON_OPERATORS].sort((a, b) => b.length - a.length).find((o) => text.startsWith(o, i));
  if (op === undefined) {
    const rest = text.slice(i).trim();
    if (text[i] === '=') return fail(`equality is written "==": "== ${text.slice(i + 1).trim()}"`, i, i + 1);
    return fail(
      `a comparison starts with an operator (${COMPARISON_OPERATORS.join(' ')}): write ">= ${rest}" or "<= ${rest}"`,
      i,
      i + Math.max(1, rest.length),
    );
  }
  i = skipSpaces(text, i + op.length);

  const word = WORD.exec(text.slice(i))?.[0];
  if (word !== BASELINE_WORD) {
    if (word !== undefined) {
      const hint = closestMatch(word, [BASELINE_WORD])
        ? `; did you mean "${BASELINE_WORD}"?`
        : ` (compare with a number, or with "${BASELINE_WORD}": ${EXAMPLES})`;
      return fail(`"${word}" is neither a number nor "${BASELINE_WORD}"${hint}`, i, i + word.length);
    }
    return fail(`write the baseline first and the margin after it: ${EXAMPLES}`, i);
  }
  i = skipSpaces(text, i + word.length);
  if (i >= text.length) return { op, offset: 0, percent: false };

  const sign = text[i];
  if (sign !== '+' && sign !== '-') {
    return fail(
      `only a margin "+ N", "- N", "+ N%" or "- N%" may follow "${BASELINE_WORD}"; got "${text.slice(i).trim()}" (for example ${EXAMPLES})`,
      i,
    );
  }
  i = skipSpaces(text, i + 1);
  const number = NUMBER.exec(text.slice(i))?.[0];
  if (number === undefined) {
    const got = text.slice(i).trim();
    return fail(
      `expected a number after "${sign}"${got ? `; got "${got}"` : ''} (for example ${EXAMPLES})`,
      got ? i : i - 1,
      got ? text.length : i,
    );
  }
  const numberAt = i;
  i = skipSpaces(text, i + number.length);
  const percent = text[i] === '%';
  if (percent) i = skipSpaces(text, i + 1);
  if (i < text.length) return fail(`unexpected "${text.slice(i).trim()}" after the margin ${sign} ${number}${percent ? '%' : ''}`, i);
  const offset = Number(number) * (sign === '-' ? -1 : 1);
  if (!Number.isFinite(offset)) return fail(`the margin ${number} is not a finite number`, numberAt, numberAt + number.length);
  return { op, offset, percent };
}

/** The value a relative threshold allows, given the baseline's value of the metric. */
export function relativeBound(baseline: number, t: RelativeThreshold): number {
  return t.percent ? baseline + (Math.abs(baseline) * t.offset) / 100 : baseline + t.offset;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}
