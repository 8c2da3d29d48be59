// A capacity search cell's run: parse the cell (its base and its search), run the probes on the
// host's sweep workers (engine probes several at once; a command's one at a time, only in a
// trusted workspace), stream them into the cell (answer so far, charts, table), and end with the
// answer, the capacity threshold against the pinned baseline, and the capacity to pin. Interrupt
// stops every probe at once and keeps the probes done. Returns whether the search found its
// boundary inside the range (and the capacity threshold, if any, passed); never throws for a
// problem of the search.

import type * as vscode from 'vscode';
import { evaluateCapacityThreshold, type CapacityBaseline } from '../analysis/searchCapacity';
import { foundCapacity, searchVerdict } from '../report/searchReport';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { capacityFor } from './baselines';
import type { CellRunDeps } from './cellRun';
import { LiveSearchOutput } from './liveSearchOutput';
import { errorOutput } from './runOutputItems';
import { DESKTOP_ONLY_TITLE, sourceRefusal } from './sourceRefusal';
import { formatProblems } from './specProblems';
import { pinnedSummaries } from './sweepCellRun';

export const SEARCH_NEEDS_DESKTOP =
  'This cell is a capacity search (search:), whose probes run on worker threads (or start a command) in desktop VS Code: VS Code for the Web (vscode.dev, github.dev) runs one scenario at a time. ' +
  'Open the notebook in desktop VS Code, or run stressnb search in a terminal; cells without search: run here.';

export async function runSearchCell(
  execution: vscode.NotebookCellExecution,
  deps: CellRunDeps,
  registerStop: (stop: () => void) => void,
): Promise<boolean> {
  const { spec, problems, search } = parseScenarioSpec(execution.cell.document.getText());
  if (!spec || !search) {
    await execution.replaceOutput([errorOutput('Scenario spec error', formatProblems(problems))]);
    return false;
  }
  if (!deps.sweeps) {
    await execution.replaceOutput([errorOutput(DESKTOP_ONLY_TITLE, SEARCH_NEEDS_DESKTOP)]);
    return false;
  }
  const refusal = sourceRefusal(spec, deps.externalSources !== undefined);
  if (refusal) {
    await execution.replaceOutput([errorOutput(refusal.title, refusal.message)]);
    return false;
  }
  const notebook = execution.cell.notebook;
  // A command's probes run one at a time; engine probes one per worker thread (as many as a large sweep gets).
  const slots = search.placeholder ? 1 : deps.sweeps.threadsFor(Number.MAX_SAFE_INTEGER);
  const live = new LiveSearchOutput(execution, search, {
    throttleMs: deps.settings().throttleMs,
    facts: { scenario: spec.scenario, slots },
  });
  await live.begin();

  const running = deps.sweeps.search(search, { onProbe: (probe) => live.add(probe), baselines: pinnedSummaries(notebook), notebook });
  registerStop(() => running.stop());
  const { end, probes } = await running.result;
  const found = end.state === 'finished' ? foundCapacity(search, probes) : undefined;
  const threshold =
    end.state === 'finished' ? evaluateCapacityThreshold(search, found?.sustained.value, capacityFor(notebook, spec.scenario)) : undefined;
  const pin: CapacityBaseline | undefined = found
    ? {
        key: search.key,
        value: found.sustained.value,
        firstFailure: found.firstFailure.value,
        until: search.until,
        precisionPct: search.precisionPct,
      }
    : undefined;
  await live.finish(end, probes, { ...(threshold ? { threshold } : {}), ...(pin ? { pin } : {}) });
  if (end.state === 'failed') await execution.appendOutput(errorOutput('Search failed', end.message));
  return searchVerdict({ plan: search, probes, state: end, ...(threshold ? { capacity: threshold } : {}) }) === 'found';
}
