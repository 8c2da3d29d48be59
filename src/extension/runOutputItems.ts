// The outputs of a scenario cell's run as VS Code objects: the headline (rendered item and its
// plain-text fallback), the transcript (the condensed view and the whole transcript), each tagged
// with its kind and the fingerprint of the cell text it ran (src/contracts/runOutputs.ts); and the
// readers of those tags: which outputs are stale, where the full transcript is.

import * as vscode from 'vscode';
import { formatHeadlineText } from '../report/runHeadline';
import { HEADLINE_MIME, type HeadlinePayload } from '../contracts/headlinePayload';
import {
  readRunOutputInfo,
  readTranscriptPayload,
  runOutputMetadata,
  specHash,
  TRANSCRIPT_MIME,
  TRANSCRIPT_PAYLOAD_VERSION,
  type RunOutputKind,
  type TranscriptPayload,
} from '../contracts/runOutputs';
import { cellName, log } from './log';

export function runOutput(
  kind: RunOutputKind,
  hash: string,
  items: vscode.NotebookCellOutputItem[],
  metadata?: Record<string, unknown>,
): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput(items, { ...metadata, ...runOutputMetadata(kind, hash) });
}

/** The rendered headline first, then its plain-text fallback (what a viewer without the renderer shows). */
export function headlineItems(payload: HeadlinePayload): vscode.NotebookCellOutputItem[] {
  return [vscode.NotebookCellOutputItem.json(payload, HEADLINE_MIME), vscode.NotebookCellOutputItem.text(formatHeadlineText(payload))];
}

/** The view the cell shows and, once the run has ended, the whole transcript beside it. */
export function transcriptItems(view: string, fullLines?: string[]): vscode.NotebookCellOutputItem[] {
  const items = [vscode.NotebookCellOutputItem.text(view)];
  if (fullLines)
    items.push(
      vscode.NotebookCellOutputItem.json(
        { version: TRANSCRIPT_PAYLOAD_VERSION, lines: fullLines } satisfies TranscriptPayload,
        TRANSCRIPT_MIME,
      ),
    );
  return items;
}

export function errorOutput(name: string, message: string, tag?: { kind: RunOutputKind; hash: string }): vscode.NotebookCellOutput {
  const error = new Error(message);
  error.name = name;
  error.stack = '';
  const item = vscode.NotebookCellOutputItem.error(error);
  return tag ? runOutput(tag.kind, tag.hash, [item]) : new vscode.NotebookCellOutput([item]);
}

export function outputKind(output: vscode.NotebookCellOutput): RunOutputKind | undefined {
  return readRunOutputInfo(output.metadata)?.kind;
}

/**
 * Whether the cell's text changed since its outputs were produced: some output of a run carries
 * the fingerprint of a text other than the cell's current one.
 */
export function hasStaleOutputs(cell: vscode.NotebookCell): boolean {
  const current = specHash(cell.document.getText());
  return cell.outputs.some((o) => {
    const info = readRunOutputInfo(o.metadata);
    return info !== undefined && info.specHash !== current;
  });
}

/** Whether one output was produced from a text other than the cell's current one. */
export function isStaleOutput(cell: vscode.NotebookCell, output: vscode.NotebookCellOutput): boolean {
  const info = readRunOutputInfo(output.metadata);
  return info !== undefined && info.specHash !== specHash(cell.document.getText());
}

/**
 * The full transcript of the cell's last run: the transcript item, or for a run still going or
 * saved before the item existed, the shown text; undefined when the cell has none.
 */
export function fullTranscriptOf(cell: vscode.NotebookCell): string | undefined {
  for (const output of cell.outputs) {
    const item = output.items.find((i) => i.mime === TRANSCRIPT_MIME);
    if (!item) continue;
    try {
      return readTranscriptPayload(JSON.parse(new TextDecoder().decode(item.data))).lines.join('\n');
    } catch (error) {
      log.warn(`${cellName(cell)}: unreadable transcript item`, error);
    }
  }
  const lines = cell.outputs.find(
    (o) => outputKind(o) === 'transcript' || (!outputKind(o) && o.items.some((i) => i.mime === 'text/plain')),
  );
  const text = lines?.items.find((i) => i.mime === 'text/plain');
  return text ? new TextDecoder().decode(text.data) : undefined;
}
