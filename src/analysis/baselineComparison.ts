// A run's summary beside the notebook's pinned baseline (a RunSummary kept in the notebook's
// metadata): the difference of every metric, and the config keys that differ. The baseline comes
// from a file, so it is read defensively: missing parts are reported, not skipped.

import type { BaselineComparison, MetricDifference, RunSummary } from './reportTypes';
import { THRESHOLD_METRICS } from '../spec/thresholdMetrics';

export function compareWithBaseline(current: RunSummary, baseline: RunSummary, label?: string): BaselineComparison {
  const problems: string[] = [];
  const baseMetrics = isRecord(baseline) && isRecord(baseline.metrics) ? baseline.metrics : undefined;
  if (!baseMetrics) problems.push('the stored baseline has no metrics (pin a new baseline)');

  const metrics: MetricDifference[] = [];
  for (const metric of THRESHOLD_METRICS) {
    const now = current.metrics[metric];
    const before = baseMetrics?.[metric];
    if (typeof now !== 'number' || !Number.isFinite(now)) continue;
    if (typeof before !== 'number' || !Number.isFinite(before)) {
      if (baseMetrics) problems.push(`the baseline has no value for ${metric}`);
      continue;
    }
    const delta = now - before;
    metrics.push({
      metric,
      current: now,
      baseline: before,
      delta,
      ...(before !== 0 ? { deltaPct: (100 * delta) / Math.abs(before) } : {}),
    });
  }

  const configDifferences: BaselineComparison['configDifferences'] = [];
  const baseConfig = isRecord(baseline) && isRecord(baseline.config) ? baseline.config : {};
  const keys = [...new Set([...Object.keys(current.config), ...Object.keys(baseConfig)])];
  for (const key of keys) {
    const a = current.config[key];
    const b = baseConfig[key] as string | number | undefined;
    if (String(a) !== String(b))
      configDifferences.push({ key, ...(a !== undefined ? { current: a } : {}), ...(b !== undefined ? { baseline: b } : {}) });
  }
  return { ...(label !== undefined ? { label } : {}), configDifferences, metrics, problems };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
