// A sweep cell's run: parse the cell (its base and its grid), run every point on the host's
// sweep workers (worker threads, one per core: platform.sweeps; the web has none and says so),
// stream the rows into the cell (headline, chart, table), and end with the verdict and the knee.
// Interrupt terminates every worker at once and keeps the rows done. Returns whether every point
// ran and passed; never throws for a problem of the sweep.

import type * as vscode from 'vscode';
import { readBaselineSummary } from '../analysis/baselineSummary';
import type { RunSummary } from '../analysis/reportTypes';
import { sweepMetricColumns } from '../report/sweepTable';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { allBaselines } from './baselines';
import type { CellRunDeps } from './cellRun';
import { errorOutput } from './runOutputItems';
import { LiveSweepOutput } from './liveSweepOutput';
import { cellName, durationText, log } from './log';
import { DESKTOP_ONLY_TITLE } from './sourceRefusal';
import { formatProblems } from './specProblems';

export const SWEEP_NEEDS_DESKTOP =
  'This cell is a sweep (sweep:), whose points run on worker threads of desktop VS Code: VS Code for the Web (vscode.dev, github.dev) runs one scenario at a time. ' +
  'Open the notebook in desktop VS Code, or run stressnb sweep in a terminal; cells without sweep: run here.';

export async function runSweepCell(
  execution: vscode.NotebookCellExecution,
  deps: CellRunDeps,
  registerStop: (stop: () => void) => void,
): Promise<boolean> {
  const { spec, problems, sweep } = parseScenarioSpec(execution.cell.document.getText());
  const cell = cellName(execution.cell);
  if (!spec || !sweep) {
    log.info(`${cell} not run: its scenario spec has errors`);
    await execution.replaceOutput([errorOutput('Scenario spec error', formatProblems(problems))]);
    return false;
  }
  if (!deps.sweeps) {
    log.info(`${cell} not run: a sweep needs desktop VS Code`);
    await execution.replaceOutput([errorOutput(DESKTOP_ONLY_TITLE, SWEEP_NEEDS_DESKTOP)]);
    return false;
  }
  const threads = deps.sweeps.threadsFor(sweep.size);
  const live = new LiveSweepOutput(execution, sweep, {
    throttleMs: deps.settings().throttleMs,
    metrics: sweepMetricColumns(spec.expect),
    threads,
    facts: { hasThresholds: Object.keys(spec.expect).length > 0, scenario: spec.scenario },
  });
  await live.begin();

  const started = Date.now();
  log.info(`sweep started: ${cell}, scenario ${spec.scenario}, ${sweep.size} points on ${threads} worker threads`);
  const running = deps.sweeps.start(sweep, { onRow: (row) => live.add(row), baselines: pinnedSummaries(execution.cell.notebook) });
  registerStop(() => running.stop());
  const result = await running.result;
  const passed = result.rows.filter((r) => r.verdict === 'pass').length;
  const how = result.end.state === 'failed' ? `failed: ${result.end.message}` : result.end.state;
  log.info(
    `sweep ended: ${cell}, ${how}, ${result.rows.length} of ${sweep.size} points run, ${passed} passed, after ${durationText(Date.now() - started)}`,
  );
  await live.finish(result.end, result.rows);
  if (result.end.state === 'failed') await execution.appendOutput(errorOutput('Sweep failed', result.end.message));
  return result.end.state === 'finished' && result.rows.every((r) => r.verdict === 'pass');
}

/** The notebook's pinned baselines that hold a run summary, by scenario (for relative thresholds). */
export function pinnedSummaries(notebook: vscode.NotebookDocument): Record<string, RunSummary> {
  const out: Record<string, RunSummary> = {};
  for (const [scenario, pinned] of Object.entries(allBaselines(notebook))) {
    const read = readBaselineSummary(pinned.summary);
    if (read.ok) out[scenario] = read.summary;
  }
  return out;
}
