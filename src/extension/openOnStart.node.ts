// Opens the notebook named by the environment variable STRESSNB_OPEN_NOTEBOOK (an absolute
// path) when the extension starts, unless it is open already: `npm start` sets it so that
// session6.stressnb greets a newcomer. Asking the workbench to open the file from its URL does
// not do: it opens startup files before this extension's notebook type is registered, as raw JSON.
// The extension activates in a folder holding a .stressnb file (activation event
// `workspaceContains:**/*.stressnb`), as npm start's scratch copy of notebooks/ does.

import * as vscode from 'vscode';
import { log } from './log';

export const OPEN_NOTEBOOK_ENV = 'STRESSNB_OPEN_NOTEBOOK';

export async function openNotebookOnStart(path = process.env[OPEN_NOTEBOOK_ENV]): Promise<void> {
  if (!path) return;
  const uri = vscode.Uri.file(path);
  const open = vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputNotebook && tab.input.uri.toString() === uri.toString()),
  );
  if (open) return;
  try {
    await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(uri));
  } catch (error) {
    log.error(`could not open ${path} (${OPEN_NOTEBOOK_ENV})`, error);
  }
}
