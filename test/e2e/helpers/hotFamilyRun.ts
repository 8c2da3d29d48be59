// session6's hot-family cell as the live-run tests use it: a workspace copy of the notebook with
// the cell shortened, run until its lines stream and its charts draw (charts.e2e, web.e2e).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import type { FrameLocator, Locator } from 'playwright-core';
import { openNotebookAt, runCell } from './notebookCells';
import type { Workbench } from './workbench';

export const SESSION6 = 'notebooks/session6.stressnb';
export const HOT_FAMILY_MARKER = 'Scenario 1: one hot family';
export const CHARTS_MIME = 'application/vnd.stressnb.charts+json';

export const completedChart = (frame: FrameLocator): Locator => frame.locator('figure.stressnb-chart[data-chart-id="completed"]');
export const lineMarks = (frame: FrameLocator): Locator => completedChart(frame).locator('.mark-line path');

/** Rewrites the hot-family cell of the workspace copy of session6 to these phase lengths (seconds). */
export function shortenHotFamilyCell(file: string, phases: { warmupS: number; measureS: number; cooldownS: number }): void {
  const notebook = JSON.parse(readFileSync(file, 'utf8'));
  const cell = notebook.cells.find((c: { source: string }) => c.source.includes(HOT_FAMILY_MARKER));
  assert.ok(cell, `no cell containing "${HOT_FAMILY_MARKER}" in ${SESSION6}`);
  const shortened = Object.entries(phases).reduce(
    (source: string, [key, value]) => source.replace(new RegExp(`^${key}: .*$`, 'm'), `${key}: ${value}`),
    cell.source,
  );
  assert.notEqual(shortened, cell.source, 'the hot-family cell has no warmupS/measureS/cooldownS lines to shorten');
  cell.source = shortened;
  writeFileSync(file, JSON.stringify(notebook, null, 2));
}

/**
 * Opens the shortened session6, runs its hot-family cell and waits until the run streams: the
 * running transcript, its table of the latest ticks, and the first chart lines. Returns the output frame.
 */
export async function startHotFamilyRun(
  workbench: Workbench,
  phases: { warmupS: number; measureS: number; cooldownS: number },
): Promise<FrameLocator> {
  shortenHotFamilyCell(workbench.workspaceFile(SESSION6), phases);
  await openNotebookAt(workbench, SESSION6, HOT_FAMILY_MARKER);
  await runCell(workbench, HOT_FAMILY_MARKER);
  const frame = workbench.outputFrame();
  await frame
    .getByText(/▶ running/)
    .first()
    .waitFor({ timeout: 60_000 });
  // The transcript's table of the latest ticks (the per-partition lines are in the full transcript).
  await frame
    .getByText(/offered\/s +completed\/s/)
    .first()
    .waitFor({ timeout: 30_000 });
  await lineMarks(frame).first().waitFor({ timeout: 30_000 });
  return frame;
}
