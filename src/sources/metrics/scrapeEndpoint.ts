// One scrape of a Prometheus exposition endpoint: GET with the Accept header Prometheus itself
// sends (OpenMetrics 1.0 preferred, the text format 0.0.4 accepted), the body read in the format
// the Content-Type names.

import { ExpositionError, formatOfContentType, parseExposition, type Exposition } from './expositionParser';
import { HttpFailure, httpGet } from './httpGet';

export const SCRAPE_ACCEPT = 'application/openmetrics-text;version=1.0.0;q=0.9,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';

export async function scrapeEndpoint(url: string, timeoutMs: number, signal?: AbortSignal): Promise<Exposition> {
  const answer = await httpGet(url, { accept: SCRAPE_ACCEPT, timeoutMs, signal });
  const format = formatOfContentType(answer.contentType);
  try {
    return parseExposition(answer.text, format);
  } catch (error) {
    if (!(error instanceof ExpositionError)) throw error;
    const what = format === 'openmetrics' ? 'OpenMetrics' : 'Prometheus text format';
    throw new HttpFailure(
      'other',
      `the ${what} from ${url} cannot be read (Content-Type ${answer.contentType ?? 'none'}): ${error.message}`,
    );
  }
}
