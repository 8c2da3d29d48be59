// One probe of a capacity search with the built-in engine, start to end: its spec text (the cell
// without `search:`, the key set to the probe's value), parsed like any cell, run, analysed and
// judged by the search's `until`. Only the result is kept: the tick series is dropped when the
// probe is done.

import { analyzeSearchProbe, combineProbeRuns, failedProbe } from '../analysis/searchProbe';
import type { RunSummary } from '../analysis/reportTypes';
import type { ProbeResult } from '../analysis/searchTypes';
import { TickSeriesBuilder } from '../series/tickSeries';
import { createRun } from '../engine/simulation';
import { errorMessage } from '../contracts/errorMessage';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { SearchPlan } from '../spec/searchPlan';
import { searchProbeSpecText } from '../spec/searchProbeSpec';

/** `baselines`: the pinned baseline of each scenario, for thresholds relative to the baseline. */
export function runSearchProbe(
  search: Pick<SearchPlan, 'text' | 'key' | 'path' | 'placeholder' | 'until'>,
  value: number,
  baselines: Readonly<Record<string, RunSummary>> = {},
): ProbeResult {
  const { spec, problems } = parseScenarioSpec(searchProbeSpecText(search, value));
  if (!spec) {
    const first = problems.find((p) => p.severity === 'error');
    return failedProbe(first ? first.message : 'its spec is invalid');
  }
  // One run per probe. `repeat:` (issue 25) will run the probe's spec that many times here, and
  // combineProbeRuns keeps it sustained only when every repeat sustains.
  const runs: ProbeResult[] = [];
  try {
    const run = createRun({ ...spec, pace: 'fast' });
    const series = new TickSeriesBuilder();
    while (!run.finished) for (const event of run.step()) series.push(event);
    runs.push(analyzeSearchProbe(series.series, { until: search.until, expect: spec.expect, baseline: baselines[spec.scenario] }));
  } catch (error) {
    return failedProbe(`the engine failed: ${errorMessage(error)}`);
  }
  return combineProbeRuns(runs);
}
