// Adapts the .stressnb file model (src/format/stressnbFile.ts) to VS Code's NotebookSerializer.
// A file that is not a valid .stressnb is refused with the model's message (VS Code shows it
// and does not open the notebook), so a save can never overwrite it with an empty notebook.

import * as vscode from 'vscode';
import { outputItemFromBytes, outputItemToBytes } from '../format/outputItemCodec';
import {
  parseStressnbBytes,
  serializeStressnb,
  STRESSNB_VERSION,
  type JsonObject,
  type StressnbCell,
  type StressnbNotebook,
  type StressnbOutput,
} from '../format/stressnbFile';
import { SCENARIO_LANGUAGE } from './extensionIds';

export const SERIALIZER_OPTIONS: vscode.NotebookDocumentContentOptions = {
  // Outputs are the point of sharing a session: they are saved.
  transientOutputs: false,
  // Execution details never reach the file (the model has no place for them either).
  transientCellMetadata: { executionOrder: true, runStartTime: true, runEndTime: true, lastRunDuration: true, runState: true },
};

export class StressnbSerializer implements vscode.NotebookSerializer {
  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    const parsed = parseStressnbBytes(content);
    if (!parsed.ok) {
      throw new Error(
        `This file is not a valid .stressnb notebook: ${parsed.error.message}. ` +
          'It was not opened, so nothing can overwrite it; open it with a text editor to repair it.',
      );
    }
    const { notebook } = parsed;
    const data = new vscode.NotebookData(notebook.cells.map(toCellData));
    data.metadata = { ...notebook.metadata };
    return data;
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const text = serializeStressnb({
      version: STRESSNB_VERSION,
      metadata: withoutNullEntries(toJsonObject(data.metadata)),
      cells: data.cells.map(fromCellData),
    });
    return new TextEncoder().encode(text);
  }
}

function toCellData(cell: StressnbCell): vscode.NotebookCellData {
  const isMarkdown = cell.kind === 'markdown';
  const data = new vscode.NotebookCellData(
    isMarkdown ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code,
    cell.source,
    isMarkdown ? 'markdown' : SCENARIO_LANGUAGE,
  );
  if (cell.outputs) {
    data.outputs = cell.outputs.map(
      (output) =>
        new vscode.NotebookCellOutput(
          output.items.map((item) => new vscode.NotebookCellOutputItem(outputItemToBytes(item), item.mime)),
          output.metadata ? { ...output.metadata } : undefined,
        ),
    );
  }
  if (cell.metadata) data.metadata = { ...cell.metadata };
  return data;
}

/** The file model of an open notebook as it is in the editor (unsaved edits and outputs included). */
export function notebookModelOf(notebook: vscode.NotebookDocument): StressnbNotebook {
  return {
    version: STRESSNB_VERSION,
    metadata: withoutNullEntries(toJsonObject(notebook.metadata)),
    cells: notebook
      .getCells()
      .map((cell) => fromCellData({ kind: cell.kind, value: cell.document.getText(), outputs: cell.outputs, metadata: cell.metadata })),
  };
}

/** A cell's parts, as NotebookCellData holds them (an open notebook's NotebookCell has the same). */
interface CellParts {
  kind: vscode.NotebookCellKind;
  value: string;
  outputs?: readonly vscode.NotebookCellOutput[];
  metadata?: Record<string, unknown>;
}

function fromCellData(cell: CellParts): StressnbCell {
  const outputs: StressnbOutput[] = (cell.outputs ?? []).map((output) => ({
    items: output.items.map((item) => outputItemFromBytes(item.mime, item.data)),
    ...(output.metadata ? { metadata: toJsonObject(output.metadata) } : {}),
  }));
  return {
    kind: cell.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'scenario',
    source: cell.value,
    ...(outputs.length > 0 ? { outputs } : {}),
    ...(cell.metadata ? { metadata: toJsonObject(cell.metadata) } : {}),
  };
}

/** VS Code's metadata may hold `undefined` values; the file holds JSON only. */
function toJsonObject(value: Record<string, unknown> | undefined): JsonObject {
  if (!value) return {};
  const json = JSON.parse(JSON.stringify(value)) as unknown;
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as JsonObject) : {};
}

/** A notebook metadata key set to null has been removed (see baselines.ts). */
function withoutNullEntries(value: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
}
