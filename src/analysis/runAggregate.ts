// The repeats of one spec (a stream of several runs, `repeat: N`) taken together: how many passed,
// and every metric's median, spread and 95 % interval of the median over the runs (the interval is
// distribution-free and needs 6 runs: statistics/medianInterval.ts). A run that did not finish, or
// whose counters broke integrity, counts in the verdicts but not in the metrics: its figures are
// not a sample of the system.

import type { RunReport, ThresholdResult } from './reportTypes';
import { medianInterval, valuesNeededForInterval } from './statistics/medianInterval';
import { summarizeSample, type SampleSummary } from './statistics/sampleSummary';
import { THRESHOLD_METRICS } from '../spec/thresholdMetrics';
import type { TickSeries } from '../series/seriesTypes';

export interface MetricAggregate extends SampleSummary {
  /** Distribution-free 95 % interval of the median; null with fewer than 6 runs. */
  ci95: [number, number] | null;
}

export interface RunAggregate {
  /** Runs in the stream. */
  runs: number;
  passed: number;
  /** 1-based positions of the runs left out of the metrics, with why. */
  excluded: { run: number; reason: string }[];
  metrics: Record<string, MetricAggregate>;
  /** Said when the metrics have no 95 % interval (fewer than 6 runs). */
  ciNote?: string;
  /** Thresholds relative to the baseline, judged on all the runs together (sampleThresholds.ts). */
  thresholds?: ThresholdResult[];
}

/** Why a run's metrics are not a sample, or undefined when they are. */
export function exclusionReason(report: Pick<RunReport, 'summary' | 'partial'>): string | undefined {
  if (report.summary.integrity && !report.summary.integrity.ok) return 'its counters broke integrity';
  if (report.partial) return 'it did not finish';
  return undefined;
}

export function aggregateReports(reports: readonly Pick<RunReport, 'summary' | 'partial' | 'verdict'>[]): RunAggregate {
  const excluded: RunAggregate['excluded'] = [];
  const samples: Record<string, number>[] = [];
  reports.forEach((report, i) => {
    const reason = exclusionReason(report);
    if (reason) excluded.push({ run: i + 1, reason });
    else samples.push(report.summary.metrics);
  });
  const aggregate: RunAggregate = {
    runs: reports.length,
    passed: reports.filter((r) => r.verdict === 'pass').length,
    excluded,
    metrics: aggregateMetrics(samples),
  };
  if (samples.length > 0 && samples.length < valuesNeededForInterval(0.95)) {
    aggregate.ciNote = `no 95 % interval of the median from ${samples.length} run${samples.length === 1 ? '' : 's'}: it needs ${valuesNeededForInterval(0.95)} (min-max is the spread)`;
  }
  return aggregate;
}

/** Each metric's median, min, max and interval over the runs' metrics, in the summary's order. */
export function aggregateMetrics(runs: readonly Record<string, number>[]): Record<string, MetricAggregate> {
  const metrics: Record<string, MetricAggregate> = {};
  for (const name of THRESHOLD_METRICS) {
    const values = runs.map((m) => m[name]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length === 0) continue;
    const interval = medianInterval(values);
    metrics[name] = { ...summarizeSample(values), ci95: interval ? [interval.lo, interval.hi] : null };
  }
  return metrics;
}

/**
 * True when the runs are repeats of one spec: their config lines agree in everything but the seed
 * (a notebook's cells, one after another, are not).
 */
export function areRepeats(runs: readonly Pick<TickSeries, 'config'>[]): boolean {
  const specOf = (run: Pick<TickSeries, 'config'>) =>
    JSON.stringify(
      Object.entries(run.config)
        .filter(([key]) => key !== 'seed')
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  const first = runs[0] ? specOf(runs[0]) : '';
  return runs.length > 1 && runs.every((run) => specOf(run) === first);
}
