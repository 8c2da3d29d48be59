// The cell status bar of scenario cells: where the counters come from (engine, command, log
// file), and in restricted mode a clear "needs a trusted workspace" on command cells.

import * as vscode from 'vscode';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { commandBlockedByTrust, UNTRUSTED_COMMAND_MESSAGE } from './commandTrust';
import { NOTEBOOK_TYPE } from './extensionIds';

const provider: vscode.NotebookCellStatusBarItemProvider = {
  provideCellStatusBarItems(cell) {
    if (cell.kind !== vscode.NotebookCellKind.Code) return [];
    const { spec } = parseScenarioSpec(cell.document.getText());
    if (!spec) return [];
    if (commandBlockedByTrust(spec)) {
      const item = new vscode.NotebookCellStatusBarItem('$(workspace-untrusted) Command source: needs a trusted workspace', vscode.NotebookCellStatusBarAlignment.Left);
      item.tooltip = UNTRUSTED_COMMAND_MESSAGE;
      item.command = 'workbench.trust.manage';
      return [item];
    }
    const { source } = spec;
    const text =
      source.kind === 'command'
        ? `$(terminal) ${[source.command, ...source.args].join(' ')}`
        : source.kind === 'file'
          ? `$(file) ${source.path}${source.follow ? ' (follow)' : ''}`
          : `$(pulse) engine · ${spec.scenario} · seed ${spec.seed}`;
    return [new vscode.NotebookCellStatusBarItem(text, vscode.NotebookCellStatusBarAlignment.Left)];
  },
};

export function registerCellStatusBar(): vscode.Disposable {
  return vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, provider);
}
