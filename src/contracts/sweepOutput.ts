// How a sweep cell's outputs say they are a sweep's: the headline output's metadata holds the cell
// text the sweep ran. The extension writes it (so a point can be opened as a cell after a reopen),
// the session report reads it (to show a sweep as a sweep, and to tell when the cell changed since).

export const SWEEP_OUTPUT_METADATA_KEY = 'stressnbSweep';

export function sweepOutputMetadata(cellText: string): { [SWEEP_OUTPUT_METADATA_KEY]: { cellText: string } } {
  return { [SWEEP_OUTPUT_METADATA_KEY]: { cellText } };
}

/** The cell text a sweep ran, from an output's metadata; undefined when the output is not a sweep's. */
export function sweptCellText(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const entry = (metadata as Record<string, unknown>)[SWEEP_OUTPUT_METADATA_KEY];
  const text = typeof entry === 'object' && entry !== null ? (entry as { cellText?: unknown }).cellText : undefined;
  return typeof text === 'string' ? text : undefined;
}
