// Repeats and the run history in a real VS Code through Chromium: a repeated cell shows its
// aggregate first and charts the median of its repeats with a min-max band, each repeat's report
// one click away; then Show Run History charts the runs as trends, and picking two runs in its
// quick pick compares them (series overlaid, the table of stressnb compare). Light and dark.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { scrollIntoView, scrollToRow } from './helpers/notebookCells';
import { openWorkbench, type Workbench } from './helpers/workbench';

const NOTEBOOK = 'notebooks/repeats.stressnb';
const REPEATED = 'repeat: 5';
const SLOWER = 'workCostMs: { dist: lognormal, medianMs: 18, sigma: 0.5 }';
const BASE = 'scenario: steady\nhandler: sync\nload: { ratePerS: 200 }\npace: fast\nwarmupS: 2\nmeasureS: 12\ncooldownS: 3\n';
const VIEWPORT = { width: 1400, height: 1000 };

function notebookText(): string {
  return JSON.stringify(
    {
      version: 1,
      metadata: {},
      cells: [
        {
          kind: 'markdown',
          source:
            '# Repeats\n\nA steady control at 200 tasks/s on 4 sync workers, five seeds each: lognormal work cost around 15 ms (it keeps up), then 18 ms (it cannot).',
        },
        { kind: 'scenario', source: `${BASE}workCostMs: { dist: lognormal, medianMs: 15, sigma: 0.5 }\n${REPEATED}\n` },
        { kind: 'scenario', source: `${BASE}${SLOWER}\nseed: 11\n${REPEATED}\n` },
      ],
    },
    null,
    2,
  );
}

/** The output webview on screen (another notebook's stays in the page, hidden). */
function visibleFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

async function toDark(workbench: Workbench): Promise<void> {
  await workbench.runCommand('Preferences: Toggle between Light/Dark Themes');
  await workbench.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
  await workbench.page.waitForTimeout(1500);
}

async function toLight(workbench: Workbench): Promise<void> {
  await workbench.runCommand('Preferences: Toggle between Light/Dark Themes');
  await workbench.page.locator('.monaco-workbench.vs').waitFor({ timeout: 30_000 });
  await workbench.page.waitForTimeout(1500);
}

const bandChart = (frame: FrameLocator): Locator => frame.locator('figure.stressnb-chart[data-chart-id="repeats-completed"]').first();

test('a repeated cell with its band, and the run history with two runs compared', { timeout: 900_000 }, async () => {
  const workbench = await openWorkbench({ viewport: VIEWPORT, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  const { page } = workbench;
  try {
    writeFileSync(workbench.workspaceFile(NOTEBOOK), notebookText());
    await workbench.openNotebook(NOTEBOOK);
    await workbench.runAll();
    const frame = visibleFrame(page);

    // The first repeated cell: the aggregate first, then the median with its min-max band.
    const headline = frame.locator('.stressnb-headline', { hasText: '5/5 · completed/s' }).first();
    await headline.waitFor({ timeout: 300_000 });
    assert.match((await headline.textContent()) ?? '', /PASS\s*5\/5 · completed\/s \d+( \[\d+–\d+\])?\s*steady · 5 repeats · seeds 1–5/);
    await bandChart(frame).locator('g.mark-area path').first().waitFor({ timeout: 60_000 });
    await scrollToRow(page, 'medianMs: 15');
    await scrollIntoView(page, headline);
    await workbench.screenshot('repeats-cell-light');
    // Each repeat's report one click away.
    const fold = frame.locator('details summary', { hasText: 'Repeat 2 · seed 2' }).first();
    await scrollIntoView(page, fold);
    await fold.click();
    await frame
      .locator('details[open] h3', { hasText: /steady \(seed 2\)/ })
      .first()
      .waitFor({ timeout: 20_000 });
    await workbench.screenshot('repeats-cell-repeat-open-light');
    await toDark(workbench);
    await scrollIntoView(page, headline);
    await workbench.screenshot('repeats-cell-dark');

    // The second cell ends too; then the history holds both runs.
    await scrollToRow(page, 'medianMs: 18');
    await frame.locator('.stressnb-headline', { hasText: 'seeds 11–15' }).first().waitFor({ timeout: 300_000 });
    await workbench.screenshot('repeats-second-cell-dark');

    // Show Run History: the trends, then pick the two runs to compare them.
    await toLight(workbench);
    await workbench.runCommand('Stressnb: Show Run History');
    const pick = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await pick.first().waitFor({ timeout: 30_000 });
    assert.equal(await pick.count(), 2, 'the two runs to pick from');
    // A multi-select quick pick: a click on a row checks it.
    for (let i = 0; i < 2; i++) await pick.nth(i).click();
    await page.locator('.quick-input-widget', { hasText: '2 Selected' }).waitFor({ timeout: 10_000 });
    await workbench.screenshot('history-pick-two');
    await page.keyboard.press('Enter');
    // The view opens in a tab of its own; the notebook's editor (and its output webview) is closed.
    await page.locator('.tabs-container .tab', { hasText: 'steady run history' }).first().waitFor({ timeout: 60_000 });
    await workbench.runCommand('View: Close Other Editors in Group');
    await page.waitForTimeout(1000);

    const view = visibleFrame(page);
    const trend = view.locator('figure.stressnb-chart[data-chart-id="trend-completedPerS"]').first();
    await trend.locator('svg, canvas').first().waitFor({ state: 'attached', timeout: 120_000 });
    await scrollIntoView(page, trend);
    await workbench.screenshot('history-trend-light');
    const overlay = view.locator('figure.stressnb-chart[data-chart-id="history-overlay"]').first();
    await overlay.waitFor({ state: 'attached', timeout: 60_000 });
    await scrollIntoView(page, overlay);
    await workbench.screenshot('history-compare-light');
    await toDark(workbench);
    await scrollIntoView(page, trend);
    await workbench.screenshot('history-trend-dark');
    await scrollIntoView(page, overlay);
    await workbench.screenshot('history-compare-dark');
  } catch (error) {
    await workbench.screenshot('repeats-failure').catch(() => undefined);
    throw error;
  } finally {
    await workbench.close();
  }
});
