// One HTTP GET of a metrics source (Node's built-in fetch), with a deadline, a way to cancel it,
// and failures said in words: nothing listening, no such host, an HTTP error status with the
// start of its body, too slow.

export interface HttpAnswer {
  status: number;
  contentType: string | null;
  text: string;
}

export type HttpFailureKind = 'refused' | 'unreachable' | 'status' | 'timeout' | 'other';

export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
    readonly status?: number,
    readonly body?: string,
  ) {
    super(message);
  }
}

/** Characters of an error response's body a message quotes. */
const QUOTED_BODY = 200;

/**
 * GETs `url`; resolves with a 2xx answer, else rejects with an HttpFailure. `timeoutMs` bounds the
 * whole exchange (headers and body); `signal` cancels it (rejecting with its reason).
 */
export async function httpGet(url: string, options: { accept: string; timeoutMs: number; signal?: AbortSignal }): Promise<HttpAnswer> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  try {
    const response = await fetch(url, { headers: { Accept: options.accept }, signal, redirect: 'follow' });
    const text = await response.text();
    if (!response.ok) {
      const body = text.trim().replace(/\s+/g, ' ').slice(0, QUOTED_BODY);
      throw new HttpFailure(
        'status',
        `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${url}${body ? `: ${body}` : ''}`,
        response.status,
        text,
      );
    }
    return { status: response.status, contentType: response.headers.get('content-type'), text };
  } catch (error) {
    if (error instanceof HttpFailure) throw error;
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    if (deadline.aborted) throw new HttpFailure('timeout', `${url} did not answer within ${formatMs(options.timeoutMs)}`);
    throw describeNetworkError(url, error);
  }
}

function describeNetworkError(url: string, error: unknown): HttpFailure {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (error as NodeJS.ErrnoException)?.code;
  const where = hostOf(url);
  switch (code) {
    case 'ECONNREFUSED':
      return new HttpFailure('refused', `connection refused at ${where}: nothing listens there (is the service running, on this port?)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new HttpFailure('unreachable', `host not found: ${where}`);
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return new HttpFailure('refused', `${where} closed the connection before answering`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new HttpFailure('unreachable', `${where} cannot be reached (no route to the host)`);
    default: {
      const detail = cause?.message ?? (error instanceof Error ? error.message : String(error));
      return new HttpFailure('other', `cannot get ${url}: ${detail}`);
    }
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
