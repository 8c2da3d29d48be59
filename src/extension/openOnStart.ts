// Opens the notebook named by the setting `stressnb.openOnStart` (a path relative to the first
// workspace folder) when the extension starts, unless it is open already: `npm start` sets it so
// that session6.stressnb greets a newcomer, on desktop and in the web worker host alike (which
// sees no environment variable). Asking the workbench to open the file from its URL does not do:
// it opens startup files before this extension's notebook type is registered, as raw JSON.
// The extension activates in a folder holding a .stressnb file (activation event
// `workspaceContains:**/*.stressnb`), as npm start's scratch copy of notebooks/ does.

import * as vscode from 'vscode';
import { log } from './log';

export const OPEN_ON_START_SETTING = 'openOnStart';

export async function openNotebookOnStart(): Promise<void> {
  const relative = vscode.workspace.getConfiguration('stressnb').get<string>(OPEN_ON_START_SETTING, '').trim();
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!relative || !folder) return;
  const uri = vscode.Uri.joinPath(folder.uri, ...relative.split(/[\\/]+/).filter(Boolean));
  const open = vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputNotebook && tab.input.uri.toString() === uri.toString()),
  );
  if (open) return;
  try {
    await vscode.window.showNotebookDocument(await vscode.workspace.openNotebookDocument(uri));
  } catch (error) {
    log.error(`could not open ${uri.toString()} (setting stressnb.${OPEN_ON_START_SETTING})`, error);
  }
}
