// Command sources start programs, so they need a trusted workspace. VS Code itself runs no
// notebook cell in restricted mode; sourceRefusal.ts explains, in the cell, why a command cell will not run.

import * as vscode from 'vscode';
import type { ScenarioSpec } from '../spec/scenarioSpec';

export const UNTRUSTED_COMMAND_MESSAGE =
  'This cell starts a command (source: command), and commands run only in a trusted workspace. ' +
  'This workspace is in restricted mode: trust it (Workspaces: Manage Workspace Trust) to run the cell. ' +
  'Cells that use the built-in engine or read a log file (source: file) need no command, but VS Code runs notebook cells only in a trusted workspace too.';

export function commandBlockedByTrust(spec: ScenarioSpec | undefined): boolean {
  return spec?.source.kind === 'command' && !vscode.workspace.isTrusted;
}
