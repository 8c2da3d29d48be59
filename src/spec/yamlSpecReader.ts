// Typed, positioned reading of YAML nodes for the scenario-spec parser: every read either returns a
// value or records a problem at the node (1-based line and column, exclusive end).

import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { didYouMean } from './editDistance';
import type { SpecKeyInfo } from './specKeys';
import type { SpecProblem, SpecProblemSeverity } from './specProblem';

/** A key of a mapping with its value; `where` is the value node, or the key when the value is empty. */
export interface Entry {
  key: string;
  keyNode: Node;
  value: Node | null;
  where: Node;
}

export class YamlSpecReader {
  readonly problems: SpecProblem[] = [];

  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly textLength: number,
    private readonly lastTextOffset: number,
  ) {}

  get hasErrors(): boolean {
    return this.problems.some((p) => p.severity === 'error');
  }

  reportRange(start: number, end: number, message: string, severity: SpecProblemSeverity = 'error'): void {
    if (start >= this.textLength && this.textLength > 0) {
      // At the end of the text (an unclosed bracket): point at the last character written instead.
      start = this.lastTextOffset;
      end = start + 1;
    }
    const from = this.lines.linePos(Math.min(start, this.textLength));
    const to = this.lines.linePos(Math.min(Math.max(end, start), this.textLength));
    this.problems.push({ message, line: from.line, column: from.col, endLine: to.line, endColumn: to.col, severity });
  }

  report(node: Node, message: string, severity: SpecProblemSeverity = 'error'): void {
    const [start, end] = node.range ?? [0, 0];
    this.reportRange(start, end, message, severity);
  }

  /** Like report, but only the first line of the node (for "missing key" on a whole mapping). */
  reportFirstLine(node: Node, message: string, severity: SpecProblemSeverity = 'error'): void {
    const [start, end] = node.range ?? [0, 0];
    const { line } = this.lines.linePos(start);
    const nextLineStart = this.lines.lineStarts[line] ?? this.textLength + 1;
    this.reportRange(start, Math.min(end, nextLineStart - 1), message, severity);
  }

  resolve(node: Node | null | undefined): Node | null {
    if (node && isAlias(node)) return (node.resolve(this.doc) as Node | undefined) ?? null;
    return node ?? null;
  }

  /** The mapping at `node`, or a problem "`path` must be a mapping". */
  mapping(entry: Entry, example: string): YAMLMap | undefined {
    const node = this.resolve(entry.value);
    if (node && isMap(node)) return node;
    this.report(entry.where, `${entry.key} must be a mapping (${example}); got ${describe(node)}`);
    return undefined;
  }

  sequence(entry: Entry, example: string): YAMLSeq | undefined {
    const node = this.resolve(entry.value);
    if (node && isSeq(node)) return node;
    this.report(entry.where, `${entry.key} must be a list (${example}); got ${describe(node)}`);
    return undefined;
  }

  /**
   * The entries of a mapping, keyed by name. Unknown keys are reported with a "did you mean"
   * among `allowed`, or with `explainUnknown`'s message when it has one.
   */
  entries(
    map: YAMLMap,
    path: string,
    allowed: readonly string[],
    explainUnknown?: (key: string) => string | undefined,
  ): Map<string, Entry> {
    const result = new Map<string, Entry>();
    for (const pair of map.items as Pair<Node | null, Node | null>[]) {
      const keyNode = this.resolve(pair.key);
      if (!keyNode || !isScalar(keyNode) || typeof keyNode.value !== 'string') {
        const at = keyNode ?? pair.value;
        if (at) this.report(at, `${path ? `${path}: ` : ''}keys must be plain names; got ${describe(keyNode)}`);
        continue;
      }
      const name = keyNode.value;
      const fullName = path ? `${path}.${name}` : name;
      const value = pair.value;
      const hasValue = !!value?.range && value.range[1] > value.range[0];
      const entry: Entry = { key: fullName, keyNode, value, where: hasValue ? value : keyNode };
      if (!allowed.includes(name)) {
        const explained = explainUnknown?.(name);
        this.report(keyNode, explained ?? `unknown key "${fullName}"${didYouMean(name, allowed)}${allowedList(allowed)}`);
        continue;
      }
      if (result.has(name)) continue; // YAML itself reports the duplicate
      result.set(name, entry);
    }
    return result;
  }

  number(entry: Entry, info: Pick<SpecKeyInfo, 'min' | 'max' | 'minExclusive'> & { integer?: boolean }): number | undefined {
    const node = this.resolve(entry.value);
    const kind = info.integer ? 'an integer' : 'a number';
    if (!node || !isScalar(node) || typeof node.value !== 'number') {
      this.report(entry.where, `${entry.key} must be ${kind}${rangeText(info)}; got ${describe(node)}${unitHint(node)}`);
      return undefined;
    }
    const value = node.value;
    if (!Number.isFinite(value)) {
      this.report(entry.where, `${entry.key} must be a finite number; got ${String(value)}`);
      return undefined;
    }
    if (info.integer && !Number.isSafeInteger(value)) {
      this.report(entry.where, `${entry.key} must be ${kind}${rangeText(info)}; got ${value}`);
      return undefined;
    }
    const tooSmall = info.min !== undefined && (info.minExclusive ? value <= info.min : value < info.min);
    const tooLarge = info.max !== undefined && value > info.max;
    if (tooSmall || tooLarge) {
      const why = tooLarge ? ' (a larger value would exhaust memory or run for days)' : '';
      this.report(entry.where, `${entry.key} must be ${kind}${rangeText(info)}; got ${value}${why}`);
      return undefined;
    }
    return value;
  }

  string(entry: Entry, options: { nonEmpty?: boolean } = {}): string | undefined {
    const node = this.resolve(entry.value);
    if (!node || !isScalar(node) || typeof node.value !== 'string') {
      this.report(entry.where, `${entry.key} must be a string; got ${describe(node)}`);
      return undefined;
    }
    if (options.nonEmpty && node.value.trim() === '') {
      this.report(entry.where, `${entry.key} must not be empty`);
      return undefined;
    }
    return node.value;
  }

  /** A string, number or boolean scalar as text (for command arguments and environment values). */
  scalarText(node: Node | null, where: Node, what: string): string | undefined {
    const resolved = this.resolve(node);
    if (resolved && isScalar(resolved) && ['string', 'number', 'boolean'].includes(typeof resolved.value)) {
      return typeof resolved.value === 'string' ? resolved.value : String(resolved.source ?? resolved.value);
    }
    this.report(resolved ?? where, `${what} must be a string, number or boolean; got ${describe(resolved)}`);
    return undefined;
  }

  boolean(entry: Entry): boolean | undefined {
    const node = this.resolve(entry.value);
    if (!node || !isScalar(node) || typeof node.value !== 'boolean') {
      this.report(entry.where, `${entry.key} must be true or false; got ${describe(node)}`);
      return undefined;
    }
    return node.value;
  }

  oneOf<T extends string>(entry: Entry, values: readonly T[], what = 'one of'): T | undefined {
    const node = this.resolve(entry.value);
    if (node && isScalar(node) && typeof node.value === 'string' && (values as readonly string[]).includes(node.value)) {
      return node.value as T;
    }
    const got =
      node && isScalar(node) && typeof node.value === 'string' ? `"${node.value}"${didYouMean(node.value, values)}` : describe(node);
    this.report(entry.where, `${entry.key} must be ${what} ${values.join(', ')}; got ${got}`);
    return undefined;
  }
}

/** How a value reads in a message: `the string "15ms"`, `a mapping`, `nothing`. */
export function describe(node: Node | null | undefined): string {
  if (!node) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return 'nothing';
    if (typeof v === 'string') return `the string "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return 'a value of an unsupported type';
  }
  return 'an unsupported value';
}

function rangeText({ min, max, minExclusive }: Pick<SpecKeyInfo, 'min' | 'max' | 'minExclusive'>): string {
  const low = min === undefined ? '' : minExclusive ? `greater than ${min}` : `at least ${min}`;
  const high = max === undefined ? '' : `at most ${max}`;
  return low && high ? ` ${low} and ${high}` : low || high ? ` ${low || high}` : '';
}

function allowedList(allowed: readonly string[]): string {
  return allowed.length > 0 && allowed.length <= 12 ? ` (allowed here: ${allowed.join(', ')})` : '';
}

/** Why a number written as text was not read as a number, when the reason is recognisable. */
function unitHint(node: Node | null): string {
  if (!node || !isScalar(node) || typeof node.value !== 'string') return '';
  const text = node.value.trim();
  if (/^[+-]?\d+(\.\d+)?$/.test(text)) return ' (remove the quotes to write a number)';
  if (/^\d{1,3}([_,]\d{3})+(\.\d+)?$/.test(text)) return ` (write it without separators: ${text.replace(/[_,]/g, '')})`;
  if (/^[+-]?\d+(\.\d+)?\s*[a-zµ%]+$/i.test(text))
    return ` (write the number without a unit: ${text.match(/^[+-]?\d+(\.\d+)?/)![0]}; the unit is in the key's name)`;
  return '';
}
