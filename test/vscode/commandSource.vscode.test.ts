// Cells that run a real command (issue 6) in the real VS Code: trusted workspaces run and
// interrupt them; restricted mode refuses them with a reason and still runs engine cells.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAllEditors,
  errorMessage,
  fullTranscript,
  linesText,
  liveTickTimes,
  openNotebook,
  runCell,
  startCell,
  tickTimes,
  waitFor,
} from './helpers/notebooks';

const KERNEL_NOTEBOOK = 'test/fixtures/notebooks/kernel.stressnb';
const FAST_CELL = 1;
const LONG_COMMAND_CELL = 5;
const SHORT_COMMAND_CELL = 6;

describe('command source cells', function () {
  this.timeout(60_000);
  // Editors stay open between tests: each notebook editor opened anew is a webview to set up.
  after(closeAllEditors);

  it('runs a command that prints counter lines to its end', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    assert.deepEqual(
      vscode.languages.getDiagnostics(notebook.cellAt(SHORT_COMMAND_CELL).document.uri),
      [],
      'no trust warning when trusted',
    );
    const summary = await runCell(notebook, SHORT_COMMAND_CELL);
    const cell = notebook.cellAt(SHORT_COMMAND_CELL);
    assert.equal(summary.success, true, errorMessage(cell));
    const text = linesText(cell);
    assert.match(text, /^config partitions=2 /m);
    assert.equal(tickTimes(fullTranscript(cell)).length, 5);
    assert.match(text, /■ finished/);
  });

  it('interrupts a running command promptly and keeps its partial output', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const done = await startCell(notebook, LONG_COMMAND_CELL);
    await waitFor('a few ticks of the command', () => liveTickTimes(linesText(notebook.cellAt(LONG_COMMAND_CELL))).length >= 3);
    const asked = Date.now();
    await vscode.commands.executeCommand('notebook.cancelExecution', notebook.uri);
    const summary = await done(5_000);
    assert.ok(summary.timing!.endTime - asked < 1000, `ended ${summary.timing!.endTime - asked} ms after the interrupt`);
    assert.equal(summary.success, false);
    assert.match(linesText(notebook.cellAt(LONG_COMMAND_CELL)), /■ INTERRUPTED/);
    assert.ok(tickTimes(fullTranscript(notebook.cellAt(LONG_COMMAND_CELL))).length >= 3);
  });
});

describe('command source cells in restricted mode @restricted', function () {
  this.timeout(60_000);
  // Editors stay open between tests: each notebook editor opened anew is a webview to set up.
  after(closeAllEditors);

  // VS Code runs no notebook cell in restricted mode (it asks for trust first), so the cell
  // itself has to explain why a command cell will not run.
  it('explains on a command cell that it needs a trusted workspace', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const cell = notebook.cellAt(SHORT_COMMAND_CELL);
    const diagnostics = await waitFor('the trust warning', () => {
      const found = vscode.languages.getDiagnostics(cell.document.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostics[0].message, /commands run only in a trusted workspace/);
    assert.match(diagnostics[0].message, /restricted mode/);
    assert.equal(diagnostics[0].range.start.line, 0, 'on the source: key');
  });

  it('explains on metrics and Prometheus cells that they need a trusted workspace', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    for (const [kind, text] of [
      ['metrics', 'source: metrics\nurl: http://127.0.0.1:9404/metrics\n'],
      ['prometheus', 'source: prometheus\nurl: http://127.0.0.1:9090\nfrom: -30m\n'],
    ]) {
      const edit = new vscode.WorkspaceEdit();
      edit.set(notebook.uri, [
        vscode.NotebookEdit.insertCells(notebook.cellCount, [
          new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, 'stressnb-scenario'),
        ]),
      ]);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const cell = notebook.cellAt(notebook.cellCount - 1);
      const diagnostics = await waitFor(`the trust warning on the ${kind} cell`, () => {
        const found = vscode.languages.getDiagnostics(cell.document.uri);
        return found.length > 0 ? found : undefined;
      });
      assert.equal(diagnostics.length, 1);
      assert.match(diagnostics[0].message, new RegExp(`\\(source: ${kind}\\).*run only in a trusted workspace.*restricted mode`));
      assert.equal(diagnostics[0].range.start.line, 0, 'on the source: key');
    }
  });

  it('does not warn on engine cells', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    await waitFor(
      'diagnostics of the notebook',
      () => vscode.languages.getDiagnostics(notebook.cellAt(SHORT_COMMAND_CELL).document.uri).length > 0,
    );
    assert.deepEqual(vscode.languages.getDiagnostics(notebook.cellAt(FAST_CELL).document.uri), []);
  });
});
