// A scenario cell's saved outputs, read by mime type (docs/notebook.md, "What a run shows"):
// the transcript (text/plain, with its status line), the charts (the charts output item), the
// report (text/markdown) and errors (VS Code's error item); and, when there, the run's headline
// and whole transcript as data (runDataItems.ts), which take precedence over what the text says;
// outputs tagged with the fingerprint of the cell text they ran are stale when the text changed.
// Items of any other type are counted, never fatal: a notebook written by a later stressnb still
// exports what this one understands.

import { CHARTS_MIME, readChartsPayload } from '../contracts/chartsPayload';
import { errorMessage } from '../contracts/errorMessage';
import { outputItemToBytes } from '../format/outputItemCodec';
import { readRunOutputInfo, specHash } from '../contracts/runOutputs';
import type { StressnbCell, StressnbOutput, StressnbOutputItem } from '../format/stressnbFile';
import type { RunErrorView, RunState, RunView } from './exportModel';
import { HEADLINE_ITEM_MIME, readHeadlineData, readTranscriptLines, TRANSCRIPT_ITEM_MIME, type HeadlineData } from './runDataItems';
import { splitReport } from './reportSections';
import { staleReason } from './staleOutputs';

export const ERROR_MIME = 'application/vnd.code.notebook.error';
const STDERR_MIME = 'application/vnd.code.notebook.stderr';

/** The status line of a run's transcript (src/report/runTranscript.ts statusLine). */
const STATUS_LINE = /^(■|▶) (finished|INTERRUPTED|FAILED|running)\b/m;

export function readSavedRun(cell: StressnbCell): RunView {
  const outputs = cell.outputs ?? [];
  const view: RunView = { state: outputs.length === 0 ? 'not-run' : 'unknown', whereToLook: [], notices: [], errors: [], otherItems: [] };
  let headline: HeadlineData | undefined;
  for (const output of outputs) {
    for (const item of output.items) headline = readItem(item, output, view) ?? headline;
  }
  if (outputs.length === 0) return view;

  if (headline) {
    Object.assign(view, { headline: headline.headline, whereToLook: headline.whereToLook });
    if (headline.verdict) view.verdict = headline.verdict;
  }
  const status = view.transcript !== undefined ? STATUS_LINE.exec(view.transcript)?.[2] : undefined;
  view.state = view.errors.length > 0 ? 'failed' : (headline?.state ?? stateOf(status, view));
  // Only a run's evidence can be stale: an error about the spec is about the spec as it is.
  const evidence = view.transcript !== undefined || view.reportMarkdown !== undefined || view.charts !== undefined;
  const stale = evidence ? (staleReason(cell.source, view.fullTranscript ?? view.transcript) ?? editedSinceRun(cell)) : undefined;
  if (stale) view.stale = stale;
  return view;
}

/** Outputs tagged with the fingerprint of the text they ran (src/contracts/runOutputs.ts) say whether the cell changed since. */
function editedSinceRun(cell: StressnbCell): string | undefined {
  const current = specHash(cell.source);
  const edited = (cell.outputs ?? []).some((o) => {
    const info = readRunOutputInfo(o.metadata);
    return info !== undefined && info.kind !== 'spec-error' && info.specHash !== current;
  });
  return edited ? 'the cell was edited after this run: these outputs are from an earlier version of the cell' : undefined;
}

function stateOf(status: string | undefined, view: RunView): RunState {
  if (status === 'FAILED') return 'failed';
  if (status === 'INTERRUPTED') return 'interrupted';
  if (status === 'running') return 'running';
  if (status === 'finished' || view.reportMarkdown !== undefined) return 'finished';
  return 'unknown';
}

/** Reads one item into the view; returns the headline when the item is one. */
function readItem(item: StressnbOutputItem, output: StressnbOutput, view: RunView): HeadlineData | undefined {
  const mime = item.mime.split(';')[0].trim().toLowerCase();
  if (mime === CHARTS_MIME && view.charts === undefined && view.chartsError === undefined) {
    try {
      view.charts = readChartsPayload(jsonOf(item));
    } catch (error) {
      view.chartsError = errorMessage(error);
    }
  } else if (mime === HEADLINE_ITEM_MIME) {
    const headline = readJson(item, readHeadlineData);
    if (headline) return headline;
    view.otherItems.push(item.mime);
  } else if (mime === TRANSCRIPT_ITEM_MIME && view.fullTranscript === undefined) {
    view.fullTranscript = readJson(item, readTranscriptLines);
    if (view.fullTranscript === undefined) view.otherItems.push(item.mime);
  } else if (mime === 'text/markdown' && view.reportMarkdown === undefined) {
    const sections = splitReport(textOf(item));
    view.reportMarkdown = sections.body;
    if (sections.verdict) view.verdict = sections.verdict;
    if (sections.headline) view.headline = sections.headline;
    view.whereToLook = sections.whereToLook;
    view.notices = sections.notices;
  } else if (mime === 'text/plain') {
    const text = textOf(item);
    if (view.transcript === undefined && STATUS_LINE.test(text)) view.transcript = text;
    // Beside a richer item of the same output, plain text is that item's fallback.
    else if (output.items.length === 1) view.otherItems.push(item.mime);
  } else if (mime === ERROR_MIME) {
    view.errors.push(errorOf(item));
  } else if (mime === STDERR_MIME) {
    view.errors.push({ title: 'Standard error', message: textOf(item) });
  } else {
    view.otherItems.push(item.mime);
  }
  return undefined;
}

function readJson<T>(item: StressnbOutputItem, read: (value: unknown) => T | undefined): T | undefined {
  try {
    return read(jsonOf(item));
  } catch {
    return undefined;
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
