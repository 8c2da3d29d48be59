// `source: prometheus`: the counters a Prometheus server recorded over a past window (`from`,
// `to`), read through its HTTP API with one step per tickMs, so an incident or a soak can be
// triaged after the fact. The phases are laid from `from` (without measureS, measure lasts until
// cooldownS before `to`); tick k is the value Prometheus has at from + k × tickMs. The window is
// read in chunks of CHUNK_STEPS steps and written as it is read, so a day's soak streams in
// bounded memory.
//
// Before reading, the source checks what would make the answer wrong rather than fail it: the
// metric names (closest names first when one is missing), the partition label, and how often
// Prometheus scraped the service (a step shorter than the scrape interval repeats one scrape, and
// the flat steps would read as stalls).

import { errorMessage } from '../../contracts/errorMessage';
import { COUNTER_KEYS, type CounterKey } from '../../format/runEvents';
import type { MetricsMapping } from '../../spec/scenarioSpec';
import { SPEC_LIMITS } from '../../spec/specLimits';
import { resolveTimeRef, type TimeRef } from '../../spec/timeRef';
import { CounterLineFeed } from '../counterLineFeed';
import type { CounterSource, SourceListener, SourceOptions, SourceResult, SourceStatus } from '../counterSource';
import { registerLiveSource } from '../liveSources';
import { CounterLineEmitter } from './counterLineEmitter';
import { HttpFailure } from './httpGet';
import { matchMetricNames } from './metricNameMatch';
import { metricsRunConfig, runMs, type RunTiming } from './metricsRunConfig';
import { PartitionLayout, type SeriesRef } from './partitionLayout';
import { PrometheusApi, sampleValue, seriesSelector } from './prometheusApi';
import { describeResets, TickValueBuilder } from './tickValues';

export interface PrometheusSourceOptions extends SourceOptions {
  url: string;
  mapping: MetricsMapping;
  timing: RunTiming;
  from: TimeRef;
  to: TimeRef;
  /** measure lasts until cooldownS before `to` (the cell sets no measureS). */
  measureFillsWindow: boolean;
  /** The clock `from` and `to` are read against. Default Date.now. */
  now?: () => number;
}

const CHUNK_STEPS = 1000;

export class PrometheusSource implements CounterSource {
  readonly result: Promise<SourceResult>;
  private resolveResult!: (result: SourceResult) => void;
  private started = false;
  private over = false;
  private feed: CounterLineFeed | undefined;
  private failure: string | undefined;
  private stopRequested = false;
  private readonly abort = new AbortController();
  private unregister: (() => void) | undefined;
  private ending: Promise<void> | undefined;

  constructor(readonly options: PrometheusSourceOptions) {
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
  }

  start(listener: SourceListener): void {
    if (this.started) throw new Error('prometheus source already started');
    this.started = true;
    this.feed = new CounterLineFeed(listener, { ...this.options, quietAfterS: 0 }, (error) =>
      this.fail(`the source's consumer failed: ${errorMessage(error)}`),
    );
    this.unregister = registerLiveSource({ stop: () => this.stop(), killNowSync: () => undefined });
    void this.run()
      .then(() => this.end('ended'))
      .catch((error) => {
        if (this.over) return;
        this.fail(
          error instanceof HttpFailure
            ? prometheusProblem(this.options.url, error)
            : `reading Prometheus at ${this.options.url} failed: ${errorMessage(error)}`,
        );
      });
  }

  stop(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.feed = new CounterLineFeed({}, this.options, () => undefined);
    }
    if (!this.over) this.stopRequested = true;
    void this.end();
    return this.result.then(() => undefined);
  }

  private async run(): Promise<void> {
    const { url, mapping } = this.options;
    const api = new PrometheusApi(url, this.abort.signal);
    const window = this.window();
    if ('error' in window) return this.fail(window.error);
    const { startMs, endMs, timing, ticks } = window;

    const names = matchMetricNames(
      mapping.names,
      new Set(await api.metricNames(startMs, endMs)),
      `Prometheus at ${url}, from ${iso(startMs)} to ${iso(endMs)},`,
    );
    if ('error' in names) return this.fail(names.error);
    const selectors = COUNTER_KEYS.map((key) => seriesSelector(names.names[key], mapping.labels));
    const series: SeriesRef[] = [];
    for (const [k, key] of COUNTER_KEYS.entries()) {
      const found = await api.series(selectors[k], startMs, endMs);
      if (found.length === 0)
        return this.fail(
          `Prometheus at ${url} has no series ${selectors[k]} (${key}) from ${iso(startMs)} to ${iso(endMs)}: check labels:`,
        );
      for (const labels of found) series.push({ counter: key, metric: names.names[key], labels: withoutName(labels) });
    }
    const layout = PartitionLayout.build(series, mapping, 'prometheus');
    if ('error' in layout) return this.fail(`${layout.error} (in Prometheus at ${url})`);
    const slow = await this.scrapeIntervalProblem(api, selectors[COUNTER_KEYS.indexOf('completed')], startMs, endMs, timing.tickMs);
    if (slow) return this.fail(slow);
    if (this.over) return;

    const feed = this.feed!;
    const emitter = new CounterLineEmitter(feed, timing);
    emitter.config(metricsRunConfig(this.options.fallbackConfig, 'prometheus', timing, layout));
    const builder = new TickValueBuilder(layout);
    for (let k0 = 0; k0 <= ticks && !this.over; k0 += CHUNK_STEPS) {
      const k1 = Math.min(ticks, k0 + CHUNK_STEPS - 1);
      const at = (k: number) => startMs + k * timing.tickMs;
      const steps: { counter: CounterKey; metric: string; labels: Record<string, string>; value: number }[][] = Array.from(
        { length: k1 - k0 + 1 },
        () => [],
      );
      for (const [i, key] of COUNTER_KEYS.entries()) {
        const result = await api.queryRange(selectors[i], at(k0), at(k1), timing.tickMs);
        if (this.over) return;
        for (const s of result) {
          const labels = withoutName(s.metric);
          for (const [ts, text] of s.values) {
            const k = Math.round((ts * 1000 - startMs) / timing.tickMs);
            if (k >= k0 && k <= k1) steps[k - k0].push({ counter: key, metric: names.names[key], labels, value: sampleValue(text) });
          }
        }
      }
      for (let k = k0; k <= k1; k++) {
        const t = (k * timing.tickMs) / 1000;
        for (const v of steps[k - k0]) {
          const problem = builder.add(v.counter, v.metric, v.labels, v.value, `at ${iso(at(k))} in Prometheus`);
          if (problem) return this.fail(problem);
        }
        const values = builder.finish();
        emitter.tick(t, values.partitions);
        for (const note of describeResets(values.resets, t)) feed.note(note);
      }
    }
  }

  /** The window read against the clock, the run's timing in it, and its ticks; or why it cannot be read. */
  private window(): { startMs: number; endMs: number; timing: RunTiming; ticks: number } | { error: string } {
    const { from, to, timing: cell } = this.options;
    const now = (this.options.now ?? Date.now)();
    const startMs = resolveTimeRef(from, now);
    let endMs = Math.min(resolveTimeRef(to, now), now);
    if (startMs >= now)
      return { error: `from (${iso(startMs)}) is not in the past: Prometheus has nothing recorded after now (${iso(now)})` };
    if (endMs <= startMs) return { error: `the window is empty: to (${iso(endMs)}) is not after from (${iso(startMs)})` };
    let timing = cell;
    if (this.options.measureFillsWindow) {
      const measureS = (endMs - startMs) / 1000 - cell.warmupS - cell.cooldownS;
      if (measureS <= 0) {
        return {
          error: `the window from ${iso(startMs)} to ${iso(endMs)} (${(endMs - startMs) / 1000} s) leaves no time to measure after warmupS (${cell.warmupS}) and cooldownS (${cell.cooldownS}): widen it or shorten them`,
        };
      }
      timing = { ...cell, measureS };
    } else {
      endMs = Math.min(endMs, startMs + runMs(cell));
    }
    const ticks = Math.floor((endMs - startMs) / timing.tickMs);
    if (ticks + 1 > SPEC_LIMITS.maxTicks) {
      return {
        error: `the window from ${iso(startMs)} to ${iso(endMs)} has ${ticks + 1} steps of tickMs ${timing.tickMs}; the limit is ${SPEC_LIMITS.maxTicks}: raise tickMs or shorten the window`,
      };
    }
    return { startMs, endMs, timing, ticks };
  }

  /** A step shorter than the interval Prometheus scraped at repeats one scrape: the flat steps would read as stalls. */
  private async scrapeIntervalProblem(
    api: PrometheusApi,
    selector: string,
    startMs: number,
    endMs: number,
    tickMs: number,
  ): Promise<string | undefined> {
    const spanMs = Math.min(endMs - startMs, Math.max(60_000, 20 * tickMs));
    const spanS = Math.max(1, Math.ceil(spanMs / 1000));
    const result = await api.rawSamples(`${selector}[${spanS}s]`, startMs + spanS * 1000);
    const gaps: number[] = [];
    for (const s of result) for (let i = 1; i < s.values.length; i++) gaps.push((s.values[i][0] - s.values[i - 1][0]) * 1000);
    if (gaps.length < 3) return undefined;
    gaps.sort((a, b) => a - b);
    const intervalMs = gaps[Math.floor(gaps.length / 2)];
    if (intervalMs <= tickMs * 1.1) return undefined;
    return (
      `Prometheus scraped ${selector} every ${formatInterval(intervalMs)}, less often than tickMs ${tickMs}: each step would repeat the last scrape and the flat steps would read as stalls. ` +
      `Set tickMs to at least ${Math.ceil(intervalMs / 100) * 100}, or scrape the service more often (scrape_interval)`
    );
  }

  private fail(message: string): void {
    if (this.over) return;
    this.failure ??= message;
    void this.end('failed');
  }

  private end(status?: SourceStatus): Promise<void> {
    this.ending ??= this.runEnd(status);
    return this.ending;
  }

  private async runEnd(status: SourceStatus | undefined): Promise<void> {
    this.over = true;
    this.abort.abort(new Error('the prometheus source ended'));
    this.unregister?.();
    const final: SourceStatus = this.failure ? 'failed' : this.stopRequested ? 'stopped' : (status ?? 'ended');
    const feed = this.feed!;
    feed.finish(final);
    if (feed.failedListener !== undefined && final !== 'failed')
      this.failure = `the source's consumer failed: ${String(feed.failedListener)}`;
    this.resolveResult({ status: this.failure ? 'failed' : final, message: this.failure, stderrTail: '', stats: feed.stats() });
  }
}

function prometheusProblem(url: string, error: HttpFailure): string {
  if (error.kind === 'refused' || error.kind === 'unreachable') return `cannot reach Prometheus at ${url}: ${error.message}`;
  return error.message;
}

function withoutName(labels: Record<string, string>): Record<string, string> {
  const { __name__: _name, ...rest } = labels;
  return rest;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function formatInterval(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}
