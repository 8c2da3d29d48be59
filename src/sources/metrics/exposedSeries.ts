// The samples of one scrape that the contract reads: the metric of each counter (matched once, on
// the first scrape), the series `labels:` selects, as SeriesRefs for the layout and as values for
// a tick.

import { COUNTER_KEYS, type CounterKey } from '../../format/runEvents';
import type { MetricsMapping } from '../../spec/scenarioSpec';
import type { Exposition } from './expositionParser';
import { matchMetricNames } from './metricNameMatch';
import type { SeriesRef } from './partitionLayout';
import type { TickValueBuilder } from './tickValues';

export function selects(labels: Readonly<Record<string, string>>, selector: Readonly<Record<string, string>>): boolean {
  for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) return false;
  return true;
}

/** The sample name each counter is read from in this exposition, or why one is missing. */
export function exposedNames(
  exposition: Exposition,
  mapping: MetricsMapping,
  url: string,
): { names: Record<CounterKey, string> } | { error: string } {
  const available = new Set(exposition.samples.map((s) => s.name));
  return matchMetricNames(mapping.names, available, `the endpoint ${url}`);
}

export function exposedSeries(
  exposition: Exposition,
  names: Readonly<Record<CounterKey, string>>,
  mapping: MetricsMapping,
): SeriesRef[] | { error: string } {
  const counterOf = counterByName(names);
  const series: SeriesRef[] = [];
  const selected = new Set<CounterKey>();
  for (const s of exposition.samples) {
    const counters = counterOf.get(s.name);
    if (!counters) continue;
    if (!selects(s.labels, mapping.labels)) continue;
    for (const counter of counters) {
      series.push({ counter, metric: s.name, labels: s.labels });
      selected.add(counter);
    }
  }
  const none = COUNTER_KEYS.filter((c) => !selected.has(c));
  if (none.length > 0) {
    const selector = Object.entries(mapping.labels)
      .map(([k, v]) => `${k}="${v}"`)
      .join(', ');
    return { error: `no series of ${names[none[0]]} (${none[0]}) has the labels ${selector} that labels: selects` };
  }
  return series;
}

/** Adds the scrape's samples into `builder`; the first problem (a value that is not a number) when there is one. */
export function addExposition(
  exposition: Exposition,
  names: Readonly<Record<CounterKey, string>>,
  mapping: MetricsMapping,
  builder: TickValueBuilder,
  url: string,
): string | undefined {
  const counterOf = counterByName(names);
  for (const s of exposition.samples) {
    const counters = counterOf.get(s.name);
    if (!counters || !selects(s.labels, mapping.labels)) continue;
    for (const counter of counters) {
      const problem = builder.add(counter, s.name, s.labels, s.value, `(line ${s.line} of ${url})`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** Two counters may be read from one metric (a mapping that names it twice). */
function counterByName(names: Readonly<Record<CounterKey, string>>): Map<string, CounterKey[]> {
  const map = new Map<string, CounterKey[]>();
  for (const key of COUNTER_KEYS) map.set(names[key], [...(map.get(names[key]) ?? []), key]);
  return map;
}
