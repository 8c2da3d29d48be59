// Runs a source to its end and collects its run events: what the CLI and the tests need.
import type { RunEvent } from '../../../src/format/runEvents';
import type { CounterSource, SourceListener, SourceResult } from '../../../src/sources/counterSource';

export interface CollectedRun {
  events: RunEvent[];
  result: SourceResult;
}

/** Starts `source`, passes every call on to `listener` too, and stops the source when `signal` aborts. */
export async function runSourceToEnd(source: CounterSource, listener: SourceListener = {}, signal?: AbortSignal): Promise<CollectedRun> {
  const events: RunEvent[] = [];
  const stop = () => void source.stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    source.start({
      onLine: (line, info) => listener.onLine?.(line, info),
      onActivity: (activity) => listener.onActivity?.(activity),
      onStderrLine: (line) => listener.onStderrLine?.(line),
      onNote: (note) => listener.onNote?.(note),
      onEvents: (batch) => {
        for (const e of batch) events.push(e);
        listener.onEvents?.(batch);
      },
    });
    if (signal?.aborted) stop();
    return { events, result: await source.result };
  } finally {
    signal?.removeEventListener('abort', stop);
  }
}
