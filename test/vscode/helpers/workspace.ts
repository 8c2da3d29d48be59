// The workspace the tests run in: a fresh temporary copy laid out like the repository
// (notebooks/, test/fixtures/), so tests may edit and save without touching the repository.
import * as vscode from 'vscode';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the tests expect a workspace folder to be open');
  return folder.uri;
}

/** A file of the workspace by its repository-relative path, for example 'notebooks/session6.stressnb'. */
export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

/**
 * A file of the run's scratch folder (the workspace folder's parent), where the runner and the
 * entry exchange test-config.json and result.json (scripts/lib/extensionHostRun.mjs).
 */
export function scratchFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), '..', name);
}
