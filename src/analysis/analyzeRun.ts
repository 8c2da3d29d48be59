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
import { runFactsOf } from './runFacts';
import { summarizeRun } from './runSummary';
import { checkScenario } from './scenarioChecks';
import { markThresholds } from './relativeThresholds';
import { evaluateThresholds } from './thresholds';
import { buildTickSeries } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';
import { triage } from './triageHints';

export interface AnalyzeOptions {
  /** The cell's thresholds. */
  expect?: Expectations;
  /** The notebook's pinned baseline summary (read defensively: it comes from a file). */
  baseline?: RunSummary;
  /** How the report names the baseline, e.g. "baseline (seed 1)". */
  baselineLabel?: string;
  /** A threshold relative to the baseline with no baseline given is an error, not "not evaluated" (`--strict`). */
  requireBaseline?: boolean;
  /** The run was stopped before it ended (also inferred from a missing or `interrupted` done phase). */
  interrupted?: boolean;
}

export function analyzeRun(events: readonly RunEvent[], options: AnalyzeOptions = {}): RunReport {
  return analyzeSeries(buildTickSeries(events), options);
}

export function analyzeSeries(series: TickSeries, options: AnalyzeOptions = {}): RunReport {
  const reason = series.done?.reason;
  const partial = options.interrupted === true || series.done === undefined || reason === 'interrupted' || reason === 'source-failed';
  const facts = runFactsOf(series);
  const summary = summarizeRun(series, facts, { partial });
  if (options.interrupted === true && summary.endReason === undefined) summary.endReason = 'interrupted';
  const { hints, withheld } = triage(series, facts);
  const checks = withholdChecks(checkScenario(series, summary, hints, facts), facts.integrity);
  const evaluated = evaluateThresholds(options.expect, summary.metrics, {
    metrics: baselineMetrics(options.baseline),
    required: options.requireBaseline,
  });
  const thresholds = withholdThresholds(evaluated, facts.integrity);
  const compared = options.baseline ? compareWithBaseline(summary, options.baseline, options.baselineLabel) : undefined;
  const baseline = compared ? noteDoubtfulMetrics(compared, facts.integrity) : undefined;
  if (baseline) markThresholds(baseline, thresholds);
  const failed =
    hints.length > 0 || checks.some((c) => c.status === 'fail') || thresholds.some((t) => t.status === 'fail' || t.status === 'error');
  return { summary, checks, hints, withheld, thresholds, ...(baseline ? { baseline } : {}), partial, verdict: failed ? 'fail' : 'pass' };
}

/** The baseline's metrics, read defensively (a pinned baseline comes from a file a person may edit). */
function baselineMetrics(baseline: RunSummary | undefined): Record<string, unknown> | undefined {
  const metrics: unknown = (baseline as { metrics?: unknown } | undefined)?.metrics;
  return typeof metrics === 'object' && metrics !== null && !Array.isArray(metrics) ? (metrics as Record<string, unknown>) : undefined;
}
