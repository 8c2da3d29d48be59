// `stressnb run` on a cell whose source is a command, a log file, a metrics endpoint or a
// Prometheus server: runs the source to its end, hands the events on in order (waiting for each
// hand-over: stdout back-pressure), ends the source with its whole process tree on SIGINT/SIGTERM,
// and turns the outcome into the CLI's ok / failed-with-message.
import type { ConfigHeader, RunEvent } from '../format/runEvents';
import { createSource, describeSource } from './createSource';
import type { ExternalSourceSpec } from './createSource';
import type { SourceResult } from './counterSource';
import { errorMessage } from '../contracts/errorMessage';

export interface CliSourceRunOptions {
  /** Folder that relative `cwd` and `path` resolve against (the spec's or notebook's folder). */
  baseDir: string;
  /** The cell's config header (configHeaderOf(spec)), used when the source prints no config line. */
  fallbackConfig: ConfigHeader;
  /** Called with each batch of events in order; the next batch waits for it. */
  onEvents(events: RunEvent[]): Promise<void>;
  /** Lines for the terminal's stderr, each ending with a newline: the command's own stderr as it
   *  arrives, and notes (quiet, no counter lines). */
  onNote?(text: string): void;
  /** End the source when this process gets SIGINT or SIGTERM. Default true. */
  stopOnSignals?: boolean;
  quietAfterS?: number;
}

export type CliSourceRunResult = { ok: true; result: SourceResult } | { ok: false; message: string; result: SourceResult };

export async function runSourceForCli(spec: ExternalSourceSpec, options: CliSourceRunOptions): Promise<CliSourceRunResult> {
  const note = options.onNote ?? (() => undefined);
  const source = createSource(spec, { baseDir: options.baseDir, fallbackConfig: options.fallbackConfig, quietAfterS: options.quietAfterS });
  let handOver: Promise<void> = Promise.resolve();
  let handOverError: unknown;
  let interruptedBy: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interruptedBy = signal;
    void source.stop();
  };
  const stopOnSignals = options.stopOnSignals ?? true;
  if (stopOnSignals) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  let result: SourceResult;
  try {
    source.start({
      onEvents: (events) => {
        handOver = handOver
          .then(() => options.onEvents(events))
          .catch((error) => {
            handOverError ??= error;
            void source.stop();
          });
      },
      onStderrLine: (line) => note(`${line}\n`),
      onNote: (text) => note(`stressnb: ${text}\n`),
      onActivity: (a) => {
        if (a.state === 'quiet') note(`stressnb: the source printed nothing for ${a.silentForS} s\n`);
      },
    });
    result = await source.result;
    await handOver;
  } finally {
    if (stopOnSignals) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
  const what = describeSource(spec);
  if (handOverError !== undefined) {
    return { ok: false, result, message: `writing the output failed: ${errorMessage(handOverError)}` };
  }
  if (result.status === 'stopped') {
    return { ok: false, result, message: `interrupted${interruptedBy ? ` by ${interruptedBy}` : ''}: the ${what} was stopped` };
  }
  if (result.status === 'failed') {
    // The command's stderr was already passed on line by line; repeat its tail only when it was not.
    const tail = options.onNote ? '' : result.stderrTail.trimEnd();
    return { ok: false, result, message: `${result.message ?? `the ${what} failed`}${tail ? `\nstderr (last lines):\n${tail}` : ''}` };
  }
  if (result.stats.parser.ticks === 0)
    note(`stressnb: warning: the ${what} gave no counter lines (${result.stats.lines} lines read, none of them a tick)\n`);
  return { ok: true, result };
}
