// Reading a run at a glance in a real VS Code, at 1600×1000, in the light and the dark theme:
// a passing and a failing cell put PASS / FAIL first, and the failing one names its hint's rule
// in the first output, in view without scrolling; a typo after a good run keeps the charts and
// the report and shows the error above them; an edited cell's outputs are marked stale.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { openWorkbench, resultsDir, type Workbench } from './helpers/workbench';

// Its first cell passes, its second fails (no-release).
const NOTEBOOK = 'test/fixtures/notebooks/run-outputs.stressnb';
const PASSING_MARKER = 'e2e: a healthy control';
const FAILING_MARKER = 'e2e: a release that never happens';
const VIEWPORT = { width: 1600, height: 1000 };

/** The text of a cell of the notebook (read from the workspace copy). */
function cellSource(workbench: Workbench, marker: string): string {
  const notebook = JSON.parse(readFileSync(workbench.workspaceFile(NOTEBOOK), 'utf8')) as { cells: { source: string }[] };
  const cell = notebook.cells.find((c) => c.source.includes(marker));
  assert.ok(cell, `no cell with "${marker}" in ${NOTEBOOK}`);
  return cell.source;
}

const cellRow = (page: Page, marker: string): Locator =>
  page.locator('.notebook-editor .cell-list-container .monaco-list-row', { hasText: marker }).first();
const headline = (frame: FrameLocator, status: string): Locator => frame.locator(`.stressnb-headline[data-status="${status}"]`).first();

/**
 * Scrolls the notebook until the cell's top is just below the notebook toolbar. (One wheel event
 * moves the notebook about 50 px, whatever its delta.)
 */
async function scrollCellToTop(page: Page, marker: string): Promise<void> {
  // Wheel over the notebook's left margin: the outputs are a webview that may keep the events.
  const list = page.locator('.notebook-editor .cell-list-container').first();
  const box = await list.boundingBox();
  if (box) await page.mouse.move(box.x + 8, box.y + box.height / 2);
  // The cell list is virtualised: look upwards, then downwards, until the row is rendered.
  for (const step of [-600, 600]) {
    for (let i = 0; i < 200 && (await cellRow(page, marker).count()) === 0; i++) {
      await page.mouse.wheel(0, step);
      await page.waitForTimeout(50);
    }
  }
  for (let i = 0; i < 400; i++) {
    const top = (await cellRow(page, marker).boundingBox())?.y;
    if (top !== undefined && Math.abs(top - 130) < 40) return;
    await page.mouse.wheel(0, top === undefined || top < 130 ? -600 : 600);
    await page.waitForTimeout(50);
  }
  throw new Error(`could not bring the cell "${marker}" to the top (see ${await screenshotOf(page, 'run-outputs-scroll-failure')})`);
}

/** Scrolls the notebook until `target` (in the outputs) is in the upper half of the window. */
async function scrollIntoUpperHalf(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const top = (await target.boundingBox())?.y;
    if (top !== undefined && top > 150 && top < VIEWPORT.height / 2) return;
    await page.mouse.wheel(0, top === undefined || top >= VIEWPORT.height / 2 ? 600 : -600);
    await page.waitForTimeout(50);
  }
}

async function screenshotOf(page: Page, name: string): Promise<string> {
  const file = join(resultsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

async function runCell(page: Page, marker: string): Promise<void> {
  const row = cellRow(page, marker);
  await row.hover();
  await row.locator('.run-button-container .action-label[aria-label^="Execute Cell"]').first().click();
}

/** Replaces a cell's text through its editor, as a user would. */
async function setCellText(page: Page, marker: string, text: string): Promise<void> {
  await cellRow(page, marker).locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
}

/** The colour a status word is drawn in, and the theme variable it comes from. */
async function statusColour(frame: FrameLocator, status: string): Promise<{ colour: string; variable: string }> {
  return headline(frame, status)
    .locator('.stressnb-status')
    .evaluate((el, s) => {
      const name = s === 'pass' ? '--vscode-testing-iconPassed' : '--vscode-testing-iconFailed';
      const probe = document.createElement('span');
      probe.style.color = getComputedStyle(document.body).getPropertyValue(name).trim();
      document.body.append(probe);
      const variable = getComputedStyle(probe).color;
      probe.remove();
      return { colour: getComputedStyle(el).color, variable };
    }, status);
}

/** Switches from the light theme to the dark one (workbench.preferredDarkColorTheme, Dark Modern). */
async function switchToDarkTheme(workbench: Workbench): Promise<void> {
  await workbench.runCommand('Preferences: Toggle between Light/Dark Themes');
  await workbench.page.locator('.monaco-workbench.vs-dark').waitFor({ timeout: 30_000 });
  await workbench.page.waitForTimeout(1000);
}

test('a run reads at a glance: verdict first, hint in view, evidence kept, stale marked', { timeout: 480_000 }, async () => {
  const workbench = await openWorkbench({ viewport: VIEWPORT, settings: { 'workbench.colorTheme': 'Default Light Modern' } });
  const { page } = workbench;
  try {
    const passing = cellSource(workbench, PASSING_MARKER);
    const failing = cellSource(workbench, FAILING_MARKER);
    await workbench.openNotebook(NOTEBOOK);
    await workbench.runAll();
    const frame = workbench.outputFrame();

    // Both cells end with their verdict, in words and in the theme's status colours. (The
    // notebook draws the outputs of the cells in view: bring the failing one in.)
    await headline(frame, 'pass').waitFor({ timeout: 90_000 });
    await scrollCellToTop(page, FAILING_MARKER);
    await headline(frame, 'fail').waitFor({ timeout: 90_000 });
    assert.match((await headline(frame, 'pass').locator('.stressnb-status').textContent()) ?? '', /PASS/);
    assert.match((await headline(frame, 'fail').locator('.stressnb-status').textContent()) ?? '', /FAIL/);
    for (const status of ['pass', 'fail']) {
      const { colour, variable } = await statusColour(frame, status);
      assert.equal(colour, variable, `the ${status} word is drawn in the theme's colour`);
    }
    const lightFail = (await statusColour(frame, 'fail')).colour;
    assert.notEqual(lightFail, (await statusColour(frame, 'pass')).colour);

    // The failing cell's first output names the hint's rule, in view with the cell at the top.
    await scrollCellToTop(page, FAILING_MARKER);
    const rule = headline(frame, 'fail').locator('.stressnb-look-label', { hasText: 'release-missing' });
    await rule.waitFor();
    const ruleBox = (await rule.boundingBox())!;
    const rowTop = (await cellRow(page, FAILING_MARKER).boundingBox())!.y;
    assert.ok(ruleBox.y > rowTop && ruleBox.y + ruleBox.height < VIEWPORT.height, `the rule is at y=${ruleBox.y} (cell at ${rowTop})`);
    const firstOutput = await frame.locator('.output').evaluateAll((outputs) =>
      outputs
        .map((o) => ({
          top: o.getBoundingClientRect().top,
          hasFail: !!o.querySelector('.stressnb-headline[data-status="fail"]'),
          text: o.textContent ?? '',
        }))
        .filter((o) => o.top > 0)
        .sort((a, b) => a.top - b.top),
    );
    const failingIndex = firstOutput.findIndex((o) => o.hasFail);
    assert.ok(failingIndex >= 0, 'the failing headline is an output');
    assert.ok(
      !/release-missing/.test(
        firstOutput
          .slice(0, failingIndex)
          .map((o) => o.text)
          .join(''),
      ),
      'no earlier output of the cell holds the rule',
    );
    await workbench.screenshot('run-outputs-light-fail');
    // Its transcript tells the story in a table that fits the output's width.
    const story = frame.getByText(/^\s*3\.5\s+measure .*▶ release-missing p0–3/m).first();
    await scrollIntoUpperHalf(page, story);
    await workbench.screenshot('run-outputs-light-fail-transcript');
    const fit = await story.evaluate((el) => {
      const output = (el.closest('.output') ?? el) as HTMLElement;
      const widest = Array.from(output.querySelectorAll('*')).reduce(
        (w, e) => Math.max(w, (e as HTMLElement).scrollWidth - (e as HTMLElement).clientWidth),
        0,
      );
      return { overflow: widest, width: output.clientWidth, tag: el.tagName, className: el.className };
    });
    assert.ok(fit.overflow <= 1, `the story table overflows its ${fit.width}px output by ${fit.overflow}px (${fit.tag}.${fit.className})`);
    await scrollCellToTop(page, PASSING_MARKER);
    await workbench.screenshot('run-outputs-light-pass');

    await switchToDarkTheme(workbench);
    const darkFail = await statusColour(frame, 'fail');
    assert.equal(darkFail.colour, darkFail.variable);
    await scrollCellToTop(page, FAILING_MARKER);
    await workbench.screenshot('run-outputs-dark-fail');
    await scrollCellToTop(page, PASSING_MARKER);
    await workbench.screenshot('run-outputs-dark-pass');

    // A typo after the good run: the error on top, the charts and the report kept below it.
    const chartsBefore = await frame.locator('figure.stressnb-chart').count();
    await setCellText(page, PASSING_MARKER, passing.replace('partitions: 2', 'partitions: two'));
    await runCell(page, PASSING_MARKER);
    await frame
      .getByText(/Scenario spec error/)
      .first()
      .waitFor({ timeout: 30_000 });
    await frame
      .getByText(/outputs below are from the cell's last run/)
      .first()
      .waitFor();
    assert.equal(await frame.locator('figure.stressnb-chart').count(), chartsBefore, 'the charts are kept');
    assert.equal(await headline(frame, 'pass').count(), 1, 'the verdict of the last good run is kept');
    assert.ok((await frame.getByText(/Scenario checks \(steady\)/).count()) > 0, 'the report is kept');
    // ...and marked as from an earlier version of the cell.
    await headline(frame, 'pass').locator('.stressnb-headline-stale').waitFor({ timeout: 10_000 });
    await cellRow(page, PASSING_MARKER)
      .locator('.cell-statusbar-container', { hasText: 'stale: the cell changed since this run' })
      .waitFor({ timeout: 10_000 });
    await scrollCellToTop(page, PASSING_MARKER);
    await page.waitForTimeout(1500);
    await workbench.screenshot('run-outputs-dark-typo-kept');

    // Editing the failing cell marks its outputs stale; nothing is stale before.
    const failingStatus = cellRow(page, FAILING_MARKER).locator('.cell-statusbar-container');
    await scrollCellToTop(page, FAILING_MARKER);
    assert.equal(await headline(frame, 'fail').locator('.stressnb-headline-stale').count(), 0);
    assert.doesNotMatch((await failingStatus.textContent()) ?? '', /stale/);
    await setCellText(page, FAILING_MARKER, failing.replace('measureS: 10', 'measureS: 12'));
    await headline(frame, 'fail').locator('.stressnb-headline-stale').waitFor({ timeout: 10_000 });
    await failingStatus.filter({ hasText: 'stale: the cell changed since this run' }).waitFor({ timeout: 10_000 });
    await workbench.screenshot('run-outputs-dark-stale');

    // The full transcript is one click away from the headline.
    await headline(frame, 'fail').getByRole('button', { name: 'Full transcript' }).click();
    await page.locator('.tabs-container .tab', { hasText: 'transcript.log' }).first().waitFor({ timeout: 20_000 });
    await page.locator('.monaco-editor .view-line', { hasText: 'partition=3' }).first().waitFor({ timeout: 10_000 });
    await workbench.screenshot('run-outputs-dark-transcript');
  } catch (error) {
    await workbench.screenshot('run-outputs-failure').catch(() => {});
    throw error;
  } finally {
    await workbench.close();
  }
});
