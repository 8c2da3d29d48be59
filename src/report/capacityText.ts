// The capacity figures (capacity.ts) in the report, the same in the notebook and the terminal: the
// summary's first row and a note for the headline.

import type { RunCapacity } from '../analysis/capacity';
import { backlogExpected, ratesText, shortfallText } from '../analysis/capacityWords';
import { formatSeconds } from '../analysis/reportNumbers';
import type { RunSummary } from '../analysis/reportTypes';

function windowText(c: RunCapacity): string {
  return `${c.window === 'measure' ? 'measure window' : 'whole run'}, ${formatSeconds(c.from)} to ${formatSeconds(c.to)}`;
}

/** The summary's first row: label and value. */
export function capacityRow(summary: RunSummary): [string, string] {
  const c = summary.capacity;
  if (!c) return ['Capacity', 'not measured (no window of ticks to measure over)'];
  const label = `Capacity (${windowText(c)})`;
  if (c.total.offeredPerS === 0 && c.total.completedPerS === 0) return [label, 'no task was offered in the window'];
  if (!c.saturated) return [label, `keeps up: ${ratesText(c)}`];
  const expected = backlogExpected(summary) ? ` (expected: ${summary.scenario} is meant to outrun the system)` : '';
  return [label, `SATURATED${expected}: ${shortfallText(c)}`];
}

/** A short note for the headline when the run fell behind its load, e.g. "saturated (100/s completed of 200/s offered)". */
export function capacityHeadlineNote(summary: RunSummary): string | undefined {
  const c = summary.capacity;
  if (!c?.saturated) return undefined;
  return backlogExpected(summary) ? `over capacity as ${summary.scenario} intends (${ratesText(c)})` : `saturated (${ratesText(c)})`;
}
