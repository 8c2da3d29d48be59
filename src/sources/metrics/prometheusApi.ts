// The few calls of Prometheus' HTTP API (/api/v1) a Prometheus source makes: the metric names
// and the series in a window, a range query, and the raw samples of a series (to learn how often
// it was scraped). Prometheus' own errors ({"status":"error","error":...}) become messages that
// say what was asked.

import { HttpFailure, httpGet } from './httpGet';

export interface PromSeries {
  metric: Record<string, string>;
  /** [seconds since the epoch, value as text] */
  values: [number, string][];
}

/** How long one API call may take: a range query over many series is not instant. */
const CALL_TIMEOUT_MS = 60_000;

export class PrometheusApi {
  private readonly base: string;

  constructor(
    readonly url: string,
    private readonly signal: AbortSignal,
  ) {
    this.base = url.replace(/\/+$/, '');
  }

  /** Every metric name with a sample in [startMs, endMs]. */
  async metricNames(startMs: number, endMs: number): Promise<string[]> {
    return this.call<string[]>('label/__name__/values', { start: seconds(startMs), end: seconds(endMs) });
  }

  /** The label sets (with __name__) of the series `selector` matches in [startMs, endMs]. */
  async series(selector: string, startMs: number, endMs: number): Promise<Record<string, string>[]> {
    return this.call<Record<string, string>[]>('series', { 'match[]': selector, start: seconds(startMs), end: seconds(endMs) });
  }

  /** `query` evaluated at startMs, startMs + stepMs, ... up to endMs. */
  async queryRange(query: string, startMs: number, endMs: number, stepMs: number): Promise<PromSeries[]> {
    const data = await this.call<{ resultType: string; result: PromSeries[] }>('query_range', {
      query,
      start: seconds(startMs),
      end: seconds(endMs),
      step: seconds(stepMs),
    });
    return data.result;
  }

  /** The raw samples of a range-vector `query` such as `x[1m]` at atMs. */
  async rawSamples(query: string, atMs: number): Promise<PromSeries[]> {
    const data = await this.call<{ resultType: string; result: PromSeries[] }>('query', { query, time: seconds(atMs) });
    return data.resultType === 'matrix' ? data.result : [];
  }

  private async call<T>(path: string, params: Record<string, string>): Promise<T> {
    const target = `${this.base}/api/v1/${path}?${new URLSearchParams(params).toString()}`;
    let text: string;
    try {
      text = (await httpGet(target, { accept: 'application/json', timeoutMs: CALL_TIMEOUT_MS, signal: this.signal })).text;
    } catch (error) {
      if (error instanceof HttpFailure && error.kind === 'status')
        throw new HttpFailure(
          'status',
          `Prometheus at ${this.url} refused /api/v1/${path}: HTTP ${error.status}${apiError(error.body)}`,
          error.status,
        );
      if (error instanceof HttpFailure && error.kind === 'timeout')
        throw new HttpFailure('timeout', `Prometheus at ${this.url} did not answer /api/v1/${path} within ${CALL_TIMEOUT_MS / 1000} s`);
      throw error;
    }
    let body: { status?: string; data?: T; error?: string; errorType?: string };
    try {
      body = JSON.parse(text);
    } catch {
      throw new HttpFailure(
        'other',
        `${this.url} is not a Prometheus server: /api/v1/${path} answered something other than JSON (${JSON.stringify(text.slice(0, 80))})`,
      );
    }
    if (body.status !== 'success' || body.data === undefined)
      throw new HttpFailure(
        'other',
        `Prometheus at ${this.url} could not answer /api/v1/${path}: ${body.errorType ?? 'error'}: ${body.error ?? 'no data'}`,
      );
    return body.data;
  }
}

function apiError(body: string | undefined): string {
  if (!body) return '';
  try {
    const parsed = JSON.parse(body) as { errorType?: string; error?: string };
    if (parsed.error) return `: ${parsed.errorType ? `${parsed.errorType}: ` : ''}${parsed.error}`;
  } catch {
    // not Prometheus' JSON: quote its start
  }
  return `: ${body.trim().replace(/\s+/g, ' ').slice(0, 200)}`;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(3);
}

/** `name{a="x",b="y"}` with the values escaped as PromQL strings. */
export function seriesSelector(name: string, labels: Readonly<Record<string, string>>): string {
  const matchers = Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return matchers.length === 0 ? name : `${name}{${matchers.join(',')}}`;
}

/** A sample value as Prometheus writes it ("1234", "NaN", "+Inf"). */
export function sampleValue(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}
