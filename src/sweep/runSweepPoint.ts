// One point of a sweep, start to end: its spec text (the cell without `sweep:`, the point's values
// set), parsed like any cell, run with the built-in engine, analysed. Only the row is kept: the
// tick series is dropped when the point is done, so a sweep's memory does not grow with its runs.

import { analyzeSweepPoint, failedSweepPoint } from '../analysis/sweepPoint';
import type { RunSummary } from '../analysis/reportTypes';
import type { SweepPointResult } from '../analysis/sweepTypes';
import { TickSeriesBuilder } from '../series/tickSeries';
import { createRun } from '../engine/simulation';
import { errorMessage } from '../contracts/errorMessage';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { SweepAssignment } from '../spec/sweepGrid';
import { sweepPointSpecText } from '../spec/sweepPointSpec';

/** `baselines`: the pinned baseline of each scenario, for thresholds relative to the baseline. */
export function runSweepPoint(
  cellText: string,
  assignments: readonly SweepAssignment[],
  baselines: Readonly<Record<string, RunSummary>> = {},
): SweepPointResult {
  const { spec, problems } = parseScenarioSpec(sweepPointSpecText(cellText, assignments));
  if (!spec) {
    const first = problems.find((p) => p.severity === 'error');
    return failedSweepPoint(first ? first.message : 'its spec is invalid');
  }
  try {
    const run = createRun({ ...spec, pace: 'fast' });
    const series = new TickSeriesBuilder();
    while (!run.finished) for (const event of run.step()) series.push(event);
    return analyzeSweepPoint(series.series, spec.expect, baselines[spec.scenario]);
  } catch (error) {
    return failedSweepPoint(`the engine failed: ${errorMessage(error)}`);
  }
}
