// A capacity search cell as a session report shows it: the answer as its headline (pass when the
// boundary was found, fail when nothing sustains, beyond the range or a failed capacity
// threshold), the notes as where to look, the charts and the table of probes. From the outputs
// saved in a notebook (the headline output carries the search's cell text in its metadata), or
// from a search run just now (`stressnb export --run`).

import { buildSearchCharts } from '../charts/searchCharts';
import { compileCharts } from '../charts/compileCharts';
import { searchFactsLine, searchHeadline, searchNotes, searchVerdict, type SearchFacts } from '../report/searchReport';
import { formatSearchTableMarkdown } from '../report/searchTable';
import { errorMessage } from '../contracts/errorMessage';
import { readSearchOutput } from '../contracts/searchOutput';
import type { StressnbCell } from '../format/stressnbFile';
import type { RunState, RunView } from './exportModel';
import { readSavedHeadlineRun } from './sweepView';

const MARKS: Record<string, Pick<RunView, 'state' | 'verdict'>> = {
  '✓': { state: 'finished', verdict: 'pass' },
  '✗': { state: 'finished', verdict: 'fail' },
  // Beyond the range: the search did not answer within it, which is not a pass.
  '↑': { state: 'finished', verdict: 'fail' },
  '▶': { state: 'running' },
};

/** The saved outputs of a search cell as a run view; undefined when the cell's outputs are not a search's. */
export function readSavedSearch(cell: StressnbCell): RunView | undefined {
  const ran = (cell.outputs ?? []).map((o) => readSearchOutput(o.metadata)).find((info) => info !== undefined);
  return ran === undefined ? undefined : readSavedHeadlineRun(cell, ran.cellText, MARKS, 'the cell was edited after this search ran');
}

/** A search run just now, as the notebook would have shown it at the end. */
export async function freshSearchView(facts: SearchFacts): Promise<RunView> {
  const { text } = searchHeadline(facts);
  const verdict = facts.state.state === 'finished' ? (searchVerdict(facts) === 'found' ? 'pass' : 'fail') : undefined;
  const state: RunState = facts.state.state;
  const view: RunView = {
    state,
    ...(verdict ? { verdict } : {}),
    headline: `${verdict ? `${verdict.toUpperCase()} ` : ''}${text}`,
    whereToLook: searchNotes(facts),
    notices: [],
    errors: facts.state.state === 'failed' ? [{ title: 'Search failed', message: facts.state.message }] : [],
    otherItems: [],
    reportMarkdown: `${searchFactsLine(facts)}\n\n#### Probes (${facts.probes.length})\n\n${formatSearchTableMarkdown(facts.plan, facts.probes)}`,
  };
  try {
    if (facts.probes.length > 0) view.charts = await compileCharts(buildSearchCharts(facts.plan, facts.probes));
  } catch (error) {
    view.chartsError = errorMessage(error);
  }
  return view;
}
