// Save SVG / Save PNG of a chart: the notebook renderer sends the exported chart over renderer
// messaging (its webview lets no download through); this asks where to save it and writes it.
// Protocol: src/contracts/chartSaveMessage.ts.

import * as vscode from 'vscode';
import {
  readSaveChartRequest,
  SAVE_CHART_RECEIVED,
  SAVE_CHART_RESULT,
  type SaveChartReceived,
  type SaveChartResult,
} from '../contracts/chartSaveMessage';
import { errorMessage } from '../contracts/errorMessage';
import { log } from './log';

/** The renderer's id in package.json (contributes.notebookRenderer). */
export const CHARTS_RENDERER_ID = 'stressnb.charts';

export function registerChartSaving(): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(CHARTS_RENDERER_ID);
  return messaging.onDidReceiveMessage(async ({ editor, message }) => {
    let save: ReturnType<typeof readSaveChartRequest>;
    try {
      save = readSaveChartRequest(message);
    } catch (error) {
      log.error('a save-chart message from the renderer was refused', error);
      void vscode.window.showErrorMessage(`stressnb: cannot save the chart: ${errorMessage(error)}`);
      return;
    }
    if (!save) return;
    const { request, bytes } = save;
    const reply = (m: SaveChartReceived | SaveChartResult) => void messaging.postMessage(m, editor);
    reply({ type: SAVE_CHART_RECEIVED, requestId: request.requestId });
    try {
      const notebook = editor.notebook.uri;
      const folder = notebook.scheme === 'untitled' ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(notebook, '..');
      const target = await vscode.window.showSaveDialog({
        title: 'Save chart',
        defaultUri: folder ? vscode.Uri.joinPath(folder, request.fileName) : undefined,
        filters: { [request.format.toUpperCase()]: [request.format] },
      });
      if (!target) {
        reply({ type: SAVE_CHART_RESULT, requestId: request.requestId });
        return;
      }
      await vscode.workspace.fs.writeFile(target, bytes);
      reply({
        type: SAVE_CHART_RESULT,
        requestId: request.requestId,
        savedTo: target.scheme === 'file' ? target.fsPath : target.toString(),
      });
    } catch (error) {
      log.error('saving a chart failed', error);
      reply({ type: SAVE_CHART_RESULT, requestId: request.requestId, error: errorMessage(error) });
    }
  });
}
