// The cell status bar of scenario cells: where the counters come from (engine, command, log
// file), the size of a sweep's grid, and why a cell cannot run here: "needs a trusted workspace"
// on command cells in restricted mode, "needs desktop VS Code" on command and file cells on the web.

import * as vscode from 'vscode';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { NOTEBOOK_TYPE } from './extensionIds';
import { sourceRefusal } from './sourceRefusal';

const provider = (externalSources: boolean): vscode.NotebookCellStatusBarItemProvider => ({
  provideCellStatusBarItems(cell) {
    if (cell.kind !== vscode.NotebookCellKind.Code) return [];
    const { spec, sweep } = parseScenarioSpec(cell.document.getText());
    if (!spec) return [];
    const refusal = sourceRefusal(spec, externalSources);
    if (refusal) {
      const item = new vscode.NotebookCellStatusBarItem(refusal.status, vscode.NotebookCellStatusBarAlignment.Left);
      item.tooltip = refusal.message;
      item.command = refusal.command;
      return [item];
    }
    const { source } = spec;
    const text =
      source.kind === 'command'
        ? `$(terminal) ${[source.command, ...source.args].join(' ')}`
        : source.kind === 'file'
          ? `$(file) ${source.path}${source.follow ? ' (follow)' : ''}`
          : sweep
            ? `$(table) sweep · ${sweep.size} point${sweep.size === 1 ? '' : 's'} · ${sweep.axes.map((a) => a.key).join(' × ')} · ${spec.scenario}`
            : `$(pulse) engine · ${spec.scenario} · seed ${spec.seed}`;
    return [new vscode.NotebookCellStatusBarItem(text, vscode.NotebookCellStatusBarAlignment.Left)];
  },
});

/** `externalSources`: whether this host runs command and file sources at all. */
export function registerCellStatusBar(externalSources: boolean): vscode.Disposable {
  return vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, provider(externalSources));
}
