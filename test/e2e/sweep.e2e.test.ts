// A what-if sweep in a real VS Code through Chromium: run the sweep cell of
// notebooks/session6.stressnb (a workspace copy), watch its table fill in and its heatmap draw,
// hover a cell of the heatmap for its metrics, look at it in a light and a dark theme, and click a
// cell to open that point as a scenario cell below the sweep.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { openWorkbench, type Workbench } from './helpers/workbench';

const NOTEBOOK = 'notebooks/session6.stressnb';
const CELL_MARKER = 'What if: ring size × partitions';

const cellRow = (page: Page, marker: string): Locator =>
  page.locator('.notebook-editor .cell-list-container .monaco-list-row', { hasText: marker }).first();

/**
 * The cell list is virtualised (a row exists once it is revealed) and long: go to the "What if"
 * heading through Go to Symbol (the notebook's outline), then scroll its sweep cell into view.
 */
async function revealSweepCell(page: Page, marker: string): Promise<void> {
  await page.keyboard.press('Control+Shift+O');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill('@What if');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'What if' }).first().waitFor({ timeout: 20_000 });
  await input.press('Enter');
  const list = page.locator('.notebook-editor .cell-list-container').first();
  const box = await list.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 30 && (await cellRow(page, marker).count()) === 0; i++) {
    await page.mouse.wheel(0, 300);
    await page.waitForTimeout(300);
  }
  await cellRow(page, marker).waitFor({ state: 'attached', timeout: 10_000 });
  for (let i = 0; i < 20; i++) {
    const top = (await cellRow(page, marker).boundingBox())?.y ?? 0;
    if (top < 300) break;
    await page.mouse.wheel(0, Math.min(400, top - 200));
    await page.waitForTimeout(200);
  }
}

/** Scrolls the notebook until `target` (in the output webview) sits in the upper part of the editor. */
async function scrollIntoView(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const top = (await target.boundingBox())?.y;
    if (top === undefined || (top > 140 && top < 360)) return;
    await page.mouse.wheel(0, top < 140 ? -200 : Math.min(600, top - 240));
    await page.waitForTimeout(150);
  }
}

const sweepChart = (frame: FrameLocator): Locator => frame.locator('figure.stressnb-chart[data-chart-id="sweep"]');
/** The heatmap's cells: the first rect layer (the second outlines failing points). */
const heatCells = (frame: FrameLocator): Locator => sweepChart(frame).locator('g.mark-rect').first().locator('path');

test('a sweep cell streams its table, draws its heatmap, shows a point on hover and opens it as a cell', { timeout: 300_000 }, async () => {
  const workbench: Workbench = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  try {
    const { page } = workbench;
    await workbench.openNotebook(NOTEBOOK);
    await revealSweepCell(page, CELL_MARKER);
    const row = cellRow(page, CELL_MARKER);
    await row.hover();
    await row.locator('.run-button-container .action-label[aria-label^="Execute Cell"]').first().click();

    const frame = workbench.outputFrame();
    // The table fills in while the points finish, then the verdict and the knee.
    await frame
      .getByText(/Points \(\d+ of 18\)/)
      .first()
      .waitFor({ timeout: 120_000 });
    await frame
      .getByText(/Sweep: 18 points/)
      .first()
      .waitFor({ timeout: 120_000 });
    await frame
      .getByText(/rejects fall to 0 from ringBufferSize 512 with partitions 8/)
      .first()
      .waitFor({ timeout: 10_000 });
    await frame.getByText('Points (18 of 18)').first().waitFor({ timeout: 10_000 });
    // The sweep's table (the session's notes have tables of their own).
    const tableRows = frame
      .locator('table')
      .filter({ has: frame.locator('th', { hasText: /^verdict$/ }) })
      .locator('tbody tr');
    assert.equal(await tableRows.count(), 18);

    // The heatmap: a cell per point, values written in, no drawing error.
    await heatCells(frame).first().waitFor({ timeout: 30_000 });
    assert.equal(await heatCells(frame).count(), 18);
    assert.equal(await frame.locator('.stressnb-chart-error').count(), 0);
    assert.ok((await sweepChart(frame).locator('text', { hasText: '93.4' }).count()) > 0, 'values are written in the cells');
    assert.equal(await sweepChart(frame).locator('select').inputValue(), 'rejectPct');

    // Hovering a cell shows its point and metrics.
    await scrollIntoView(page, sweepChart(frame));
    await heatCells(frame)
      .nth(4)
      .hover({ position: { x: 6, y: 6 } }); // a corner: the value written in the middle is a mark of its own
    const tooltip = frame.locator('.stressnb-tooltip');
    await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
    const tip = await tooltip.innerText(); // a row per field: name, tab, value
    assert.match(tip, /point\s+5\b/);
    assert.match(tip, /ringBufferSize\s+128\b/);
    assert.match(tip, /partitions\s+4\b/);
    assert.match(tip, /rejectPct\s+\S/);
    const light = await workbench.screenshot('sweep-light');
    assert.ok(statSync(light).size > 20_000, `the screenshot ${light} looks empty`);

    // Another metric colours the same cells.
    await sweepChart(frame).locator('select').selectOption('completedPerS');
    await sweepChart(frame)
      .locator('text', { hasText: /^completedPerS by/ })
      .first()
      .waitFor({ timeout: 10_000 });

    // The dark theme redraws it in the editor's colours.
    await workbench.runCommand('Preferences: Toggle between Light/Dark Themes');
    await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 20_000 });
    await heatCells(frame).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);
    await scrollIntoView(page, sweepChart(frame));
    await heatCells(frame)
      .nth(4)
      .hover({ position: { x: 6, y: 6 } }); // a corner: the value written in the middle is a mark of its own
    await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
    await workbench.screenshot('sweep-dark');

    // A click on a cell opens its point as a scenario cell below the sweep.
    await heatCells(frame)
      .nth(4)
      .click({ position: { x: 6, y: 6 } });
    const opened = cellRow(page, 'Point 5 of 18 of the sweep above');
    await opened.waitFor({ state: 'attached', timeout: 20_000 });
    await opened.scrollIntoViewIfNeeded();
    assert.match((await opened.textContent()) ?? '', /ringBufferSize:\s128/); // Monaco draws spaces as no-break spaces
    await workbench.screenshot('sweep-point-opened');
  } catch (error) {
    await workbench.screenshot('sweep-failure').catch(() => {});
    throw error;
  } finally {
    await workbench.close();
  }
});
