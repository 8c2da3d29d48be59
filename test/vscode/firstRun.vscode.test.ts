// A newcomer's first five minutes in the real VS Code: Run All of notebooks/session6.stressnb with
// the default settings ends with every scenario cell (and the what-if sweep) finished and passing
// (the engine plays runs at 10x by default), the notebook saved after it stays light on disk (at
// most 400 KB, each run's whole transcript kept), and the notebook names only run shortcuts
// VS Code really binds.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CHARTS_MIME, closeAllEditors, findItem, openNotebook, saveNotebook, TRANSCRIPT_MIME, waitFor } from './helpers/notebooks';
import { hasSearch } from '../../src/spec/searchProbeSpec';
import { hasSweep } from '../../src/spec/sweepPointSpec';

const SESSION6 = 'notebooks/session6.stressnb';
/** The most session6 may weigh on disk after Run All (the charts are saved as figures, once). */
const SAVED_LIMIT_BYTES = 400 * 1024;
const EXECUTE_COMMANDS = [
  'notebook.cell.execute',
  'notebook.cell.executeAndSelectBelow',
  'notebook.cell.executeAndInsertBelow',
  'notebook.execute',
];

interface Keybinding {
  key: string;
  command: string;
  when?: string;
}

/** VS Code's default keybindings, read from the file "Preferences: Open Default Keyboard Shortcuts (JSON)" shows. */
async function defaultKeybindings(): Promise<Keybinding[]> {
  await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
  const document = await waitFor('the default keybindings file', () => {
    const doc = vscode.window.activeTextEditor?.document;
    return doc && doc.getText().includes('"command"') ? doc : undefined;
  });
  const json = document
    .getText()
    .split('\n')
    .filter((line) => !/^\s*\/\//.test(line))
    .join('\n');
  return JSON.parse(json) as Keybinding[];
}

/** "Shift+Enter" as VS Code writes keys: "shift+enter". */
const asKey = (written: string) => written.toLowerCase().replace(/\s+/g, '');

describe('first run', () => {
  after(closeAllEditors);

  it('Run All of session6 with default settings finishes every scenario cell, each passing', async function () {
    this.timeout(180_000);
    assert.equal(vscode.workspace.getConfiguration('stressnb').get('defaultPace'), '10x', 'the default settings');
    const notebook = await openNotebook(SESSION6);
    const code = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    // Four scenario cells, the what-if sweep and the capacity search (whose points and probes always run at fast pace).
    assert.equal(code.length, 6);
    assert.equal(code.filter((c) => /^sweep\s*:/m.test(c.document.getText())).length, 1);
    assert.equal(code.filter((c) => /^search\s*:/m.test(c.document.getText())).length, 1);
    assert.ok(
      code.every((c) => !/^pace\s*:/m.test(c.document.getText())),
      'the cells leave the pace to the setting',
    );

    const started = Date.now();
    void vscode.commands.executeCommand('notebook.execute', notebook.uri);
    const summaries = await waitFor(
      'every scenario cell to finish',
      () => {
        const all = code.map((c) => c.executionSummary);
        return all.every((s) => s?.timing?.endTime !== undefined && s.executionOrder !== undefined) ? all : undefined;
      },
      150_000,
    );
    console.log(`      Run All of ${SESSION6} with default settings: ${((Date.now() - started) / 1000).toFixed(1)} s wall time`);
    for (const [i, s] of summaries.entries()) {
      console.log(`        cell ${code[i].index}: ${((s!.timing!.endTime - s!.timing!.startTime) / 1000).toFixed(1)} s`);
    }

    assert.deepEqual(
      summaries.map((s) => s!.success),
      code.map(() => true),
      'every cell finished and passed',
    );
    for (const cell of code) {
      assert.ok(findItem(cell, CHARTS_MIME), `cell ${cell.index} has its charts`);
      assert.ok(findItem(cell, 'text/markdown'), `cell ${cell.index} has its report`);
    }

    await saveNotebook(notebook);
    const { size } = await vscode.workspace.fs.stat(notebook.uri);
    console.log(`      ${SESSION6} saved after Run All: ${(size / 1024).toFixed(0)} KB`);
    assert.ok(size <= SAVED_LIMIT_BYTES, `${SESSION6} is ${(size / 1024).toFixed(0)} KB after Run All`);
    const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(notebook.uri));
    const runs = code.filter((c) => !hasSweep(c.document.getText()) && !hasSearch(c.document.getText()));
    assert.equal(saved.split(`"mime": "${TRANSCRIPT_MIME}"`).length - 1, runs.length, 'every run keeps its whole transcript');
  });

  it('names only the run shortcuts VS Code binds to running cells', async () => {
    const bindings = (await defaultKeybindings()).filter((b) => EXECUTE_COMMANDS.includes(b.command));
    for (const b of bindings) console.log(`      ${b.key.padEnd(16)} ${b.command.padEnd(40)} when ${b.when ?? '(always)'}`);
    const notebook = await openNotebook(SESSION6);
    const intro = notebook.cellAt(0).document.getText();
    const named = [...intro.matchAll(/\b((?:Ctrl|Shift|Alt|Cmd)(?:\+(?:Ctrl|Shift|Alt|Cmd))*\+Enter)\b/g)].map((m) => m[1]);
    assert.ok(named.length >= 2, `the introduction names run shortcuts: ${intro}`);
    for (const shortcut of named) {
      const bound = bindings.filter((b) => b.key === asKey(shortcut) && b.command.startsWith('notebook.cell.execute'));
      assert.ok(bound.length > 0, `${shortcut} is not bound to running a cell`);
    }
  });
});
