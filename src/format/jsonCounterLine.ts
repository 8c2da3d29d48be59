// Reads a JSON line with the keys of the logfmt contract ({"t": 3.5, "partition": 0, "tasksIn": ...},
// {"t": 3, "phase": "measure"} or a config object) and hands it to the tick assembler.

import { COUNTER_KEYS } from './runEvents';
import type { ConfigHeader, PartitionCounters, RunEvent, StreamThresholds } from './runEvents';
import { configValue, describeValue, secondsValue, slowNumber } from './counterValues';
import type { TickAssembler } from './tickAssembler';

/** Reads line[from, to), which starts with `{`; anything that is not a counter line is counted as foreign. */
export function readJsonLine(line: string, from: number, to: number, asm: TickAssembler, out: RunEvent[]): void {
  const text = line.slice(from, to);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (/"(partition|phase)"\s*:/.test(text) && /"t"\s*:/.test(text)) {
      asm.error(line, 'malformed JSON counter line (cut or truncated?)');
    } else {
      asm.foreign(line);
    }
    return;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    asm.stats.foreignLines++;
    return;
  }
  const obj = value as Record<string, unknown>;
  // The writer's form is {"config": true, "partitions": 4, ...}; {"type": "config", ...} and
  // {"config": {...}} are read too.
  const nested = obj.config !== null && typeof obj.config === 'object' && !Array.isArray(obj.config);
  if (obj.config === true || obj.type === 'config' || nested) {
    const source = (nested ? obj.config : obj) as Record<string, unknown>;
    asm.configLine(line, jsonConfig(source, nested), jsonThresholds(source.expect), out);
    return;
  }
  const hasPart = 'partition' in obj;
  const hasPhase = 'phase' in obj;
  if (!('t' in obj) || (!hasPart && !hasPhase)) {
    asm.foreign(line);
    return;
  }
  if (hasPart && hasPhase) {
    asm.error(line, 'a line cannot be both a phase line ("phase") and a partition line ("partition")');
    return;
  }
  // Seconds, also as a string with a unit ("12.5s", "500ms"), as in logfmt.
  const t = typeof obj.t === 'string' ? secondsValue(obj.t) : jsonNumber(obj.t, false);
  if (!Number.isFinite(t)) {
    asm.error(line, `"t" ${describeJson(obj.t)}: expected seconds since the start, such as 3.5`);
    return;
  }
  if (hasPhase) {
    const reason = obj.reason === undefined ? undefined : String(obj.reason);
    asm.phaseLine(line, t, typeof obj.phase === 'string' ? obj.phase : JSON.stringify(obj.phase), reason, out);
    return;
  }
  const partition = jsonNumber(obj.partition, true);
  if (!Number.isFinite(partition)) {
    asm.error(line, `"partition" ${describeJson(obj.partition)}: expected a partition number 0, 1, 2, ...`);
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
      asm.error(line, `"${key}" ${describeJson(obj[key])}: expected a whole number >= 0`);
      return;
    }
    counters[key] = n;
  }
  if (missing.length > 0) {
    asm.error(line, `missing ${missing.join(', ')} (a partition line carries all of ${COUNTER_KEYS.join(', ')})`);
    return;
  }
  asm.counterLine(line, t, partition, counters, out);
}

function jsonConfig(source: Record<string, unknown>, nested: boolean): ConfigHeader {
  const config: ConfigHeader = {};
  for (const [k, v] of Object.entries(source)) {
    if (!nested && (k === 'type' || k === 'config')) continue;
    if (typeof v === 'number' || typeof v === 'string') config[k] = typeof v === 'string' ? configValue(v) : v;
    else if (typeof v === 'boolean') config[k] = String(v);
  }
  return config;
}

/** A config object's `"expect": {"completedPerS": ">= 500"}`, the run's thresholds. */
function jsonThresholds(value: unknown): StreamThresholds | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const expect: StreamThresholds = {};
  for (const [metric, comparison] of Object.entries(value)) {
    if (typeof comparison === 'string' || typeof comparison === 'number') expect[metric] = String(comparison);
  }
  return expect;
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
