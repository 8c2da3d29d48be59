// The cell status bar of scenario cells: a stale mark when the cell's text changed since its
// outputs were produced, where the counters come from (engine, command, log file, metrics
// endpoint, Prometheus server) and how many repeats, the size of a sweep's grid or the range of a
// capacity search, a mark when the cell's scenario has a pinned baseline (its runs are compared
// with it), and why a cell cannot run here: "needs a trusted workspace" on command, metrics and
// Prometheus cells in restricted mode, "needs desktop VS Code" on every external source on the web.

import * as vscode from 'vscode';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import type { SearchPlan } from '../spec/searchPlan';
import type { SweepPlan } from '../spec/sweepGrid';
import { formatTimeRef } from '../spec/timeRef';
import { baselineFor } from './baselines';
import { NOTEBOOK_TYPE } from './extensionIds';
import { cellStaleReason } from './runOutputItems';
import { sourceRefusal } from './sourceRefusal';

export const STALE_STATUS_TEXT = '$(warning) stale: the cell changed since this run';
export const BASELINE_STATUS_PREFIX = '$(pinned) compared with ';

function staleItem(cell: vscode.NotebookCell, reason: string): vscode.NotebookCellStatusBarItem {
  const item = new vscode.NotebookCellStatusBarItem(STALE_STATUS_TEXT, vscode.NotebookCellStatusBarAlignment.Left);
  item.tooltip = `${reason[0].toUpperCase()}${reason.slice(1)}. Run the cell to refresh them.`;
  item.command = {
    title: 'Run Cell',
    command: 'notebook.cell.execute',
    arguments: [{ ranges: [{ start: cell.index, end: cell.index + 1 }], document: cell.notebook.uri }],
  };
  return item;
}

/** The status bar items of one cell (exported for the extension-host tests). */
export function scenarioCellStatusItems(cell: vscode.NotebookCell, externalSources: boolean): vscode.NotebookCellStatusBarItem[] {
  if (cell.kind !== vscode.NotebookCellKind.Code) return [];
  const reason = cellStaleReason(cell);
  const stale = reason ? [staleItem(cell, reason)] : [];
  const { spec, sweep, search } = parseScenarioSpec(cell.document.getText());
  if (!spec) return stale;
  const refusal = sourceRefusal(spec, externalSources);
  if (refusal) {
    const item = new vscode.NotebookCellStatusBarItem(refusal.status, vscode.NotebookCellStatusBarAlignment.Left);
    item.tooltip = refusal.message;
    item.command = refusal.command;
    return [...stale, item];
  }
  const items = [
    ...stale,
    new vscode.NotebookCellStatusBarItem(sourceText(spec, sweep, search), vscode.NotebookCellStatusBarAlignment.Left),
  ];
  const pinned = baselineFor(cell.notebook, spec.scenario);
  if (pinned) items.push(baselineItem(spec.scenario, pinned.label));
  return items;
}

function sourceText(spec: ScenarioSpec, sweep: SweepPlan | undefined, search: SearchPlan | undefined): string {
  const { source } = spec;
  const repeats = spec.repeat ?? 1;
  const times = repeats > 1 ? ` · ${repeats} repeats` : '';
  if (search)
    return `$(search) capacity search · ${search.key} ${search.from} → ${search.to} · until ${search.until} · ${search.precisionPct} % · ${source.kind === 'command' ? source.command : spec.scenario}`;
  switch (source.kind) {
    case 'command':
      return `$(terminal) ${[source.command, ...source.args].join(' ')}${times}`;
    case 'file':
      return `$(file) ${source.path}${source.follow ? ' (follow)' : ''}${times}`;
    case 'metrics':
      return `$(radio-tower) metrics · ${source.url}${source.service ? ` · starts ${source.service.command}` : ''} · every ${spec.tickMs} ms${times}`;
    case 'prometheus':
      return `$(history) prometheus · ${source.url} · ${formatTimeRef(source.from)} to ${formatTimeRef(source.to)} · step ${spec.tickMs} ms`;
    case 'engine':
      return sweep
        ? `$(table) sweep · ${sweep.size} point${sweep.size === 1 ? '' : 's'} · ${sweep.axes.map((a) => a.key).join(' × ')} · ${spec.scenario}`
        : repeats > 1
          ? `$(pulse) engine · ${spec.scenario} · ${repeats} repeats · seeds ${spec.seed}–${spec.seed + repeats - 1}`
          : `$(pulse) engine · ${spec.scenario} · seed ${spec.seed}`;
  }
}

function baselineItem(scenario: string, label: string): vscode.NotebookCellStatusBarItem {
  const item = new vscode.NotebookCellStatusBarItem(`${BASELINE_STATUS_PREFIX}${label}`, vscode.NotebookCellStatusBarAlignment.Left);
  item.tooltip = `The ${scenario} scenario has a pinned baseline, ${label}: this cell's runs are compared with it (the verdict line says how). Clear Baseline removes it.`;
  return item;
}

/** `externalSources`: whether this host runs command and file sources at all. */
export function registerCellStatusBar(externalSources: boolean): vscode.Disposable {
  // A baseline pinned or cleared changes the notebook's metadata, not the cells: ask for the items again.
  const changed = new vscode.EventEmitter<void>();
  const provider: vscode.NotebookCellStatusBarItemProvider = {
    onDidChangeCellStatusBarItems: changed.event,
    provideCellStatusBarItems: (cell) => scenarioCellStatusItems(cell, externalSources),
  };
  return vscode.Disposable.from(
    changed,
    vscode.workspace.onDidChangeNotebookDocument((event) => {
      if (event.notebook.notebookType === NOTEBOOK_TYPE && event.metadata) changed.fire();
    }),
    vscode.notebooks.registerNotebookCellStatusBarItemProvider(NOTEBOOK_TYPE, provider),
  );
}
