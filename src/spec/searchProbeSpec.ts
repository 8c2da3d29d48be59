// The spec of one probe of a capacity search, as text: the cell's YAML without `search:` (and
// without `expect.capacity`, which judges the search, not a probe), with the searched key set to
// the probe's value, or, in a `source: command` cell, every `{key}` of its args and env replaced
// by the value. Every probe runs exactly this text, and "open a probe as a cell" inserts exactly
// this text, so a probe of the search is the single run of that cell.

import { isMap, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { formatSearchValue, type SearchPlan } from './searchPlan';

export const SEARCH_KEY = 'search';
export const CAPACITY_METRIC = 'capacity';

/** A worker derives many probes from one cell: its parsed document is kept for the next. */
let cached: { text: string; doc: Document } | undefined;

export function searchProbeSpecText(plan: Pick<SearchPlan, 'text' | 'path' | 'key' | 'placeholder'>, value: number): string {
  if (cached?.text !== plan.text) cached = { text: plan.text, doc: parseDocument(plan.text) };
  const doc = cached.doc.clone();
  doc.delete(SEARCH_KEY);
  const expect = doc.get('expect', true) as Node | undefined;
  if (expect && isMap(expect) && expect.has(CAPACITY_METRIC)) {
    expect.delete(CAPACITY_METRIC);
    if (expect.items.length === 0) doc.delete('expect');
  }
  if (plan.placeholder) replacePlaceholder(doc, placeholderOf(plan.key), formatSearchValue(value));
  else doc.setIn(plan.path, value);
  return doc.toString();
}

/** `{rate}` for the key `rate`. */
export function placeholderOf(key: string): string {
  return `{${key}}`;
}

/** Where a command cell uses the placeholder: `args[1]`, `env.RATE`. */
export function placeholderUses(doc: Document, placeholder: string): string[] {
  const uses: string[] = [];
  forEachCommandText(doc, (text, where) => {
    if (text.includes(placeholder)) uses.push(where);
    return undefined;
  });
  return uses;
}

function replacePlaceholder(doc: Document, placeholder: string, value: string): void {
  forEachCommandText(doc, (text) => (text.includes(placeholder) ? text.split(placeholder).join(value) : undefined));
}

/** Calls `visit` with each string of `args` and each value of `env`; a string it returns replaces that one. */
function forEachCommandText(doc: Document, visit: (text: string, where: string) => string | undefined): void {
  const args = doc.get('args', true) as Node | undefined;
  if (args && isSeq(args)) {
    args.items.forEach((item, i) => {
      if (!isScalar(item) || typeof item.value !== 'string') return;
      const next = visit(item.value, `args[${i}]`);
      if (next !== undefined) item.value = next;
    });
  }
  const env = doc.get('env', true) as Node | undefined;
  if (env && isMap(env)) {
    for (const pair of env.items) {
      const value = pair.value;
      if (!isScalar(value) || typeof value.value !== 'string') continue;
      const name = isScalar(pair.key) ? String(pair.key.value) : '?';
      const next = visit(value.value, `env.${name}`);
      if (next !== undefined) value.value = next;
    }
  }
}

/** Whether a cell's YAML has a top-level `search:` key (then it runs as a capacity search). */
export function hasSearch(cellText: string): boolean {
  if (!/\bsearch\b/.test(cellText)) return false;
  const doc = parseDocument(cellText);
  return isMap(doc.contents) && doc.contents.has(SEARCH_KEY);
}
