// Streaming parser of the counter-line contract (DESIGN.md section 4): logfmt lines
//   config partitions=4 ringBufferSize=1024 ... scenario=hot-family seed=1
//   t=3.000 phase=measure
//   t=3.500 partition=0 tasksIn=1234 dispatched=1200 completed=1180 ...
// and JSON lines with the same keys. Lines that are not counter lines (a JVM's log output, blank
// lines) are skipped and counted; a line that claims to be a counter line (it has `t` and
// `partition`) but cannot be read exactly is reported with its line number and never half-used.
//
// Partition lines sharing one `t` form one `tick` event. A tick is emitted when a line with another
// `t`, a phase line, a config line or end() arrives, or, when the config line gives the partition
// count, as soon as every partition is in. When a tick is still missing partitions, it stays open while the next tick fills (so lines of two
// ticks that arrive interleaved still land in the right tick); a third `t` closes it. Partitions
// still missing when a tick is emitted carry their last values forward (counters are cumulative)
// and are counted in `stats.carriedForward`.
//
// The logfmt path scans characters by hand (no regular expression, no split) because a real
// scheduler's log can hold millions of lines; see bench/parserBench.ts.

import { COUNTER_KEYS } from '../format/runEvents';
import type { ConfigHeader, EndReason, PartitionCounters, Phase, RunEvent } from '../format/runEvents';

export interface ParseProblem {
  /** 1-based line number in the stream. */
  line: number;
  message: string;
  /** The line as read (cut to 200 characters). */
  text: string;
}

export interface CounterLineParserStats {
  lines: number;
  /** Partition lines read into a tick. */
  counterLines: number;
  phaseLines: number;
  configLines: number;
  ticks: number;
  /** Lines that are not part of the contract (log output of the program, blank lines): skipped. */
  foreignLines: number;
  /** Blank lines (also counted in foreignLines). */
  blankLines: number;
  /** Malformed counter, phase or config lines (and partition lines that could not be placed). */
  errorCount: number;
  /** The first MAX_KEPT_PROBLEMS of them, with line numbers. */
  errors: ParseProblem[];
  /** Odd but readable data (a counter going down, a second config line, an unknown end reason). */
  warningCount: number;
  warnings: ParseProblem[];
  /** Partition slots of emitted ticks filled with the partition's previous values. */
  carriedForward: number;
  /** Partition count: the config line's, else the highest partition seen plus one. */
  partitions: number;
}

export const MAX_KEPT_PROBLEMS = 200;
const MAX_TEXT = 200;

const PHASES: readonly Phase[] = ['warmup', 'measure', 'cooldown', 'done'];
const END_REASONS: readonly EndReason[] = ['drained', 'cooldown-timeout', 'interrupted', 'source-ended', 'source-failed'];

const NK = COUNTER_KEYS.length;
const KEY_EQ = COUNTER_KEYS.map((k) => `${k}=`);
const ALL_KEYS_MASK = (1 << NK) - 1;

// Character codes.
const SPACE = 32;
const TAB = 9;
const EQ = 61;
const QUOTE = 34;
const BACKSLASH = 92;
const ZERO = 48;
const NINE = 57;
const DOT = 46;
const LOWER_T = 116;
const LBRACE = 123;

/** Index of a COUNTER_KEYS name in line[from, to), or -1. Avoids making a substring per key. */
function counterKeyIndex(line: string, from: number, to: number): number {
  const len = to - from;
  switch (len) {
    case 7: return line.startsWith('tasksIn', from) ? 0 : -1;
    case 10: return line.startsWith('dispatched', from) ? 1 : -1;
    case 9: return line.startsWith('completed', from) ? 2 : -1;
    case 11: return line.startsWith('rejectsBusy', from) ? 3 : -1;
    case 17: return line.startsWith('enqueuedDueToBusy', from) ? 4 : -1;
    case 23: return line.startsWith('maxPendingDepthObserved', from) ? 5 : -1;
    case 18: return line.startsWith('readyFamiliesCount', from) ? 6 : -1;
    case 21: return line.startsWith('inFlightFamiliesCount', from) ? 7 : -1;
    default: return -1;
  }
}

/** A whole, non-negative number in line[from, to); NaN if it is anything else. */
function wholeNumber(line: string, from: number, to: number): number {
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
function decimal(line: string, from: number, to: number): number {
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

function slowNumber(text: string, whole: boolean): number {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return NaN;
  const n = Number(trimmed);
  if (!Number.isFinite(n) || n < 0) return NaN;
  if (whole && (!Number.isInteger(n) || n > Number.MAX_SAFE_INTEGER)) return NaN;
  return n;
}

function describeValue(text: string): string {
  if (text === '') return 'is empty';
  const n = Number(text);
  if (Number.isFinite(n)) {
    if (n < 0) return `is negative (${text})`;
    if (!Number.isInteger(n)) return `is not a whole number (${text})`;
    return `is out of range (${text})`;
  }
  return `is not a number ("${text.length > 40 ? `${text.slice(0, 40)}…` : text}")`;
}

interface OpenTick {
  t: number;
  parts: (PartitionCounters | undefined)[];
  filled: number;
}

/** What one logfmt line holds, filled by scanLogfmt. Reused between lines to spare allocations. */
interface Scan {
  tFrom: number;
  tTo: number;
  partFrom: number;
  partTo: number;
  phaseFrom: number;
  phaseTo: number;
  reasonFrom: number;
  reasonTo: number;
  seen: number;
  values: number[];
  /** First problem found in a counter value, or a repeated key. */
  problem: string | undefined;
}

export class CounterLineParser {
  private lineNo = 0;
  private configPartitions: number | undefined;
  private maxPartitionSeen = -1;
  private readonly open: OpenTick[] = [];
  private lastEmittedT = -Infinity;
  private last: (PartitionCounters | undefined)[] = [];
  private configSeen = false;
  private readonly scan: Scan = {
    tFrom: -1, tTo: -1, partFrom: -1, partTo: -1, phaseFrom: -1, phaseTo: -1, reasonFrom: -1, reasonTo: -1,
    seen: 0, values: new Array<number>(NK).fill(0), problem: undefined,
  };
  private readonly s: CounterLineParserStats = {
    lines: 0, counterLines: 0, phaseLines: 0, configLines: 0, ticks: 0, foreignLines: 0, blankLines: 0,
    errorCount: 0, errors: [], warningCount: 0, warnings: [], carriedForward: 0, partitions: 0,
  };

  get stats(): CounterLineParserStats {
    this.s.partitions = this.partitionCount();
    return this.s;
  }

  /** Reads one line (without its line break; a trailing \r is ignored) and returns the events it completes. */
  push(line: string): RunEvent[] {
    const out: RunEvent[] = [];
    this.lineNo++;
    this.s.lines++;
    let from = 0;
    let to = line.length;
    while (to > from && line.charCodeAt(to - 1) <= SPACE) to--;
    while (from < to && line.charCodeAt(from) <= SPACE) from++;
    if (from === to) {
      this.s.blankLines++;
      this.s.foreignLines++;
      return out;
    }
    const c = line.charCodeAt(from);
    if (c === LOWER_T && line.charCodeAt(from + 1) === EQ) {
      this.logfmtLine(line, from, to, out);
    } else if (c === LBRACE) {
      this.jsonLine(line, from, to, out);
    } else if (line.startsWith('config', from) && (from + 6 === to || line.charCodeAt(from + 6) === SPACE || line.charCodeAt(from + 6) === TAB)) {
      this.logfmtConfig(line, from + 6, to, out);
    } else {
      const at = prefixedCounterLine(line, from, to);
      if (at >= 0) this.logfmtLine(line, at, to, out);
      else this.s.foreignLines++;
    }
    return out;
  }

  /** The stream is over: emits the ticks still open. */
  end(): RunEvent[] {
    const out: RunEvent[] = [];
    this.flushAll(out);
    return out;
  }

  // ---- logfmt ----

  private logfmtLine(line: string, from: number, to: number, out: RunEvent[]): void {
    const sc = this.scan;
    scanLogfmt(line, from, to, sc);
    if ((sc.problem !== undefined || sc.seen !== ALL_KEYS_MASK) && line.indexOf('\t', from) >= 0) {
      // Tabs as separators: rare, so only looked for when the line did not read cleanly.
      line = line.replace(/\t/g, ' '); // same length: positions stay
      scanLogfmt(line, from, to, sc);
    }
    const hasPart = sc.partFrom >= 0;
    const hasPhase = sc.phaseFrom >= 0;
    if (!hasPart && !hasPhase) {
      // `t=...` but neither a partition nor a phase: a global summary line or someone else's output.
      this.s.foreignLines++;
      return;
    }
    if (hasPart && hasPhase) {
      this.error(line, 'a line cannot be both a phase line (phase=) and a partition line (partition=)');
      return;
    }
    const t = decimal(line, sc.tFrom, sc.tTo);
    if (!Number.isFinite(t)) {
      this.error(line, `t ${describeValue(line.slice(sc.tFrom, sc.tTo))}: expected seconds since the start, such as t=3.500`);
      return;
    }
    if (hasPhase) {
      const phase = unquote(line.slice(sc.phaseFrom, sc.phaseTo));
      const reason = sc.reasonFrom >= 0 ? unquote(line.slice(sc.reasonFrom, sc.reasonTo)) : undefined;
      this.phaseLine(line, t, phase, reason, out);
      return;
    }
    const partition = wholeNumber(line, sc.partFrom, sc.partTo);
    if (!Number.isFinite(partition)) {
      this.error(line, `partition ${describeValue(line.slice(sc.partFrom, sc.partTo))}: expected a partition number 0, 1, 2, ...`);
      return;
    }
    if (sc.problem !== undefined) {
      this.error(line, sc.problem);
      return;
    }
    if (sc.seen !== ALL_KEYS_MASK) {
      this.error(line, `missing ${missingKeys(sc.seen)} (a partition line carries all of ${COUNTER_KEYS.join(', ')}; a cut or truncated line?)`);
      return;
    }
    const v = sc.values;
    this.counterLine(line, t, partition, {
      tasksIn: v[0], dispatched: v[1], completed: v[2], rejectsBusy: v[3], enqueuedDueToBusy: v[4],
      maxPendingDepthObserved: v[5], readyFamiliesCount: v[6], inFlightFamiliesCount: v[7],
    }, out);
  }

  private logfmtConfig(line: string, from: number, to: number, out: RunEvent[]): void {
    const config: ConfigHeader = {};
    let i = from;
    while (i < to) {
      while (i < to && (line.charCodeAt(i) === SPACE || line.charCodeAt(i) === TAB)) i++;
      if (i >= to) break;
      const keyFrom = i;
      while (i < to && line.charCodeAt(i) !== EQ && line.charCodeAt(i) !== SPACE && line.charCodeAt(i) !== TAB) i++;
      const keyTo = i;
      if (i >= to || line.charCodeAt(i) !== EQ) continue; // a bare word: ignored
      i++;
      const valueFrom = i;
      i = valueEnd(line, i, to);
      const raw = unquote(line.slice(valueFrom, i));
      const key = line.slice(keyFrom, keyTo);
      if (key !== '') config[key] = configValue(raw);
    }
    this.configLine(line, config, out);
  }

  // ---- JSON lines ----

  private jsonLine(line: string, from: number, to: number, out: RunEvent[]): void {
    const text = line.slice(from, to);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      if (/"(partition|phase)"\s*:/.test(text) && /"t"\s*:/.test(text)) {
        this.error(line, 'malformed JSON counter line (cut or truncated?)');
      } else {
        this.s.foreignLines++;
      }
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.s.foreignLines++;
      return;
    }
    const obj = value as Record<string, unknown>;
    // The writer's form is {"config": true, "partitions": 4, ...}; {"type": "config", ...} and
    // {"config": {...}} are read too.
    const nested = obj.config !== null && typeof obj.config === 'object' && !Array.isArray(obj.config);
    if (obj.config === true || obj.type === 'config' || nested) {
      const source = (nested ? obj.config : obj) as Record<string, unknown>;
      const config: ConfigHeader = {};
      for (const [k, v] of Object.entries(source)) {
        if (!nested && (k === 'type' || k === 'config')) continue;
        if (typeof v === 'number' || typeof v === 'string') config[k] = typeof v === 'string' ? configValue(v) : v;
        else if (typeof v === 'boolean') config[k] = String(v);
      }
      this.configLine(line, config, out);
      return;
    }
    const hasPart = 'partition' in obj;
    const hasPhase = 'phase' in obj;
    if (!('t' in obj) || (!hasPart && !hasPhase)) {
      this.s.foreignLines++;
      return;
    }
    if (hasPart && hasPhase) {
      this.error(line, 'a line cannot be both a phase line ("phase") and a partition line ("partition")');
      return;
    }
    const t = jsonNumber(obj.t, false);
    if (!Number.isFinite(t)) {
      this.error(line, `"t" ${describeJson(obj.t)}: expected seconds since the start, such as 3.5`);
      return;
    }
    if (hasPhase) {
      const reason = obj.reason === undefined ? undefined : String(obj.reason);
      this.phaseLine(line, t, typeof obj.phase === 'string' ? obj.phase : JSON.stringify(obj.phase), reason, out);
      return;
    }
    const partition = jsonNumber(obj.partition, true);
    if (!Number.isFinite(partition)) {
      this.error(line, `"partition" ${describeJson(obj.partition)}: expected a partition number 0, 1, 2, ...`);
      return;
    }
    const counters = {} as PartitionCounters;
    const missing: string[] = [];
    for (const key of COUNTER_KEYS) {
      if (!(key in obj)) {
        missing.push(key);
        continue;
      }
      const n = jsonNumber(obj[key], true);
      if (!Number.isFinite(n)) {
        this.error(line, `"${key}" ${describeJson(obj[key])}: expected a whole number >= 0`);
        return;
      }
      counters[key] = n;
    }
    if (missing.length > 0) {
      this.error(line, `missing ${missing.join(', ')} (a partition line carries all of ${COUNTER_KEYS.join(', ')})`);
      return;
    }
    this.counterLine(line, t, partition, counters, out);
  }

  // ---- events ----

  private configLine(line: string, config: ConfigHeader, out: RunEvent[]): void {
    this.flushAll(out);
    this.s.configLines++;
    if (this.configSeen) this.warning(line, 'a second config line: the events that follow belong to another run');
    this.configSeen = true;
    if ('partitions' in config) {
      const p = Number(config.partitions);
      if (Number.isInteger(p) && p > 0) {
        this.configPartitions = p;
      } else {
        this.error(line, `config partitions=${config.partitions} is not a partition count (expected a whole number >= 1); the highest partition seen is used instead`);
        this.configPartitions = undefined;
      }
    } else {
      this.configPartitions = undefined;
    }
    out.push({ type: 'config', config });
  }

  private phaseLine(line: string, t: number, phase: string, reason: string | undefined, out: RunEvent[]): void {
    if (!(PHASES as readonly string[]).includes(phase)) {
      this.error(line, `unknown phase "${phase}": expected one of ${PHASES.join(', ')}`);
      return;
    }
    this.flushAll(out);
    this.s.phaseLines++;
    const event: RunEvent = { type: 'phase', t, phase: phase as Phase };
    if (reason !== undefined) {
      if ((END_REASONS as readonly string[]).includes(reason)) event.reason = reason as EndReason;
      else this.warning(line, `unknown end reason "${reason}" (known: ${END_REASONS.join(', ')}); ignored`);
    }
    out.push(event);
  }

  private counterLine(line: string, t: number, partition: number, counters: PartitionCounters, out: RunEvent[]): void {
    if (this.configPartitions !== undefined && partition >= this.configPartitions) {
      this.error(line, `partition ${partition} is out of range: the config line says partitions=${this.configPartitions} (0 to ${this.configPartitions - 1})`);
      return;
    }
    let tick = this.findOpen(t);
    if (!tick) {
      if (t <= this.lastEmittedT) {
        this.error(line, `arrived after the tick at t=${formatT(t)} was already complete (out of order); skipped`);
        return;
      }
      tick = this.openTick(t, out);
    }
    if (tick.parts[partition] !== undefined) {
      this.error(line, `partition ${partition} appears twice at t=${formatT(t)}; the first line is kept`);
      return;
    }
    this.s.counterLines++;
    if (partition > this.maxPartitionSeen) this.maxPartitionSeen = partition;
    tick.parts[partition] = counters;
    tick.filled++;
    this.checkMonotonic(line, partition, counters);
    if (this.configPartitions !== undefined && tick.filled >= this.configPartitions) {
      while (this.open.length > 0 && this.open[0].t <= t) this.emit(this.open.shift()!, out);
    }
  }

  private findOpen(t: number): OpenTick | undefined {
    for (let i = this.open.length - 1; i >= 0; i--) if (this.open[i].t === t) return this.open[i];
    return undefined;
  }

  /** Opens a tick for a new `t`, closing the ticks that can no longer receive lines. */
  private openTick(t: number, out: RunEvent[]): OpenTick {
    // `open` is in time order. Of the ticks older than t, only the newest may stay open, and only
    // while it is incomplete (its missing partitions may still arrive, interleaved).
    let older = 0;
    while (older < this.open.length && this.open[older].t < t) older++;
    for (let i = 0; i < older - 1; i++) this.emit(this.open.shift()!, out);
    if (older > 0 && this.isComplete(this.open[0])) this.emit(this.open.shift()!, out);
    const tick: OpenTick = { t, parts: [], filled: 0 };
    let at = this.open.length;
    while (at > 0 && this.open[at - 1].t > t) at--;
    this.open.splice(at, 0, tick);
    while (this.open.length > 2) this.emit(this.open.shift()!, out);
    return tick;
  }

  private isComplete(tick: OpenTick): boolean {
    return this.configPartitions === undefined || tick.filled >= this.configPartitions;
  }

  private flushAll(out: RunEvent[]): void {
    while (this.open.length > 0) this.emit(this.open.shift()!, out);
  }

  private emit(tick: OpenTick, out: RunEvent[]): void {
    const n = this.partitionCount();
    const partitions: PartitionCounters[] = new Array(n);
    for (let p = 0; p < n; p++) {
      let c = tick.parts[p];
      if (c === undefined) {
        const prev = this.last[p];
        c = prev ? { ...prev } : zeroCounters();
        this.s.carriedForward++;
      }
      partitions[p] = c;
      this.last[p] = c;
    }
    this.lastEmittedT = tick.t;
    this.s.ticks++;
    out.push({ type: 'tick', t: tick.t, partitions });
  }

  private partitionCount(): number {
    return this.configPartitions ?? this.maxPartitionSeen + 1;
  }

  private checkMonotonic(line: string, partition: number, c: PartitionCounters): void {
    const prev = this.last[partition];
    if (!prev) return;
    // Written out: this runs for every partition line.
    const key =
      c.tasksIn < prev.tasksIn ? 'tasksIn'
      : c.dispatched < prev.dispatched ? 'dispatched'
      : c.completed < prev.completed ? 'completed'
      : c.rejectsBusy < prev.rejectsBusy ? 'rejectsBusy'
      : c.enqueuedDueToBusy < prev.enqueuedDueToBusy ? 'enqueuedDueToBusy'
      : c.maxPendingDepthObserved < prev.maxPendingDepthObserved ? 'maxPendingDepthObserved'
      : undefined;
    if (key !== undefined) {
      this.warning(line, `${key} of partition ${partition} went down from ${prev[key]} to ${c[key]} (counters are cumulative: did the program restart?)`);
    }
  }

  private error(line: string, message: string): void {
    this.s.errorCount++;
    if (this.s.errors.length < MAX_KEPT_PROBLEMS) this.s.errors.push({ line: this.lineNo, message, text: cut(line) });
  }

  private warning(line: string, message: string): void {
    this.s.warningCount++;
    if (this.s.warnings.length < MAX_KEPT_PROBLEMS) this.s.warnings.push({ line: this.lineNo, message, text: cut(line) });
  }
}

/** Parses a whole log (for files, tests and the CLI). */
export function parseCounterLines(text: string): { events: RunEvent[]; stats: CounterLineParserStats } {
  const parser = new CounterLineParser();
  const events: RunEvent[] = [];
  let from = 0;
  while (from <= text.length) {
    let nl = text.indexOf('\n', from);
    if (nl < 0) nl = text.length;
    if (nl === text.length && from === text.length) break; // no empty line after a final newline
    for (const e of parser.push(text.slice(from, nl))) events.push(e);
    from = nl + 1;
  }
  for (const e of parser.end()) events.push(e);
  return { events, stats: parser.stats };
}

// ---- scanning helpers ----

/** Reads the key=value pairs of a logfmt line into `sc`. */
function scanLogfmt(line: string, from: number, to: number, sc: Scan): void {
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

/**
 * A counter line printed through a logger (`12:00:01 INFO Stats - t=3.500 partition=0 ...`):
 * the position of its `t=` when the next key is `partition=` or `phase=`, else -1.
 */
function prefixedCounterLine(line: string, from: number, to: number): number {
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

function unquote(text: string): string {
  if (text.length >= 2 && text.charCodeAt(0) === QUOTE && text.charCodeAt(text.length - 1) === QUOTE) {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return text;
}

function configValue(raw: string): string | number {
  if (raw !== '' && /^-?\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    if (Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return n;
  }
  return raw;
}

function jsonNumber(v: unknown, whole: boolean): number {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return NaN;
    if (whole && (!Number.isInteger(v) || v > Number.MAX_SAFE_INTEGER)) return NaN;
    return v;
  }
  if (typeof v === 'string') return slowNumber(v, whole);
  return NaN;
}

function describeJson(v: unknown): string {
  if (typeof v === 'string') return describeValue(v);
  if (typeof v === 'number') return describeValue(String(v));
  return `is ${v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v}`;
}

function missingKeys(seen: number): string {
  const missing: string[] = [];
  for (let k = 0; k < NK; k++) if (!(seen & (1 << k))) missing.push(COUNTER_KEYS[k]);
  return missing.join(', ');
}

function zeroCounters(): PartitionCounters {
  return {
    tasksIn: 0, dispatched: 0, completed: 0, rejectsBusy: 0, enqueuedDueToBusy: 0,
    maxPendingDepthObserved: 0, readyFamiliesCount: 0, inFlightFamiliesCount: 0,
  };
}

function cut(line: string): string {
  return line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT)}…` : line;
}

function formatT(t: number): string {
  return t.toFixed(3);
}
