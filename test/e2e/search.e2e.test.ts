// A capacity search in a real VS Code through Chromium: run the "How much can it take" cell of
// notebooks/session6.stressnb (a workspace copy), read its answer line, see its chart draw every
// probe with the boundary marked, hover a probe for its figures, look at it in a light and a dark
// theme, and click a probe to open it as a scenario cell below the search.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { repoRoot } from '../../scripts/lib/codeServerPaths.mjs';
import { cellRow, revealCell, runCell, scrollIntoView } from './helpers/notebookCells';
import { openWorkbench, type Workbench } from './helpers/workbench';

const NOTEBOOK = 'notebooks/session6.stressnb';
const CELL_MARKER = 'How much can it take: the highest';
const CELL_INDEX = (JSON.parse(readFileSync(join(repoRoot, NOTEBOOK), 'utf8')).cells as { source: string }[]).findIndex((c) =>
  c.source.includes(CELL_MARKER),
);

const searchChart = (frame: FrameLocator): Locator => frame.locator('figure.stressnb-chart[data-chart-id="search"]');
/** The probes drawn on the chart (the legend has symbols of its own). */
const probePoints = (frame: FrameLocator): Locator => searchChart(frame).locator('g.mark-symbol.role-mark path');

test(
  'a search cell answers first, charts every probe with the boundary, shows a probe on hover and opens it as a cell',
  { timeout: 300_000 },
  async () => {
    const workbench: Workbench = await openWorkbench({ settings: { 'workbench.colorTheme': 'Default Light Modern' } });
    try {
      const { page } = workbench;
      await workbench.openNotebook(NOTEBOOK);
      assert.ok(CELL_INDEX > 0);
      await revealCell(page, CELL_INDEX);
      await runCell(workbench, CELL_MARKER);

      const frame = workbench.outputFrame();
      // The answer comes first, in words.
      const answer = frame
        .getByText(/^✓ Sustains load\.ratePerS [\d,]+ tasks\/s \([\d,.]+\/s completed\); first fails at [\d,]+ tasks\/s: saturated, /)
        .first();
      await answer.waitFor({ timeout: 120_000 });
      await frame
        .getByText(/the boundary lies between [\d,]+ and [\d,]+ \([\d.]+ % apart; precision 5 %\)/)
        .first()
        .waitFor({ timeout: 10_000 });
      const table = frame
        .locator('table')
        .filter({ has: frame.locator('th', { hasText: /^why not$/ }) })
        .locator('tbody tr');
      const probes = await table.count();
      assert.ok(probes >= 4, `${probes} probes`);

      // The chart: a point per probe, the boundary labelled, no drawing error; rejects said in a line.
      await probePoints(frame).first().waitFor({ timeout: 30_000 });
      assert.equal(await probePoints(frame).count(), probes);
      assert.equal(await frame.locator('.stressnb-chart-error').count(), 0);
      assert.ok(
        (await searchChart(frame)
          .locator('text', { hasText: /^sustains [\d,]+ · fails at [\d,]+$/ })
          .count()) > 0,
        'the boundary is labelled',
      );
      await frame
        .getByText(/0 % at every probe/)
        .first()
        .waitFor({ timeout: 10_000 });

      // Hovering the first failure shows why it failed.
      await scrollIntoView(page, answer);
      const failure = Number(((await answer.innerText()).match(/first fails at ([\d,]+)/)?.[1] ?? '').replace(/,/g, ''));
      const points = await probePoints(frame).all();
      const failed = points[points.length - 1]; // the last point is the top of the range, which failed
      await failed.hover();
      const tooltip = frame.locator('.stressnb-tooltip');
      await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
      const tip = await tooltip.innerText();
      assert.match(tip, /load\.ratePerS\s+400\b/);
      assert.match(tip, /sustained\?\s+failed/);
      assert.match(tip, /why not\s+saturated, /);
      await page.mouse.move(5, 5);
      await tooltip.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
      const light = await workbench.screenshot('search-light');
      assert.ok(statSync(light).size > 20_000, `the screenshot ${light} looks empty`);
      assert.ok(failure > 0);

      // The dark theme redraws it in the editor's colours.
      await workbench.runCommand('Preferences: Toggle between Light/Dark Themes');
      await page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 20_000 });
      await probePoints(frame).first().waitFor({ timeout: 30_000 });
      await page.waitForTimeout(800);
      await scrollIntoView(page, answer);
      await workbench.screenshot('search-dark');

      // A click on a probe opens it as a scenario cell below the search.
      await probePoints(frame).first().click();
      const opened = cellRow(page, 'of the search above: load.ratePerS 50');
      await opened.waitFor({ state: 'attached', timeout: 20_000 });
      await opened.scrollIntoViewIfNeeded();
      assert.match((await opened.textContent()) ?? '', /ratePerS:\s50\b/); // Monaco draws spaces as no-break spaces
      await workbench.screenshot('search-probe-opened');
    } catch (error) {
      await workbench.screenshot('search-failure').catch(() => {});
      throw error;
    } finally {
      await workbench.close();
    }
  },
);
