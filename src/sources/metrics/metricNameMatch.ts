// Which metric a counter is read from: the cell's name (or the default) as written, or the same
// counter with or without its `_total` suffix (OpenMetrics and older clients differ). A name that
// is not there is an error listing the names that are, closest first.

import { COUNTER_KEYS, type CounterKey } from '../../format/runEvents';
import { editDistance } from '../../spec/editDistance';

/** How many names an unknown-metric message lists. */
const LISTED_NAMES = 8;

export function matchMetricName(wanted: string, available: ReadonlySet<string>): string | undefined {
  if (available.has(wanted)) return wanted;
  if (wanted.endsWith('_total') && available.has(wanted.slice(0, -'_total'.length))) return wanted.slice(0, -'_total'.length);
  if (!wanted.endsWith('_total') && available.has(`${wanted}_total`)) return `${wanted}_total`;
  return undefined;
}

/** The metric each counter is read from, or one message naming every counter whose metric is missing. */
export function matchMetricNames(
  names: Readonly<Record<CounterKey, string>>,
  available: ReadonlySet<string>,
  where: string,
): { names: Record<CounterKey, string> } | { error: string } {
  const found = {} as Record<CounterKey, string>;
  const missing: CounterKey[] = [];
  for (const key of COUNTER_KEYS) {
    const name = matchMetricName(names[key], available);
    if (name === undefined) missing.push(key);
    else found[key] = name;
  }
  if (missing.length === 0) return { names: found };
  const which = missing.map((key) => `${names[key]} (${key})`).join(', ');
  const closest = closestNames(names[missing[0]], available);
  const listed =
    closest.length === 0
      ? `${where} has no metrics at all`
      : `the names it has, closest first: ${closest.join(', ')}${available.size > closest.length ? ', …' : ''}`;
  return {
    error:
      `${where} has no metric ${which}; ${listed}. ` +
      `Map a counter to another name with metrics:, for example metrics: { ${missing[0]}: ${closest[0] ?? 'my_metric_name'} }`,
  };
}

export function closestNames(wanted: string, available: Iterable<string>, count = LISTED_NAMES): string[] {
  return [...available]
    .map((name) => ({ name, d: editDistance(wanted, name) }))
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .slice(0, count)
    .map((x) => x.name);
}
