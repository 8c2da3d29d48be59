// Proves the end-to-end harness: a real VS Code opens the session notebook in its notebook editor.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { openWorkbench } from './helpers/workbench';

test('session6.stressnb opens in the notebook editor of a real VS Code', { timeout: 180_000 }, async () => {
  const workbench = await openWorkbench();
  try {
    await workbench.openNotebook('notebooks/session6.stressnb');
    const tab = workbench.page.locator('.tabs-container .tab.active');
    assert.match((await tab.textContent()) ?? '', /session6\.stressnb/);
    const cells = workbench.page.locator('.notebook-editor .cell-list-container .monaco-list-row');
    assert.ok((await cells.count()) > 1, 'the notebook editor shows no cells');
    const shot = await workbench.screenshot('workbench-notebook');
    assert.ok(statSync(shot).size > 10_000, `the screenshot ${shot} looks empty`);
  } finally {
    await workbench.close();
  }
});
