// Whether a run finished (DESIGN.md section 7): a run without its end (no `done` phase, or one
// a source added because it printed none), a failed source, an interrupt or missing ticks is
// incomplete, and an incomplete run is never a pass, whatever its checks say.

import { formatSeconds } from './reportNumbers';
import { MISSING_TICK_PERIODS, tickPeriodS } from './detectionLimits';
import type { IncompleteRun } from './reportTypes';
import type { TickSeries } from '../series/seriesTypes';

/** Why the run is incomplete, or undefined when it ran to its end. */
export function incompleteRun(series: TickSeries, options: { interrupted?: boolean; failure?: string } = {}): IncompleteRun | undefined {
  const n = series.times.length;
  const end = series.done?.t ?? (n > 0 ? series.times[n - 1] : 0);
  const reason = series.done?.reason;
  if (options.interrupted === true || reason === 'interrupted') {
    return { cause: 'interrupted', reason: `interrupted at ${formatSeconds(end)}` };
  }
  if (options.failure !== undefined)
    return { cause: 'source-failed', reason: `the run failed at ${formatSeconds(end)}: ${firstLine(options.failure)}` };
  if (reason === 'source-failed') return { cause: 'source-failed', reason: `the source failed at ${formatSeconds(end)}` };
  if (series.done === undefined) {
    return {
      cause: 'no-end',
      reason: `the stream ended at ${formatSeconds(end)} without the run's end (no phase=done line): a cut log, or a run still going`,
    };
  }
  if (reason === 'source-ended') {
    return { cause: 'no-end', reason: `the source ended at ${formatSeconds(end)} without printing the run's end (phase=done)` };
  }
  if (n === 0) return { cause: 'no-ticks', reason: 'no tick was recorded' };
  return missingTicks(series);
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}

/** The first stretch without ticks of MISSING_TICK_PERIODS tick periods or more, up to the run's end. */
function missingTicks(series: TickSeries): IncompleteRun | undefined {
  const period = tickPeriodS(series);
  const limit = MISSING_TICK_PERIODS * period * 0.999;
  const times = series.times;
  const ends = series.done ? [...times, series.done.t] : times;
  for (let i = 1; i < ends.length; i++) {
    const gap = ends[i] - ends[i - 1];
    if (gap < limit) continue;
    const missing = Math.max(1, Math.round(gap / period) - 1);
    const where =
      i === times.length
        ? `after the last tick at ${formatSeconds(ends[i - 1])}, until the run's end at ${formatSeconds(ends[i])}`
        : `from ${formatSeconds(ends[i - 1])} to ${formatSeconds(ends[i])}`;
    return {
      cause: 'missing-ticks',
      reason: `ticks are missing: none ${where} (about ${missing} tick${missing === 1 ? '' : 's'} of ${formatSeconds(period)})`,
    };
  }
  return undefined;
}
