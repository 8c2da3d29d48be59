// VS Code for the Web in Chromium: code-server runs the extension's `browser` bundle in the
// browser's web worker extension host (the host of vscode.dev and github.dev; forced with the
// user setting remote.extensionKind). session6's hot-family cell (shortened in the workspace copy)
// runs there: its counter lines stream, its charts draw, the verdict comes; saved and reopened,
// the notebook shows its charts again from the saved outputs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { CHARTS_MIME, completedChart, HOT_FAMILY_MARKER, lineMarks, SESSION6, startHotFamilyRun } from './helpers/hotFamilyRun';
import { cellRow, openNotebookAt, scrollIntoView, waitFor } from './helpers/notebookCells';
import { openWorkbench, type Workbench } from './helpers/workbench';

const NOTEBOOK = SESSION6;
const CELL_MARKER = HOT_FAMILY_MARKER;

/** "Developer: Show Running Extensions" names the host each extension runs in. */
async function extensionHostOfStressnb(workbench: Workbench): Promise<string> {
  await workbench.runCommand('Developer: Show Running Extensions');
  const row = workbench.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'stressnb' }).first();
  await row.waitFor({ timeout: 30_000 });
  await workbench.screenshot('web-running-extensions');
  return (await row.innerText()).replace(/\s+/g, ' ');
}

test(
  'VS Code for the Web: session6 runs in the web worker extension host, streams, charts, and reopens with its charts',
  { timeout: 300_000 },
  async () => {
    const workbench = await openWorkbench({ extensionHost: 'web', settings: { 'stressnb.defaultPace': 'realtime' } });
    try {
      const file = workbench.workspaceFile(NOTEBOOK);
      const { page } = workbench;
      // Lines stream and charts draw while the run goes.
      const frame = await startHotFamilyRun(workbench, { warmupS: 1, measureS: 4, cooldownS: 1 });
      await workbench.screenshot('web-running');

      // The run ends with its final lines, its charts and the verdict.
      await frame
        .getByText(/■ finished/)
        .first()
        .waitFor({ timeout: 60_000 });
      const verdict = frame.locator('h3', { hasText: /^(✓|✗) / }).first();
      await verdict.waitFor({ timeout: 30_000 });
      for (const id of ['completed', 'enqueued', 'pendingDepth', 'inFlight']) {
        assert.ok((await frame.locator(`figure[data-chart-id="${id}"] .mark-line`).count()) >= 4, `chart ${id} has its lines`);
      }
      // The hot family rejects nothing: that chart is one line saying so.
      assert.match(
        (await frame.locator('figure.stressnb-chart-note[data-chart-id="rejects"]').textContent()) ?? '',
        /none, 0 on every partition/,
      );
      assert.equal(await frame.locator('.stressnb-chart-error').count(), 0);
      await scrollIntoView(page, completedChart(frame));
      const shot = await workbench.screenshot('web-final');
      assert.ok(statSync(shot).size > 20_000, `the screenshot ${shot} looks empty`);
      await scrollIntoView(page, verdict);
      await workbench.screenshot('web-verdict');

      // Saved, closed and reopened: the charts come back from the saved outputs, nothing runs.
      await page.locator('.notebook-toolbar-container .action-label[aria-label="Run All"]').first().waitFor({ timeout: 60_000 });
      await page
        .locator('.notebook-editor')
        .first()
        .click({ position: { x: 5, y: 5 } })
        .catch(() => {});
      await workbench.save();
      await waitFor(
        'the charts in the saved file',
        async () => readFileSync(file, 'utf8'),
        (text) => text.includes(CHARTS_MIME),
        20_000,
      );
      await workbench.runCommand('View: Close All Editors');
      await page.locator('.notebook-editor').first().waitFor({ state: 'detached', timeout: 20_000 });
      await openNotebookAt(workbench, NOTEBOOK, CELL_MARKER);
      const reopened = workbench.outputFrame();
      await cellRow(page, CELL_MARKER).scrollIntoViewIfNeeded();
      await lineMarks(reopened).first().waitFor({ timeout: 60_000 });
      assert.equal(await completedChart(reopened).locator('.mark-line').count(), 4);
      await scrollIntoView(page, completedChart(reopened));
      await workbench.screenshot('web-reopened');

      assert.match(await extensionHostOfStressnb(workbench), /web worker/, 'stressnb runs in the web worker extension host');
    } catch (error) {
      await workbench.screenshot('web-failure').catch(() => {});
      throw error;
    } finally {
      await workbench.close();
    }
  },
);
