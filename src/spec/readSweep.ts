// `sweep:` a mapping of spec keys to lists of values, checked like every other key: unknown and
// unsweepable keys, values that are not lists, grids too large to run. Each value is then checked
// by parsing the point spec it makes with the rest of the cell (so a value is valid exactly when
// the single run of that point is), and the grid's corners are parsed too, which catches a
// combination over a limit (partitions × ringBufferSize, ticks, tasks) before anything runs.

import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { ExternalSourceKind, ScenarioName } from './scenarioSpec';
import { SPEC_LIMITS } from './specLimits';
import type { ParsedScenarioSpec, SpecProblem } from './specProblem';
import { formatSweepValue, pointAssignments, type SweepAxis, type SweepPlan, type SweepValue } from './sweepGrid';
import { ALL_LOAD_SWEEP_KEYS, NOT_SWEPT_BECAUSE, SWEEPABLE_KEYS, sweepKeysFor } from './sweepKeys';
import { sweepPointSpecText } from './sweepPointSpec';
import { describe, type Entry, type YamlSpecReader } from './yamlSpecReader';

export interface SweepContext {
  /** The whole cell text. */
  text: string;
  /** The cell's top-level entries. */
  top: Map<string, Entry>;
  /** The cell's scenario, when it names a valid one (for the load keys). */
  scenario?: ScenarioName;
  /** The cell runs a command or a log file instead of the engine. */
  external?: ExternalSourceKind;
  /** The rest of the cell (its base) has no error: its points can be checked. */
  baseOk: boolean;
  /** Warnings of the base, so a point's copy of one is not reported again. */
  baseWarnings: readonly SpecProblem[];
  /** Parses a point's spec (text without `sweep:`). */
  parse(text: string): ParsedScenarioSpec;
}

/** At most this many corner points are parsed to find a combination over a limit. */
const MAX_CORNERS = 64;

export function readSweep(r: YamlSpecReader, entry: Entry, ctx: SweepContext): SweepPlan | undefined {
  const map = r.mapping(entry, 'for example { ringBufferSize: [64, 256, 1024], workersPerPartition: [1, 2] }');
  if (!map) return undefined;
  if (ctx.external) {
    r.report(
      entry.keyNode,
      `sweep runs every point with the built-in engine; it cannot sweep a cell with source: ${ctx.external} (remove source:, or sweep a copy of the cell that runs the engine)`,
    );
    return undefined;
  }
  if (map.items.length === 0) {
    r.report(entry.where, 'sweep needs at least one key with a list of values, for example { ringBufferSize: [64, 256, 1024] }');
    return undefined;
  }
  const named = Object.keys(sweepKeysFor(ctx.scenario));
  const allowed = [...SWEEPABLE_KEYS, ...ALL_LOAD_SWEEP_KEYS];
  const entries = r.entries(map, 'sweep', allowed, (key) => explainUnknown(key, named, ctx.scenario));
  // `entries` keeps the allowed keys only; the load keys of another scenario are checked per point.

  const axes: { axis: SweepAxis; items: Node[] }[] = [];
  let ok = entries.size === map.items.length;
  const scenarioFixed = !entries.has('scenario');
  for (const [key, e] of entries) {
    if (scenarioFixed && key.startsWith('load.') && !named.includes(key)) {
      r.report(e.keyNode, explainUnknown(key, named, ctx.scenario)!);
      ok = false;
      continue;
    }
    const read = readAxis(r, key, e);
    if (read) axes.push(read);
    else ok = false;
  }
  const size = axes.reduce((n, a) => n * a.axis.values.length, 1);
  if (ok && size > SPEC_LIMITS.maxSweepPoints) {
    const factors = axes.map((a) => a.axis.values.length).join(' × ');
    r.report(
      entry.keyNode,
      `this sweep has ${size} points (${factors}); the limit is ${SPEC_LIMITS.maxSweepPoints}: drop some values, or split it into several sweeps`,
    );
    return undefined;
  }
  warnOverriddenKeys(
    r,
    ctx,
    axes.map((a) => a.axis),
  );
  if (!ctx.baseOk) return undefined;
  // The values of the keys that read well are checked even when another key is wrong: every problem at once.
  if (!checkEachValue(r, ctx, axes) || !ok) return undefined;

  const plan: SweepPlan = { text: ctx.text, axes: axes.map((a) => a.axis), size };
  if (!checkCorners(r, ctx, entry, plan)) return undefined;
  return plan;
}

function explainUnknown(key: string, named: readonly string[], scenario: ScenarioName | undefined): string | undefined {
  const reason = NOT_SWEPT_BECAUSE[key];
  if (reason) return `${key} cannot be swept: ${reason}`;
  if (key.startsWith('load.')) {
    const loadKeys = named.filter((k) => k.startsWith('load.'));
    const takes =
      loadKeys.length > 0
        ? `; ${scenario} takes ${loadKeys.join(', ')}`
        : scenario === 'custom'
          ? '; the streams of a custom load cannot be swept'
          : '';
    const known = ALL_LOAD_SWEEP_KEYS.includes(key);
    return `${key} is ${known ? `not a load key of ${scenario ?? 'this scenario'}` : 'not a load key of any scenario'}${takes}`;
  }
  if (ALL_LOAD_SWEEP_KEYS.includes(`load.${key}`)) return `${key} is a load key: write load.${key} to sweep it`;
  return undefined;
}

function readAxis(r: YamlSpecReader, key: string, e: Entry): { axis: SweepAxis; items: Node[] } | undefined {
  const node = r.resolve(e.value);
  if (!node || !isSeq(node)) {
    const scalar =
      node && isScalar(node) && node.value !== null ? ` (write a list, even of one value: [${String(node.source ?? node.value)}])` : '';
    r.report(e.where, `${e.key} must be a list of values to try, for example ${key}: [1, 2, 4]; got ${describe(node)}${scalar}`);
    return undefined;
  }
  if (node.items.length === 0) {
    r.report(e.where, `${e.key} must list at least one value`);
    return undefined;
  }
  const values: SweepValue[] = [];
  const labels: string[] = [];
  const items: Node[] = [];
  let ok = true;
  node.items.forEach((raw, i) => {
    const item = r.resolve(raw as Node | null);
    const value = item ? (item.toJSON() as unknown) : null;
    if (value === null || value === undefined || typeof value === 'boolean' || Array.isArray(value)) {
      r.report(item ?? e.where, `${e.key}[${i}] must be a number, a name or a mapping; got ${describe(item)}`);
      ok = false;
      return;
    }
    const label = formatSweepValue(value);
    if (labels.includes(label)) {
      r.report(item!, `${e.key} lists ${label} twice`);
      ok = false;
      return;
    }
    values.push(value as SweepValue);
    labels.push(label);
    items.push(item!);
  });
  if (!ok) return undefined;
  const axis: SweepAxis = { key, path: key.split('.'), values, labels, numeric: values.every((v) => typeof v === 'number') };
  return { axis, items };
}

/** A key the cell sets and the sweep varies: the cell's value is never used. */
function warnOverriddenKeys(r: YamlSpecReader, ctx: SweepContext, axes: readonly SweepAxis[]): void {
  for (const axis of axes) {
    if (axis.key === 'scenario') continue; // the cell needs one to be read at all
    let at: Node | undefined;
    if (axis.path.length === 1) at = ctx.top.get(axis.key)?.keyNode;
    else {
      const load = r.resolve(ctx.top.get('load')?.value);
      const pair = load && isMap(load) ? load.items.find((p) => isScalar(p.key) && p.key.value === axis.path[1]) : undefined;
      at = (pair?.key as Node | undefined) ?? undefined;
    }
    if (at) r.report(at, `${axis.key} is swept: every point uses a value of sweep.${axis.key}, not this one`, 'warning');
  }
}

/** Parses the point of each value alone (the rest of the cell as written); reports its problems at the value. */
function checkEachValue(r: YamlSpecReader, ctx: SweepContext, axes: readonly { axis: SweepAxis; items: Node[] }[]): boolean {
  const known = new Set(ctx.baseWarnings.map((w) => w.message));
  let ok = true;
  for (const { axis, items } of axes) {
    axis.values.forEach((value, i) => {
      const { problems } = ctx.parse(sweepPointSpecText(ctx.text, [{ path: axis.path, value }]));
      for (const p of problems) {
        if (p.severity === 'warning' && known.has(p.message)) continue;
        if (p.severity === 'error') ok = false;
        r.report(items[i], withValue(axis, axis.labels[i], p.message), p.severity);
      }
    });
  }
  return ok;
}

/** The message of a point's problem, said about the swept value that causes it. */
function withValue(axis: SweepAxis, label: string, message: string): string {
  const aboutKey =
    message.startsWith(`${axis.key} `) ||
    message.startsWith(`${axis.key}:`) ||
    message.startsWith(`${axis.key}.`) ||
    message.startsWith(`${axis.path[axis.path.length - 1]} `);
  return aboutKey ? message : `with ${axis.key}: ${label}: ${message}`;
}

/**
 * Parses the grid's corners: every limit the parser checks grows or shrinks with each number, so
 * the smallest and largest value of each numeric axis (crossed with every value of the others,
 * when that stays small) find the combinations that cannot run.
 */
function checkCorners(r: YamlSpecReader, ctx: SweepContext, entry: Entry, plan: SweepPlan): boolean {
  const choices = plan.axes.map((axis) => {
    if (!axis.numeric) return axis.values.map((_, i) => i);
    const order = axis.values.map((_, i) => i).sort((a, b) => (axis.values[a] as number) - (axis.values[b] as number));
    return [...new Set([order[0], order[order.length - 1]])];
  });
  const count = choices.reduce((n, c) => n * c.length, 1);
  // Too many: keep the numeric extremes, and the first value of the other axes.
  const used = count <= MAX_CORNERS ? choices : choices.map((c, a) => (plan.axes[a].numeric ? c : [c[0]]));
  if (used.every((c) => c.length === 1)) return true;
  for (const corner of product(used)) {
    const index = corner.reduce((acc, coordinate, a) => acc * plan.axes[a].values.length + coordinate, 0);
    const { problems } = ctx.parse(sweepPointSpecText(ctx.text, pointAssignments(plan.axes, index)));
    const error = problems.find((p) => p.severity === 'error');
    if (error) {
      const point = plan.axes.map((axis, a) => `${axis.key}: ${axis.labels[corner[a]]}`).join(', ');
      r.report(entry.keyNode, `the point { ${point} } cannot run: ${error.message}`);
      return false;
    }
  }
  return true;
}

function* product(choices: readonly number[][]): Generator<number[]> {
  const at = choices.map(() => 0);
  for (;;) {
    yield at.map((i, a) => choices[a][i]);
    let a = choices.length - 1;
    while (a >= 0 && ++at[a] === choices[a].length) at[a--] = 0;
    if (a < 0) return;
  }
}
