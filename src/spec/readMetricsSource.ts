// The keys of `source: metrics` (an exposition endpoint) and `source: prometheus` (a Prometheus
// server over a past window): `url`, the metric names (`metrics:`), `partitionLabel`, `labels`,
// `instances`, and for Prometheus the window (`from`, `to`).

import { isScalar, type Node } from 'yaml';
import { COUNTER_KEYS, type CounterKey } from '../format/runEvents';
import { didYouMean } from './editDistance';
import { DEFAULT_METRIC_NAMES, DEFAULT_PARTITION_LABEL, LABEL_NAME, METRIC_NAME } from './metricNames';
import type { MetricsMapping, SourceSpec } from './scenarioSpec';
import { SPEC_KEYS } from './specKeys';
import { fixedSpanMs, parseTimeRef, type TimeRef } from './timeRef';
import { describe, type Entry, type YamlSpecReader } from './yamlSpecReader';

type MetricsSource = Extract<SourceSpec, { kind: 'metrics' }>;
type PrometheusSource = Extract<SourceSpec, { kind: 'prometheus' }>;

export function readMetricsSource(r: YamlSpecReader, top: Map<string, Entry>, at: Node): MetricsSource | undefined {
  if (!top.has('command')) {
    for (const key of ['args', 'cwd', 'env']) {
      const e = top.get(key);
      if (e) r.report(e.keyNode, `${key} belongs to command, the service to start before scraping; add command or remove ${key}`);
    }
    if (['args', 'cwd', 'env'].some((key) => top.has(key))) return undefined;
  }
  const url = readUrl(
    r,
    top,
    at,
    'source: metrics needs url, the exposition endpoint to scrape (for example url: http://127.0.0.1:9404/metrics)',
  );
  const mapping = readMapping(r, top);
  if (url === undefined || !mapping) return undefined;
  return { kind: 'metrics', url, ...mapping };
}

export function readPrometheusSource(r: YamlSpecReader, top: Map<string, Entry>, at: Node): PrometheusSource | undefined {
  const url = readUrl(r, top, at, 'source: prometheus needs url, the Prometheus server to ask (for example url: http://127.0.0.1:9090)');
  const mapping = readMapping(r, top);
  const fromEntry = top.get('from');
  if (!fromEntry)
    r.report(
      at,
      'source: prometheus needs from, the start of the window (an RFC 3339 time such as 2024-05-01T12:00:00Z, or a time before now such as -30m)',
    );
  const from = fromEntry ? readTime(r, fromEntry) : undefined;
  const to: TimeRef | undefined = top.has('to') ? readTime(r, top.get('to')!) : { kind: 'now' };
  if (from && to) {
    const span = fixedSpanMs(from, to);
    if (span !== undefined && span <= 0) {
      r.report(
        top.get('to')?.where ?? fromEntry!.where,
        `the window is empty: to must come after from (from ${describeTime(from)}, to ${describeTime(to)})`,
      );
      return undefined;
    }
  }
  if (url === undefined || !mapping || !from || !to) return undefined;
  return { kind: 'prometheus', url, from, to, measureFillsWindow: !top.has('measureS'), ...mapping };
}

function readUrl(r: YamlSpecReader, top: Map<string, Entry>, at: Node, missing: string): string | undefined {
  const e = top.get('url');
  if (!e) {
    r.report(at, missing);
    return undefined;
  }
  const text = r.string(e, { nonEmpty: true });
  if (text === undefined) return undefined;
  const url = text.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/[^/\s]/i.exec(url);
  if (!scheme) {
    r.report(e.where, `url must be an http:// or https:// address such as http://127.0.0.1:9404/metrics; got "${url}"`);
    return undefined;
  }
  if (!['http', 'https'].includes(scheme[1].toLowerCase())) {
    r.report(e.where, `url must be an http:// or https:// address; got the scheme ${scheme[1]}:`);
    return undefined;
  }
  return url;
}

function readMapping(r: YamlSpecReader, top: Map<string, Entry>): MetricsMapping | undefined {
  const names = readNames(r, top.get('metrics'));
  const partitionLabel = top.has('partitionLabel') ? readLabelName(r, top.get('partitionLabel')!) : DEFAULT_PARTITION_LABEL;
  const labels = readLabels(r, top.get('labels'));
  const instances = top.has('instances')
    ? r.oneOf(top.get('instances')!, SPEC_KEYS.instances.values as ('separate' | 'sum')[])
    : 'separate';
  if (labels && partitionLabel !== undefined && partitionLabel in labels) {
    r.report(
      top.get('labels')!.where,
      `labels selects series by ${partitionLabel}, the partition label: every partition is read; remove it from labels`,
    );
    return undefined;
  }
  if (!names || partitionLabel === undefined || !labels || !instances) return undefined;
  return { names, partitionLabel, labels, instances };
}

function readNames(r: YamlSpecReader, entry: Entry | undefined): Record<CounterKey, string> | undefined {
  const names = { ...DEFAULT_METRIC_NAMES };
  if (!entry) return names;
  const map = r.mapping(entry, 'for example { completed: myapp_tasks_completed_total }');
  if (!map) return undefined;
  const entries = r.entries(
    map,
    'metrics',
    COUNTER_KEYS,
    (key) => `metrics: "${key}" is not a counter of the contract${didYouMean(key, COUNTER_KEYS)} (counters: ${COUNTER_KEYS.join(', ')})`,
  );
  let ok = entries.size === map.items.length;
  for (const [key, e] of entries) {
    const name = r.string(e, { nonEmpty: true });
    if (name === undefined) ok = false;
    else if (!METRIC_NAME.test(name.trim())) {
      r.report(e.where, `${e.key}: "${name}" is not a Prometheus metric name (letters, digits, _ and :, not starting with a digit)`);
      ok = false;
    } else names[key.split('.').pop() as CounterKey] = name.trim();
  }
  return ok ? names : undefined;
}

function readLabelName(r: YamlSpecReader, entry: Entry): string | undefined {
  const name = r.string(entry, { nonEmpty: true });
  if (name === undefined) return undefined;
  if (!LABEL_NAME.test(name.trim())) {
    r.report(entry.where, `${entry.key}: "${name}" is not a Prometheus label name (letters, digits and _, not starting with a digit)`);
    return undefined;
  }
  return name.trim();
}

function readLabels(r: YamlSpecReader, entry: Entry | undefined): Record<string, string> | undefined {
  if (!entry) return {};
  const map = r.mapping(entry, 'for example { instance: "10.0.0.7:9404", job: scheduler }');
  if (!map) return undefined;
  const labels: Record<string, string> = {};
  let ok = true;
  for (const pair of map.items) {
    const key = r.resolve(pair.key as Node | null);
    const name = key && isScalar(key) ? String(key.value) : '';
    if (!LABEL_NAME.test(name) || name.startsWith('__')) {
      r.report(
        key ?? entry.where,
        `labels: "${name}" is not a label name to select by (letters, digits and _, not starting with a digit or __)`,
      );
      ok = false;
      continue;
    }
    const value = r.scalarText(pair.value as Node | null, key!, `labels.${name}`);
    if (value === undefined) ok = false;
    else labels[name] = value;
  }
  return ok ? labels : undefined;
}

function readTime(r: YamlSpecReader, entry: Entry): TimeRef | undefined {
  const node = r.resolve(entry.value);
  if (!node || !isScalar(node) || typeof node.value !== 'string') {
    r.report(entry.where, `${entry.key} must be a time such as 2024-05-01T12:00:00Z, now or -30m; got ${describe(node)}`);
    return undefined;
  }
  const parsed = parseTimeRef(node.value);
  if ('error' in parsed) {
    r.report(entry.where, `${entry.key}: ${parsed.error}`);
    return undefined;
  }
  return parsed;
}

function describeTime(ref: TimeRef): string {
  return ref.kind === 'now' ? 'now' : ref.text;
}
