// "Open Full Transcript": the whole transcript of a cell's last run (every tick, one line per
// partition) in a read-only editor, next to the notebook. The cell shows a condensed view; the
// whole transcript is kept in its outputs (src/contracts/runOutputs.ts) and shown from there.

import * as vscode from 'vscode';
import { fullTranscriptOf } from './runOutputItems';

const SCHEME = 'stressnb-transcript';

/** Texts of the transcript documents that are open, by URI. */
const texts = new Map<string, string>();
let opened = 0;

export function registerFullTranscripts(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      provideTextDocumentContent: (uri) =>
        texts.get(uri.toString()) ?? 'This transcript is no longer available: open it again from its cell.',
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === SCHEME) texts.delete(doc.uri.toString());
    }),
  );
}

export async function openFullTranscript(cell: vscode.NotebookCell | undefined): Promise<void> {
  if (!cell || cell.kind !== vscode.NotebookCellKind.Code) {
    void vscode.window.showWarningMessage('Select a scenario cell of a stress session notebook to open the transcript of its last run.');
    return;
  }
  const text = fullTranscriptOf(cell);
  if (text === undefined) {
    void vscode.window.showInformationMessage(`Cell ${cell.index + 1} has no run transcript yet: run the cell first.`);
    return;
  }
  const notebookName = cell.notebook.uri.path.split('/').pop() ?? 'notebook';
  // A new URI each time: a cell run again shows its new transcript.
  const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${notebookName} cell ${cell.index + 1} transcript.log`, query: String(++opened) });
  texts.set(uri.toString(), text);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(doc, 'log').then(undefined, () => undefined);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
}
