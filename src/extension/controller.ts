// The kernel: runs scenario cells one after another per notebook, with execution order and
// start/end times; interrupt stops the running cell at once and drops the queued ones.

import * as vscode from 'vscode';
import { runScenarioCell, type CellRunDeps } from './cellRun';
import { errorOutput } from './runOutputItems';
import { runSweepCell } from './sweepCellRun';
import { hasSweep } from '../spec/sweepPointSpec';
import { hasSearch } from '../spec/searchProbeSpec';
import { runSearchCell } from './searchCellRun';
import { CONTROLLER_ID, NOTEBOOK_TYPE, SCENARIO_LANGUAGE } from './extensionIds';
import { errorMessage } from '../contracts/errorMessage';
import { cellName, log } from './log';

interface NotebookState {
  executionOrder: number;
  /** Bumped by interrupt: queued cells of an older generation are not run. */
  generation: number;
  queue: Promise<void>;
  stopCurrent?: () => void;
}

export class StressController implements vscode.Disposable {
  private readonly controller: vscode.NotebookController;
  private readonly notebooks = new Map<string, NotebookState>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: CellRunDeps) {
    this.controller = vscode.notebooks.createNotebookController(CONTROLLER_ID, NOTEBOOK_TYPE, 'Stress engine');
    this.controller.supportedLanguages = [SCENARIO_LANGUAGE];
    this.controller.supportsExecutionOrder = true;
    this.controller.description = 'Runs scenario cells in a worker thread';
    this.controller.executeHandler = (cells, notebook) => this.execute(cells, notebook);
    this.controller.interruptHandler = (notebook) => this.interrupt(notebook);
    this.disposables.push(
      this.controller,
      vscode.workspace.onDidCloseNotebookDocument((notebook) => {
        this.interrupt(notebook);
        this.notebooks.delete(notebook.uri.toString());
      }),
    );
  }

  private state(notebook: vscode.NotebookDocument): NotebookState {
    const key = notebook.uri.toString();
    let state = this.notebooks.get(key);
    if (!state) {
      state = { executionOrder: 0, generation: 0, queue: Promise.resolve() };
      this.notebooks.set(key, state);
    }
    return state;
  }

  private execute(cells: vscode.NotebookCell[], notebook: vscode.NotebookDocument): Promise<void> {
    const state = this.state(notebook);
    const generation = state.generation;
    const executions: vscode.NotebookCellExecution[] = [];
    for (const cell of cells) {
      if (cell.kind !== vscode.NotebookCellKind.Code) continue;
      try {
        executions.push(this.controller.createNotebookCellExecution(cell));
      } catch (error) {
        // The cell is already queued or running.
        log.warn(`${cellName(cell)} not queued`, error);
      }
    }
    const run = state.queue.then(async () => {
      for (const execution of executions) {
        if (state.generation !== generation) {
          execution.start();
          execution.end(undefined);
          continue;
        }
        await this.runOne(execution, state, generation);
      }
    });
    state.queue = run.catch((error) => log.error('the run queue failed', error));
    return run;
  }

  private async runOne(execution: vscode.NotebookCellExecution, state: NotebookState, generation: number): Promise<void> {
    execution.executionOrder = ++state.executionOrder;
    execution.start(Date.now());
    let success = false;
    try {
      const registerStop = (stop: () => void) => {
        state.stopCurrent = stop;
        // Interrupted while the run was being set up.
        if (state.generation !== generation) stop();
      };
      // A cell with `sweep:` is a grid of runs (sweepCellRun.ts), one with `search:` a capacity
      // search (searchCellRun.ts); any other, one run.
      const text = execution.cell.document.getText();
      const run = hasSweep(text) ? runSweepCell : hasSearch(text) ? runSearchCell : runScenarioCell;
      success = await run(execution, this.deps, registerStop);
    } catch (error) {
      log.error(`${cellName(execution.cell)} could not run`, error);
      const message = errorMessage(error);
      await execution
        .replaceOutput([errorOutput('Run failed', `stressnb could not run this cell: ${message}`)])
        .then(undefined, () => undefined);
    } finally {
      state.stopCurrent = undefined;
      try {
        execution.end(success, Date.now());
      } catch (error) {
        // The notebook was closed while the cell ran.
        log.warn(`${cellName(execution.cell)}: could not end the cell execution`, error);
      }
    }
  }

  private interrupt(notebook: vscode.NotebookDocument): void {
    const state = this.notebooks.get(notebook.uri.toString());
    if (!state) return;
    state.generation++;
    state.stopCurrent?.();
  }

  dispose(): void {
    for (const state of this.notebooks.values()) state.stopCurrent?.();
    this.notebooks.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }
}
