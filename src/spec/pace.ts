// How fast the editor plays a built-in engine run: `realtime` (one tick per tickMs of wall-clock
// time), a speed factor such as `10x` (ten times faster, so a 28 s session plays in under 3 s and
// still streams tick by tick), or `fast` (as fast as the machine allows). The simulation itself is
// the same whatever the pace: only the wall-clock time between ticks changes.

export type Pace = 'realtime' | 'fast' | `${number}x`;

/** The pace of a cell without `pace:` when the setting stressnb.defaultPace is not changed. */
export const DEFAULT_EDITOR_PACE = '10x' satisfies Pace;
export const MIN_PACE_FACTOR = 0.1;
export const MAX_PACE_FACTOR = 1000;
/** Offered by completion and the setting's choices; any factor in range is accepted. */
export const SUGGESTED_PACES: readonly Pace[] = ['realtime', '2x', '10x', '50x', 'fast'];
export const PACE_FORMS = `realtime, fast or a speed factor from ${MIN_PACE_FACTOR}x to ${MAX_PACE_FACTOR}x such as 10x`;

const FACTOR = /^(\d+(?:\.\d+)?|\.\d+)x$/;

/** A pace as written (`realtime`, `fast`, `10x`), or a message saying what is wrong with it. */
export function readPace(text: string): { pace: Pace } | { error: string } {
  const written = text.trim();
  if (written === 'realtime' || written === 'fast') return { pace: written };
  const factor = FACTOR.exec(written.toLowerCase());
  if (!factor) {
    const hint = /^\d+(\.\d+)?$/.test(written) ? ` (a speed factor is written with an x: ${written}x)` : '';
    return { error: `must be ${PACE_FORMS}; got "${written}"${hint}` };
  }
  const value = Number(factor[1]);
  if (value < MIN_PACE_FACTOR || value > MAX_PACE_FACTOR) {
    return {
      error: `speed factor must be from ${MIN_PACE_FACTOR}x to ${MAX_PACE_FACTOR}x (use fast for as fast as possible); got ${written}`,
    };
  }
  return { pace: `${value}x` };
}

/** How many times faster than the wall clock ticks are shown: 1 for realtime, Infinity for fast. */
export function paceFactor(pace: Pace): number {
  if (pace === 'realtime') return 1;
  if (pace === 'fast') return Infinity;
  return Number(pace.slice(0, -1));
}
