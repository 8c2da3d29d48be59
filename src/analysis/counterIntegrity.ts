// Counter integrity, checked before any rule trusts the counters (DESIGN.md section 2: "A counter
// that double counts destroys the baseline"). At every tick, per partition:
// - counters never decrease (the five cumulative ones and the running maximum maxPendingDepthObserved);
// - dispatched <= tasksIn, completed <= dispatched, enqueuedDueToBusy <= tasksIn and
//   maxPendingDepthObserved <= tasksIn (a task is counted in at most once before it is counted on);
// - no value is negative (the two gauges included);
// - every partition of the run reports: a partition that prints no line at all, or none for as
//   long as a stall (MIN_STALL_TICKS ticks), has counters the analysis cannot read.
// A tick at which a partition did not report is not judged (its values were carried forward); the
// next reported tick is compared with the last reported one.

import { COUNTER_KEYS } from '../format/runEvents';
import type { CounterKey, PartitionCounters } from '../format/runEvents';
import { soundRow } from '../series/counterRules';
import { MIN_STALL_TICKS } from './detectionLimits';
import { partitionName } from './partitionInstances';
import { formatCount, formatSeconds } from './reportNumbers';
import type { TickSeries } from '../series/seriesTypes';

export type IntegrityCheck = 'decreased' | 'exceeds' | 'negative' | 'unreported';

/** One broken rule on one partition, from the first tick it broke. Plain JSON. */
export interface IntegrityViolation {
  check: IntegrityCheck;
  partition: number;
  /** The counter that broke (for `exceeds`, the one above its bound); absent for `unreported`. */
  counter?: CounterKey;
  /** For `exceeds`: the counter it must not exceed. */
  bound?: CounterKey;
  /** Time of the first tick it broke at (for `decreased`, the tick the counter went down). */
  from: number;
  /** Time of the last tick it was broken at. */
  to: number;
  /** How much it broke by at the first tick: the excess, the drop, the negative value, or the ticks missing. */
  amount: number;
  /** The largest amount (the lowest value for `negative`) and its time. */
  worst: number;
  worstAt: number;
  /** Ticks at which it was broken. */
  ticks: number;
  /** In plain words, e.g. "completed exceeds dispatched by 96 on partition 3 from 1.5 s". */
  message: string;
}

export interface CounterIntegrity {
  violations: IntegrityViolation[];
  /** The counters each partition's violations make untrustworthy (both sides of a broken bound). */
  suspect: ReadonlyMap<number, ReadonlySet<CounterKey>>;
}

/** Counters that only grow: the cumulative ones and a running maximum. */
export const NEVER_DECREASING: readonly CounterKey[] = [
  'tasksIn',
  'dispatched',
  'completed',
  'rejectsBusy',
  'enqueuedDueToBusy',
  'maxPendingDepthObserved',
];

/** [counter, bound]: the counter never exceeds its bound. */
export const COUNTER_BOUNDS: readonly (readonly [CounterKey, CounterKey])[] = [
  ['dispatched', 'tasksIn'],
  ['completed', 'dispatched'],
  ['enqueuedDueToBusy', 'tasksIn'],
  ['maxPendingDepthObserved', 'tasksIn'],
];

interface Broken {
  check: Exclude<IntegrityCheck, 'unreported'>;
  counter: CounterKey;
  bound?: CounterKey;
  firstTick: number;
  lastTick: number;
  amount: number;
  worst: number;
  worstTick: number;
  ticks: number;
  /** decreased: the values before and after the first drop. */
  before?: number;
  after?: number;
}

export function checkCounterIntegrity(series: TickSeries): CounterIntegrity {
  const violations: IntegrityViolation[] = [];
  const unreported = unreportedTicks(series);
  for (let p = 0; p < series.partitions; p++) {
    const missing = unreported[p];
    const gap = unreportedViolation(series, p, missing);
    if (gap) violations.push(gap);
    for (const b of brokenRules(series, p, missing)) violations.push(violationOf(series, p, b));
  }
  return { violations, suspect: suspectCounters(violations) };
}

/** The counters a violation puts in doubt: the counter, its bound, or every counter of a partition that did not report. */
export function suspectCounters(violations: readonly IntegrityViolation[]): Map<number, Set<CounterKey>> {
  const suspect = new Map<number, Set<CounterKey>>();
  for (const v of violations) {
    let set = suspect.get(v.partition);
    if (!set) suspect.set(v.partition, (set = new Set()));
    if (v.check === 'unreported') for (const key of COUNTER_KEYS) set.add(key);
    if (v.counter) set.add(v.counter);
    if (v.bound) set.add(v.bound);
  }
  return suspect;
}

/** `result[p]`: the ticks at which partition p did not report (undefined when it always did). */
function unreportedTicks(series: TickSeries): (Set<number> | undefined)[] {
  const out: (Set<number> | undefined)[] = new Array(series.partitions);
  for (const run of series.unreported) {
    const set = (out[run.partition] ??= new Set());
    for (let i = run.firstTick; i <= run.lastTick; i++) set.add(i);
  }
  return out;
}

function unreportedViolation(series: TickSeries, p: number, missing: Set<number> | undefined): IntegrityViolation | undefined {
  if (!missing) return undefined;
  const n = series.times.length;
  const runs = series.unreported.filter((r) => r.partition === p);
  const never = missing.size === n;
  const long = never ? runs : runs.filter((r) => r.lastTick - r.firstTick + 1 >= MIN_STALL_TICKS);
  if (long.length === 0) return undefined;
  const first = long[0];
  const last = long[long.length - 1];
  const ticks = long.reduce((s, r) => s + r.lastTick - r.firstTick + 1, 0);
  const longest = long.reduce((a, r) => (r.lastTick - r.firstTick > a.lastTick - a.firstTick ? r : a), first);
  const from = series.times[first.firstTick];
  const to = series.times[last.lastTick];
  const configured = series.config.partitions !== undefined ? ` (the config line says partitions=${series.config.partitions})` : '';
  const message = never
    ? `${partitionName(series.config, p)} never reported: no counter line of its own in ${formatCount(n)} ticks${configured}`
    : `${partitionName(series.config, p)} printed no counter line from ${formatSeconds(from)} to ${formatSeconds(series.times[first.lastTick])} ` +
      `(${formatCount(first.lastTick - first.firstTick + 1)} ticks${long.length > 1 ? `; ${formatCount(ticks)} ticks in ${long.length} gaps up to ${formatSeconds(to)}` : ''})`;
  return {
    check: 'unreported',
    partition: p,
    from,
    to,
    amount: first.lastTick - first.firstTick + 1,
    worst: longest.lastTick - longest.firstTick + 1,
    worstAt: series.times[longest.firstTick],
    ticks,
    message,
  };
}

/** Every rule partition p broke, in the order they first broke. */
function brokenRules(series: TickSeries, p: number, missing: Set<number> | undefined): Broken[] {
  const points = series.byPartition[p];
  const found = new Map<string, Broken>();
  const note = (
    key: string,
    fresh: () => Omit<Broken, 'lastTick' | 'worst' | 'worstTick' | 'ticks'>,
    i: number,
    amount: number,
    worse: (a: number, b: number) => boolean,
  ): void => {
    const b = found.get(key);
    if (!b) {
      found.set(key, { ...fresh(), lastTick: i, worst: amount, worstTick: i, ticks: 1 });
      return;
    }
    b.lastTick = i;
    b.ticks++;
    if (worse(amount, b.worst)) {
      b.worst = amount;
      b.worstTick = i;
    }
  };
  const larger = (a: number, b: number) => a > b;
  const lower = (a: number, b: number) => a < b;
  // The series was checked as it was built (tickSeries.ts): a partition with no broken rule needs no pass.
  if (series.firstBrokenTick?.[p] === -1) return [];
  const row = new Float64Array(COUNTER_KEYS.length);
  const lastRow = new Float64Array(COUNTER_KEYS.length);
  let lastTick = -1;
  for (let i = 0; i < points.length; i++) {
    if (missing?.has(i)) continue;
    points.readRow(i, row);
    const sound = soundRow(row, 0, lastRow, 0);
    lastRow.set(row);
    const previous = lastTick;
    lastTick = i;
    if (sound) continue;
    const c = points.at(i).counters;
    const last = previous < 0 ? ZERO : points.at(previous).counters;
    for (const key of COUNTER_KEYS) {
      const v = c[key];
      if (!(v >= 0)) note(`negative:${key}`, () => ({ check: 'negative', counter: key, firstTick: i, amount: v }), i, v, lower);
    }
    const before = last;
    for (const key of NEVER_DECREASING) {
      const drop = before[key] - c[key];
      // A value below zero is already named as negative.
      if (drop > 0 && c[key] >= 0)
        note(
          `decreased:${key}`,
          () => ({ check: 'decreased', counter: key, firstTick: i, amount: drop, before: before[key], after: c[key] }),
          i,
          drop,
          larger,
        );
    }
    for (const [counter, bound] of COUNTER_BOUNDS) {
      const excess = c[counter] - c[bound];
      if (excess > 0)
        note(`exceeds:${counter}:${bound}`, () => ({ check: 'exceeds', counter, bound, firstTick: i, amount: excess }), i, excess, larger);
    }
  }
  return [...found.values()].sort((a, b) => a.firstTick - b.firstTick);
}

const ZERO = Object.fromEntries(COUNTER_KEYS.map((key) => [key, 0])) as PartitionCounters;

function violationOf(series: TickSeries, p: number, b: Broken): IntegrityViolation {
  const from = series.times[b.firstTick];
  const worstAt = series.times[b.worstTick];
  const more = b.ticks > 1 && b.worst !== b.amount ? `, by up to ${formatCount(Math.abs(b.worst))} at ${formatSeconds(worstAt)}` : '';
  let message: string;
  const partition = partitionName(series.config, p);
  switch (b.check) {
    case 'exceeds':
      message = `${b.counter} exceeds ${b.bound} by ${formatCount(b.amount)} on ${partition} from ${formatSeconds(from)}${more}`;
      break;
    case 'decreased':
      message =
        `${b.counter} went down by ${formatCount(b.amount)} on ${partition} at ${formatSeconds(from)} (${formatCount(b.before!)} → ${formatCount(b.after!)})` +
        (b.ticks > 1 ? `, and went down again at ${formatCount(b.ticks - 1)} later ${b.ticks === 2 ? 'tick' : 'ticks'}` : '');
      break;
    case 'negative':
      message = `${b.counter} is negative (${formatCount(b.amount)}) on ${partition} from ${formatSeconds(from)}${b.ticks > 1 && b.worst !== b.amount ? `, down to ${formatCount(b.worst)} at ${formatSeconds(worstAt)}` : ''}`;
      break;
  }
  return {
    check: b.check,
    partition: p,
    counter: b.counter,
    ...(b.bound ? { bound: b.bound } : {}),
    from,
    to: series.times[b.lastTick],
    amount: b.amount,
    worst: b.worst,
    worstAt,
    ticks: b.ticks,
    message,
  };
}
