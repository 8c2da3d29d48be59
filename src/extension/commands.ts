// The commands the extension contributes: a new session notebook, pinning / clearing the
// baseline a scenario's later runs (and searches: their capacity) are compared with, and opening
// a run's full transcript.

import * as vscode from 'vscode';
import { readBaselineSummary } from '../analysis/baselineSummary';
import { readCapacityBaseline } from '../analysis/searchCapacity';
import { readSearchOutput, type SearchOutputInfo } from '../contracts/searchOutput';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { allBaselines, candidateOf, setBaseline } from './baselines';
import { NOTEBOOK_TYPE, SCENARIO_LANGUAGE } from './extensionIds';
import { openFullTranscript } from './fullTranscript';

const NEW_NOTEBOOK_NOTES = `# Stress session

Notes for this session go in Markdown cells. Scenario cells below are YAML: hover a key for its
documentation, and Ctrl+Space completes keys and values. Run a cell to stream its counters.`;

const NEW_NOTEBOOK_SCENARIO = `# A steady control run: a healthy baseline to compare the others with.
scenario: steady
warmupS: 2
measureS: 10
cooldownS: 3
seed: 1
`;

/** The cell a command is about: the one whose toolbar was used, or the editor's selection. */
function targetCell(arg: unknown): vscode.NotebookCell | undefined {
  if (arg && typeof arg === 'object' && 'notebook' in arg && 'document' in arg && 'index' in arg) return arg as vscode.NotebookCell;
  const editor = vscode.window.activeNotebookEditor;
  if (!editor || editor.notebook.notebookType !== NOTEBOOK_TYPE) return undefined;
  const range = editor.selection;
  return range.isEmpty ? undefined : editor.notebook.cellAt(range.start);
}

async function pinBaseline(arg: unknown): Promise<void> {
  const cell = targetCell(arg);
  if (!cell || cell.kind !== vscode.NotebookCellKind.Code) {
    void vscode.window.showWarningMessage('Select a scenario cell of a stress session notebook to pin its last run as the baseline.');
    return;
  }
  const searched = cell.outputs.map((o) => readSearchOutput(o.metadata)).find((info) => info !== undefined);
  if (searched) {
    await pinSearch(cell, searched);
    return;
  }
  const candidate = candidateOf(cell);
  if (!candidate) {
    void vscode.window.showWarningMessage(
      'This cell has no finished run to pin: run it to the end first (an interrupted or failed run cannot be a baseline).',
    );
    return;
  }
  // The one baseline check (the CLI's --baseline uses it too): a run whose counters broke integrity is refused.
  const read = readBaselineSummary(candidate.summary);
  if (!read.ok) {
    void vscode.window.showErrorMessage(
      `Cell ${cell.index + 1}'s run cannot be pinned as the ${candidate.scenario} baseline: ${read.reason}.`,
    );
    return;
  }
  const applied = await setBaseline(cell.notebook, candidate.scenario, candidate);
  if (!applied) {
    void vscode.window.showErrorMessage('stressnb could not update the notebook metadata to pin the baseline.');
    return;
  }
  void vscode.window.showInformationMessage(
    `Pinned cell ${cell.index + 1}'s ${candidate.repeats ? `${candidate.repeats.length} repeats` : 'run'} as the ${candidate.scenario} baseline; later ${candidate.scenario} runs are compared with it (save the notebook to keep it).`,
  );
}

/** A search cell: its capacity goes into the scenario's baseline (beside a run pinned there, if any). */
async function pinSearch(cell: vscode.NotebookCell, searched: SearchOutputInfo): Promise<void> {
  const capacity = readCapacityBaseline(searched.capacity);
  const scenario = searched.scenario;
  if (!capacity || !scenario) {
    void vscode.window.showWarningMessage(
      'This search found no capacity to pin: run it to the end first (a search that was interrupted, or whose range held no boundary, has no answer to keep).',
    );
    return;
  }
  const applied = await setBaseline(cell.notebook, scenario, { scenario, label: `capacity search (${scenario})`, totals: [], capacity });
  if (!applied) {
    void vscode.window.showErrorMessage('stressnb could not update the notebook metadata to pin the baseline.');
    return;
  }
  void vscode.window.showInformationMessage(
    `Pinned cell ${cell.index + 1}'s capacity (${capacity.key} ${capacity.value}) in the ${scenario} baseline; a later search's capacity: ">= baseline - 5%" compares with it (save the notebook to keep it).`,
  );
}

async function clearBaseline(arg: unknown): Promise<void> {
  const editor = vscode.window.activeNotebookEditor;
  const cell = targetCell(arg);
  const notebook = cell?.notebook ?? (editor?.notebook.notebookType === NOTEBOOK_TYPE ? editor.notebook : undefined);
  if (!notebook) {
    void vscode.window.showWarningMessage('Open a stress session notebook to clear one of its baselines.');
    return;
  }
  const scenarios = Object.keys(allBaselines(notebook));
  if (scenarios.length === 0) {
    void vscode.window.showInformationMessage('This notebook has no pinned baseline.');
    return;
  }
  const cellScenario = cell ? parseScenarioSpec(cell.document.getText()).spec?.scenario : undefined;
  const scenario =
    cellScenario && scenarios.includes(cellScenario)
      ? cellScenario
      : scenarios.length === 1
        ? scenarios[0]
        : await vscode.window.showQuickPick(scenarios, { placeHolder: 'Clear the baseline of which scenario?' });
  if (!scenario) return;
  await setBaseline(notebook, scenario, undefined);
  void vscode.window.showInformationMessage(`Cleared the ${scenario} baseline.`);
}

async function newNotebook(): Promise<void> {
  const data = new vscode.NotebookData([
    new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, NEW_NOTEBOOK_NOTES, 'markdown'),
    new vscode.NotebookCellData(vscode.NotebookCellKind.Code, NEW_NOTEBOOK_SCENARIO, SCENARIO_LANGUAGE),
  ]);
  const notebook = await vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, data);
  await vscode.window.showNotebookDocument(notebook);
}

export function registerCommands(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('stressnb.pinBaseline', pinBaseline),
    vscode.commands.registerCommand('stressnb.clearBaseline', clearBaseline),
    vscode.commands.registerCommand('stressnb.newNotebook', newNotebook),
    vscode.commands.registerCommand('stressnb.openTranscript', (arg: unknown) => openFullTranscript(targetCell(arg))),
  );
}
