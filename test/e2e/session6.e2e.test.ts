// session6 as a user meets it, in code-server and Chromium. Run All logs no warning of the
// renderer in the browser's console (the "Infinite extent" warnings of issue 23 came from every
// chart update); a chart's Save buttons leave its title clear; a clicked sweep point opens as a
// cell that runs. And `npm start -- --web` opens session6 as `npm start` does, with no Git prompt
// for its scratch copy (which lives inside the clone).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { repoRoot } from '../../scripts/lib/codeServerPaths.mjs';
import { cellRow, revealCell, scrollIntoView, waitFor } from './helpers/notebookCells';
import { openWorkbench, resultsDir } from './helpers/workbench';

const SESSION6 = 'notebooks/session6.stressnb';
const SWEEP_MARKER = 'What if: ring size';
const MARKERS = ['Scenario 1: one hot family', 'Scenario 2: 40k tasks', 'Scenario 3: ring of 64', 'Control: a steady', SWEEP_MARKER];
const CELLS = JSON.parse(readFileSync(join(repoRoot, SESSION6), 'utf8')).cells as { source: string }[];
const cellIndex = (marker: string) => CELLS.findIndex((c) => c.source.includes(marker));
const runAllButton = '.notebook-toolbar-container .action-label[aria-label="Run All"]';
const interruptButton = '.notebook-toolbar-container .action-label[aria-label^="Interrupt"]';
/** Where the screenshots that show issue 23 are kept, outside the repository (when set). */
const SHOTS = process.env.STRESSNB_SHOTS_DIR;

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    copyFileSync(file, join(SHOTS, `${name}.png`));
  }
}

/** A warning or an error the notebook renderer (dist/renderer.js, or its "stressnb" messages) wrote to the console. */
function fromRenderer(message: ConsoleMessage): boolean {
  if (message.type() !== 'warning' && message.type() !== 'error') return false;
  return /renderer\.js/.test(message.location().url) || /^stressnb/.test(message.text());
}

test(
  'Run All of session6: no renderer warning in the console; Save buttons clear of the chart title; a clicked sweep point runs',
  { timeout: 600_000 },
  async () => {
    const workbench = await openWorkbench({ viewport: { width: 1600, height: 1000 } });
    const { page } = workbench;
    // Every console message of the page and its frames (the output webview's too).
    const rendererMessages: { type: string; text: string; url: string }[] = [];
    page.on('console', (message) => {
      if (fromRenderer(message)) rendererMessages.push({ type: message.type(), text: message.text(), url: message.location().url });
    });
    try {
      await workbench.openNotebook(SESSION6);
      await page.locator(runAllButton).first().click();
      await page
        .locator(interruptButton)
        .first()
        .waitFor({ timeout: 10_000 })
        .catch(() => {});
      await page.locator(runAllButton).first().waitFor({ timeout: 300_000 });
      for (const marker of MARKERS) {
        await revealCell(page, cellIndex(marker));
        await cellRow(page, marker).locator('.codicon-notebook-state-success').first().waitFor({ timeout: 30_000 });
        // Every output of the cell drawn (the renderer draws what comes into view).
        await page.waitForTimeout(1500);
      }
      const frame = workbench.outputFrame();
      assert.deepEqual(rendererMessages, [], 'the renderer logged no warning and no error during Run All');

      // A chart's Save buttons, shown on hover, sit above its title, not over it.
      await revealCell(page, cellIndex(MARKERS[0]));
      const chart = frame.locator('figure.stressnb-chart[data-chart-id="completed"]').first();
      await scrollIntoView(page, chart);
      await chart.hover();
      const save = chart.locator('.stressnb-chart-actions');
      await waitFor(
        'the Save buttons',
        () => save.evaluate((e) => getComputedStyle(e).opacity),
        (o) => o === '1',
        5_000,
      );
      const [buttons, title] = [await save.boundingBox(), await chart.locator('.role-title-text text').first().boundingBox()];
      assert.ok(buttons && title, 'the buttons and the title are drawn');
      const overlap = !(
        buttons.x + buttons.width <= title.x ||
        title.x + title.width <= buttons.x ||
        buttons.y + buttons.height <= title.y ||
        title.y + title.height <= buttons.y
      );
      assert.ok(!overlap, `the Save buttons ${JSON.stringify(buttons)} cover the title ${JSON.stringify(title)}`);
      await shot(page, 'session6-save-buttons');

      // A click on a point of the sweep's heatmap opens the point as a cell, which runs at once.
      await revealCell(page, cellIndex(SWEEP_MARKER));
      const heatCells = frame.locator('figure[data-chart-id="sweep"] .mark-rect path');
      await heatCells.first().waitFor({ timeout: 30_000 });
      await scrollIntoView(page, frame.locator('figure[data-chart-id="sweep"]'));
      await heatCells.nth(4).click({ position: { x: 6, y: 6 } });
      const opened = cellRow(page, 'Point 5 of 18 of the sweep above');
      await opened.waitFor({ state: 'attached', timeout: 30_000 });
      await opened.locator('.codicon-notebook-state-success').first().waitFor({ timeout: 120_000 });
      assert.doesNotMatch((await opened.textContent()) ?? '', /18 runs/);
      await opened.scrollIntoViewIfNeeded();
      await shot(page, 'session6-sweep-point-ran');
      assert.deepEqual(rendererMessages, [], 'and no warning after');
    } catch (error) {
      await workbench.screenshot('session6-failure').catch(() => {});
      throw error;
    } finally {
      await workbench.close();
    }
  },
);

test(
  'npm start -- --web opens session6 in the web worker host, with no Git prompt for the scratch copy',
  { timeout: 300_000 },
  async () => {
    // A scratch folder inside the clone, as npm start's own is: Git finds the clone above it.
    const scratch = join(repoRoot, 'test-results', `start-web-scratch-${process.pid}`);
    rmSync(scratch, { recursive: true, force: true });
    const npm = spawn(process.execPath, [join(repoRoot, 'scripts', 'start.mjs'), '--web', '--no-build', '--scratch', scratch], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    npm.stdout.on('data', (chunk) => (out += chunk));
    npm.stderr.on('data', (chunk) => (out += chunk));
    const browser = await launchChromium({ viewport: { width: 1600, height: 1000 } });
    const { page } = browser;
    try {
      const ready = await waitFor(
        'npm start -- --web to print the URL',
        async () => out,
        (o) => /http:\/\/127\.0\.0\.1:\d+\/\S+/.test(o),
        120_000,
      );
      assert.match(ready, /web worker extension host/);
      assert.match(ready, /it opens session6\.stressnb/);
      await page.goto(ready.match(/http:\/\/127\.0\.0\.1:\d+\/\S+/)![0], { waitUntil: 'domcontentloaded', timeout: 120_000 });
      await page.locator('.notebook-editor .cell-list-container').first().waitFor({ timeout: 180_000 });
      assert.match((await page.locator('.tabs-container .tab.active').textContent()) ?? '', /session6\.stressnb/);
      await page.locator(runAllButton).first().waitFor({ timeout: 60_000 });
      // Git has had its time to look for repositories.
      await page.waitForTimeout(10_000);
      await shot(page, 'start-web-session6');
      const toasts = (await page.locator('.notifications-toasts').allInnerTexts()).join('\n');
      assert.doesNotMatch(toasts, /git repository was found in the parent folders/i);
    } catch (error) {
      await shot(page, 'start-web-failure').catch(() => {});
      throw new Error(`${(error as Error).message}\nnpm start printed:\n${out}`);
    } finally {
      await browser.close();
      npm.kill('SIGTERM');
      await waitFor(
        'npm start to stop',
        async () => npm.exitCode ?? npm.signalCode,
        (v) => v !== null,
        30_000,
      ).catch(() => npm.kill('SIGKILL'));
      rmSync(scratch, { recursive: true, force: true });
    }
  },
);
