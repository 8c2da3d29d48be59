// A notebook model as a session report sees it: its cells in order, numbered from 1, each
// scenario cell with its run (saved outputs, a sweep's and a search's included, or a run made just now).

import type { StressnbCell, StressnbNotebook } from '../format/stressnbFile';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { ExportCell, RunView, SessionExport } from './exportModel';
import { readSavedRun } from './readSavedRun';
import { readSavedSearch } from './searchView';
import { readSavedSweep } from './sweepView';

/**
 * `freshRuns`, by cell number, replaces the saved outputs of those cells (`stressnb export --run`
 * passes every scenario cell's); without it the saved outputs are exported as they are.
 */
export function sessionOf(notebook: StressnbNotebook, name: string, freshRuns?: ReadonlyMap<number, RunView>): SessionExport {
  const cells = notebook.cells.map((cell, index): ExportCell => {
    const number = index + 1;
    if (cell.kind === 'markdown') return { kind: 'markdown', number, source: cell.source };
    const run = freshRuns?.get(number) ?? readSavedSweep(cell) ?? readSavedSearch(cell) ?? readSavedRun(cell);
    const scenario = scenarioName(cell, run);
    return { kind: 'scenario', number, source: cell.source, ...(scenario ? { scenario } : {}), run };
  });
  return { name, origin: freshRuns ? 'run' : 'saved', cells };
}

/** The cell's scenario: its spec's, else the one its run's config line names. */
function scenarioName(cell: StressnbCell, run: RunView): string | undefined {
  const fromSpec = parseScenarioSpec(cell.source).spec?.scenario;
  if (fromSpec) return fromSpec;
  return run.transcript ? /^config .*\bscenario=(\S+)/m.exec(run.transcript)?.[1] : undefined;
}
