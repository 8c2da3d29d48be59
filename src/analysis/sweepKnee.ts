// The knee of a sweep in words: along each numeric swept key, with the other keys fixed, the value
// from which rejects are gone for good ("rejects fall to 0 from ringBufferSize 2048"), and the
// value from which throughput stops growing ("completed/s stops growing from partitions 8").
// Said once when every combination of the other keys agrees, else with the spread and the
// combinations that disagree.

import { pointCoordinates, type SweepAxis } from '../spec/sweepGrid';
import type { SweepRow } from './sweepTypes';

/** Keys along which a knee means nothing (the seed only changes the randomness). */
const NOT_AN_ORDER = new Set(['seed']);
/** Throughput has stopped growing when no larger value adds more than this fraction. */
const PLATEAU_GAIN = 0.05;
/** Combinations listed by name before the rest are counted. */
const MAX_LISTED = 4;
/** An axis needs this many values for a knee to mean something. */
const MIN_VALUES = 3;

interface KneeRule {
  metric: string;
  /** The index along the sorted axis where the knee is, `none` when the metric never gets there, `flat` when there is nothing to find. */
  find(values: number[]): number | 'none' | 'flat';
  at: string;
  never: string;
  /** `never` after the combinations it applies to. */
  neverThere: string;
}

const RULES: KneeRule[] = [
  {
    metric: 'rejectPct',
    find: (v) => {
      if (v.every((x) => x === 0)) return 'flat';
      if (v[v.length - 1] !== 0) return 'none';
      let i = v.length - 1;
      while (i > 0 && v[i - 1] === 0) i--;
      return i;
    },
    at: 'rejects fall to 0',
    never: 'rejects stay above 0',
    neverThere: 'they stay above 0',
  },
  {
    metric: 'completedPerS',
    find: (v) => {
      // The first value that no larger value beats by more than PLATEAU_GAIN; a knee only if
      // throughput grew before it and a larger value was tried after it.
      for (let i = 0; i < v.length - 1; i++) {
        if (v.slice(i + 1).every((x) => x <= v[i] * (1 + PLATEAU_GAIN))) return i > 0 && v[i] > v[0] * (1 + PLATEAU_GAIN) ? i : 'flat';
      }
      return v[v.length - 1] > v[0] * (1 + PLATEAU_GAIN) ? 'none' : 'flat';
    },
    at: 'completed/s stops growing',
    never: 'completed/s still grows',
    neverThere: 'it still grows',
  },
];

export function findSweepKnees(axes: readonly SweepAxis[], rows: readonly SweepRow[]): string[] {
  const byIndex = new Map(rows.filter((r) => !r.error).map((r) => [r.index, r]));
  const out: string[] = [];
  axes.forEach((axis, a) => {
    if (!axis.numeric || axis.values.length < MIN_VALUES || NOT_AN_ORDER.has(axis.key)) return;
    const order = axis.values.map((_, i) => i).sort((x, y) => (axis.values[x] as number) - (axis.values[y] as number));
    const lines = linesAlong(axes, a, order, byIndex);
    if (lines.length === 0) return;
    for (const rule of RULES) {
      const sentence = kneeSentence(axes, a, order, lines, rule);
      if (sentence) out.push(sentence);
    }
  });
  return out;
}

interface Line {
  /** The coordinates of the other axes (the line's own axis left at 0). */
  at: number[];
  rows: SweepRow[];
}

/** The complete lines along axis `a`: every combination of the other axes whose points along `a` have all run. */
function linesAlong(axes: readonly SweepAxis[], a: number, order: number[], byIndex: Map<number, SweepRow>): Line[] {
  const groups = new Map<string, { at: number[]; rows: (SweepRow | undefined)[] }>();
  const size = axes.reduce((n, x) => n * x.values.length, 1);
  for (let index = 0; index < size; index++) {
    const c = pointCoordinates(axes, index);
    c[a] = order.indexOf(c[a]);
    const at = c.map((v, i) => (i === a ? 0 : v));
    const key = at.join(',');
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { at, rows: new Array(axes[a].values.length).fill(undefined) }));
    group.rows[c[a]] = byIndex.get(index);
  }
  return [...groups.values()].filter((g): g is Line => g.rows.every((r) => r !== undefined));
}

type Found = number | 'none' | 'flat';

function kneeSentence(axes: readonly SweepAxis[], a: number, order: number[], lines: Line[], rule: KneeRule): string | undefined {
  const axis = axes[a];
  const label = (i: number) => axis.labels[order[i]];
  const found = lines.map((line) => ({ at: line.at, knee: rule.find(line.rows.map((r) => r.metrics[rule.metric] ?? NaN)) as Found }));
  const knees = [...new Set(found.flatMap((f) => (typeof f.knee === 'number' ? [f.knee] : [])))].sort((x, y) => x - y);
  const never = found.filter((f) => f.knee === 'none');
  const largest = label(axis.values.length - 1);
  if (knees.length === 0)
    return never.length > 0 && never.length === found.length ? `${rule.never} up to ${axis.key} ${largest}` : undefined;

  // Only the other keys the knee depends on are named, e.g. "from 1024 with partitions 4".
  const keys = determiningAxes(axes.length, a, found);
  const describe = (results: Found[]) =>
    describeGroups(
      axes,
      keys,
      found.filter((f) => results.includes(f.knee)),
    );
  let sentence: string;
  if (knees.length === 1 && never.length === 0 && found.every((f) => f.knee === knees[0] || f.knee === 'flat')) {
    const everywhere = found.every((f) => f.knee === knees[0]);
    sentence = `${rule.at} from ${axis.key} ${label(knees[0])}${everywhere ? '' : ` with ${describe([knees[0]])}`}`;
  } else {
    sentence = `${rule.at} from ${axis.key} ${knees.map((k) => `${label(k)} with ${describe([k])}`).join(', from ')}`;
  }
  if (never.length > 0) sentence += `; with ${describe(['none'])} ${rule.neverThere} up to ${axis.key} ${largest}`;
  return sentence;
}

/** The other axes whose value changes the result: an axis along which every line's result stays the same is left out. */
function determiningAxes(count: number, a: number, found: { at: number[]; knee: Found }[]): number[] {
  const keep: number[] = [];
  for (let b = 0; b < count; b++) {
    if (b === a) continue;
    const byRest = new Map<string, Found>();
    const matters = found.some((f) => {
      const rest = f.at.map((v, i) => (i === b ? '*' : v)).join(',');
      const seen = byRest.get(rest);
      if (seen === undefined) byRest.set(rest, f.knee);
      return seen !== undefined && seen !== f.knee;
    });
    if (matters) keep.push(b);
  }
  return keep;
}

/** "partitions 4", "partitions 2 to 8", "partitions 2, workCostMs 5; partitions 4, workCostMs 10". */
function describeGroups(axes: readonly SweepAxis[], keys: number[], group: { at: number[] }[]): string {
  if (keys.length === 0) return 'every other value';
  const combos = [...new Set(group.map((g) => keys.map((b) => g.at[b]).join(',')))].map((k) => k.split(',').map(Number));
  if (keys.length === 1) {
    const b = keys[0];
    const coordinates = combos.map((c) => c[0]).sort((x, y) => x - y);
    return `${axes[b].key} ${ranges(axes[b], coordinates)}`;
  }
  const listed = combos.map((c) => keys.map((b, i) => `${axes[b].key} ${axes[b].labels[c[i]]}`).join(', '));
  return listed.length <= MAX_LISTED
    ? listed.join('; ')
    : `${listed.slice(0, MAX_LISTED).join('; ')}; and ${listed.length - MAX_LISTED} more`;
}

/** Value indices as runs in the axis's written order: "2 to 8", "2, 16". */
function ranges(axis: SweepAxis, coordinates: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < coordinates.length; ) {
    let j = i;
    while (j + 1 < coordinates.length && coordinates[j + 1] === coordinates[j] + 1) j++;
    parts.push(
      j - i >= 2
        ? `${axis.labels[coordinates[i]]} to ${axis.labels[coordinates[j]]}`
        : coordinates
            .slice(i, j + 1)
            .map((c) => axis.labels[c])
            .join(', '),
    );
    i = j + 1;
  }
  return parts.join(', ');
}
