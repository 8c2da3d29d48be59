// The analysis of one probe of a capacity search: the run's own analysis (analyzeSeries, so its
// metrics, checks and hints are those of the probe's single run), judged by the search's `until`:
// `saturated` reads the capacity figures (completed/s short of offered/s beyond the tolerance),
// `fail` the run's verdict. A run that did not finish, or whose counters broke integrity, never
// sustains: its figures cannot be trusted to say that it kept up.

import type { SearchUntil } from '../spec/searchPlan';
import type { Expectations } from '../spec/scenarioSpec';
import { analyzeSeries } from './analyzeRun';
import { behindOn, ratesText } from './capacityWords';
import type { RunReport, RunSummary } from './reportTypes';
import type { ProbeResult } from './searchTypes';
import type { TickSeries } from '../series/seriesTypes';

export interface ProbeAnalysisOptions {
  until: SearchUntil;
  expect: Expectations;
  /** The pinned baseline of the probe's scenario, for thresholds relative to it. */
  baseline?: RunSummary;
  /** The run was stopped or its source failed before it ended. */
  interrupted?: boolean;
}

export function analyzeSearchProbe(series: TickSeries, options: ProbeAnalysisOptions): ProbeResult {
  const report = analyzeSeries(series, {
    expect: options.expect,
    ...(options.baseline ? { baseline: options.baseline } : {}),
    interrupted: options.interrupted === true,
  });
  const c = report.summary.capacity;
  const result: ProbeResult = {
    sustained: false,
    verdict: report.verdict === 'pass' ? 'pass' : 'fail',
    metrics: report.summary.metrics,
    runs: 1,
    ...(c
      ? {
          capacity: {
            offeredPerS: c.total.offeredPerS,
            completedPerS: c.total.completedPerS,
            rejectsPerS: c.total.rejectsPerS,
            saturated: c.saturated,
            saturatedPartitions: c.saturatedPartitions,
          },
        }
      : {}),
  };
  const reason = whyNotSustained(report, options.until);
  if (reason === undefined) result.sustained = true;
  else result.reason = reason;
  return result;
}

function whyNotSustained(report: RunReport, until: SearchUntil): string | undefined {
  const { summary } = report;
  if (report.partial) return `the run did not finish${summary.endReason ? ` (${summary.endReason})` : ''}`;
  if (!summary.integrity.ok)
    return `its counters broke integrity (${summary.integrity.violations[0]?.message ?? 'see its counter-integrity hint'})`;
  const c = summary.capacity;
  if (until === 'saturated') {
    if (!c) return 'no measure window to judge whether it kept up';
    return c.saturated ? `saturated, ${ratesText(c)}, behind on ${behindOn(c)}` : undefined;
  }
  if (report.verdict === 'pass') return undefined;
  const reasons = [
    ...report.thresholds.filter((t) => t.status === 'fail' || t.status === 'error').map((t) => `threshold ${t.message}`),
    ...report.checks.filter((k) => k.status === 'fail').map((k) => `check failed: ${k.title} (${k.reason})`),
    ...report.hints.map((h) => `triage hint ${h.rule}: ${h.message}`),
  ];
  if (reasons.length === 0) return 'the run failed';
  return reasons.length === 1 ? reasons[0] : `${reasons[0]} (and ${reasons.length - 1} more)`;
}

/**
 * One probe of several runs (repeats of the same value): it sustains only when every run does;
 * the reason, metrics and figures are the first run that did not (else the first run).
 */
export function combineProbeRuns(runs: readonly ProbeResult[]): ProbeResult {
  if (runs.length === 0) throw new Error('a probe needs at least one run');
  const failing = runs.find((r) => !r.sustained);
  const shown = failing ?? runs[0];
  const total = runs.reduce((n, r) => n + r.runs, 0);
  const reason =
    failing?.reason !== undefined && runs.length > 1
      ? `${failing.reason} (run ${runs.indexOf(failing) + 1} of ${runs.length})`
      : failing?.reason;
  return {
    ...shown,
    sustained: failing === undefined,
    verdict: runs.every((r) => r.verdict === 'pass') ? 'pass' : 'fail',
    runs: total,
    ...(reason !== undefined ? { reason } : {}),
  };
}

/** A probe that could not run at all. */
export function failedProbe(error: string): ProbeResult {
  return { sustained: false, reason: `it could not run: ${error}`, verdict: 'fail', metrics: {}, runs: 1, error };
}
