// What a session report shows, whatever it came from (the outputs saved in a notebook, or runs
// made just now by `stressnb export --run`), and whatever it goes to (HTML or Markdown).

import type { ChartsPayload } from '../contracts/chartsPayload';

/** How a scenario cell's run ended, as far as its outputs tell. */
export type RunState =
  /** No output at all: the cell was never run (or its outputs were cleared). */
  | 'not-run'
  | 'finished'
  | 'interrupted'
  /** The run, its source or its report failed, or the spec had errors. */
  | 'failed'
  /** The notebook was saved while the run was still going. */
  | 'running'
  /** Outputs this version of stressnb does not recognise (kept, not interpreted). */
  | 'unknown';

export interface RunErrorView {
  /** E.g. "Run failed", "Scenario spec error". */
  title: string;
  message: string;
}

export interface RunView {
  state: RunState;
  /** From the run's report; absent when there is no report. */
  verdict?: 'pass' | 'fail' | 'incomplete';
  /** The report's one-line verdict, e.g. "FAIL hot-family (seed 1): 1 triage hint". */
  headline?: string;
  /** One line per problem: rule, partitions, window; failed thresholds. */
  whereToLook: string[];
  /** Warnings that qualify the verdict (a partial run). */
  notices: string[];
  /** Why the outputs may not match the cell's current spec; absent when they do. */
  stale?: string;
  /** The report (summary, checks, hints, thresholds, baseline comparison) as Markdown, without its headline. */
  reportMarkdown?: string;
  charts?: ChartsPayload;
  /** Why the saved charts could not be read. */
  chartsError?: string;
  /** The run's transcript as the cell shows it (config header, status line, ticks, totals). */
  transcript?: string;
  /** The whole transcript, when the outputs keep it apart from the view. */
  fullTranscript?: string;
  errors: RunErrorView[];
  /** Mime types of output items that the report does not show. */
  otherItems: string[];
}

export type ExportCell =
  | { kind: 'markdown'; number: number; source: string }
  | { kind: 'scenario'; number: number; source: string; scenario?: string; run: RunView };

export interface SessionExport {
  /** The notebook's file name, e.g. "session6.stressnb". */
  name: string;
  /** `run`: every scenario cell was run just now; `saved`: the outputs saved in the notebook. */
  origin: 'run' | 'saved';
  cells: ExportCell[];
  /** The run history of the notebook's scenarios (historySection.ts), when one was given. */
  history?: HistorySection[];
}

/** One scenario's runs in the run history: their table, the trends, the last two compared. */
export interface HistorySection {
  scenario: string;
  /** The history file, as named to the reader. */
  file: string;
  /** Runs of the scenario in the history (the table and trend show the latest ones). */
  runs: number;
  tableMarkdown: string;
  trend: ChartsPayload;
  comparison?: { title: string; markdown: string; charts: ChartsPayload };
}

export type ScenarioExportCell = Extract<ExportCell, { kind: 'scenario' }>;

export function scenarioCells(session: SessionExport): ScenarioExportCell[] {
  return session.cells.filter((c): c is ScenarioExportCell => c.kind === 'scenario');
}
