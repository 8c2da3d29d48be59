// The headline renderer and the extension: the renderer asks whether a headline it drew is
// stale (the cell's text changed since that run) and the extension tells it, then again whenever
// the answer changes as the cell is edited; "Full transcript" in a headline opens the transcript.
// Messages: src/contracts/headlinePayload.ts.

import * as vscode from 'vscode';
import {
  HEADLINE_SHOWN,
  HEADLINE_STATE,
  OPEN_TRANSCRIPT,
  readHeadlineMessage,
  type HeadlineStateMessage,
} from '../contracts/headlinePayload';
import { CHARTS_RENDERER_ID } from './chartSaving';
import { openFullTranscript } from './fullTranscript';
import { isStaleOutput, outputKind } from './runOutputItems';

/**
 * The id VS Code gives an output, which the renderer sees as the item's id. The extension API
 * does not declare it, but every NotebookCellOutput the editor hands out carries it.
 */
function outputIdOf(output: vscode.NotebookCellOutput): string | undefined {
  const id = (output as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function findOutput(
  notebook: vscode.NotebookDocument,
  outputId: string,
): { cell: vscode.NotebookCell; output: vscode.NotebookCellOutput } | undefined {
  for (const cell of notebook.getCells()) {
    const output = cell.outputs.find((o) => outputIdOf(o) === outputId);
    if (output) return { cell, output };
  }
  return undefined;
}

export function registerHeadlineMessaging(): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(CHARTS_RENDERER_ID);
  /** The stale state last sent for each headline output. */
  const sent = new Map<string, boolean>();
  const send = (outputId: string, stale: boolean, editor?: vscode.NotebookEditor) => {
    sent.set(outputId, stale);
    void messaging.postMessage({ type: HEADLINE_STATE, outputId, stale } satisfies HeadlineStateMessage, editor);
  };

  return vscode.Disposable.from(
    messaging.onDidReceiveMessage(({ editor, message }) => {
      const m = readHeadlineMessage(message);
      if (!m) return;
      const found = findOutput(editor.notebook, m.outputId);
      if (!found) return;
      if (m.type === HEADLINE_SHOWN) send(m.outputId, isStaleOutput(found.cell, found.output), editor);
      else if (m.type === OPEN_TRANSCRIPT) void openFullTranscript(found.cell);
    }),
    vscode.workspace.onDidChangeNotebookDocument((event) => {
      for (const change of event.cellChanges) {
        if (!change.document) continue;
        const headline = change.cell.outputs.find((o) => outputKind(o) === 'headline');
        const id = headline && outputIdOf(headline);
        if (!headline || !id) continue;
        const stale = isStaleOutput(change.cell, headline);
        if (sent.get(id) === stale) continue;
        for (const editor of vscode.window.visibleNotebookEditors) if (editor.notebook === event.notebook) send(id, stale, editor);
      }
    }),
    { dispose: () => sent.clear() },
  );
}
