// The part every source shares: bytes -> bounded lines -> CounterLineParser -> run events, handed
// to the listener. It makes sure the run starts with exactly one config event (the source's own
// `config` line, else the cell's fallback, else one inferred from the first tick), ends with a
// `done` phase (added with the reason the source ended for when the source printed none), and
// reports the source quiet when no line arrived for a while.
import type { ConfigHeader, EndReason, RunEvent } from '../format/runEvents';
import { CounterLineParser } from '../format/counterLineParser';
import type { CounterLineParserStats } from '../format/counterLineParser';
import { LineSplitter } from './lineSplitter';
import type { SplitLine } from './lineSplitter';
import { TailBuffer } from './tailBuffer';
import type { SourceListener, SourceOptions, SourceStats, SourceStatus } from './counterSource';

export const DEFAULT_QUIET_AFTER_S = 5;

const END_REASON: Record<SourceStatus, EndReason> = {
  ended: 'source-ended',
  failed: 'source-failed',
  stopped: 'interrupted',
};

export class CounterLineFeed {
  private readonly splitter: LineSplitter;
  private readonly stderrSplitter: LineSplitter;
  private readonly stderr = new TailBuffer();
  private readonly parser = new CounterLineParser();
  private readonly quietAfterMs: number;
  private configSent = false;
  private configFromFallback = false;
  /** Events that arrived before any config, held back (no fallback) until a tick tells the partition count. */
  private held: RunEvent[] = [];
  private doneSeen = false;
  private lastT = 0;
  private lastLineAt = Date.now();
  private quietReported = 0;
  private quietTimer: NodeJS.Timeout | undefined;
  private finished = false;
  private listenerFailure: unknown;

  constructor(
    private readonly listener: SourceListener,
    private readonly options: SourceOptions,
    /** Called once when a listener throws; the source should then stop and report `failed`. */
    private readonly onListenerError: (error: unknown) => void,
  ) {
    this.splitter = new LineSplitter(options.maxLineLength);
    this.stderrSplitter = new LineSplitter(options.maxLineLength);
    this.quietAfterMs = Math.max(0, (options.quietAfterS ?? DEFAULT_QUIET_AFTER_S) * 1000);
  }

  /** The source printed (or the feed added) a `done` phase. */
  get sawDone(): boolean {
    return this.doneSeen;
  }

  get failedListener(): unknown {
    return this.listenerFailure;
  }

  startQuietWatch(): void {
    if (this.quietAfterMs === 0 || this.quietTimer) return;
    this.lastLineAt = Date.now();
    const every = Math.min(1000, Math.max(20, this.quietAfterMs / 4));
    this.quietTimer = setInterval(() => this.checkQuiet(), every);
    this.quietTimer.unref();
  }

  pushChunk(chunk: Buffer | string): void {
    if (!this.finished) this.handleLines(this.splitter.push(chunk));
  }

  /** End the unfinished line (a followed file was truncated or replaced). */
  flushPartialLine(): void {
    if (!this.finished) this.handleLines(this.splitter.flush());
  }

  pushStderr(chunk: Buffer | string): void {
    if (!this.finished) this.handleStderr(this.stderrSplitter.push(chunk));
  }

  /** A remark of the source itself for the listener (SourceListener.onNote). */
  note(text: string): void {
    if (!this.finished) this.call(() => this.listener.onNote?.(text));
  }

  stderrTail(): string {
    return this.stderr.text();
  }

  stats(): SourceStats {
    return {
      ...this.splitter.stats,
      parser: copyParserStats(this.parser.stats),
      stderrLines: this.stderrSplitter.stats.lines,
      configFromFallback: this.configFromFallback,
    };
  }

  /** The source is over: flushes the last line and the parser, and closes the run with a `done` phase. */
  finish(status: SourceStatus): void {
    if (this.finished) return;
    this.handleLines(this.splitter.end());
    this.handleStderr(this.stderrSplitter.end());
    this.finished = true;
    this.stopQuietWatch();
    this.emit(this.parser.end(), false);
    const closing: RunEvent[] = [];
    if (!this.doneSeen && (this.configSent || this.held.length > 0)) {
      closing.push({ type: 'phase', t: this.lastT, phase: 'done', reason: END_REASON[status] });
    }
    this.emit(closing, true);
  }

  private handleLines(lines: SplitLine[]): void {
    if (lines.length === 0) return;
    this.lastLineAt = Date.now();
    if (this.quietReported > 0) {
      this.quietReported = 0;
      this.call(() => this.listener.onActivity?.({ state: 'active' }));
    }
    const events: RunEvent[] = [];
    for (const line of lines) {
      this.call(() => this.listener.onLine?.(line.text, { cut: line.cut }));
      // A cut counter line is reported by the parser as malformed ("a cut or truncated line?").
      events.push(...this.parser.push(line.text));
    }
    this.emit(events, false);
  }

  private handleStderr(lines: SplitLine[]): void {
    for (const line of lines) {
      this.stderr.push(line.text);
      this.call(() => this.listener.onStderrLine?.(line.text));
    }
  }

  private emit(events: RunEvent[], last: boolean): void {
    const out: RunEvent[] = [];
    for (const event of events) {
      if (event.type === 'config') {
        if (this.configSent) continue; // one config per run; a repeated header is ignored
        this.sendConfig(event.config, false, out);
        continue;
      }
      if (event.type === 'tick' || event.type === 'phase') this.lastT = event.t;
      if (event.type === 'phase' && event.phase === 'done') this.doneSeen = true;
      if (this.configSent) {
        out.push(event);
      } else if (this.options.fallbackConfig) {
        this.sendConfig(this.options.fallbackConfig, true, out);
        out.push(event);
      } else if (event.type === 'tick') {
        this.sendConfig({ partitions: event.partitions.length }, true, out);
        out.push(event);
      } else {
        this.held.push(event);
      }
    }
    if (last && !this.configSent && this.held.length > 0) this.sendConfig(this.options.fallbackConfig ?? {}, true, out);
    if (out.length > 0) this.call(() => this.listener.onEvents?.(out));
  }

  private sendConfig(config: ConfigHeader, fallback: boolean, out: RunEvent[]): void {
    this.configSent = true;
    this.configFromFallback = fallback;
    out.push({ type: 'config', config }, ...this.held);
    this.held = [];
  }

  private checkQuiet(): void {
    const silentMs = Date.now() - this.lastLineAt;
    const due = Math.floor(silentMs / this.quietAfterMs);
    if (due > this.quietReported) {
      this.quietReported = due;
      this.call(() => this.listener.onActivity?.({ state: 'quiet', silentForS: Math.round(silentMs / 100) / 10 }));
    }
  }

  private stopQuietWatch(): void {
    if (this.quietTimer) clearInterval(this.quietTimer);
    this.quietTimer = undefined;
  }

  private call(fn: () => void): void {
    if (this.listenerFailure !== undefined) return;
    try {
      fn();
    } catch (error) {
      this.listenerFailure = error ?? new Error('listener threw');
      this.stopQuietWatch();
      this.onListenerError(this.listenerFailure);
    }
  }
}

/** The parser keeps updating its stats object; a result holds a copy. */
function copyParserStats(stats: CounterLineParserStats): CounterLineParserStats {
  return { ...stats, errors: [...stats.errors], warnings: [...stats.warnings] };
}
