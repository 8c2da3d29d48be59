// Live charts in a real VS Code: run a scenario cell of notebooks/session6.stressnb (a workspace
// copy, its hot-family cell shortened so the run takes seconds), watch the counter lines stream
// and the charts draw and update in place while the run goes on, save, reopen, and find the
// charts drawn again from the saved outputs without running anything.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import type { FrameLocator } from 'playwright-core';
import { CHARTS_MIME, completedChart, HOT_FAMILY_MARKER, lineMarks, SESSION6, startHotFamilyRun } from './helpers/hotFamilyRun';
import { cellRow, openNotebookAt, scrollIntoView, waitFor } from './helpers/notebookCells';
import { openWorkbench, type Workbench } from './helpers/workbench';

const NOTEBOOK = SESSION6;
const CELL_MARKER = HOT_FAMILY_MARKER;
/** Every line and axis label of the completed chart: a flat line alone can keep its path as the x axis grows. */
const drawnShape = (frame: FrameLocator): Promise<string> =>
  completedChart(frame)
    .locator('svg')
    .evaluate((svg) =>
      Array.from(svg.querySelectorAll('.mark-line path, .role-axis-label text'))
        .map((e) => e.getAttribute('d') ?? e.textContent)
        .join('|'),
    );

test('a running scenario cell streams lines and live charts, which stay in the saved notebook', { timeout: 240_000 }, async () => {
  const workbench: Workbench = await openWorkbench({ settings: { 'stressnb.defaultPace': 'realtime' } });
  try {
    const file = workbench.workspaceFile(NOTEBOOK);
    const { page } = workbench;
    // Counter lines stream in while the run goes (12 s of measure: updates enough to see one in
    // place on a busy machine), and the charts draw, one line per partition, and update in place.
    const frame = await startHotFamilyRun(workbench, { warmupS: 1, measureS: 12, cooldownS: 2 });
    assert.equal(await completedChart(frame).locator('.mark-line').count(), 4);
    // A change of legend (a partition turns hot) redraws the chart once; every other update
    // pours the new data into the drawn view. Look for one such update in place.
    let updatedInPlace = false;
    for (let attempt = 1; attempt <= 4 && !updatedInPlace; attempt++) {
      assert.equal(
        await frame.locator('.stressnb-headline[data-status="running"]').count(),
        1,
        'the run ended before an update in place was seen',
      );
      const svg = completedChart(frame).locator('svg');
      await svg.evaluate((el, n) => el.setAttribute('data-probe', `draw-${n}`), attempt);
      const before = await drawnShape(frame);
      await waitFor(
        'the chart to update during the run',
        () => drawnShape(frame),
        (shape) => shape !== before,
        30_000,
      );
      updatedInPlace = (await completedChart(frame).locator(`svg[data-probe="draw-${attempt}"]`).count()) === 1;
    }
    assert.ok(updatedInPlace, 'the chart was redrawn at every update instead of updated in place (flicker)');
    await workbench.screenshot('charts-running');

    // The run ends with the final lines and the final charts.
    await frame
      .getByText(/■ finished/)
      .first()
      .waitFor({ timeout: 60_000 });
    await waitFor(
      'the hot partition in the legend',
      () => completedChart(frame).locator('text', { hasText: '(hot)' }).count(),
      (n) => n > 0,
      10_000,
    );
    assert.equal(await frame.locator('.stressnb-chart-error').count(), 0);
    for (const id of ['completed', 'enqueued', 'pendingDepth', 'inFlight']) {
      assert.ok((await frame.locator(`figure[data-chart-id="${id}"] .mark-line`).count()) >= 4, `chart ${id} has its lines`);
    }
    // The hot family rejects nothing: that chart is one line saying so.
    assert.match(
      (await frame.locator('figure.stressnb-chart-note[data-chart-id="rejects"]').textContent()) ?? '',
      /none, 0 on every partition/,
    );
    const overflow = await completedChart(frame).evaluate((figure) => {
      const output = (figure.closest('.output') ?? figure.parentElement) as HTMLElement;
      const padRight = parseFloat(getComputedStyle(output).paddingRight) || 0;
      return figure.querySelector('svg')!.getBoundingClientRect().right - (output.getBoundingClientRect().right - padRight);
    });
    assert.ok(overflow <= 1, `the chart is ${overflow}px wider than its output`);
    await scrollIntoView(page, completedChart(frame));
    const finalShot = await workbench.screenshot('charts-final');
    assert.ok(statSync(finalShot).size > 20_000, `the screenshot ${finalShot} looks empty`);

    // Saved with the notebook, once the cell's execution has ended...
    await page.locator('.notebook-toolbar-container .action-label[aria-label="Run All"]').first().waitFor({ timeout: 60_000 });
    await page
      .locator('.notebook-editor')
      .first()
      .click({ position: { x: 5, y: 5 } })
      .catch(() => {});
    await workbench.save();
    const saved = await waitFor(
      'the charts output in the saved file',
      async () => readFileSync(file, 'utf8'),
      (text) => text.includes(CHARTS_MIME),
      20_000,
    );
    assert.match(saved, /p\d \(hot\)/, 'the saved charts carry their data');

    // ...and drawn again when the notebook is reopened, without running anything.
    await workbench.runCommand('View: Close All Editors');
    await page.locator('.notebook-editor').first().waitFor({ state: 'detached', timeout: 20_000 });
    await openNotebookAt(workbench, NOTEBOOK, CELL_MARKER);
    const reopened = workbench.outputFrame();
    await cellRow(page, CELL_MARKER).scrollIntoViewIfNeeded();
    await lineMarks(reopened).first().waitFor({ timeout: 60_000 });
    assert.equal(await completedChart(reopened).locator('.mark-line').count(), 4);
    assert.equal(await reopened.locator('.stressnb-chart-error').count(), 0);
    await scrollIntoView(page, completedChart(reopened));
    await workbench.screenshot('charts-reopened');

    // Save SVG from the output: the extension asks where (VS Code's save dialog) and writes it.
    await completedChart(reopened).getByRole('button', { name: 'Save SVG' }).click();
    const dialogInput = page.locator('.quick-input-widget input');
    await waitFor(
      'the save dialog',
      () => dialogInput.inputValue(),
      (v) => typeof v === 'string' && v.endsWith('stressnb-completed.svg'),
      20_000,
    );
    await page.locator('.quick-input-widget').getByRole('button', { name: 'OK' }).click();
    const savedSvg = workbench.workspaceFile('notebooks/stressnb-completed.svg');
    const svgText = await waitFor(
      'the saved SVG file',
      async () => readFileSync(savedSvg, 'utf8'),
      (t) => typeof t === 'string' && t.length > 0,
      20_000,
    );
    assert.match(svgText, /^<svg[^>]*>[\s\S]*mark-line/);
  } catch (error) {
    await workbench.screenshot('charts-failure').catch(() => {});
    throw error;
  } finally {
    await workbench.close();
  }
});
