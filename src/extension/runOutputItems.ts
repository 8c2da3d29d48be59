// The outputs of a scenario cell's run as VS Code objects: the headline (rendered item and its
// plain-text fallback), the transcript (the condensed view and the whole transcript), each tagged
// with its kind and the fingerprint of the cell text it ran (src/contracts/runOutputs.ts); and the
// readers of those tags: whether the outputs are stale, which output the renderer means, where
// the full transcript is.

import * as vscode from 'vscode';
import { formatHeadlineText } from '../report/runHeadline';
import { HEADLINE_MIME, type HeadlinePayload } from '../contracts/headlinePayload';
import { runIdMetadata, runIdOf, type OutputRef } from '../contracts/outputRef';
import { sweptCellText } from '../contracts/sweepOutput';
import { ERROR_MIME } from '../export/readSavedRun';
import { VIEW_METADATA_KEY } from './extensionIds';
import { staleReason } from '../export/staleOutputs';
import {
  readRunOutputInfo,
  readTranscriptPayload,
  runOutputMetadata,
  TRANSCRIPT_MIME,
  TRANSCRIPT_PAYLOAD_VERSION,
  type RunOutputKind,
  type TranscriptPayload,
} from '../contracts/runOutputs';
import { cellName, log } from './log';

/** An output of a run; `runId` tells its outputs apart while the notebook is open (outputRef.ts). */
export function runOutput(
  kind: RunOutputKind,
  hash: string,
  items: vscode.NotebookCellOutputItem[],
  metadata?: Record<string, unknown>,
  runId?: string,
): vscode.NotebookCellOutput {
  return new vscode.NotebookCellOutput(items, { ...metadata, ...runOutputMetadata(kind, hash), ...(runId ? runIdMetadata(runId) : {}) });
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
 * Why the cell's outputs are from an earlier version of its text, or undefined when they are not
 * (src/export/staleOutputs.ts: the same answer a session report gives). The status bar and the
 * headline both show this.
 */
export function cellStaleReason(cell: vscode.NotebookCell): string | undefined {
  // A view's cells (the run history) show what was recorded; their text is a caption, not a spec.
  if (cell.metadata?.[VIEW_METADATA_KEY] !== undefined) return undefined;
  if (!cell.outputs.some(isEvidence)) return undefined;
  return staleReason(cell.document.getText(), { metadata: cell.outputs.map((o) => o.metadata), transcript: () => fullTranscriptOf(cell) });
}

/** An output a run left (a spec error, or an error about a run that never started, is not). */
function isEvidence(output: vscode.NotebookCellOutput): boolean {
  const kind = outputKind(output);
  if (kind) return kind !== 'spec-error';
  return sweptCellText(output.metadata) !== undefined || output.items.some((i) => i.mime !== ERROR_MIME);
}

/** The output of a cell by the renderer's reference: by run id first (outputRef.ts), else by id. */
export function findOutput(
  notebook: vscode.NotebookDocument,
  ref: OutputRef,
): { cell: vscode.NotebookCell; output: vscode.NotebookCellOutput } | undefined {
  for (const cell of notebook.getCells()) {
    const output = cell.outputs.find((o) => (ref.runId !== undefined ? runIdOf(o.metadata) === ref.runId : outputIdOf(o) === ref.outputId));
    if (output) return { cell, output };
  }
  return undefined;
}

/**
 * The id VS Code gives an output, which the renderer sees as the item's id (until the output is
 * replaced: outputRef.ts). The extension API does not declare it, but every NotebookCellOutput
 * the editor hands out carries it.
 */
export function outputIdOf(output: vscode.NotebookCellOutput): string | undefined {
  const id = (output as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

/** The reference the renderer holds for an output drawn now. */
export function outputRefOfOutput(output: vscode.NotebookCellOutput): OutputRef | undefined {
  const outputId = outputIdOf(output);
  const runId = runIdOf(output.metadata);
  if (outputId === undefined) return undefined;
  return runId ? { outputId, runId } : { outputId };
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
