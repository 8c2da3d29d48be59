// The limits the checks and hints judge by, in one place. They are deliberately conservative:
// a hint on a healthy run costs the engineer's trust, a missed hint only costs a closer look.

import type { TickSeries } from '../series/seriesTypes';

/** A stall must last this many ticks... */
export const MIN_STALL_TICKS = 3;
/** ...and at least this many seconds... */
export const MIN_STALL_S = 2;
/** ...and at least this many work costs (a single slow task is not a stall). */
export const MIN_STALL_WORK_COSTS = 10;

/** A partition is backlogged when this many accepted tasks wait behind their families. */
export const BACKLOG_TASKS = 10;
/** A pending depth this large counts as a backlog of one family (hot-family evidence). */
export const HOT_DEPTH = 10;

/** routing-skew: the busiest partition's share of family arrivals must exceed 1/N + this x (1 - 1/N). */
export const SKEW_EXCESS = 0.6;
/** routing-skew when the busiest partition also holds a family backlog (it may be the hot family's). */
export const SKEW_WITH_BACKLOG = 0.97;
/** routing-skew: at least this many family arrivals per partition before shares mean anything. */
export const SKEW_MIN_ARRIVALS_PER_PARTITION = 25;
/** routing-skew in hot-family: at least this many families seen (per-partition gauge peaks, summed) before shares mean anything. */
export const SKEW_MIN_FAMILIES = 30;

/** gating-bypassed: tasks in flight beyond the families in flight that count as a large excess at one tick. */
export const GATING_EXCESS_TASKS = 10;

/** uncorrelated-serialized: share of a partition's tasks that waited behind a busy family. */
export const SERIALIZED_SHARE = 0.5;
export const SERIALIZED_MIN_TASKS = 100;

/** global-stall: total completed/s below this fraction of the run's peak counts as "near zero". */
export const GLOBAL_NEAR_ZERO = 0.01;

/** uncorrelated-burst evidence: enqueuedDueToBusy at most this share of tasksIn is "low". */
export const LOW_ENQUEUED_SHARE = 0.05;
/** uncorrelated-burst evidence: the busiest partition may take this much more than the mean... */
export const BALANCE_RATIO = 1.5;
/** ...or this many standard deviations of a fair split (small bursts are noisy). */
export const BALANCE_SIGMAS = 4;

/** The tick period in seconds: the config's tickMs, else the median gap between ticks. */
export function tickPeriodS(series: TickSeries): number {
  const ms = Number(series.config.tickMs);
  if (Number.isFinite(ms) && ms > 0) return ms / 1000;
  const gaps: number[] = [];
  for (let i = 1; i < series.times.length; i++) gaps.push(series.times[i] - series.times[i - 1]);
  if (gaps.length === 0) return 1;
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1] || 1;
}

/** Typical work cost per task in seconds from the config header (`15`, `lognormal(15,0.5)`, ...), if known. */
export function workCostS(series: TickSeries): number | undefined {
  const raw = series.config.workCostMs;
  if (raw === undefined) return undefined;
  if (typeof raw === 'number') return raw / 1000;
  const numbers = String(raw).match(/\d+(\.\d+)?/g);
  if (!numbers) return undefined;
  // uniform(min,max) -> max; exponential(mean) and lognormal(median, sigma) -> the first number.
  const ms = String(raw).startsWith('uniform') ? Number(numbers[numbers.length - 1]) : Number(numbers[0]);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/** The limits of one run, read once from its config and tick times (the run's facts keep them). */
export interface RunLimits {
  /** The tick period in seconds (tickPeriodS). */
  tickS: number;
  /** Typical work cost per task in seconds, when the config says (workCostS). */
  workCostS?: number;
  /** How long a partition must show no progress before it counts as stalled, in seconds. */
  minStallS: number;
}

export function limitsOf(series: TickSeries): RunLimits {
  const tickS = tickPeriodS(series);
  const cost = workCostS(series);
  const minStallS = Math.max(MIN_STALL_S, MIN_STALL_TICKS * tickS * 0.99, MIN_STALL_WORK_COSTS * (cost ?? 0));
  return { tickS, ...(cost !== undefined ? { workCostS: cost } : {}), minStallS };
}
