// Scans one logfmt line (`key=value`, space separated) into the positions of its keys' values,
// by hand (no regular expression, no split): a real scheduler's log can hold millions of lines;
// see bench/parserBench.ts.

import { COUNTER_KEYS } from './runEvents';
import type { ConfigHeader } from './runEvents';
import { BACKSLASH, EQ, LOWER_T, NINE, QUOTE, SPACE, TAB, ZERO } from './charCodes';
import { configValue, describeValue, wholeNumber } from './counterValues';

const NK = COUNTER_KEYS.length;
const KEY_EQ = COUNTER_KEYS.map((k) => `${k}=`);
/** `seen` when every counter was read. */
export const ALL_COUNTERS_SEEN = (1 << NK) - 1;

/** Positions in COUNTER_KEYS of the keys of each name length, so a key is found without a substring. */
const KEYS_BY_LENGTH: number[][] = Array.from({ length: Math.max(...COUNTER_KEYS.map((k) => k.length)) + 1 }, () => []);
COUNTER_KEYS.forEach((key, k) => KEYS_BY_LENGTH[key.length].push(k));

/** What one logfmt line holds, filled by scanLogfmt. Reused between lines to spare allocations. */
export interface LogfmtScan {
  tFrom: number;
  tTo: number;
  partFrom: number;
  partTo: number;
  phaseFrom: number;
  phaseTo: number;
  reasonFrom: number;
  reasonTo: number;
  /** Bit k set: COUNTER_KEYS[k] was read. */
  seen: number;
  /** values[k] is the value of COUNTER_KEYS[k]. */
  values: number[];
  /** First problem found in a counter value, or a repeated key. */
  problem: string | undefined;
}

export function newLogfmtScan(): LogfmtScan {
  return {
    tFrom: -1,
    tTo: -1,
    partFrom: -1,
    partTo: -1,
    phaseFrom: -1,
    phaseTo: -1,
    reasonFrom: -1,
    reasonTo: -1,
    seen: 0,
    values: new Array<number>(NK).fill(0),
    problem: undefined,
  };
}

/** Reads the key=value pairs of line[from, to) into `sc`. */
export function scanLogfmt(line: string, from: number, to: number, sc: LogfmtScan): void {
  sc.tFrom = sc.tTo = sc.partFrom = sc.partTo = sc.phaseFrom = sc.phaseTo = sc.reasonFrom = sc.reasonTo = -1;
  sc.seen = 0;
  sc.problem = undefined;
  // Fast path: the counters in the writer's order, each a run of digits, read in one pass (one
  // native startsWith per key). Anything else takes the general path below, where indexOf
  // (native, vectorised) finds the separators and only values are read character by character.
  let expect = 0;
  let i = from;
  while (i < to) {
    if (line.charCodeAt(i) === SPACE) {
      i++;
      continue;
    }
    if (expect < NK && line.startsWith(KEY_EQ[expect], i)) {
      const valueFrom = i + KEY_EQ[expect].length;
      let j = valueFrom;
      let n = 0;
      let c = SPACE;
      while (j < to && (c = line.charCodeAt(j)) >= ZERO && c <= NINE) {
        n = n * 10 + (c - ZERO);
        j++;
      }
      const bit = 1 << expect;
      if (j > valueFrom && (j === to || c === SPACE) && n <= Number.MAX_SAFE_INTEGER && !(sc.seen & bit)) {
        sc.values[expect] = n;
        sc.seen |= bit;
        expect++;
        i = j;
        continue;
      }
    }
    const keyFrom = i;
    let space = line.indexOf(' ', i);
    if (space < 0 || space > to) space = to;
    const eq = line.indexOf('=', i);
    if (eq < 0 || eq >= space) {
      i = space + 1; // a bare word (e.g. "global"): ignored
      continue;
    }
    const keyTo = eq;
    const valueFrom = eq + 1;
    const valueTo = valueFrom < to && line.charCodeAt(valueFrom) === QUOTE ? valueEnd(line, valueFrom, to) : space;
    i = valueTo;
    const klen = keyTo - keyFrom;
    if (klen === 1 && line.charCodeAt(keyFrom) === LOWER_T) {
      if (sc.tFrom >= 0) sc.problem ??= 'the key t appears twice';
      sc.tFrom = valueFrom;
      sc.tTo = valueTo;
      continue;
    }
    const k = counterKeyIndex(line, keyFrom, keyTo);
    if (k >= 0) {
      const bit = 1 << k;
      if (sc.seen & bit) sc.problem ??= `the key ${COUNTER_KEYS[k]} appears twice`;
      sc.seen |= bit;
      let vf = valueFrom;
      let vt = valueTo;
      if (vt - vf >= 2 && line.charCodeAt(vf) === QUOTE && line.charCodeAt(vt - 1) === QUOTE) {
        vf++;
        vt--;
      }
      const n = wholeNumber(line, vf, vt);
      if (Number.isFinite(n)) sc.values[k] = n;
      else sc.problem ??= `${COUNTER_KEYS[k]} ${describeValue(line.slice(vf, vt))}: expected a whole number >= 0`;
    } else if (klen === 9 && line.startsWith('partition', keyFrom)) {
      sc.partFrom = valueFrom;
      sc.partTo = valueTo;
    } else if (klen === 5 && line.startsWith('phase', keyFrom)) {
      sc.phaseFrom = valueFrom;
      sc.phaseTo = valueTo;
    } else if (klen === 6 && line.startsWith('reason', keyFrom)) {
      sc.reasonFrom = valueFrom;
      sc.reasonTo = valueTo;
    }
    // Any other key is ignored (the contract allows extra keys).
  }
}

/** The key=value pairs of a config line's line[from, to) (after the word `config`); bare words are ignored. */
export function scanLogfmtConfig(line: string, from: number, to: number): ConfigHeader {
  const config: ConfigHeader = {};
  let i = from;
  while (i < to) {
    while (i < to && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
    if (i >= to) break;
    const keyFrom = i;
    while (i < to && line.charCodeAt(i) !== EQ && line.charCodeAt(i) !== SPACE && line.charCodeAt(i) !== TAB) i++;
    const keyTo = i;
    if (i >= to || line.charCodeAt(i) !== EQ) continue;
    i++;
    const valueFrom = i;
    i = valueEnd(line, i, to);
    const raw = unquote(line.slice(valueFrom, i));
    const key = line.slice(keyFrom, keyTo);
    if (key !== '') config[key] = configValue(raw);
  }
  return config;
}

/**
 * A counter line printed through a logger (`12:00:01 INFO Stats - t=3.500 partition=0 ...`):
 * the position of its `t=` when the next key is `partition=` or `phase=`, else -1.
 */
export function prefixedCounterLine(line: string, from: number, to: number): number {
  let at = line.indexOf(' t=', from);
  while (at >= 0 && at < to) {
    const t = at + 1;
    const next = line.indexOf(' ', t);
    if (next < 0) return -1;
    let k = next;
    while (k < to && line.charCodeAt(k) === SPACE) k++;
    if (line.startsWith('partition=', k) || line.startsWith('phase=', k)) return t;
    at = line.indexOf(' t=', t);
  }
  return -1;
}

export function unquote(text: string): string {
  if (text.length >= 2 && text.charCodeAt(0) === QUOTE && text.charCodeAt(text.length - 1) === QUOTE) {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return text;
}

/** Position in COUNTER_KEYS of the key in line[from, to), or -1. */
function counterKeyIndex(line: string, from: number, to: number): number {
  const len = to - from;
  if (len >= KEYS_BY_LENGTH.length) return -1;
  for (const k of KEYS_BY_LENGTH[len]) if (line.startsWith(COUNTER_KEYS[k], from)) return k;
  return -1;
}

/** End of a logfmt value starting at `i`: the next blank, or past the closing quote of a quoted value. */
function valueEnd(line: string, i: number, to: number): number {
  if (i < to && line.charCodeAt(i) === QUOTE) {
    i++;
    while (i < to) {
      const c = line.charCodeAt(i);
      if (c === BACKSLASH) i += 2;
      else if (c === QUOTE) return i + 1;
      else i++;
    }
    return to;
  }
  while (i < to) {
    const c = line.charCodeAt(i);
    if (c === SPACE || c === TAB) return i;
    i++;
  }
  return to;
}
