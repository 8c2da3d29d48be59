// "Save SVG" / "Save PNG" of one drawn chart. The view exports itself (with the theme's
// background). In VS Code the export goes to the extension, which asks where to save it (the
// output webview lets no download through); when no extension answers (another host, a test
// page), the browser downloads it through an anchor.

import type { View } from 'vega';
import {
  SAVE_CHART_RECEIVED,
  SAVE_CHART_REQUEST,
  SAVE_CHART_RESULT,
  type ChartFileFormat,
  type SaveChartRequest,
  type SaveChartResult,
} from '../src/contracts/chartSaveMessage';
import type { RendererContext } from 'vscode-notebook-renderer';

const ACK_TIMEOUT_MS = 1500;

export type SaveOutcome = { kind: 'downloaded' } | { kind: 'saved'; to: string } | { kind: 'cancelled' };

export async function saveChart(
  view: View,
  chartId: string,
  format: ChartFileFormat,
  context: RendererContext<unknown>,
): Promise<SaveOutcome> {
  const data = format === 'svg' ? await view.toSVG() : await view.toImageURL('png', 2);
  const fileName = `stressnb-${chartId}.${format}`;
  if (context.postMessage && context.onDidReceiveMessage) {
    const result = await sendToExtension(context, { type: SAVE_CHART_REQUEST, requestId: newRequestId(), fileName, format, data });
    if (result) {
      if (result.error) throw new Error(result.error);
      return result.savedTo ? { kind: 'saved', to: result.savedTo } : { kind: 'cancelled' };
    }
  }
  download(format === 'svg' ? URL.createObjectURL(new Blob([data], { type: 'image/svg+xml' })) : data, fileName);
  return { kind: 'downloaded' };
}

/** The extension's result, or undefined when it did not acknowledge the request in time. */
function sendToExtension(context: RendererContext<unknown>, request: SaveChartRequest): Promise<SaveChartResult | undefined> {
  return new Promise((resolve) => {
    let acknowledged = false;
    const timer = setTimeout(() => {
      if (acknowledged) return;
      listener.dispose();
      resolve(undefined);
    }, ACK_TIMEOUT_MS);
    const listener = context.onDidReceiveMessage!((message) => {
      const m = message as { type?: string; requestId?: string };
      if (m?.requestId !== request.requestId) return;
      if (m.type === SAVE_CHART_RECEIVED) acknowledged = true;
      if (m.type === SAVE_CHART_RESULT) {
        clearTimeout(timer);
        listener.dispose();
        resolve(message as SaveChartResult);
      }
    });
    context.postMessage!(request);
  });
}

function download(url: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  if (url.startsWith('blob:')) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function newRequestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
