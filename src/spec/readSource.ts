// `source:` where the counter lines come from: the built-in engine, a command (`command`, `args`,
// `cwd`, `env`), a log file (`path`, `follow`), a metrics endpoint or a Prometheus server
// (readMetricsSource.ts). Running them is src/sources' job.

import { isMap, isScalar, isSeq } from 'yaml';
import { readMetricsSource, readPrometheusSource } from './readMetricsSource';
import type { CommandSpec, SourceSpec } from './scenarioSpec';
import { SPEC_KEYS } from './specKeys';
import type { Entry, YamlSpecReader } from './yamlSpecReader';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function readSourceKind(r: YamlSpecReader, entry: Entry | undefined): SourceSpec['kind'] | undefined {
  if (!entry) return 'engine';
  return r.oneOf(entry, SPEC_KEYS.source.values as SourceSpec['kind'][]);
}

/** Reports keys of another source (`path` without `source: file`) and reads this source's keys. */
export function readSource(
  r: YamlSpecReader,
  kind: SourceSpec['kind'],
  top: Map<string, Entry>,
  sourceEntry: Entry | undefined,
): SourceSpec | undefined {
  let ok = true;
  for (const [key, e] of top) {
    const owner = SPEC_KEYS[key]?.source;
    if (owner !== undefined && owner !== 'engine' && !(owner as readonly string[]).includes(kind)) {
      const fix = sourceEntry ? `(this cell has source: ${kind})` : `(add source: ${owner[0]})`;
      r.report(e.keyNode, `${key} applies only with source: ${owner.join(' or ')} ${fix}`);
      ok = false;
    }
  }
  if (kind === 'engine') return ok ? { kind } : undefined;
  const at = sourceEntry!.where;
  if (kind === 'metrics') {
    const service = top.has('command') ? readCommand(r, top) : undefined;
    const metrics = readMetricsSource(r, top, at);
    if (!ok || !metrics || (top.has('command') && !service)) return undefined;
    return service ? { ...metrics, service } : metrics;
  }
  if (kind === 'prometheus') {
    const prometheus = readPrometheusSource(r, top, at);
    return ok && prometheus ? prometheus : undefined;
  }
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
  if (!top.has('command')) {
    r.report(at, 'source: command needs command, the program to start (with its arguments in args)');
    return undefined;
  }
  const command = readCommand(r, top);
  return ok && command ? { kind, ...command } : undefined;
}

/** `command`, `args`, `cwd`, `env`: a program to start (`command` is present). */
function readCommand(r: YamlSpecReader, top: Map<string, Entry>): CommandSpec | undefined {
  const command = r.string(top.get('command')!, { nonEmpty: true });
  const args = readArgs(r, top.get('args'));
  const cwd = top.has('cwd') ? r.string(top.get('cwd')!, { nonEmpty: true }) : undefined;
  const env = readEnv(r, top.get('env'));
  if (command === undefined || args === undefined || env === undefined || (top.has('cwd') && cwd === undefined)) return undefined;
  return { command, args, ...(cwd !== undefined ? { cwd } : {}), env };
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
      r.report(
        key ?? entry.where,
        `env: "${name}" is not a valid environment variable name (letters, digits and _, not starting with a digit)`,
      );
      ok = false;
      continue;
    }
    const value = r.scalarText(pair.value as Entry['value'], key!, `env.${name}`);
    if (value === undefined) ok = false;
    else env[name] = value;
  }
  return ok ? env : undefined;
}
