// The contract every external source of counter lines offers (a command, a log file, a metrics
// endpoint, a Prometheus server): the kernel and the CLI start one, listen to its lines and run
// events, and stop it.
import type { ConfigHeader, RunEvent } from '../format/runEvents';
import type { CounterLineParserStats } from '../format/counterLineParser';

/** Whether lines are still arriving; `quiet` after `quietAfterS` without a line (the UI shows it). */
export type SourceActivity = { state: 'quiet'; silentForS: number } | { state: 'active' };

/** All optional; calls arrive in stream order. A listener that throws ends the source as failed. */
export interface SourceListener {
  /** Every line read (stdout of a command, a line of the file), counter line or not, cut to the bound. */
  onLine?(line: string, info: { cut: boolean }): void;
  /** Run events parsed from the lines. The first event is always the `config` event. */
  onEvents?(events: RunEvent[]): void;
  onActivity?(activity: SourceActivity): void;
  /** A line the command wrote to its stderr (a command source, or the service a metrics source started). */
  onStderrLine?(line: string): void;
  /** A remark of the source itself, one sentence: a scrape that failed and was skipped, a counter reset. */
  onNote?(note: string): void;
}

export interface SourceStats {
  /** Lines read; with cut lines, lines longer than the bound that were cut. */
  lines: number;
  cutLines: number;
  /** The counter-line parser's own figures: counter lines, foreign lines skipped, malformed lines. */
  parser: CounterLineParserStats;
  stderrLines: number;
  /** The config header came from the cell (`fallbackConfig`) because the source printed none. */
  configFromFallback: boolean;
}

export type SourceStatus = 'ended' | 'failed' | 'stopped';

export interface SourceResult {
  /** `ended`: the command exited with 0, the file was read to its end (or a followed file printed `done`).
   *  `failed`: it could not start, exited non-zero, died by a signal, or the file could not be read.
   *  `stopped`: `stop()` ended it. */
  status: SourceStatus;
  /** One sentence for the user when status is `failed` (what failed and where). */
  message?: string;
  exitCode?: number;
  signal?: string;
  /** The last lines of the command's stderr (empty for files). */
  stderrTail: string;
  stats: SourceStats;
}

export interface CounterSource {
  /** Starts the command or the reading; call once. */
  start(listener: SourceListener): void;
  /** Ends the source and, for a command, its whole process tree; resolves when nothing of it runs.
   *  Safe to call more than once, before `start`, or after the source ended by itself. */
  stop(): Promise<void>;
  /** Settles once the source is over and every listener call has been made; never rejects. */
  readonly result: Promise<SourceResult>;
}

/** Options shared by every source. */
export interface SourceOptions {
  /** The config header to use when the source prints no `config` line before its first tick or phase. */
  fallbackConfig?: ConfigHeader;
  /** Seconds without a line before the source is reported quiet; 0 turns it off. Default 5. */
  quietAfterS?: number;
  /** Lines longer than this many characters are cut. Default 64 KiB. */
  maxLineLength?: number;
}
