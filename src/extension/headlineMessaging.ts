// The headline renderer and the extension: the renderer asks whether a headline it drew is
// stale (the cell's text changed since that run) and the extension tells it, then again whenever
// the answer changes, as the cell is edited or run; "Full transcript" in a headline opens the
// run's transcript. The renderer names its output by an OutputRef (src/contracts/outputRef.ts): the
// output id it was given may be an earlier run's. Messages: src/contracts/headlinePayload.ts.

import * as vscode from 'vscode';
import {
  HEADLINE_SHOWN,
  HEADLINE_STATE,
  OPEN_TRANSCRIPT,
  readHeadlineMessage,
  type HeadlineStateMessage,
} from '../contracts/headlinePayload';
import { refKey, type OutputRef } from '../contracts/outputRef';
import { CHARTS_RENDERER_ID } from './chartSaving';
import { openFullTranscript } from './fullTranscript';
import { cellStaleReason, findOutput, outputKind, outputRefOfOutput } from './runOutputItems';

function stateMessage(cell: vscode.NotebookCell, ref: OutputRef): HeadlineStateMessage {
  const reason = cellStaleReason(cell);
  return { type: HEADLINE_STATE, ...ref, stale: reason !== undefined, ...(reason ? { reason } : {}) };
}

export function registerHeadlineMessaging(): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(CHARTS_RENDERER_ID);
  /** The stale reason last sent for each headline ('' for not stale). */
  const sent = new Map<string, string>();
  const send = (message: HeadlineStateMessage, editor?: vscode.NotebookEditor) => {
    sent.set(refKey(message), message.reason ?? '');
    void messaging.postMessage(message, editor);
  };

  /** Tells the renderer the state of the cell's headline when it changed since it was last told. */
  const update = (notebook: vscode.NotebookDocument, cell: vscode.NotebookCell) => {
    for (const output of cell.outputs) {
      if (outputKind(output) !== 'headline') continue;
      const ref = outputRefOfOutput(output);
      if (!ref) continue;
      const message = stateMessage(cell, ref);
      if (sent.get(refKey(ref)) === (message.reason ?? '')) continue;
      for (const editor of vscode.window.visibleNotebookEditors) if (editor.notebook === notebook) send(message, editor);
    }
  };

  return vscode.Disposable.from(
    messaging.onDidReceiveMessage(({ editor, message }) => {
      const m = readHeadlineMessage(message);
      if (!m) return;
      const found = findOutput(editor.notebook, m);
      if (m.type === HEADLINE_SHOWN) {
        // Answer under the reference the renderer holds, whatever the output's id is now.
        if (found) send(stateMessage(found.cell, { outputId: m.outputId, ...(m.runId ? { runId: m.runId } : {}) }), editor);
      } else if (m.type === OPEN_TRANSCRIPT) {
        if (found) void openFullTranscript(found.cell);
        else
          void vscode.window.showWarningMessage(
            "This run is no longer in the notebook: open the transcript of the cell's last run from its toolbar (Open Full Transcript).",
          );
      }
    }),
    vscode.workspace.onDidChangeNotebookDocument((event) => {
      for (const change of event.cellChanges) if (change.document || change.outputs) update(event.notebook, change.cell);
    }),
    vscode.workspace.onDidCloseNotebookDocument(() => sent.clear()),
    { dispose: () => sent.clear() },
  );
}
