// A run that did not finish reads as such in a real VS Code, in the light and the dark theme: a
// command cell whose harness exits with status 3 halfway ends with the headline INCOMPLETE and
// its reason, drawn in the theme's warning colour, never PASS or FAIL (issue 22). Screenshots
// incomplete-headline-light.png and incomplete-headline-dark.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { openWorkbench, type Workbench } from './helpers/workbench';

const NOTEBOOK = 'test/fixtures/notebooks/incomplete-run.stressnb';
const VIEWPORT = { width: 1600, height: 1000 };

/** The INCOMPLETE word's colour, and that of the theme's warning variable it is drawn in. */
/**
 * The INCOMPLETE headline's colours: its status word's box in the theme's warning colour as it is, the
 * word in that colour mixed towards black or white for 4.5:1 contrast (media/headlineStyles.ts).
 */
async function statusColour(frame: FrameLocator): Promise<{ word: string; border: string; warning: string; warningText: string }> {
  return frame
    .locator('.stressnb-headline[data-status="incomplete"]')
    .first()
    .evaluate((headline) => {
      // Each colour as the browser computes it, read from a probe inside the headline (where --status-text resolves).
      const [warning, warningText] = [
        getComputedStyle(document.body).getPropertyValue('--vscode-editorWarning-foreground').trim(),
        'var(--status-text)',
      ].map((css) => {
        const probe = document.createElement('span');
        probe.style.color = css;
        headline.append(probe);
        const colour = getComputedStyle(probe).color;
        probe.remove();
        return colour;
      });
      const word = getComputedStyle(headline.querySelector('.stressnb-status')!);
      return {
        word: word.color,
        border: word.borderTopColor,
        warning,
        warningText,
      };
    });
}

/** Scrolls the notebook down and back: the editor lays the outputs out again once the charts are drawn. */
async function settleLayout(workbench: Workbench): Promise<void> {
  const { page } = workbench;
  const box = await page.locator('.notebook-editor .cell-list-container').first().boundingBox();
  if (box) await page.mouse.move(box.x + 8, box.y + box.height / 2);
  for (const step of [600, -600]) {
    await page.mouse.wheel(0, step);
    await page.waitForTimeout(500);
  }
}

async function switchToDarkTheme(workbench: Workbench): Promise<void> {
  await workbench.runCommand('Preferences: Toggle between Light/Dark Themes');
  await workbench.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
  await workbench.page.waitForTimeout(1000);
}

test(
  'a harness that exits 3 halfway: INCOMPLETE with its reason, in the warning colour, light and dark',
  { timeout: 300_000 },
  async () => {
    const workbench = await openWorkbench({ viewport: VIEWPORT, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
    try {
      await workbench.openNotebook(NOTEBOOK);
      await workbench.runAll();
      const frame = workbench.outputFrame();
      const headline = frame.locator('.stressnb-headline[data-status="incomplete"]').first();
      await headline.waitFor({ timeout: 90_000 });
      assert.equal((await headline.locator('.stressnb-status').textContent())?.trim(), '■ INCOMPLETE');
      assert.match((await headline.textContent()) ?? '', /the run failed: command `node` exited with status 3/);
      assert.equal(await frame.locator('.stressnb-headline[data-status="pass"], .stressnb-headline[data-status="fail"]').count(), 0);
      const light = await statusColour(frame);
      assert.equal(light.border, light.warning, "INCOMPLETE is marked in the theme's warning colour");
      assert.equal(light.word, light.warningText, 'its word in that colour, mixed for contrast');
      assert.notEqual(light.word, light.warning, 'mixed towards black on a light theme');
      // The report is laid out below the charts once the editor has measured them.
      await frame
        .getByText(/Scenario checks/)
        .first()
        .waitFor();
      await settleLayout(workbench);
      // The outputs stack (headline, error, charts, report, transcript): none is drawn over another.
      const boxes = await frame.locator('body').evaluate((body) =>
        Array.from(body.querySelectorAll('.output'))
          .map((o) => o.getBoundingClientRect())
          .filter((r) => r.height > 0)
          .map((r) => ({ top: Math.round(r.top), bottom: Math.round(r.bottom) }))
          .sort((x, y) => x.top - y.top),
      );
      assert.ok(boxes.length >= 4, JSON.stringify(boxes));
      for (let i = 1; i < boxes.length; i++)
        assert.ok(boxes[i].top >= boxes[i - 1].bottom - 1, `output ${i + 1} starts inside output ${i}: ${JSON.stringify(boxes)}`);
      await workbench.screenshot('incomplete-headline-light');

      await switchToDarkTheme(workbench);
      await settleLayout(workbench);
      const dark = await statusColour(frame);
      assert.equal(dark.border, dark.warning);
      assert.equal(dark.word, dark.warningText);
      assert.notEqual(dark.word, light.word, 'the colour follows the theme');
      await workbench.screenshot('incomplete-headline-dark');
    } finally {
      await workbench.close();
    }
  },
);
