// A stream of run events holds one or more runs (DESIGN.md section 7): each `config` event starts
// a run, and the events up to the next `config` are that run's. Events before the first `config`
// (a log without a header) form a run of their own. Every reader of a stream (`stressnb analyze`,
// a comparison of repeats) splits it here, so they all agree on where a run begins.

import type { RunEvent } from './runEvents';

/**
 * Splits a stream as it flows, event by event: `startsRun(event)` says whether the event begins a
 * new run (a `config` event, or the very first event of the stream). Holds no events.
 */
export class RunBoundaries {
  private seen = false;
  /** Runs begun so far. */
  runs = 0;

  startsRun(event: RunEvent): boolean {
    const starts = !this.seen || event.type === 'config';
    this.seen = true;
    if (starts) this.runs++;
    return starts;
  }
}

/** The runs of a stream held in memory (tests, a notebook's few runs), in order. */
export function splitRuns(events: Iterable<RunEvent>): RunEvent[][] {
  const boundaries = new RunBoundaries();
  const runs: RunEvent[][] = [];
  for (const event of events) {
    if (boundaries.startsRun(event)) runs.push([]);
    runs[runs.length - 1].push(event);
  }
  return runs;
}
