// A stream of counter lines may hold several runs (repeats of one spec, DESIGN.md section 7): each
// starts with its `config` line. The splitter says which run each event belongs to; events before
// the first config belong to the first run.

import type { RunEvent } from './runEvents';

export class RunSplitter {
  private index = 0;
  private eventsInRun = 0;

  /** The 0-based run of this event: a `config` starts the next run, unless the current one has nothing yet. */
  runOf(event: RunEvent): number {
    if (event.type === 'config' && this.eventsInRun > 0) {
      this.index++;
      this.eventsInRun = 0;
    }
    this.eventsInRun++;
    return this.index;
  }

  /** How many runs the stream held so far (0 before any event). */
  get runs(): number {
    return this.eventsInRun === 0 && this.index === 0 ? 0 : this.index + 1;
  }
}
