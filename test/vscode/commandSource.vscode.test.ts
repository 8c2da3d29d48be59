// Cells that run a real command (issue 6) in the real VS Code: trusted workspaces run and
// interrupt them; restricted mode refuses them with a reason and still runs engine cells.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, errorMessage, linesText, openNotebook, runCell, startCell, tickTimes, waitFor } from './helpers/notebooks';

const KERNEL_NOTEBOOK = 'test/fixtures/notebooks/kernel.stressnb';
const FAST_CELL = 1;
const LONG_COMMAND_CELL = 5;
const SHORT_COMMAND_CELL = 6;

describe('command source cells', function () {
  this.timeout(60_000);
  afterEach(closeAllEditors);

  it('runs a command that prints counter lines to its end', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const summary = await runCell(notebook, SHORT_COMMAND_CELL);
    const cell = notebook.cellAt(SHORT_COMMAND_CELL);
    assert.equal(summary.success, true, errorMessage(cell));
    const text = linesText(cell);
    assert.match(text, /^config partitions=2 /m);
    assert.equal(tickTimes(text).length, 5);
    assert.match(text, /■ finished/);
  });

  it('interrupts a running command promptly and keeps its partial output', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const done = await startCell(notebook, LONG_COMMAND_CELL);
    await waitFor('a few ticks of the command', () => tickTimes(linesText(notebook.cellAt(LONG_COMMAND_CELL))).length >= 3);
    const asked = Date.now();
    await vscode.commands.executeCommand('notebook.cancelExecution', notebook.uri);
    const summary = await done(5_000);
    assert.ok(summary.timing!.endTime - asked < 1000, `ended ${summary.timing!.endTime - asked} ms after the interrupt`);
    assert.equal(summary.success, false);
    const text = linesText(notebook.cellAt(LONG_COMMAND_CELL));
    assert.match(text, /■ INTERRUPTED/);
    assert.ok(tickTimes(text).length >= 3);
  });
});

describe('command source cells in restricted mode @restricted', function () {
  this.timeout(60_000);
  afterEach(closeAllEditors);

  it('refuses to start a command and says why', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const summary = await runCell(notebook, SHORT_COMMAND_CELL);
    assert.equal(summary.success, false);
    const message = errorMessage(notebook.cellAt(SHORT_COMMAND_CELL)) ?? '';
    assert.match(message, /trusted workspace/);
    assert.match(message, /restricted mode/);
    assert.equal(linesText(notebook.cellAt(SHORT_COMMAND_CELL)), '', 'nothing ran');
  });

  it('still runs built-in engine cells', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const summary = await runCell(notebook, FAST_CELL);
    assert.equal(summary.success, true);
    assert.ok(tickTimes(linesText(notebook.cellAt(FAST_CELL))).length > 0);
  });
});
