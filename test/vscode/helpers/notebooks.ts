// Opening stressnb notebooks, selecting the kernel, running cells and reading their outputs,
// for the integration tests in the real extension host.
import * as vscode from 'vscode';
import { workspaceFile } from './workspace';

export const EXTENSION_ID = 'stressnb.stressnb';
export const CONTROLLER_ID = 'stressnb.kernel';
export const ERROR_MIME = 'application/vnd.code.notebook.error';
export const CHARTS_MIME = 'application/vnd.stressnb.charts+json';
export const HEADLINE_MIME = 'application/vnd.stressnb.headline+json';
export const TRANSCRIPT_MIME = 'application/vnd.stressnb.transcript+json';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Saves the notebook and waits until it is clean on disk. save() is false when another save (the
 * web workbench's auto-save, where it is on) got there first: what counts is that the document
 * ends clean.
 */
export async function saveNotebook(notebook: vscode.NotebookDocument): Promise<void> {
  if (notebook.isDirty) await notebook.save();
  await waitFor(`${notebook.uri.path.split('/').pop()} to be saved`, () => !notebook.isDirty);
}

export async function activateExtension<T = unknown>(): Promise<T> {
  const extension = vscode.extensions.getExtension<T>(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Opens a workspace notebook in an editor with the stressnb kernel selected. */
export async function openNotebook(relativePath: string): Promise<vscode.NotebookDocument> {
  await activateExtension();
  const notebook = await workbenchStep(`opening ${relativePath}`, () => vscode.workspace.openNotebookDocument(workspaceFile(relativePath)));
  return showWithKernel(notebook);
}

/** Replaces the whole text of a cell, as typing it would. */
export async function setCellText(cell: vscode.NotebookCell, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`the edit of cell ${cell.index + 1} was not applied`);
}

/** A fresh copy of kernel.stressnb under another name, open with the kernel. */
export async function openKernelCopy(name: string): Promise<vscode.NotebookDocument> {
  const copy = workspaceFile(`test/fixtures/notebooks/${name}`);
  await vscode.workspace.fs.copy(workspaceFile('test/fixtures/notebooks/kernel.stressnb'), copy, { overwrite: true });
  await activateExtension();
  return showWithKernel(await vscode.workspace.openNotebookDocument(copy));
}

export async function showWithKernel(notebook: vscode.NotebookDocument): Promise<vscode.NotebookDocument> {
  const name = notebook.uri.path.split('/').pop();
  await workbenchStep(`showing ${name} in an editor`, () => vscode.window.showNotebookDocument(notebook));
  await workbenchStep(`selecting the stressnb kernel for ${name}`, () =>
    vscode.commands.executeCommand('notebook.selectKernel', { id: CONTROLLER_ID, extension: EXTENSION_ID }),
  );
  return notebook;
}

/**
 * A workbench request that usually answers at once. Opening a notebook editor in code-server waits
 * for its webview's service worker, which the harness keeps from waiting on a closed webview's
 * request (scripts/lib/webviewWorkers.mjs). Should a request stall all the same, it is logged with
 * the step's name and made once more after `retryAfterMs` (the first one still counts if it answers
 * first), so a test fails on its own assertions, not on a stuck request.
 */
async function workbenchStep<T>(what: string, request: () => Thenable<T>, retryAfterMs = 20_000): Promise<T> {
  const started = Date.now();
  const first = Promise.resolve(request());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const retried = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => {
      console.log(`    (the workbench has not answered ${what} after ${retryAfterMs / 1000} s; asking again; open: ${openEditorsState()})`);
      Promise.resolve(request()).then(resolve, reject);
    }, retryAfterMs);
  });
  try {
    return await Promise.race([first, retried]);
  } finally {
    clearTimeout(timer);
    const took = Date.now() - started;
    if (took > 5_000) console.log(`    (${what} took ${(took / 1000).toFixed(1)} s)`);
  }
}

/** Starts a cell without waiting for it; returns a function that waits for that execution's end. */
export async function startCell(
  notebook: vscode.NotebookDocument,
  index: number,
): Promise<(timeoutMs?: number) => Promise<vscode.NotebookCellExecutionSummary>> {
  const cell = notebook.cellAt(index);
  const before = cell.executionSummary?.executionOrder;
  void vscode.commands.executeCommand('notebook.cell.execute', { ranges: [{ start: index, end: index + 1 }], document: notebook.uri });
  await waitFor(`cell ${index} to start`, () => {
    const s = notebook.cellAt(index).executionSummary;
    return s?.executionOrder !== undefined && s.executionOrder !== before;
  });
  return (timeoutMs = 30_000) =>
    waitFor(
      `cell ${index} to finish`,
      () => {
        const s = notebook.cellAt(index).executionSummary;
        return s?.timing?.endTime !== undefined && s.executionOrder !== before ? s : undefined;
      },
      timeoutMs,
    );
}

export async function runCell(
  notebook: vscode.NotebookDocument,
  index: number,
  timeoutMs?: number,
): Promise<vscode.NotebookCellExecutionSummary> {
  const done = await startCell(notebook, index);
  return done(timeoutMs);
}

export function itemText(item: vscode.NotebookCellOutputItem): string {
  return new TextDecoder().decode(item.data);
}

/** The first item of the given mime among the cell's outputs. */
export function findItem(cell: vscode.NotebookCell, mime: string): vscode.NotebookCellOutputItem | undefined {
  for (const output of cell.outputs) {
    const item = output.items.find((i) => i.mime === mime);
    if (item) return item;
  }
  return undefined;
}

/** The ids of the charts a cell's charts output draws (a chart of zeros is a one-line note instead). */
export function drawnChartIds(cell: vscode.NotebookCell): string[] {
  const item = findItem(cell, CHARTS_MIME);
  // A drawn chart has its figures (or, saved before charts payload version 2, its Vega spec); the others a note.
  const charts = item ? (JSON.parse(itemText(item)) as { charts: { id: string; note?: string }[] }).charts : [];
  return charts.filter((c) => c.note === undefined).map((c) => c.id);
}

/** The kind stressnb tagged an output with (headline, charts, report, transcript, run-error, spec-error). */
export function outputKind(output: vscode.NotebookCellOutput): string | undefined {
  return (output.metadata?.stressnbRun as { kind?: string } | undefined)?.kind;
}

/** The transcript view (text/plain of the transcript output) of a scenario cell; for outputs saved before they were tagged, the first text/plain item. */
export function linesText(cell: vscode.NotebookCell): string {
  const tagged = cell.outputs.some((o) => outputKind(o) !== undefined);
  const output = tagged
    ? cell.outputs.find((o) => outputKind(o) === 'transcript')
    : cell.outputs.find((o) => o.items.some((i) => i.mime === 'text/plain'));
  const item = output?.items.find((i) => i.mime === 'text/plain');
  return item ? itemText(item) : '';
}

/** The full transcript kept with the run (every tick, one line per partition), or '' before the run ends. */
export function fullTranscript(cell: vscode.NotebookCell): string {
  const item = findItem(cell, TRANSCRIPT_MIME);
  return item ? (JSON.parse(itemText(item)) as { lines: string[] }).lines.join('\n') : '';
}

/** The headline of a scenario cell's run (its rendered item's data). */
export function headline(
  cell: vscode.NotebookCell,
): { status: string; title: string; summary: string; look: { label: string; where: string }[] } | undefined {
  const item = findItem(cell, HEADLINE_MIME);
  return item ? JSON.parse(itemText(item)) : undefined;
}

export function errorMessage(cell: vscode.NotebookCell): string | undefined {
  const item = findItem(cell, ERROR_MIME);
  if (!item) return undefined;
  const error = JSON.parse(itemText(item)) as { name?: string; message?: string };
  return `${error.name}: ${error.message}`;
}

/** Tick times of the global lines in a full transcript, in order. */
export function tickTimes(text: string): string[] {
  return [...text.matchAll(/^t=(\d+\.\d{3}) global /gm)].map((m) => m[1]);
}

/** Tick times of the rows of a live transcript view (one row per tick), in order. */
export function liveTickTimes(text: string): number[] {
  return [...text.matchAll(/^ *(\d+\.\d+) {2}/gm)].map((m) => Number(m[1]));
}

/** Reverts and closes every editor, so no dirty notebook leaves a save prompt behind. */
export async function closeAllEditors(): Promise<void> {
  const tabs = () => vscode.window.tabGroups.all.reduce((n, g) => n + g.tabs.length, 0);
  for (let i = 0; i < 30 && tabs() > 0; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    if (tabs() > 0 && !vscode.window.tabGroups.activeTabGroup.activeTab) {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  }
}

/** The editors open, for a stall's log: each tab's label and whether it is active, dirty, a preview. */
function openEditorsState(): string {
  return vscode.window.tabGroups.all
    .map(
      (g) =>
        `group ${g.viewColumn}: ` +
        g.tabs
          .map((t) => `${t.label}${t.isActive ? ' (active)' : ''}${t.isDirty ? ' (dirty)' : ''}${t.isPreview ? ' (preview)' : ''}`)
          .join(', '),
    )
    .join('; ');
}
