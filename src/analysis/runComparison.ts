// Two sets of runs of the same scenario (a base and a candidate, each one run or several repeats)
// compared metric by metric, the way Go's benchstat compares benchmarks: both medians with their
// spread, the change of the median in percent, a Mann-Whitney U test of the two samples, and a
// verdict. A change is a regression (or an improvement) only when the test says it is larger than
// the run-to-run noise (p < alpha) AND it is larger than the tolerance (--max-regression); anything
// else is within noise. Which way is worse comes from the metric (METRIC_BETTER).
//
// With too few runs for the test ever to reach alpha (one run a side; 3 and 3 at alpha 0.05) there
// is no noise estimate: the tolerance alone decides, as a single-run comparison always did, and
// the comparison says so.
//
// Each metric is tested on its own, at alpha, with no correction for testing a dozen metrics at
// once: with five runs a side no corrected test could ever fire (the smallest p is 2/252). The
// tolerance keeps a chance "significant" wobble of a few percent from failing a build.

import { mannWhitneyU, smallestExactPValue } from './statistics/mannWhitney';
import { summarizeSample, type SampleSummary } from './statistics/sampleSummary';
import { METRIC_BETTER, THRESHOLD_METRICS, type ThresholdMetric } from '../spec/thresholdMetrics';

export type MetricVerdict = 'regression' | 'improvement' | 'within-noise' | 'changed';

export interface MetricComparison {
  name: string;
  /** Which way the metric gets better (`either`: a change is reported as `changed`, never judged). */
  better: 'higher' | 'lower' | 'either';
  base: SampleSummary;
  candidate: SampleSummary;
  /** (candidate median - base median) / |base median| x 100; null when the base median is 0 and the candidate's is not. */
  changePct: number | null;
  /** Two-sided Mann-Whitney p-value; null without a noise estimate (too few runs for the test to say anything). */
  pValue: number | null;
  verdict: MetricVerdict;
  /** Whether the runs were enough for the test to tell a change from noise at alpha. */
  noiseEstimate: boolean;
  /** Why the verdict, in words. */
  reason: string;
}

export interface RunComparison {
  metrics: MetricComparison[];
  /** `regression` when any metric regressed. */
  verdict: 'regression' | 'ok';
  base: { runs: number };
  candidate: { runs: number };
  alpha: number;
  /** The tolerance: a change of the median at most this large (percent) is within noise. */
  maxRegressionPct: number;
  /** False when the runs are too few for the test to reach alpha: the tolerance alone decided. */
  noiseEstimate: boolean;
  /** What the reader must know: no noise estimate, metrics one side lacks, configs that differ. */
  notes: string[];
}

export interface CompareOptions {
  /** Significance level of the test (default 0.05). */
  alpha?: number;
  /** Tolerance in percent (default 5). */
  maxRegressionPct?: number;
}

export const DEFAULT_ALPHA = 0.05;
export const DEFAULT_MAX_REGRESSION_PCT = 5;

/** Compares the metrics (`summary.metrics`) of the base runs with the candidate's. */
export function compareRuns(
  base: readonly Record<string, number>[],
  candidate: readonly Record<string, number>[],
  options: CompareOptions = {},
): RunComparison {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const tolerance = options.maxRegressionPct ?? DEFAULT_MAX_REGRESSION_PCT;
  const notes: string[] = [];
  const metrics: MetricComparison[] = [];
  for (const name of THRESHOLD_METRICS) {
    const b = valuesOf(base, name);
    const c = valuesOf(candidate, name);
    if (b.length === 0 && c.length === 0) continue;
    if (b.length === 0 || c.length === 0) {
      notes.push(`${name}: only the ${b.length === 0 ? 'candidate' : 'base'} has values; not compared`);
      continue;
    }
    metrics.push(compareMetric(name, b, c, alpha, tolerance));
  }
  const noiseEstimate = metrics.length > 0 && metrics.every((m) => m.noiseEstimate);
  if (!noiseEstimate && metrics.length > 0) {
    const n = Math.min(base.length, candidate.length);
    notes.unshift(
      `no noise estimate: ${base.length} base and ${candidate.length} candidate run${candidate.length === 1 ? '' : 's'} are too few for the test to tell a change from noise ` +
        `(the smallest p-value they allow is ${formatP(smallestExactPValue(base.length, candidate.length))}, alpha is ${alpha}); ` +
        `the verdict rests on the tolerance of ${tolerance} % alone${n < runsNeeded(alpha) ? `; repeat each side at least ${runsNeeded(alpha)} times (repeat: ${runsNeeded(alpha)})` : ''}`,
    );
  }
  return {
    metrics,
    verdict: metrics.some((m) => m.verdict === 'regression') ? 'regression' : 'ok',
    base: { runs: base.length },
    candidate: { runs: candidate.length },
    alpha,
    maxRegressionPct: tolerance,
    noiseEstimate,
    notes,
  };
}

/** The runs per side (the same on both) that let the test reach alpha: 4 at 0.05. */
export function runsNeeded(alpha: number): number {
  let n = 1;
  while (smallestExactPValue(n, n) > alpha && n < 50) n++;
  return n;
}

function valuesOf(runs: readonly Record<string, number>[], name: string): number[] {
  const values: number[] = [];
  for (const metrics of runs) {
    const v = metrics?.[name];
    if (typeof v === 'number' && Number.isFinite(v)) values.push(v);
  }
  return values;
}

export function compareMetric(
  name: string,
  base: readonly number[],
  candidate: readonly number[],
  alpha: number,
  tolerance: number,
): MetricComparison {
  const better = METRIC_BETTER[name as ThresholdMetric] ?? 'either';
  const b = summarizeSample(base);
  const c = summarizeSample(candidate);
  const changePct = b.median === 0 ? (c.median === 0 ? 0 : null) : (100 * (c.median - b.median)) / Math.abs(b.median);
  const noiseEstimate = smallestExactPValue(base.length, candidate.length) <= alpha;
  const pValue = noiseEstimate ? mannWhitneyU(base, candidate).pValue : null;
  const common = { name, better, base: b, candidate: c, changePct, pValue, noiseEstimate };

  const size = changePct === null ? 'from 0' : `${changePct >= 0 ? '+' : ''}${changePct.toFixed(1)} %`;
  if (changePct !== null && Math.abs(changePct) <= tolerance) {
    return { ...common, verdict: 'within-noise', reason: `the median changed ${size}, within the tolerance of ${tolerance} %` };
  }
  if (pValue !== null && pValue >= alpha) {
    return {
      ...common,
      verdict: 'within-noise',
      reason: `the median changed ${size}, but ${pText(pValue)} (>= ${alpha}): not more than the run-to-run noise`,
    };
  }
  const evidence = pValue !== null ? pText(pValue) : 'no noise estimate';
  const up = changePct === null ? c.median > b.median : changePct > 0;
  if (better === 'either')
    return { ...common, verdict: 'changed', reason: `the median changed ${size} (${evidence}); neither way is worse for ${name}` };
  const worse = (better === 'higher') !== up;
  return {
    ...common,
    verdict: worse ? 'regression' : 'improvement',
    reason: `the median ${up ? 'rose' : 'fell'} ${size} (${evidence}), beyond the tolerance of ${tolerance} %`,
  };
}

/** A p-value for a table: three decimals, or "<0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** "p = 0.008", "p < 0.001". */
export function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/**
 * Config keys whose values differ between the two sides (seeds aside: repeats differ in them by
 * design), each with the values each side has: "workCostMs: lognormal(15,0.5) -> lognormal(18,0.5)".
 */
export function configDifferenceNotes(
  base: readonly Record<string, string | number>[],
  candidate: readonly Record<string, string | number>[],
): string[] {
  const valuesOf = (configs: readonly Record<string, string | number>[], key: string): string[] => [
    ...new Set(configs.map((c) => (c[key] === undefined ? '(none)' : String(c[key])))),
  ];
  const keys = [...new Set([...base, ...candidate].flatMap((c) => Object.keys(c)))].filter((k) => k !== 'seed');
  const notes: string[] = [];
  for (const key of keys) {
    const b = valuesOf(base, key);
    const c = valuesOf(candidate, key);
    if (b.length > 1 || c.length > 1)
      notes.push(`the runs of one side differ in ${key} (base: ${b.join(', ')}; candidate: ${c.join(', ')})`);
    else if (b[0] !== c[0]) notes.push(`the configs differ: ${key} ${b[0]} -> ${c[0]}`);
  }
  return notes;
}
