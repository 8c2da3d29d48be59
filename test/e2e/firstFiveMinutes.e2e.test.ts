// A newcomer's first five minutes, as they would go: `npm start`, open the URL it prints (Chromium
// at 1600×1000), find session6.stressnb open (a scratch copy: the tracked sample never changes),
// run a cell with Shift+Enter as the notebook says, Run All with the default settings (every cell
// finishes and passes; the wall time is printed, not asserted), hover a chart for its values in
// the dark and the light theme (screenshots in test-results/), then stop `npm start` with SIGTERM
// or Ctrl-C and find code-server and everything it started gone.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { repoRoot } from '../../scripts/lib/codeServerPaths.mjs';
import { cellRow, revealCell, waitFor } from './helpers/notebookCells';
import { resultsDir, runCommand } from './helpers/workbench';

const SAMPLE = join(repoRoot, 'notebooks', 'session6.stressnb');
const MARKERS = [
  'Scenario 1: one hot family',
  'Scenario 2: 40k tasks',
  'Scenario 3: ring of 64',
  'Control: a steady',
  'What if: ring size',
  'How much can it take: the highest',
];
/** Index of the cell whose source contains each marker. */
const CELL_OF = new Map(
  MARKERS.map((marker) => [
    marker,
    (JSON.parse(readFileSync(SAMPLE, 'utf8')).cells as { source: string }[]).findIndex((c) => c.source.includes(marker)),
  ]),
);
const runAllButton = '.notebook-toolbar-container .action-label[aria-label="Run All"]';
const interruptButton = '.notebook-toolbar-container .action-label[aria-label^="Interrupt"]';

interface Started {
  npm: ChildProcess;
  url: string;
  /** code-server's process group. */
  codeServerGroup: number;
  output: () => string;
}

/** `npm start` in its own process group (as a terminal runs it), on a scratch folder of the test's own. */
async function npmStart(scratch: string): Promise<Started> {
  const npm = spawn('npm', ['start', '--', '--no-build', '--scratch', scratch], {
    cwd: repoRoot,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  npm.stdout!.on('data', (chunk) => (out += chunk));
  npm.stderr!.on('data', (chunk) => (out += chunk));
  const ready = await waitFor(
    'npm start to print the URL',
    async () => out,
    (o) => /process group \d+/.test(o) && /http:\/\/127\.0\.0\.1:\d+\/\S+/.test(o),
    120_000,
  ).catch((e) => {
    npm.kill('SIGKILL');
    throw new Error(`${e.message}\n${out}`);
  });
  return {
    npm,
    url: ready.match(/http:\/\/127\.0\.0\.1:\d+\/\S+/)![0],
    codeServerGroup: Number(ready.match(/process group (\d+)/)![1]),
    output: () => out,
  };
}

/** Which kind of theme the workbench shows now. */
const themeKind = async (page: Page): Promise<'dark' | 'light'> =>
  (await page.locator('.monaco-workbench.vs-dark').count()) > 0 ? 'dark' : 'light';

/** Switches between the preferred light and dark themes (Light Modern, Dark Modern), as a user would. */
async function toggleTheme(page: Page): Promise<void> {
  const next = (await themeKind(page)) === 'dark' ? 'vs' : 'vs-dark';
  await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
  await page.locator(`.monaco-workbench.${next}`).first().waitFor({ timeout: 30_000 });
}

const groupAlive = (group: number): boolean => {
  try {
    process.kill(-group, 0);
    return true;
  } catch {
    return false;
  }
};

async function expectAllGone(started: Started, how: string): Promise<void> {
  const groups = [started.npm.pid!, started.codeServerGroup];
  await waitFor(
    `${how} to stop npm start, code-server and everything they started`,
    async () => groups.filter(groupAlive),
    (alive) => alive.length === 0,
    20_000,
  );
}

const outputFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');

/** Scrolls down from the selected cell to the first completed/s chart in view, hovers its line and returns the tooltip's text. */
async function hoverChart(page: Page): Promise<string> {
  const frame = outputFrame(page);
  const charts = frame.locator('figure[data-chart-id="completed"]');
  const inView = async () => {
    for (let i = 0; i < (await charts.count()); i++) {
      const top = (await charts.nth(i).boundingBox())?.y;
      if (top !== undefined && top > 120 && top < 500) return charts.nth(i);
    }
    return undefined;
  };
  const list = (await page.locator('.notebook-editor .cell-list-container').first().boundingBox())!;
  await page.mouse.move(list.x + 8, list.y + list.height / 2);
  let chart = await inView();
  for (let i = 0; i < 40 && !chart; i++) {
    await page.mouse.wheel(0, 250);
    await page.waitForTimeout(200);
    chart = await inView();
  }
  assert.ok(chart, 'a completed/s chart below the selected cell');
  const line = chart.locator('.mark-line path').first();
  const box = (await line.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width * 0.4 + 3, box.y + box.height / 2);
  const tooltip = frame.locator('.stressnb-tooltip');
  await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
  return tooltip.innerText();
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  await page.screenshot({ path: join(resultsDir, `${name}.png`) });
}

test(
  'npm start opens session6 from a scratch copy; Run All with the defaults passes; charts explain on hover; SIGTERM to npm stops everything',
  { timeout: 420_000 },
  async () => {
    const sampleBefore = readFileSync(SAMPLE);
    const scratch = mkdtempSync(join(tmpdir(), 'stressnb-start-'));
    const started = await npmStart(scratch);
    const browser = await launchChromium({ viewport: { width: 1600, height: 1000 } });
    const { page } = browser;
    try {
      // The URL opens the sample in the notebook editor, from the scratch copy.
      await page.goto(started.url, { waitUntil: 'domcontentloaded', timeout: 120_000 });
      await page.locator('.notebook-editor .cell-list-container').first().waitFor({ timeout: 180_000 });
      const tab = page.locator('.tabs-container .tab.active');
      assert.match((await tab.textContent()) ?? '', /session6\.stressnb/);
      assert.ok((await page.title()).includes(basename(scratch)), `the scratch folder is the window's: ${await page.title()}`);
      await page.locator(runAllButton).first().waitFor({ timeout: 60_000 });
      await screenshot(page, 'first-five-minutes-open');

      // Shift+Enter in a scenario cell runs it, as the notebook's introduction says.
      await revealCell(page, CELL_OF.get(MARKERS[3])!);
      await cellRow(page, MARKERS[3]).locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Shift+Enter');
      await cellRow(page, MARKERS[3]).locator('.codicon-notebook-state-success').first().waitFor({ timeout: 60_000 });

      // Run All with the default settings (pace 10x): every scenario cell finishes and passes.
      const runAllStarted = Date.now();
      await page.locator(runAllButton).first().click();
      await page
        .locator(interruptButton)
        .first()
        .waitFor({ timeout: 10_000 })
        .catch(() => {});
      await page.locator(runAllButton).first().waitFor({ timeout: 120_000 });
      console.log(
        `Run All of session6 with default settings, in the browser: ${((Date.now() - runAllStarted) / 1000).toFixed(1)} s wall time`,
      );
      for (const marker of MARKERS) {
        await revealCell(page, CELL_OF.get(marker)!);
        const row = cellRow(page, marker);
        await row.locator('.codicon-notebook-state-success').first().waitFor({ timeout: 10_000 });
        assert.equal(await row.locator('.codicon-notebook-state-error').count(), 0, `${marker}: not failed`);
      }

      // Values on hover, in the theme the workbench starts in and in the other one.
      for (const step of [0, 1]) {
        if (step === 1) {
          await toggleTheme(page);
          await page.waitForTimeout(1500); // the renderer redraws in the new theme
        }
        await revealCell(page, CELL_OF.get(MARKERS[0])!);
        assert.match(await hoverChart(page), /partition\s+p\d[\s\S]*t \(s\)\s+[\d.]+[\s\S]*completed\/s\s+[\d,.]+/);
        await screenshot(page, `first-five-minutes-tooltip-${await themeKind(page)}`);
      }
    } catch (error) {
      await screenshot(page, 'first-five-minutes-failure').catch(() => {});
      console.error(started.output());
      throw error;
    } finally {
      await browser.close();
      // SIGTERM to npm itself, not to its process group.
      started.npm.kill('SIGTERM');
      await expectAllGone(started, 'SIGTERM to npm');
      rmSync(scratch, { recursive: true, force: true });
    }
    assert.deepEqual(readFileSync(SAMPLE), sampleBefore, 'the tracked notebooks/session6.stressnb is unchanged');
  },
);

test('Ctrl-C to npm start stops code-server and everything it started', { timeout: 180_000 }, async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'stressnb-start-'));
  try {
    const started = await npmStart(scratch);
    assert.ok(groupAlive(started.codeServerGroup));
    // A terminal's Ctrl-C: SIGINT to the foreground process group (npm, its shell, the script).
    process.kill(-started.npm.pid!, 'SIGINT');
    await expectAllGone(started, 'Ctrl-C');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
