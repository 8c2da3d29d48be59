// "Save SVG / Save PNG" between the notebook renderer and the extension host (renderer
// messaging of `stressnb.charts`). VS Code's output webview does not let a download through,
// so the renderer sends the exported chart and the extension asks where to save it.
//   renderer -> host: SaveChartRequest
//   host -> renderer: { type: SAVE_CHART_RECEIVED, requestId } at once (else the renderer falls
//                     back to a browser download), then SaveChartResult when the dialog is done.

export const SAVE_CHART_REQUEST = 'stressnb.saveChart';
export const SAVE_CHART_RECEIVED = 'stressnb.saveChart.received';
export const SAVE_CHART_RESULT = 'stressnb.saveChart.result';

export type ChartFileFormat = 'svg' | 'png';

export interface SaveChartRequest {
  type: typeof SAVE_CHART_REQUEST;
  requestId: string;
  /** e.g. "stressnb-completed.svg" */
  fileName: string;
  format: ChartFileFormat;
  /** SVG: the SVG text. PNG: a `data:image/png;base64,` URL. */
  data: string;
}

export interface SaveChartReceived {
  type: typeof SAVE_CHART_RECEIVED;
  requestId: string;
}

export interface SaveChartResult {
  type: typeof SAVE_CHART_RESULT;
  requestId: string;
  /** Where it was saved; absent when the dialog was cancelled or the write failed. */
  savedTo?: string;
  error?: string;
}

const PNG_DATA_URL = 'data:image/png;base64,';

/**
 * The file a save request asks for, or undefined when `message` is not a save request at all.
 * A malformed save request throws a message saying what is wrong.
 */
export function readSaveChartRequest(message: unknown): { request: SaveChartRequest; bytes: Uint8Array } | undefined {
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== SAVE_CHART_REQUEST) {
    return undefined;
  }
  const m = message as Partial<SaveChartRequest>;
  if (typeof m.requestId !== 'string' || m.requestId === '') throw new Error('save chart request has no requestId');
  if (m.format !== 'svg' && m.format !== 'png')
    throw new Error(`save chart request has format ${JSON.stringify(m.format)}, expected "svg" or "png"`);
  if (typeof m.fileName !== 'string' || !/^[\w.-]+$/.test(m.fileName)) {
    throw new Error(`save chart request has an unusable file name ${JSON.stringify(m.fileName)}`);
  }
  if (typeof m.data !== 'string') throw new Error('save chart request has no data');
  let bytes: Uint8Array;
  if (m.format === 'svg') {
    if (!m.data.trimStart().startsWith('<svg')) throw new Error('save chart request: the SVG data does not start with <svg');
    bytes = new TextEncoder().encode(m.data);
  } else {
    if (!m.data.startsWith(PNG_DATA_URL)) throw new Error(`save chart request: the PNG data is not a ${PNG_DATA_URL} URL`);
    bytes = Uint8Array.from(atob(m.data.slice(PNG_DATA_URL.length)), (c) => c.charCodeAt(0));
  }
  return { request: m as SaveChartRequest, bytes };
}
