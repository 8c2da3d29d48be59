// The whole analysis of one run: tick series -> summary, scenario checks, triage hints,
// thresholds and the comparison with a baseline. Works on any run's events: the engine's, or
// counter lines parsed from a real scheduler. The run's facts (runFacts.ts: counter integrity,
// stalls, windows, drain) are computed once and shared by every part; whatever rests on a counter
// that broke integrity is withheld (evidenceTrust.ts).

import type { RunEvent } from '../format/runEvents';
import type { Expectations } from '../spec/scenarioSpec';
import { compareWithBaseline } from './baselineComparison';
import { noteDoubtfulMetrics, withholdChecks, withholdThresholds } from './evidenceTrust';
import type { RunReport, RunSummary } from './reportTypes';
import { incompleteRun } from './runCompleteness';
import { runFactsOf } from './runFacts';
import { summarizeRun } from './runSummary';
import { checkScenario } from './scenarioChecks';
import { markThresholds } from './relativeThresholds';
import { evaluateThresholds } from './thresholds';
import { buildTickSeries } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';
import { triage } from './triageHints';

export interface AnalyzeOptions {
  /** The cell's thresholds, over the ones the stream carried (series.expect), metric by metric. */
  expect?: Expectations;
  /** The notebook's pinned baseline summary (read defensively: it comes from a file). */
  baseline?: RunSummary;
  /** How the report names the baseline, e.g. "baseline (seed 1)". */
  baselineLabel?: string;
  /** A threshold relative to the baseline with no baseline given is an error, not "not evaluated" (`--strict`). */
  requireBaseline?: boolean;
  /** The run was stopped before it ended (also inferred from a missing or `interrupted` done phase). */
  interrupted?: boolean;
  /** Why the run's source (or the engine) failed, when it did: said with the incomplete reason. */
  failure?: string;
}

export function analyzeRun(events: readonly RunEvent[], options: AnalyzeOptions = {}): RunReport {
  return analyzeSeries(buildTickSeries(events), options);
}

export function analyzeSeries(series: TickSeries, options: AnalyzeOptions = {}): RunReport {
  const incomplete = incompleteRun(series, options);
  // The figures cover only part of the run when it stopped early (missing ticks in between do not cut it short).
  const partial = incomplete !== undefined && incomplete.cause !== 'missing-ticks' && incomplete.cause !== 'no-ticks';
  const facts = runFactsOf(series);
  const summary = summarizeRun(series, facts, { partial });
  if (options.interrupted === true && summary.endReason === undefined) summary.endReason = 'interrupted';
  const { hints, withheld } = triage(series, facts);
  const checks = withholdChecks(checkScenario(series, summary, hints, facts), facts.integrity);
  const expect = series.expect || options.expect ? { ...series.expect, ...options.expect } : undefined;
  const evaluated = evaluateThresholds(
    expect,
    summary.metrics,
    { metrics: baselineMetrics(options.baseline), required: options.requireBaseline },
    summary.unmeasured,
  );
  const thresholds = withholdThresholds(evaluated, facts.integrity);
  const compared = options.baseline ? compareWithBaseline(summary, options.baseline, options.baselineLabel) : undefined;
  const baseline = compared ? noteDoubtfulMetrics(compared, facts.integrity) : undefined;
  if (baseline) markThresholds(baseline, thresholds);
  const failed =
    hints.length > 0 || checks.some((c) => c.status === 'fail') || thresholds.some((t) => t.status === 'fail' || t.status === 'error');
  // A failure found is a failure, finished or not; a run that did not finish and failed nothing is incomplete.
  const verdict = failed ? 'fail' : incomplete ? 'incomplete' : 'pass';
  return {
    summary,
    checks,
    hints,
    withheld,
    thresholds,
    ...(baseline ? { baseline } : {}),
    partial,
    ...(incomplete ? { incomplete } : {}),
    verdict,
  };
}

/** The baseline's metrics, read defensively (a pinned baseline comes from a file a person may edit). */
function baselineMetrics(baseline: RunSummary | undefined): Record<string, unknown> | undefined {
  const metrics: unknown = (baseline as { metrics?: unknown } | undefined)?.metrics;
  return typeof metrics === 'object' && metrics !== null && !Array.isArray(metrics) ? (metrics as Record<string, unknown>) : undefined;
}
