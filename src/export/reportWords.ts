// Words both report formats use: a cell's title and where the results come from.

import type { ScenarioExportCell, SessionExport } from './exportModel';

/** "Cell 7 · hot-family" (cells are numbered from 1, Markdown cells included, as `stressnb run --cell` numbers them). */
export function cellTitle(cell: ScenarioExportCell): string {
  return `Cell ${cell.number}${cell.scenario ? ` · ${cell.scenario}` : ''}`;
}

export function originSentence(session: SessionExport): string {
  return session.origin === 'run'
    ? 'Every scenario cell was run for this report (stressnb export --run), with the same engine, sources and seeds as the notebook.'
    : 'The outputs saved in the notebook, as they are: cells that never ran, stopped or failed are marked so.';
}
