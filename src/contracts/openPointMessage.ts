// "Open this point as a cell": a click on a point of a sweep chart, from the notebook renderer to
// the extension host (renderer messaging of `stressnb.charts`). The host finds the sweep cell by
// the output's id and inserts the point's exact spec below it.

export const OPEN_SWEEP_POINT = 'stressnb.openSweepPoint';

export interface OpenSweepPointRequest {
  type: typeof OPEN_SWEEP_POINT;
  /** The id of the charts output that was clicked. */
  outputId: string;
  /** The point's index in the sweep's grid (0-based). */
  point: number;
}

/** The request, or undefined when `message` is not one (a malformed request throws, saying what is wrong). */
export function readOpenSweepPoint(message: unknown): OpenSweepPointRequest | undefined {
  if (typeof message !== 'object' || message === null || (message as { type?: unknown }).type !== OPEN_SWEEP_POINT) return undefined;
  const m = message as Partial<OpenSweepPointRequest>;
  if (typeof m.outputId !== 'string' || m.outputId === '') throw new Error('open sweep point request has no outputId');
  if (typeof m.point !== 'number' || !Number.isSafeInteger(m.point) || m.point < 0) {
    throw new Error(`open sweep point request has point ${JSON.stringify(m.point)}, expected an index (0 or more)`);
  }
  return { type: OPEN_SWEEP_POINT, outputId: m.outputId, point: m.point };
}
