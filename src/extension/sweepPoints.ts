// Opening a point of a sweep, or a probe of a capacity search, as its own scenario cell, inserted
// below with its exact spec (the text the point or probe ran), so it can be run and read in full.
// Reached by a click on a point of the chart (renderer messaging) or by the command "Open Sweep
// Point as Cell". The cell text travels in the outputs' metadata (a search's with the value of
// each probe): the point is the one that ran, even if the cell was edited since.

import * as vscode from 'vscode';
import { errorMessage } from '../contracts/errorMessage';
import { readOpenSweepPoint } from '../contracts/openPointMessage';
import { sweptCellText } from '../contracts/sweepOutput';
import { readSearchOutput, type SearchOutputInfo } from '../contracts/searchOutput';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { describePoint, pointAssignments, type SweepPlan } from '../spec/sweepGrid';
import { formatSearchValue } from '../spec/searchPlan';
import { searchProbeSpecText } from '../spec/searchProbeSpec';
import { hasSweep, sweepPointSpecText } from '../spec/sweepPointSpec';
import { CHARTS_RENDERER_ID } from './chartSaving';
import { NOTEBOOK_TYPE, SCENARIO_LANGUAGE } from './extensionIds';
import { liveSearchValues } from './liveSearchOutput';
import { log } from './log';

/** The text the cell's last sweep ran (from its outputs), else the cell's own text when it has a sweep. */
function sweptText(cell: vscode.NotebookCell): string | undefined {
  for (const output of cell.outputs) {
    const saved = sweptCellText(output.metadata);
    if (saved !== undefined) return saved;
  }
  const own = cell.document.getText();
  return hasSweep(own) ? own : undefined;
}

function planOf(cell: vscode.NotebookCell): SweepPlan | { error: string } {
  const text = sweptText(cell);
  if (text === undefined) return { error: `cell ${cell.index + 1} is not a sweep (a scenario cell with sweep:)` };
  const { sweep, problems } = parseScenarioSpec(text);
  if (sweep) return sweep;
  const first = problems.find((p) => p.severity === 'error');
  return { error: `the sweep of cell ${cell.index + 1} is not valid${first ? `: line ${first.line}: ${first.message}` : ''}` };
}

/** The search the cell's outputs (or its running search) describe, if it is a search cell. */
function searchOf(cell: vscode.NotebookCell): SearchOutputInfo | undefined {
  for (const output of cell.outputs) {
    const info = readSearchOutput(output.metadata);
    if (info) return { ...info, values: liveSearchValues(cell.document.uri) ?? info.values };
  }
  return undefined;
}

/** The text of probe `point` of a search (a cell of `info`), with a header line saying which. */
function probeCellText(cell: vscode.NotebookCell, info: SearchOutputInfo, point: number): string {
  const { search, problems } = parseScenarioSpec(info.cellText);
  if (!search) {
    const first = problems.find((p) => p.severity === 'error');
    throw new Error(`the search of cell ${cell.index + 1} is not valid${first ? `: line ${first.line}: ${first.message}` : ''}`);
  }
  const value = info.values[point];
  if (!Number.isSafeInteger(point) || point < 0 || value === undefined)
    throw new Error(`the search of cell ${cell.index + 1} has no probe ${point + 1} (yet)`);
  return `# Probe ${point + 1} of the search above: ${search.key} ${formatSearchValue(value)}\n${searchProbeSpecText(search, value)}`;
}

/** Inserts point `point` of the sweep (or probe `point` of the search) in `cell` as a new scenario cell right below it; returns the new cell. */
export async function openSweepPoint(cell: vscode.NotebookCell, point: number): Promise<vscode.NotebookCell> {
  const search = searchOf(cell);
  return insertBelow(cell, search ? probeCellText(cell, search, point) : pointCellText(cell, point));
}

function pointCellText(cell: vscode.NotebookCell, point: number): string {
  const plan = planOf(cell);
  if ('error' in plan) throw new Error(plan.error);
  if (!Number.isSafeInteger(point) || point < 0 || point >= plan.size)
    throw new Error(`the sweep of cell ${cell.index + 1} has points 1 to ${plan.size}; there is no point ${point + 1}`);
  const spec = sweepPointSpecText(plan.text, pointAssignments(plan.axes, point));
  return `# Point ${point + 1} of ${plan.size} of the sweep above: ${describePoint(plan.axes, point)}\n${spec}`;
}

async function insertBelow(cell: vscode.NotebookCell, text: string): Promise<vscode.NotebookCell> {
  const index = cell.index + 1;
  const edit = new vscode.WorkspaceEdit();
  edit.set(cell.notebook.uri, [
    vscode.NotebookEdit.insertCells(index, [new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, SCENARIO_LANGUAGE)]),
  ]);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the notebook could not be edited');
  const editor = vscode.window.visibleNotebookEditors.find((e) => e.notebook === cell.notebook);
  if (editor) {
    const range = new vscode.NotebookRange(index, index + 1);
    editor.selection = range;
    editor.revealRange(range, vscode.NotebookEditorRevealType.InCenterIfOutsideViewport);
  }
  return cell.notebook.cellAt(index);
}

/** The command's argument: `{ cell, point }` (tests, scripts), a cell (its toolbar), or nothing (the selected cell, then a pick). */
async function openPointCommand(arg: unknown): Promise<void> {
  const given = arg as { cell?: vscode.NotebookCell; point?: number } | vscode.NotebookCell | undefined;
  let cell: vscode.NotebookCell | undefined;
  let point: number | undefined;
  if (given && 'cell' in given && given.cell) ({ cell, point } = given);
  else if (given && 'notebook' in given && 'index' in given) cell = given as vscode.NotebookCell;
  else {
    const editor = vscode.window.activeNotebookEditor;
    if (editor?.notebook.notebookType === NOTEBOOK_TYPE && !editor.selection.isEmpty) cell = editor.notebook.cellAt(editor.selection.start);
  }
  if (!cell) {
    void vscode.window.showWarningMessage(
      'Select a sweep cell (a scenario cell with sweep:) or a search cell (search:) to open one of its points as a cell.',
    );
    return;
  }
  try {
    const search = searchOf(cell);
    if (point === undefined && search) {
      const picks = search.values
        .map((value, i) => ({ label: `${i + 1}`, description: formatSearchValue(value), point: i, value }))
        .sort((a, b) => a.value - b.value);
      const picked = await vscode.window.showQuickPick(picks, {
        placeHolder: 'Open which probe of the search as a cell?',
        matchOnDescription: true,
      });
      if (!picked) return;
      point = picked.point;
    } else if (point === undefined) {
      const plan = planOf(cell);
      if ('error' in plan) throw new Error(plan.error);
      const picks = Array.from({ length: plan.size }, (_, i) => ({
        label: `${i + 1}`,
        description: describePoint(plan.axes, i),
        point: i,
      }));
      const picked = await vscode.window.showQuickPick(picks, {
        placeHolder: 'Open which point of the sweep as a cell?',
        matchOnDescription: true,
      });
      if (!picked) return;
      point = picked.point;
    }
    await openSweepPoint(cell, point);
  } catch (error) {
    log.error('opening a sweep point failed', error);
    void vscode.window.showErrorMessage(`stressnb: cannot open the sweep point: ${errorMessage(error)}`);
  }
}

/**
 * The cell whose output the renderer drew. The API's outputs carry their id at run time (the
 * renderer's OutputItem.id), though its types do not say so; failing that, the notebook's only
 * cell with sweep outputs.
 */
function cellOfOutput(notebook: vscode.NotebookDocument, outputId: string): vscode.NotebookCell | undefined {
  const cells = notebook.getCells();
  const byId = cells.find((c) => c.outputs.some((o) => (o as { id?: unknown }).id === outputId));
  if (byId) return byId;
  const sweeps = cells.filter((c) =>
    c.outputs.some((o) => sweptCellText(o.metadata) !== undefined || readSearchOutput(o.metadata) !== undefined),
  );
  return sweeps.length === 1 ? sweeps[0] : undefined;
}

export function registerSweepPoints(): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(CHARTS_RENDERER_ID);
  return vscode.Disposable.from(
    vscode.commands.registerCommand('stressnb.openSweepPoint', openPointCommand),
    messaging.onDidReceiveMessage(async ({ editor, message }) => {
      try {
        const request = readOpenSweepPoint(message);
        if (!request) return;
        const cell = cellOfOutput(editor.notebook, request.outputId);
        if (!cell) throw new Error('the chart that was clicked is no longer in the notebook');
        await openSweepPoint(cell, request.point);
      } catch (error) {
        log.error('opening a sweep point failed', error);
        void vscode.window.showErrorMessage(`stressnb: cannot open the sweep point: ${errorMessage(error)}`);
      }
    }),
  );
}
