// Reading the values of counter lines: whole numbers and decimals straight from the line (no
// substring on the common path), config values, and the wording of a value that cannot be read.

import { DOT, NINE, QUOTE, ZERO } from './charCodes';

/** A whole, non-negative number in line[from, to); NaN if it is anything else. */
export function wholeNumber(line: string, from: number, to: number): number {
  if (from >= to) return NaN;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c < ZERO || c > NINE) return slowNumber(line.slice(from, to), true);
    n = n * 10 + (c - ZERO);
  }
  return n <= Number.MAX_SAFE_INTEGER ? n : NaN;
}

/** A non-negative decimal such as 3.500 in line[from, to); NaN otherwise. Same result as Number(). */
export function decimal(line: string, from: number, to: number): number {
  if (from >= to) return NaN;
  let n = 0;
  let scale = 1;
  let dot = false;
  for (let i = from; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c === DOT && !dot) {
      dot = true;
      continue;
    }
    if (c < ZERO || c > NINE) return slowNumber(line.slice(from, to), false);
    n = n * 10 + (c - ZERO);
    if (dot) scale *= 10;
  }
  // Exact integers divided by an exact power of ten: one correctly rounded division, as Number() does.
  if (n > Number.MAX_SAFE_INTEGER || scale > 1e22 || (dot && from + 1 === to)) return slowNumber(line.slice(from, to), false);
  return n / scale;
}

/**
 * Seconds since the start as loggers write them: `12.5`, `"12.5"`, `12.5s` or `12500ms` (the
 * value of a `t` key that is not a plain decimal); NaN for anything else.
 */
export function secondsValue(text: string): number {
  let s = text.trim();
  if (s.length >= 2 && s.charCodeAt(0) === QUOTE && s.charCodeAt(s.length - 1) === QUOTE) s = s.slice(1, -1).trim();
  const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*(ms|s)?$/i.exec(s);
  if (!m) return NaN;
  const n = Number(m[1] + (m[2] ?? ''));
  if (!Number.isFinite(n)) return NaN;
  return m[3]?.toLowerCase() === 'ms' ? n / 1000 : n;
}

/** A non-negative number in any form Number() reads (signs, exponents, blanks around); NaN otherwise. */
export function slowNumber(text: string, whole: boolean): number {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return NaN;
  const n = Number(trimmed);
  if (!Number.isFinite(n) || n < 0) return NaN;
  if (whole && (!Number.isInteger(n) || n > Number.MAX_SAFE_INTEGER)) return NaN;
  return n;
}

/** Why `text` is not a whole number >= 0, to follow the key's name in a message. */
export function describeValue(text: string): string {
  if (text === '') return 'is empty';
  const n = Number(text);
  if (Number.isFinite(n)) {
    if (n < 0) return `is negative (${text})`;
    if (!Number.isInteger(n)) return `is not a whole number (${text})`;
    return `is out of range (${text})`;
  }
  return `is not a number ("${text.length > 40 ? `${text.slice(0, 40)}…` : text}")`;
}

/** A config value: a number when it reads as one exactly, else the text. */
export function configValue(raw: string): string | number {
  if (raw !== '' && /^-?\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    if (Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return n;
  }
  return raw;
}
