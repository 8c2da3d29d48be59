// The baseline candidate of a repeated cell: pinned, it keeps every repeat's metrics (so relative
// thresholds against it can test a later run against the run-to-run noise, relativeThresholds.ts),
// the median of each metric as its summary's metrics, and the median completed/s over time for
// the comparison chart. Only a repeated run whose every repeat finished with sound counters is a
// candidate.

import { bandOf } from '../charts/repeatCharts';
import { chartDataOf } from '../charts/chartData';
import { downsampleMinMax } from '../charts/downsample';
import type { RepeatedRun } from '../report/repeatReport';
import { aggregateMetrics } from '../analysis/runAggregate';
import type { TickSeries } from '../series/seriesTypes';
import type { PinnedBaseline } from './baselines';

const BASELINE_POINTS = 300;

export function repeatedCandidate(run: RepeatedRun, series: readonly TickSeries[]): PinnedBaseline | undefined {
  if (run.repeats.length !== run.planned) return undefined;
  const reports = run.repeats.map((r) => (r.end === 'finished' ? r.report : undefined));
  if (reports.some((r) => !r || !r.summary.integrity.ok || r.partial)) return undefined;
  const summaries = reports.map((r) => r!.summary);
  const medians = Object.fromEntries(
    Object.entries(aggregateMetrics(summaries.map((s) => s.metrics))).map(([name, m]) => [name, m.median]),
  );
  // The repeat closest to the median throughput stands for the config and the other figures.
  const target = medians.completedPerS ?? 0;
  const representative = summaries.reduce((best, s) =>
    Math.abs((s.metrics.completedPerS ?? 0) - target) < Math.abs((best.metrics.completedPerS ?? 0) - target) ? s : best,
  );
  const seeds = run.repeats.map((r) => r.seed).filter((s) => s !== undefined);
  const band = bandOf(
    series.map((s) => chartDataOf(s).totals),
    'completedPerS',
  ).map((b) => ({ t: b.t, completedPerS: b.median }));
  return {
    scenario: run.scenario,
    label: `baseline (${run.scenario}, ${run.planned} repeats${seeds.length > 0 ? `, seeds ${seeds[0]}–${seeds[seeds.length - 1]}` : ''})`,
    summary: { ...representative, metrics: medians },
    totals: downsampleMinMax(band, BASELINE_POINTS, (p) => p.completedPerS),
    repeats: summaries.map((s) => s.metrics),
  };
}
