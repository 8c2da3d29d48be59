// `expect:` thresholds, metric name -> comparison such as "< 1". A misspelled metric fails loudly.

import { isScalar } from 'yaml';
import { THRESHOLD_METRICS } from './thresholdMetrics';
import { didYouMean } from './editDistance';
import type { Expectations } from './scenarioSpec';
import { parseThresholdComparison } from './thresholdComparison';
import { describe, type Entry, type YamlSpecReader } from './yamlSpecReader';

export function readExpect(r: YamlSpecReader, entry: Entry | undefined): Expectations | undefined {
  if (!entry) return {};
  const map = r.mapping(entry, 'for example { rejectPct: "< 1", completedPerS: ">= 250" }');
  if (!map) return undefined;
  const entries = r.entries(map, 'expect', THRESHOLD_METRICS, (key) =>
    `unknown metric "${key}" in expect${didYouMean(key, THRESHOLD_METRICS)} (metrics: ${THRESHOLD_METRICS.join(', ')})`,
  );
  const expect: Expectations = {};
  let ok = true;
  for (const [metric, e] of entries) {
    const node = r.resolve(e.value);
    if (!node || !isScalar(node) || typeof node.value !== 'string') {
      const bare = node && isScalar(node) && typeof node.value === 'number' ? ` (write a comparison such as "<= ${node.value}")` : '';
      r.report(e.where, `${e.key} must be a comparison in quotes such as "< 1" or ">= 250"; got ${describe(node)}${bare}`);
      ok = false;
      continue;
    }
    const parsed = parseThresholdComparison(node.value);
    if ('error' in parsed) {
      r.report(e.where, `${e.key}: ${parsed.error}`);
      ok = false;
      continue;
    }
    expect[metric] = node.value.trim();
  }
  return ok ? expect : undefined;
}
