// A sweep cell as a session report shows it: its verdict (how many points fail a threshold), the
// knee and the findings as where to look, the heatmap, and the table of points. From the outputs
// saved in a notebook (the headline output carries the sweep's cell text in its metadata), or from
// a sweep run just now (`stressnb export --run`).

import { buildSweepCharts } from '../charts/sweepCharts';
import { compileCharts } from '../charts/compileCharts';
import { sweepFactsLine, sweepHeadline, sweepNotes, type SweepFacts } from '../report/sweepReport';
import { formatSweepTableMarkdown, inGridOrder, sweepMetricColumns } from '../report/sweepTable';
import { CHARTS_MIME, readChartsPayload } from '../contracts/chartsPayload';
import { errorMessage } from '../contracts/errorMessage';
import { outputItemToBytes } from '../format/outputItemCodec';
import type { StressnbCell, StressnbOutputItem } from '../format/stressnbFile';
import { sweptCellText } from '../contracts/sweepOutput';
import type { Expectations } from '../spec/scenarioSpec';
import type { RunState, RunView } from './exportModel';
import { ERROR_MIME } from './readSavedRun';
import { plainText } from './reportSections';

/** The saved outputs of a sweep cell as a run view; undefined when the cell's outputs are not a sweep's. */
export function readSavedSweep(cell: StressnbCell): RunView | undefined {
  const ran = (cell.outputs ?? []).map((o) => sweptCellText(o.metadata)).find((t) => t !== undefined);
  return ran === undefined ? undefined : readSavedHeadlineRun(cell, ran, MARKS, 'the cell was edited after this sweep ran');
}

/**
 * The saved outputs of a cell whose first Markdown output is a headline (`### <mark> <text>`, the
 * facts line, `- ` notes) and whose other Markdown outputs are tables: a sweep's or a capacity
 * search's. `ran` is the cell text it ran (from the outputs' metadata); `marks` read the mark.
 */
export function readSavedHeadlineRun(
  cell: StressnbCell,
  ran: string,
  marks: Readonly<Record<string, Pick<RunView, 'state' | 'verdict'>>>,
  staleText: string,
): RunView {
  const outputs = cell.outputs ?? [];
  const view: RunView = { state: 'unknown', whereToLook: [], notices: [], errors: [], otherItems: [] };
  const markdown: string[] = [];
  for (const item of outputs.flatMap((o) => o.items)) {
    const mime = item.mime.split(';')[0].trim().toLowerCase();
    if (mime === 'text/markdown') markdown.push(textOf(item));
    else if (mime === CHARTS_MIME && !view.charts) readCharts(item, view);
    else if (mime === ERROR_MIME) view.errors.push(errorOf(item));
    else view.otherItems.push(item.mime);
  }
  const [headline, ...rest] = markdown;
  if (headline !== undefined) readHeadline(headline, rest, view, marks);
  if (view.errors.length > 0) view.state = 'failed';
  if (ran !== cell.source) view.stale = staleText;
  return view;
}

const MARKS: Record<string, Pick<RunView, 'state' | 'verdict'>> = {
  '✓': { state: 'finished', verdict: 'pass' },
  '✗': { state: 'finished', verdict: 'fail' },
  // Sweeps saved before the marks were text glyphs.
  '✅': { state: 'finished', verdict: 'pass' },
  '❌': { state: 'finished', verdict: 'fail' },
  '▶': { state: 'running' },
};

/** `### ✓ Sweep: …`, the facts line, the notes (knee, findings), then the table's Markdown. */
function readHeadline(
  markdown: string,
  tables: string[],
  view: RunView,
  marks: Readonly<Record<string, Pick<RunView, 'state' | 'verdict'>>>,
): void {
  const lines = markdown.split(/\r?\n/);
  const heading = /^#{1,6}\s+(\S+)\s+(.*)$/.exec(lines.find((l) => l.trim() !== '') ?? '');
  if (!heading) return;
  const [, mark, text] = heading;
  const state: RunState | undefined =
    marks[mark]?.state ?? (/INTERRUPTED/.test(text) ? 'interrupted' : /FAILED/.test(text) ? 'failed' : undefined);
  if (state) view.state = state;
  const verdict = marks[mark]?.verdict;
  if (verdict) view.verdict = verdict;
  view.headline = `${verdict ? `${verdict.toUpperCase()} ` : ''}${plainText(text)}`;
  view.whereToLook = lines.filter((l) => l.startsWith('- ')).map((l) => plainText(l.slice(2)));
  const factsLine = lines.find((l, i) => i > 0 && l.trim() !== '' && !l.startsWith('- ') && !l.startsWith('#'));
  view.reportMarkdown = [factsLine && !/^Hover /.test(factsLine) ? factsLine : undefined, ...tables]
    .filter((p) => p !== undefined)
    .join('\n\n');
}

export interface FreshSweep extends Omit<SweepFacts, 'hasThresholds'> {
  expect: Expectations;
}

/** A sweep run just now, as the notebook would have shown it at the end. */
export async function freshSweepView(sweep: FreshSweep): Promise<RunView> {
  const facts: SweepFacts = { ...sweep, hasThresholds: Object.keys(sweep.expect).length > 0 };
  const { mark, text } = sweepHeadline(facts);
  const verdict = MARKS[mark]?.verdict;
  const state: RunState = sweep.state.state === 'finished' ? 'finished' : sweep.state.state;
  const metrics = sweepMetricColumns(sweep.expect);
  const rows = inGridOrder(sweep.rows);
  const view: RunView = {
    state,
    ...(verdict ? { verdict } : {}),
    headline: `${verdict ? `${verdict.toUpperCase()} ` : ''}${text}`,
    whereToLook: sweepNotes(facts),
    notices: [],
    errors: sweep.state.state === 'failed' ? [{ title: 'Sweep failed', message: sweep.state.message }] : [],
    otherItems: [],
    reportMarkdown: `${sweepFactsLine(facts)}\n\n#### Points (${rows.length} of ${sweep.total})\n\n${formatSweepTableMarkdown(sweep.axes, rows, metrics)}`,
  };
  try {
    const charts = buildSweepCharts(sweep.axes, rows, { metrics });
    if (charts.length > 0 && rows.length > 0) view.charts = await compileCharts(charts);
  } catch (error) {
    view.chartsError = errorMessage(error);
  }
  return view;
}

export function readCharts(item: StressnbOutputItem, view: RunView): void {
  try {
    view.charts = readChartsPayload(item.encoding === undefined ? item.data : JSON.parse(textOf(item)));
  } catch (error) {
    view.chartsError = errorMessage(error);
  }
}

function textOf(item: StressnbOutputItem): string {
  return new TextDecoder().decode(outputItemToBytes(item));
}

function errorOf(item: StressnbOutputItem): { title: string; message: string } {
  try {
    const value = (item.encoding === undefined ? item.data : JSON.parse(textOf(item))) as { name?: unknown; message?: unknown };
    return {
      title: typeof value.name === 'string' && value.name !== '' ? value.name : 'Error',
      message: typeof value.message === 'string' ? value.message : JSON.stringify(value),
    };
  } catch {
    return { title: 'Error', message: textOf(item) };
  }
}
