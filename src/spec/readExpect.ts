// `expect:` thresholds, metric name -> comparison such as "< 1" or ">= baseline - 10%". A misspelled
// metric fails loudly; a mistake inside a comparison is reported at the characters where it is.

import { isScalar, type Scalar } from 'yaml';
import { CAPACITY_METRIC } from './searchProbeSpec';
import { THRESHOLD_METRICS } from './thresholdMetrics';
import { didYouMean } from './editDistance';
import type { Expectations } from './scenarioSpec';
import { parseThreshold } from './thresholdExpression';
import { describe, type Entry, type YamlSpecReader } from './yamlSpecReader';

/**
 * `options.search`: the cell is a capacity search, whose `capacity` (the value it finds) may have a
 * threshold too; it is returned under that name with the others.
 */
export function readExpect(r: YamlSpecReader, entry: Entry | undefined, options: { search?: boolean } = {}): Expectations | undefined {
  if (!entry) return {};
  const map = r.mapping(entry, 'for example { rejectPct: "< 1", completedPerS: ">= baseline - 10%" }');
  if (!map) return undefined;
  const allowed = options.search ? [...THRESHOLD_METRICS, CAPACITY_METRIC] : THRESHOLD_METRICS;
  const entries = r.entries(map, 'expect', allowed, (key) =>
    key === CAPACITY_METRIC
      ? `${CAPACITY_METRIC} is the value a capacity search finds: it applies to a cell with search: (for example capacity: ">= baseline - 5%")`
      : `unknown metric "${key}" in expect${didYouMean(key, allowed)} (metrics: ${allowed.join(', ')})`,
  );
  const expect: Expectations = {};
  let ok = true;
  for (const [metric, e] of entries) {
    const node = r.resolve(e.value);
    if (!node || !isScalar(node) || typeof node.value !== 'string') {
      const bare = node && isScalar(node) && typeof node.value === 'number' ? ` (write a comparison such as "<= ${node.value}")` : '';
      r.report(
        e.where,
        `${e.key} must be a comparison in quotes such as "< 1", ">= 250" or ">= baseline - 10%"; got ${describe(node)}${bare}`,
      );
      ok = false;
      continue;
    }
    const parsed = parseThreshold(node.value);
    if ('error' in parsed) {
      const at = textOffset(node as Scalar<string>);
      if (at === undefined || (parsed.start === 0 && parsed.end >= node.value.length)) r.report(e.where, `${e.key}: ${parsed.error}`);
      else r.reportRange(at + parsed.start, at + parsed.end, `${e.key}: ${parsed.error}`);
      ok = false;
      continue;
    }
    expect[metric] = node.value.trim();
  }
  return ok ? expect : undefined;
}

/**
 * Where the scalar's text starts in the document, when its characters map one to one onto the
 * source (a plain scalar, or a quoted one without escapes on one line); else undefined.
 */
function textOffset(node: Scalar<string>): number | undefined {
  const range = node.range;
  if (!range) return undefined;
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  const start = range[0] + (quoted ? 1 : 0);
  const length = range[1] - range[0] - (quoted ? 2 : 0);
  return length === node.value.length ? start : undefined;
}
