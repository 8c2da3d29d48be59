// The cell status bar of scenario cells: a stale mark when the cell's text changed since its
// outputs were produced, where the counters come from (engine, command, log file) and how many
// repeats, the size of a sweep's grid, and why a cell cannot run here: "needs a trusted workspace" on command cells in
// restricted mode, "needs desktop VS Code" on command and file cells on the web.

import * as vscode from 'vscode';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { NOTEBOOK_TYPE } from './extensionIds';
import { hasStaleOutputs } from './runOutputItems';
import { sourceRefusal } from './sourceRefusal';

export const STALE_STATUS_TEXT = '$(warning) stale: the cell changed since this run';

function staleItem(cell: vscode.NotebookCell): vscode.NotebookCellStatusBarItem {
  const item = new vscode.NotebookCellStatusBarItem(STALE_STATUS_TEXT, vscode.NotebookCellStatusBarAlignment.Left);
  item.tooltip = "The outputs below were produced from an earlier version of this cell's text. Run the cell to refresh them.";
  item.command = { title: 'Run Cell', command: 'notebook.cell.execute', arguments: [{ ranges: [{ start: cell.index, end: cell.index + 1 }], document: cell.notebook.uri }] };
  return item;
}

/** The status bar items of one cell (exported for the extension-host tests). */
export function scenarioCellStatusItems(cell: vscode.NotebookCell, externalSources: boolean): vscode.NotebookCellStatusBarItem[] {
  if (cell.kind !== vscode.NotebookCellKind.Code) return [];
  const stale = hasStaleOutputs(cell) ? [staleItem(cell)] : [];
  const { spec, sweep } = parseScenarioSpec(cell.document.getText());
  if (!spec) return stale;
  const refusal = sourceRefusal(spec, externalSources);
  if (refusal) {
    const item = new vscode.NotebookCellStatusBarItem(refusal.status, vscode.NotebookCellStatusBarAlignment.Left);
    item.tooltip = refusal.message;
    item.command = refusal.command;
    return [...stale, item];
  }
  const { source } = spec;
  const repeats = spec.repeat ?? 1;
  const times = repeats > 1 ? ` · ${repeats} repeats` : '';
  const text =
    source.kind === 'command'
      ? `$(terminal) ${[source.command, ...source.args].join(' ')}${times}`
      : source.kind === 'file'
        ? `$(file) ${source.path}${source.follow ? ' (follow)' : ''}${times}`
        : sweep
          ? `$(table) sweep · ${sweep.size} point${sweep.size === 1 ? '' : 's'} · ${sweep.axes.map((a) => a.key).join(' × ')} · ${spec.scenario}`
          : repeats > 1
            ? `$(pulse) engine · ${spec.scenario} · ${repeats} repeats · seeds ${spec.seed}–${spec.seed + repeats - 1}`
            : `$(pulse) engine · ${spec.scenario} · seed ${spec.seed}`;
  return [...stale, new vscode.NotebookCellStatusBarItem(text, vscode.NotebookCellStatusBarAlignment.Left)];
}

const provider = (externalSources: boolean): vscode.NotebookCellStatusBarItemProvider => ({
  provideCellStatusBarItems: (cell) => scenarioCellStatusItems(cell, externalSources),
});

/** `externalSources`: whether this host runs command and file sources at all. */
export function registerCellStatusBar(externalSources: boolean): vscode.Disposable {
  return vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, provider(externalSources));
}
