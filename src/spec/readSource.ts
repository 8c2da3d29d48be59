// `source:` where the counter lines come from: the built-in engine, a command (`command`, `args`,
// `cwd`, `env`) or a log file (`path`, `follow`). Running them is src/sources' job.

import { isMap, isScalar, isSeq } from 'yaml';
import type { SourceSpec } from './scenarioSpec';
import { SPEC_KEYS } from './specKeys';
import type { Entry, YamlSpecReader } from './yamlSpecReader';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function readSourceKind(r: YamlSpecReader, entry: Entry | undefined): SourceSpec['kind'] | undefined {
  if (!entry) return 'engine';
  return r.oneOf(entry, SPEC_KEYS.source.values as SourceSpec['kind'][]);
}

/** Reports keys of another source (`path` without `source: file`) and reads this source's keys. */
export function readSource(r: YamlSpecReader, kind: SourceSpec['kind'], top: Map<string, Entry>, sourceEntry: Entry | undefined): SourceSpec | undefined {
  let ok = true;
  for (const [key, e] of top) {
    const owner = SPEC_KEYS[key]?.source;
    if ((owner === 'command' || owner === 'file') && owner !== kind) {
      const fix = sourceEntry ? `(this cell has source: ${kind})` : `(add source: ${owner})`;
      r.report(e.keyNode, `${key} applies only with source: ${owner} ${fix}`);
      ok = false;
    }
  }
  if (kind === 'engine') return ok ? { kind } : undefined;
  const at = sourceEntry!.where;
  if (kind === 'file') {
    const pathEntry = top.get('path');
    if (!pathEntry) {
      r.report(at, 'source: file needs path, the log file to read');
      return undefined;
    }
    const path = r.string(pathEntry, { nonEmpty: true });
    const follow = top.has('follow') ? r.boolean(top.get('follow')!) : false;
    return ok && path !== undefined && follow !== undefined ? { kind, path, follow } : undefined;
  }
  const commandEntry = top.get('command');
  if (!commandEntry) {
    r.report(at, 'source: command needs command, the program to start (with its arguments in args)');
    return undefined;
  }
  const command = r.string(commandEntry, { nonEmpty: true });
  const args = readArgs(r, top.get('args'));
  const cwd = top.has('cwd') ? r.string(top.get('cwd')!, { nonEmpty: true }) : undefined;
  const env = readEnv(r, top.get('env'));
  if (!ok || command === undefined || args === undefined || env === undefined || (top.has('cwd') && cwd === undefined)) return undefined;
  return { kind, command, args, ...(cwd !== undefined ? { cwd } : {}), env };
}

function readArgs(r: YamlSpecReader, entry: Entry | undefined): string[] | undefined {
  if (!entry) return [];
  const node = r.resolve(entry.value);
  if (!node || !isSeq(node)) {
    r.report(entry.where, 'args must be a list, for example args: [--rate, 2000, --seconds, 30]');
    return undefined;
  }
  const args: string[] = [];
  let ok = true;
  node.items.forEach((item, i) => {
    const text = r.scalarText(item as Entry['value'], entry.where, `args[${i}]`);
    if (text === undefined) ok = false;
    else args.push(text);
  });
  return ok ? args : undefined;
}

function readEnv(r: YamlSpecReader, entry: Entry | undefined): Record<string, string> | undefined {
  if (!entry) return {};
  const node = r.resolve(entry.value);
  if (!node || !isMap(node)) {
    r.report(entry.where, 'env must be a mapping of variable names to values, for example env: { JAVA_OPTS: -Xmx1g }');
    return undefined;
  }
  const env: Record<string, string> = {};
  let ok = true;
  for (const pair of node.items) {
    const key = r.resolve(pair.key as Entry['value']);
    const name = key && isScalar(key) ? String(key.value) : '';
    if (!ENV_NAME.test(name)) {
      r.report(key ?? entry.where, `env: "${name}" is not a valid environment variable name (letters, digits and _, not starting with a digit)`);
      ok = false;
      continue;
    }
    const value = r.scalarText(pair.value as Entry['value'], key!, `env.${name}`);
    if (value === undefined) ok = false;
    else env[name] = value;
  }
  return ok ? env : undefined;
}
