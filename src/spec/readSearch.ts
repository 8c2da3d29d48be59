// `search:` a capacity search over one numeric key, checked like every other key: the key must be
// one a search can vary (or, in a `source: command` cell, a placeholder its args or env use), the
// range two different values the key takes, `until` and `precision` known forms. The probes at
// both ends of the range are parsed like any cell (so a value is valid exactly when the single
// run of that probe is); every value between them lies within the limits those two respect.

import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { didYouMean } from './editDistance';
import type { ExternalSourceKind, ScenarioName } from './scenarioSpec';
import { NOT_SEARCHED_BECAUSE, SEARCH_KEYS, SEARCHABLE_KEYS, searchableLoadKeys } from './searchKeys';
import {
  DEFAULT_SEARCH_PRECISION_PCT,
  MAX_SEARCH_PRECISION_PCT,
  MIN_SEARCH_PRECISION_PCT,
  SEARCH_UNTIL,
  type SearchDomain,
  type SearchPlan,
  type SearchUntil,
} from './searchPlan';
import { placeholderOf, placeholderUses, searchProbeSpecText } from './searchProbeSpec';
import type { ParsedScenarioSpec, SpecProblem } from './specProblem';
import { describe, type Entry, type YamlSpecReader } from './yamlSpecReader';

export interface SearchContext {
  /** The whole cell text. */
  text: string;
  /** The cell's top-level entries. */
  top: Map<string, Entry>;
  /** The cell's scenario, when it names a valid one (for the load keys). */
  scenario?: ScenarioName;
  /** The cell's counters come from a command, a log file, a metrics endpoint or a Prometheus server instead of the engine. */
  external?: ExternalSourceKind;
  /** The rest of the cell (its base) has no error: its probes can be checked. */
  baseOk: boolean;
  /** Warnings of the base, so a probe's copy of one is not reported again. */
  baseWarnings: readonly SpecProblem[];
  /** `expect.capacity` of the cell, already read. */
  capacityThreshold?: string;
  /** Parses a probe's spec (text without `search:`). */
  parse(text: string): ParsedScenarioSpec;
}

const PLACEHOLDER_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function readSearch(r: YamlSpecReader, entry: Entry, ctx: SearchContext): SearchPlan | undefined {
  const map = r.mapping(entry, 'for example { key: load.ratePerS, from: 100, to: 2000 }');
  if (!map) return undefined;
  if (ctx.top.has('sweep')) {
    r.report(
      entry.keyNode,
      'a cell is either a sweep (sweep:, a grid of runs) or a capacity search (search:), not both: split it into two cells',
    );
    return undefined;
  }
  if (ctx.external && ctx.external !== 'command') {
    const what =
      ctx.external === 'file'
        ? 'a log file (source: file) holds one run'
        : `source: ${ctx.external} reads the counters of a system it does not start with a value`;
    r.report(
      entry.keyNode,
      `search runs the cell again for each value it tries; ${what} (search the engine, or a source: command that takes the value as {placeholder})`,
    );
    return undefined;
  }
  const entries = r.entries(map, 'search', Object.keys(SEARCH_KEYS));
  let ok = entries.size === map.items.length;
  for (const key of ['key', 'from', 'to'] as const) {
    if (!entries.has(key)) {
      r.report(entry.keyNode, `search needs ${key}: ${SEARCH_KEYS[key].doc}`);
      ok = false;
    }
  }

  const keyEntry = entries.get('key');
  const target = keyEntry ? readTarget(r, keyEntry, ctx) : undefined;
  if (keyEntry && !target) ok = false;
  const from = readEnd(r, entries.get('from'), target?.domain);
  const to = readEnd(r, entries.get('to'), target?.domain);
  if (from !== undefined && to !== undefined && from === to) {
    r.report(entries.get('to')!.where, `search.to must differ from search.from (${from}): the search looks for the boundary between them`);
    ok = false;
  }
  const until = entries.has('until') ? r.oneOf(entries.get('until')!, SEARCH_UNTIL) : 'saturated';
  const precisionPct = entries.has('precision') ? readPrecision(r, entries.get('precision')!) : DEFAULT_SEARCH_PRECISION_PCT;
  if (!ok || !target || from === undefined || to === undefined || !until || precisionPct === undefined) return undefined;

  warnOverriddenKey(r, ctx, target.path);
  const plan: SearchPlan = {
    text: ctx.text,
    key: target.key,
    path: target.path,
    placeholder: target.placeholder,
    from,
    to,
    until: until as SearchUntil,
    precisionPct,
    // A placeholder takes whole numbers when both ends are whole (a rate of 1840, not 1840.27).
    domain: target.placeholder ? (Number.isInteger(from) && Number.isInteger(to) ? 'integer' : 'real') : target.domain,
    ...(ctx.capacityThreshold !== undefined ? { capacityThreshold: ctx.capacityThreshold } : {}),
  };
  if (!ctx.baseOk) return undefined;
  return checkEnds(r, ctx, plan, entries) ? plan : undefined;
}

interface Target {
  key: string;
  path: string[];
  placeholder: boolean;
  domain: SearchDomain;
}

function readTarget(r: YamlSpecReader, e: Entry, ctx: SearchContext): Target | undefined {
  const key = r.string(e, { nonEmpty: true })?.trim();
  if (key === undefined) return undefined;
  if (ctx.external === 'command') return readPlaceholder(r, e, key, ctx);
  const loadKeys = searchableLoadKeys(ctx.scenario);
  const domain = SEARCHABLE_KEYS[key] ?? loadKeys[key];
  if (domain) return { key, path: key.split('.'), placeholder: false, domain };
  const known = [...Object.keys(SEARCHABLE_KEYS), ...Object.keys(loadKeys)];
  const reason = NOT_SEARCHED_BECAUSE[key];
  if (reason) r.report(e.where, `${key} cannot be searched: ${reason}`);
  else if (key.startsWith('load.')) {
    const takes =
      Object.keys(loadKeys).length > 0
        ? `; ${ctx.scenario} takes ${Object.keys(loadKeys).join(', ')}`
        : ctx.scenario === 'custom'
          ? '; the streams of a custom load cannot be searched'
          : '';
    r.report(e.where, `${key} is not a load key of ${ctx.scenario ?? 'this scenario'}${takes}`);
  } else if (loadKeys[`load.${key}`]) r.report(e.where, `${key} is a load key: write key: load.${key}`);
  else r.report(e.where, `search.key: ${key} is not a key a search can vary${didYouMean(key, known)} (numbers: ${known.join(', ')})`);
  return undefined;
}

/** A command cell: the key names a placeholder `{key}` that its args or env use. */
function readPlaceholder(r: YamlSpecReader, e: Entry, key: string, ctx: SearchContext): Target | undefined {
  if (!PLACEHOLDER_NAME.test(key)) {
    r.report(
      e.where,
      `search.key of a source: command cell names a placeholder of your own, such as rate, used in args as "{rate}" (letters, digits and _); got "${key}"`,
    );
    return undefined;
  }
  const doc = parseDocument(ctx.text);
  const placeholder = placeholderOf(key);
  if (placeholderUses(doc, placeholder).length > 0) return { key, path: [], placeholder: true, domain: 'real' };
  const hint = hasUnquotedPlaceholder(ctx.top.get('args'), key)
    ? `; quote it in args, "${placeholder}" (unquoted, YAML reads {${key}} as a mapping)`
    : `, so every probe would run the same command: write it where the value goes, for example args: [--rate, "${placeholder}"] or env: { RATE: "${placeholder}" }`;
  r.report(e.where, `search.key ${key}: the command's args and env have no ${placeholder}${hint}`);
  return undefined;
}

function hasUnquotedPlaceholder(args: Entry | undefined, key: string): boolean {
  const node = args?.value;
  if (!node || !isSeq(node)) return false;
  return node.items.some(
    (item) => isMap(item) && item.items.length === 1 && isScalar(item.items[0].key) && item.items[0].key.value === key,
  );
}

function readEnd(r: YamlSpecReader, e: Entry | undefined, domain: SearchDomain | undefined): number | undefined {
  if (!e) return undefined;
  const value = r.number(e, { min: 0 });
  if (value === undefined || !domain) return value;
  if (domain === 'integer' && !Number.isInteger(value)) {
    r.report(e.where, `${e.key} must be a whole number for this key; got ${value}`);
    return undefined;
  }
  if (domain === 'power-of-two' && (!Number.isInteger(value) || value < 1 || (value & (value - 1)) !== 0)) {
    const lower = 2 ** Math.floor(Math.log2(Math.max(1, value)));
    r.report(
      e.where,
      `${e.key} must be a power of two for ringBufferSize (the search tries powers of two); got ${value}, try ${lower} or ${lower * 2}`,
    );
    return undefined;
  }
  return value;
}

function readPrecision(r: YamlSpecReader, e: Entry): number | undefined {
  const node = r.resolve(e.value);
  const range = `from ${MIN_SEARCH_PRECISION_PCT}% to ${MAX_SEARCH_PRECISION_PCT}%`;
  if (node && isScalar(node) && typeof node.value === 'number') {
    r.report(e.where, `search.precision is a percentage of the value: write ${node.value}% (${range})`);
    return undefined;
  }
  const text = node && isScalar(node) && typeof node.value === 'string' ? node.value.trim() : undefined;
  const m = text === undefined ? null : /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  const pct = m ? Number(m[1]) : NaN;
  if (!m || pct < MIN_SEARCH_PRECISION_PCT || pct > MAX_SEARCH_PRECISION_PCT) {
    r.report(e.where, `search.precision must be a percentage ${range}, for example 2%; got ${describe(node)}`);
    return undefined;
  }
  return pct;
}

/** A key the cell sets and the search varies: the cell's value is never used. */
function warnOverriddenKey(r: YamlSpecReader, ctx: SearchContext, path: readonly string[]): void {
  if (path.length === 0) return;
  let at: Node | undefined;
  if (path.length === 1) at = ctx.top.get(path[0])?.keyNode;
  else {
    const load = r.resolve(ctx.top.get('load')?.value);
    const pair = load && isMap(load) ? load.items.find((p) => isScalar(p.key) && p.key.value === path[1]) : undefined;
    at = (pair?.key as Node | undefined) ?? undefined;
  }
  if (at)
    r.report(at, `${path.join('.')} is searched: every probe uses a value between search.from and search.to, not this one`, 'warning');
}

/** Parses the probes at both ends of the range; reports a problem of either at its value. */
function checkEnds(r: YamlSpecReader, ctx: SearchContext, plan: SearchPlan, entries: Map<string, Entry>): boolean {
  const known = new Set(ctx.baseWarnings.map((w) => w.message));
  let ok = true;
  for (const end of ['from', 'to'] as const) {
    const { problems } = ctx.parse(searchProbeSpecText(plan, plan[end]));
    for (const p of problems) {
      if (p.severity === 'warning' && known.has(p.message)) continue;
      if (p.severity === 'error') ok = false;
      const aboutKey = p.message.startsWith(plan.key) || p.message.startsWith(plan.path[plan.path.length - 1] ?? '\0');
      r.report(entries.get(end)!.where, aboutKey ? p.message : `with ${plan.key}: ${plan[end]}: ${p.message}`, p.severity);
    }
  }
  return ok;
}
