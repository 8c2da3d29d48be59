// A notebook cell that reads a real service's Prometheus metrics, in a real VS Code (code-server)
// and Chromium: the cell starts the scripted exporter (prom-client), scrapes it every tick, and
// ends, like any run, with the verdict first: partition 1's handler stops completing 6 s in, and
// the headline names the rule and the partition. Screenshots in the light and the dark theme
// (metrics-cell-light.png, metrics-cell-dark.png).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeStressnb } from '../../src/format/stressnbFile';
import { cellRow, openNotebookAt, runCell, scrollIntoView, waitFor } from './helpers/notebookCells';
import { openWorkbench } from './helpers/workbench';
import { EXPORTER, freePort } from '../unit/helpers/metricsServices';

const NOTEBOOK = 'notebooks/metrics-source.stressnb';
const MARKER = 'a scheduler read from its own /metrics';

for (const theme of ['light', 'dark'] as const) {
  test(`a source: metrics cell runs the service, scrapes it and gives its verdict (${theme})`, { timeout: 300_000 }, async () => {
    const port = await freePort();
    const workbench = await openWorkbench({
      viewport: { width: 1500, height: 1000 },
      settings: { 'workbench.colorTheme': theme === 'dark' ? 'Default Dark Modern' : 'Default Light Modern' },
    });
    try {
      const cell = [
        `# ${MARKER}`,
        'scenario: steady',
        'source: metrics',
        `url: http://127.0.0.1:${port}/metrics`,
        `command: ${JSON.stringify(process.execPath)}`,
        `args: [${JSON.stringify(EXPORTER)}, --port=${port}, --stall-partition=1, --stall-at-s=6]`,
        'tickMs: 500',
        'warmupS: 1',
        'measureS: 8',
        'cooldownS: 1',
        '',
      ].join('\n');
      writeFileSync(
        workbench.workspaceFile(NOTEBOOK),
        serializeStressnb({
          version: 1,
          metadata: {},
          cells: [
            { kind: 'markdown', source: '# Metrics source\nThe scheduler exposes its counters; stressnb scrapes them.' },
            { kind: 'scenario', source: cell },
          ],
        }),
      );
      await openNotebookAt(workbench, NOTEBOOK, MARKER);
      assert.match(
        await cellRow(workbench.page, MARKER).innerText(),
        /metrics · http:\/\/127\.0\.0\.1:\d+\/metrics · starts .*node · every 500 ms/,
        'the status bar says where the counters come from',
      );
      await runCell(workbench, MARKER);
      const frame = workbench.outputFrame();
      const headline = frame.locator('.stressnb-headline[data-status="fail"]').first();
      await headline.waitFor({ timeout: 90_000 });
      const text = await waitFor(
        'the final headline',
        () => headline.innerText(),
        (t) => /handler-stuck/.test(t ?? ''),
        60_000,
      );
      assert.match(text, /FAIL/);
      assert.match(text, /handler-stuck[^]*partition 1/);
      await scrollIntoView(workbench.page, headline);
      await frame.locator('figure.stressnb-chart[data-chart-id="completed"] .mark-line path').first().waitFor({ timeout: 30_000 });
      await workbench.page.waitForTimeout(500);
      const shot = await workbench.screenshot(`metrics-cell-${theme}`);
      assert.ok(shot.endsWith(`metrics-cell-${theme}.png`), join(shot));
    } finally {
      await workbench.close();
    }
  });
}
