// How many tasks a load produces over the production window, to refuse runs that would exhaust
// memory before the engine starts them.

import type { LoadStream } from './scenarioSpec';

/** Upper bound of the tasks `stream` produces when production stops at `productionEndS`. */
export function streamTaskCount(stream: LoadStream, productionEndS: number): number {
  if (stream.startS >= productionEndS) return 0;
  const window = productionEndS - stream.startS;
  if (stream.tasks === undefined) return Math.ceil(stream.ratePerS * window);
  if (stream.everyS === undefined) return stream.tasks;
  const bursts = Math.ceil(window / stream.everyS);
  return bursts * stream.tasks;
}

export function loadTaskCount(streams: readonly LoadStream[], productionEndS: number): number {
  return streams.reduce((sum, s) => sum + streamTaskCount(s, productionEndS), 0);
}
