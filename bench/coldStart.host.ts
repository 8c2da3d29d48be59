// The cold-start probe, loaded by the extension host as its test entry (bench/webExtension.mjs runs
// it in the web worker host and, for comparison, the Node host). From a workbench where stressnb
// has not been activated yet (bench/webExtension.mjs hides the workspace's notebooks): activate it (load and evaluate its bundle, activate()), open a
// notebook with the kernel, run a fast engine cell, and time each step until its first output,
// its first tick line and its end. Writes the figures to result.json; asserts nothing.
import * as vscode from 'vscode';
import { CONTROLLER_ID, EXTENSION_ID, linesText, tickTimes } from '../test/vscode/helpers/notebooks';
import { scratchFile, workspaceFile } from '../test/vscode/helpers/workspace';

const NOTEBOOK = 'test/fixtures/notebooks/kernel.stressnb';
const FAST_CELL = 1;

export async function run(): Promise<void> {
  const t0 = performance.now();
  const since = () => Math.round(performance.now() - t0);
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  if (extension.isActive) throw new Error(`${EXTENSION_ID} was already active: not a cold start`);
  // The bench hid the workspace's notebooks (they would activate stressnb at start-up); this one comes back.
  await vscode.workspace.fs.rename(workspaceFile(`${NOTEBOOK}.hidden`), workspaceFile(NOTEBOOK));
  // The packaged bundle has no test API (src/extension/testHooks.ts): where it runs tells the host,
  // the web worker extension host being on the UI side.
  await extension.activate();
  const activated = since();
  const host = extension.extensionKind === vscode.ExtensionKind.UI ? 'web' : 'node';

  const notebook = await vscode.workspace.openNotebookDocument(workspaceFile(NOTEBOOK));
  await vscode.window.showNotebookDocument(notebook);
  await vscode.commands.executeCommand('notebook.selectKernel', { id: CONTROLLER_ID, extension: EXTENSION_ID });
  const opened = since();

  const cell = notebook.cellAt(FAST_CELL);
  const marks: { firstOutput?: number; firstTick?: number; end?: number } = {};
  const ended = new Promise<void>((resolve) => {
    const listener = vscode.workspace.onDidChangeNotebookDocument(() => {
      if (marks.firstOutput === undefined && cell.outputs.length > 0) marks.firstOutput = since();
      if (marks.firstTick === undefined && tickTimes(linesText(cell)).length > 0) marks.firstTick = since();
      if (cell.executionSummary?.timing?.endTime !== undefined) {
        marks.end = since();
        listener.dispose();
        resolve();
      }
    });
  });
  const asked = since();
  void vscode.commands.executeCommand('notebook.cell.execute', {
    ranges: [{ start: FAST_CELL, end: FAST_CELL + 1 }],
    document: notebook.uri,
  });
  await ended;

  const result = {
    host,
    activateMs: activated,
    openMs: opened - activated,
    runAskedMs: asked,
    ...marks,
    success: cell.executionSummary?.success,
  };
  await vscode.workspace.fs.writeFile(scratchFile('result.json'), new TextEncoder().encode(JSON.stringify(result) + '\n'));
}
