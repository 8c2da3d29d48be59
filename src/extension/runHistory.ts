// The editor's run history: every finished run of a scenario cell (a repeated cell's repeats
// together) appends one line to the history file of its workspace folder (the setting
// stressnb.history.file, `.stressnb/history.jsonl` by default; stressnb.history.enabled turns it
// off), with the git commit the folder is at. Written through vscode.workspace.fs, so it works in
// VS Code for the Web too; appends are made one at a time. A failure to write is said once, never
// fails the run.

import * as vscode from 'vscode';
import { historyEntryOf, type HistoryContext } from '../analysis/historyEntryOf';
import type { RunReport } from '../analysis/reportTypes';
import { gitHead } from '../format/gitHead';
import { DEFAULT_HISTORY_FILE, formatHistoryLine, readHistoryText, type HistoryEntry, type HistoryRead } from '../format/historyEntry';
import type { TickSeries } from '../series/seriesTypes';
import { log } from './log';

export interface RecordedRun {
  notebook: vscode.NotebookDocument;
  cell: vscode.NotebookCell;
  specHash: string;
  runs: { report: RunReport; series: TickSeries }[];
  verdict?: HistoryContext['verdict'];
}

let queue: Promise<unknown> = Promise.resolve();
let warned = false;

/** The history file of a workspace folder per the settings; undefined when history is off. */
export function historyFileOf(folder: vscode.WorkspaceFolder): vscode.Uri | undefined {
  const config = vscode.workspace.getConfiguration('stressnb.history', folder.uri);
  if (config.get<boolean>('enabled', true) === false) return undefined;
  const file = (config.get<string>('file', DEFAULT_HISTORY_FILE) ?? '').trim() || DEFAULT_HISTORY_FILE;
  if (/^([A-Za-z]:[\\/]|\/)/.test(file)) return folder.uri.with({ path: file.replace(/\\/g, '/') });
  return vscode.Uri.joinPath(folder.uri, file);
}

/** Appends the run to its folder's history (nothing for a notebook outside the workspace, or with history off). */
export function recordRun(run: RecordedRun): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(run.notebook.uri);
  const file = folder ? historyFileOf(folder) : undefined;
  if (!folder || !file || run.runs.length === 0) return Promise.resolve();
  const next = queue.then(async () => {
    const git = await gitHead(folder.uri.path, (path) => readText(folder.uri.with({ path })));
    const entry = historyEntryOf(run.runs, {
      time: new Date(),
      source: 'editor',
      notebook: vscode.workspace.asRelativePath(run.notebook.uri, false),
      cell: run.cell.index + 1,
      specHash: run.specHash,
      ...(git ? { git } : {}),
      ...(run.verdict ? { verdict: run.verdict } : {}),
    });
    await appendLine(file, formatHistoryLine(entry));
  });
  queue = next.catch((error) => {
    log.error('appending to the run history failed', error);
    if (!warned) {
      warned = true;
      void vscode.window.showWarningMessage(
        `stressnb could not append the run to its history (${file.fsPath}): ${error instanceof Error ? error.message : String(error)}. Runs go on; the setting stressnb.history.file moves the history, stressnb.history.enabled turns it off.`,
      );
    }
  });
  return queue.then(() => undefined);
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

async function appendLine(file: vscode.Uri, line: string): Promise<void> {
  const before = (await readText(file)) ?? '';
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
  const joined = before === '' || before.endsWith('\n') ? before + line : `${before}\n${line}`;
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(joined));
}

/** The entries of a folder's history (an empty history when there is no file yet). */
export async function readHistory(folder: vscode.WorkspaceFolder): Promise<{ file?: vscode.Uri; read: HistoryRead }> {
  const file = historyFileOf(folder);
  const text = file ? await readText(file) : undefined;
  return { ...(file ? { file } : {}), read: text === undefined ? { entries: [], lines: [], problems: [] } : readHistoryText(text) };
}

export type { HistoryEntry };
