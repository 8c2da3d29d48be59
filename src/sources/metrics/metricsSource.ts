// `source: metrics`: a Prometheus exposition endpoint (Micrometer's /actuator/prometheus,
// client_golang's /metrics) scraped every tickMs through the run's phases, optionally after
// starting the service (`command`). The first scrape that answers is t = 0; scrape k is sent at
// k × tickMs and its values are the tick at that time (at the time it was sent, when it went out late). The run ends when the phases end, when the
// service exits, or on stop(); the service's whole process tree is ended with it (CommandSource).
//
// A scrape that fails or takes longer than tickMs is skipped (the tick is missing, and a note
// says why); MAX_MISSED_SCRAPES in a row fail the run with the reason, "too slow for tickMs"
// included. Before the first answer, a refused connection is waited out while the service starts.

import { errorMessage } from '../../contracts/errorMessage';
import type { CounterKey } from '../../format/runEvents';
import type { CommandSpec, MetricsMapping } from '../../spec/scenarioSpec';
import { CommandSource } from '../commandSource';
import { CounterLineFeed } from '../counterLineFeed';
import type { CounterSource, SourceListener, SourceOptions, SourceResult, SourceStatus } from '../counterSource';
import { registerLiveSource } from '../liveSources';
import { CounterLineEmitter } from './counterLineEmitter';
import type { Exposition } from './expositionParser';
import { addExposition, exposedNames, exposedSeries } from './exposedSeries';
import { formatMs, HttpFailure } from './httpGet';
import { metricsRunConfig, runMs, type RunTiming } from './metricsRunConfig';
import { PartitionLayout } from './partitionLayout';
import { scrapeEndpoint } from './scrapeEndpoint';
import { describeResets, TickValueBuilder } from './tickValues';

export interface MetricsSourceOptions extends SourceOptions {
  url: string;
  mapping: MetricsMapping;
  timing: RunTiming;
  /** The service to start first (cwd already resolved). */
  service?: CommandSpec;
  /** How long a refused first scrape is retried. Default 60 s with a service (it is starting); without one, not at all. */
  startTimeoutMs?: number;
  /** Scrapes in a row that may fail before the run fails. Default 3. */
  maxMissedScrapes?: number;
}

const FIRST_SCRAPE_RETRY_MS = 200;

export class MetricsSource implements CounterSource {
  readonly result: Promise<SourceResult>;
  private resolveResult!: (result: SourceResult) => void;
  private started = false;
  private over = false;
  private feed: CounterLineFeed | undefined;
  private service: CommandSource | undefined;
  private serviceEnd: SourceResult | undefined;
  private failure: string | undefined;
  private stopRequested = false;
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;
  private unregister: (() => void) | undefined;
  private ending: Promise<void> | undefined;

  constructor(readonly options: MetricsSourceOptions) {
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
  }

  start(listener: SourceListener): void {
    if (this.started) throw new Error('metrics source already started');
    this.started = true;
    this.feed = new CounterLineFeed(listener, this.options, (error) => this.fail(`the source's consumer failed: ${errorMessage(error)}`));
    this.unregister = registerLiveSource({ stop: () => this.stop(), killNowSync: () => undefined });
    const { service } = this.options;
    if (service) {
      this.service = new CommandSource({ ...service, quietAfterS: 0, drainAfterExitMs: 200 });
      this.service.start({ onStderrLine: (line) => this.feed?.pushStderr(`${line}\n`) });
      void this.service.result.then((result) => this.onServiceEnded(result));
    }
    void this.run().catch((error) => this.fail(`the metrics source failed: ${errorMessage(error)}`));
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
    const { url, mapping, timing } = this.options;
    const feed = this.feed!;
    const first = await this.firstScrape();
    if (!first || this.over) return;
    const t0 = first.at;
    const names = exposedNames(first.exposition, mapping, url);
    if ('error' in names) return this.fail(names.error);
    const series = exposedSeries(first.exposition, names.names, mapping);
    if ('error' in series) return this.fail(`${series.error} at ${url}`);
    const layout = PartitionLayout.build(series, mapping, hostOf(url));
    if ('error' in layout) return this.fail(`${layout.error} (at ${url})`);
    const builder = new TickValueBuilder(layout);
    const emitter = new CounterLineEmitter(feed, timing);
    emitter.config(metricsRunConfig(this.options.fallbackConfig, 'metrics', timing, layout));
    if (!this.emitTick(emitter, builder, first.exposition, names.names, 0)) return;
    feed.startQuietWatch();

    const ticks = Math.floor(runMs(timing) / timing.tickMs);
    const maxMissed = this.options.maxMissedScrapes ?? 3;
    let missed: string[] = [];
    for (let k = 1; k <= ticks && !this.over; k++) {
      await this.sleepUntil(t0 + k * timing.tickMs);
      if (this.over) return;
      const t = tickTime(k, Date.now() - t0, timing.tickMs);
      try {
        const exposition = await scrapeEndpoint(url, timing.tickMs, this.abort.signal);
        if (this.over) return;
        missed = [];
        if (!this.emitTick(emitter, builder, exposition, names.names, t)) return;
      } catch (error) {
        if (this.over) return;
        const reason = scrapeProblem(error, timing.tickMs);
        if (error instanceof HttpFailure && error.kind === 'other') return this.fail(reason);
        missed.push(reason);
        if (missed.length >= maxMissed) return this.fail(missedMessage(url, missed, t, timing.tickMs));
        feed.note(`scrape at t=${t.toFixed(3)} s skipped: ${reason}`);
      }
    }
    void this.end('ended');
  }

  /** Scrapes until the endpoint answers (a refused connection is retried while the service starts); undefined when the run ended meanwhile. */
  private async firstScrape(): Promise<{ exposition: Exposition; at: number } | undefined> {
    const { url, timing } = this.options;
    const started = Date.now();
    const timeoutMs = this.options.startTimeoutMs ?? (this.service ? 60_000 : 0);
    for (;;) {
      const at = Date.now();
      try {
        const exposition = await scrapeEndpoint(url, Math.max(timing.tickMs, 10_000), this.abort.signal);
        return this.over ? undefined : { exposition, at };
      } catch (error) {
        if (this.over) return undefined;
        const reason = scrapeProblem(error, timing.tickMs);
        const waiting = error instanceof HttpFailure && (error.kind === 'refused' || error.status === 503);
        const elapsed = Date.now() - started;
        if (!waiting || elapsed >= timeoutMs) {
          const after = waiting
            ? ` (still, ${formatMs(elapsed)} after ${this.service ? `starting \`${this.options.service!.command}\`` : 'the first try'})`
            : '';
          this.fail(`cannot scrape ${url}: ${reason}${after}`);
          return undefined;
        }
        await this.sleepUntil(Date.now() + FIRST_SCRAPE_RETRY_MS);
        if (this.over) return undefined;
      }
    }
  }

  /** Writes the tick's lines; false when the scrape cannot be used (the run has failed). */
  private emitTick(
    emitter: CounterLineEmitter,
    builder: TickValueBuilder,
    exposition: Exposition,
    names: Record<CounterKey, string>,
    t: number,
  ): boolean {
    const problem = addExposition(exposition, names, this.options.mapping, builder, this.options.url);
    if (problem) {
      this.fail(problem);
      return false;
    }
    const values = builder.finish();
    emitter.tick(t, values.partitions);
    for (const note of describeResets(values.resets, t)) this.feed!.note(note);
    return true;
  }

  private onServiceEnded(result: SourceResult): void {
    this.serviceEnd = result;
    if (this.over) return;
    if (result.status === 'failed') {
      const tail = result.stderrTail.trimEnd();
      this.fail(
        `the service stopped before the run ended: ${result.message ?? 'it failed'}${tail ? `\nstderr (last lines):\n${tail}` : ''}`,
      );
    } else {
      // The command exited with 0: the run ends with it, as a command source's does.
      void this.end('ended');
    }
  }

  private sleepUntil(atMs: number): Promise<void> {
    const wait = atMs - Date.now();
    if (wait <= 0 || this.over) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = undefined;
        resolve();
      }, wait);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
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
    this.abort.abort(new Error('the metrics source ended'));
    this.wake?.();
    this.unregister?.();
    await this.service?.stop();
    const final: SourceStatus = this.failure ? 'failed' : this.stopRequested ? 'stopped' : (status ?? 'ended');
    const feed = this.feed!;
    feed.finish(final);
    if (feed.failedListener !== undefined && final !== 'failed')
      this.failure = `the source's consumer failed: ${String(feed.failedListener)}`;
    this.resolveResult({
      status: this.failure ? 'failed' : final,
      message: this.failure,
      exitCode: this.serviceEnd?.exitCode,
      signal: this.serviceEnd?.signal,
      stderrTail: feed.stderrTail(),
      stats: feed.stats(),
    });
  }
}

/**
 * Scrape k is tick k × tickMs when it went out on time (within a tenth of a tick); one sent later
 * (a timer held up by a busy machine, a paused process) is stamped when it was sent, so the delay
 * does not turn into a spike in the rates.
 */
export function tickTime(k: number, sentAfterMs: number, tickMs: number): number {
  const late = sentAfterMs - k * tickMs;
  return (late <= tickMs / 10 ? k * tickMs : sentAfterMs) / 1000;
}

function scrapeProblem(error: unknown, tickMs: number): string {
  if (error instanceof HttpFailure) return error.kind === 'timeout' ? `no answer within ${formatMs(tickMs)} (tickMs)` : error.message;
  return errorMessage(error);
}

function missedMessage(url: string, reasons: readonly string[], t: number, tickMs: number): string {
  const slow = reasons.every((r) => r.startsWith('no answer within'));
  if (slow) {
    return `the endpoint ${url} is too slow for tickMs ${tickMs}: ${reasons.length} scrapes in a row got no answer within ${formatMs(tickMs)} (the last at t=${t.toFixed(3)} s); raise tickMs, or make the endpoint answer faster`;
  }
  return `${reasons.length} scrapes of ${url} in a row failed (the last at t=${t.toFixed(3)} s): ${reasons[reasons.length - 1]}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
