// A scenario cell's saved outputs, read by mime type (docs/notebook.md, "What a run shows"):
// the transcript (text/plain, with its status line), the charts (the charts output item), the
// report (text/markdown) and errors (VS Code's error item). Items of any other type are counted,
// never fatal: a notebook written by a later stressnb still exports what this one understands.

import { CHARTS_MIME, readChartsPayload } from '../format/chartsPayload';
import { errorMessage } from '../format/errorMessage';
import { outputItemToBytes } from '../format/outputItemCodec';
import type { StressnbCell, StressnbOutputItem } from '../format/stressnbFile';
import type { RunErrorView, RunState, RunView } from './exportModel';
import { splitReport } from './reportSections';
import { staleReason } from './staleOutputs';

export const ERROR_MIME = 'application/vnd.code.notebook.error';
const STDERR_MIME = 'application/vnd.code.notebook.stderr';

/** The status line of a run's transcript (src/analysis/runTranscript.ts statusLine). */
const STATUS_LINE = /^(■|▶) (finished|INTERRUPTED|FAILED|running)\b/m;

export function readSavedRun(cell: StressnbCell): RunView {
  const items = (cell.outputs ?? []).flatMap((o) => o.items);
  const view: RunView = { state: items.length === 0 ? 'not-run' : 'unknown', whereToLook: [], notices: [], errors: [], otherItems: [] };
  for (const item of items) readItem(item, view);
  if (items.length === 0) return view;

  const status = view.transcript !== undefined ? STATUS_LINE.exec(view.transcript)?.[2] : undefined;
  view.state = stateOf(status, view);
  // Only a run's evidence can be stale: an error about the spec is about the spec as it is.
  const evidence = view.transcript !== undefined || view.reportMarkdown !== undefined || view.charts !== undefined;
  const stale = evidence ? staleReason(cell.source, view.transcript) : undefined;
  if (stale) view.stale = stale;
  return view;
}

function stateOf(status: string | undefined, view: RunView): RunState {
  if (status === 'FAILED' || view.errors.length > 0) return 'failed';
  if (status === 'INTERRUPTED') return 'interrupted';
  if (status === 'running') return 'running';
  if (status === 'finished' || view.reportMarkdown !== undefined) return 'finished';
  return 'unknown';
}

function readItem(item: StressnbOutputItem, view: RunView): void {
  const mime = item.mime.split(';')[0].trim().toLowerCase();
  if (mime === CHARTS_MIME && view.charts === undefined && view.chartsError === undefined) {
    try {
      view.charts = readChartsPayload(jsonOf(item));
    } catch (error) {
      view.chartsError = errorMessage(error);
    }
  } else if (mime === 'text/markdown' && view.reportMarkdown === undefined) {
    const sections = splitReport(textOf(item));
    view.reportMarkdown = sections.body;
    if (sections.verdict) view.verdict = sections.verdict;
    if (sections.headline) view.headline = sections.headline;
    view.whereToLook = sections.whereToLook;
    view.notices = sections.notices;
  } else if (mime === 'text/plain' && view.transcript === undefined) {
    view.transcript = textOf(item);
  } else if (mime === ERROR_MIME) {
    view.errors.push(errorOf(item));
  } else if (mime === STDERR_MIME) {
    view.errors.push({ title: 'Standard error', message: textOf(item) });
  } else {
    view.otherItems.push(item.mime);
  }
}

function textOf(item: StressnbOutputItem): string {
  return new TextDecoder().decode(outputItemToBytes(item));
}

function jsonOf(item: StressnbOutputItem): unknown {
  return item.encoding === undefined ? item.data : JSON.parse(textOf(item));
}

function errorOf(item: StressnbOutputItem): RunErrorView {
  try {
    const value = jsonOf(item) as { name?: unknown; message?: unknown };
    return {
      title: typeof value.name === 'string' && value.name !== '' ? value.name : 'Error',
      message: typeof value.message === 'string' ? value.message : JSON.stringify(value),
    };
  } catch {
    return { title: 'Error', message: textOf(item) };
  }
}
