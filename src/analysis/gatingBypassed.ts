// gating-bypassed: in-flight gating did not hold. Each family may have one task in flight, and
// completeSink#onComplete releases it for the next; a scheduler that releases the family earlier
// (where the task is handed to the handler, or in a callback that runs before the handler's work
// is done) dispatches every queued task of a family at once. Two readings of the counters show it:
//
// - held: at a tick, the tasks in flight (dispatched - completed) exceed the families in flight
//   (inFlightFamiliesCount); gating allows at most one task per family in flight.
// - rate: where the config states the work cost, a tick's completions mean
//   completed/s x workCost tasks in flight on average (Little's law); each family completes at
//   most one task per work cost, so more than the families in flight at either end of the tick
//   means families completed faster than gating allows.
//
// Counters are read once per tick (by a real scheduler, not even atomically), and a burst between
// two ticks can complete families no tick sees. So an excess counts only when it is at least the
// families in flight (counters read a moment apart add a few tasks, they do not double them), and
// a window only when the held excess persists (every tick of a stall-length window), or when it is
// large and a second reading confirms it: another large held excess, or a large rate excess. The
// rate reading alone never decides: a short burst of many families between two ticks looks the
// same to it.

import { COUNTER_KEYS } from '../format/runEvents';
import { COMPLETED, DISPATCHED, IN_FLIGHT_FAMILIES } from '../series/counterIndex';
import { GATING_EXCESS_TASKS, MIN_STALL_TICKS, type RunLimits } from './detectionLimits';
import { formatCount, formatRate, formatSeconds } from './reportNumbers';
import { forEachRunOfTicks } from '../series/tickSeries';
import type { PartitionPoint, PointList, TickSeries } from '../series/seriesTypes';

/** One partition's window in which gating did not hold, with the figures that showed it. */
export interface GatingBypassWindow {
  partition: number;
  /** The last tick before the excess (the window's start) and the last tick showing it. */
  startTick: number;
  endTick: number;
  /** The tick with the largest held excess, and the tick with the largest completion rate. */
  peakHeld: { tick: number; tasks: number; families: number };
  peakRate?: { tick: number; completedPerS: number; tasksInFlight: number; families: number };
  /** The stated work cost used by the rate reading, in seconds (a lower bound of its mean). */
  workCostS?: number;
}

/**
 * The mean work cost per task in seconds, or a lower bound of it, from the config header
 * (`15`, `uniform(10,20)`, `exponential(12)`, `lognormal(15,0.5)`); undefined when not stated.
 * A lower bound keeps the rate reading from claiming more tasks in flight than there were.
 */
export function meanWorkCostAtLeastS(series: TickSeries): number | undefined {
  const raw = series.config.workCostMs;
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const numbers = (text.match(/\d+(\.\d+)?/g) ?? []).map(Number);
  let ms: number | undefined;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text);
  else if (text.startsWith('uniform') && numbers.length === 2) ms = (numbers[0] + numbers[1]) / 2;
  // The mean of a log-normal is above its median; an exponential's mean is its parameter.
  else if ((text.startsWith('lognormal') || text.startsWith('exponential')) && numbers.length >= 1) ms = numbers[0];
  return ms !== undefined && Number.isFinite(ms) && ms > 0 ? ms / 1000 : undefined;
}

function heldExcess(point: PartitionPoint): number {
  return point.inFlightTasks - point.counters.inFlightFamiliesCount;
}

/** The held excess at a tick, when it counts (positive and at least the families in flight), else 0. */
function heldBeyondFamilies(point: PartitionPoint): number {
  return heldCounting(heldExcess(point), point.counters.inFlightFamiliesCount);
}

/** The held excess (tasks in flight beyond the families in flight) when it counts (at least the families), else 0. */
function heldCounting(excess: number, families: number): number {
  return excess > 0 && excess >= families ? excess : 0;
}

/**
 * The average tasks in flight over a tick of `dt` s that completed `completed` tasks, beyond the
 * families in flight at its ends, when large (at least GATING_EXCESS_TASKS and the families); else 0.
 */
function rateExcessOf(completed: number, dt: number, families: number, cost: number | undefined): number {
  if (cost === undefined || !(dt > 0)) return 0;
  const excess = (Math.max(0, completed) * cost) / dt - families;
  return excess >= Math.max(GATING_EXCESS_TASKS, families) ? excess : 0;
}

export function findGatingBypasses(series: TickSeries, limits: RunLimits): GatingBypassWindow[] {
  const cost = meanWorkCostAtLeastS(series);
  const minS = limits.minStallS;
  const out: GatingBypassWindow[] = [];
  const dtOf = (i: number): number => (i === 0 ? series.times[0] : series.times[i] - series.times[i - 1]);
  const row = new Float64Array(COUNTER_KEYS.length);
  series.byPartition.forEach((points, p) => {
    const families = (i: number): number =>
      Math.max(i > 0 ? points.value(i - 1, 'inFlightFamiliesCount') : 0, points.value(i, 'inFlightFamiliesCount'));
    const rateExcess = (i: number): number => rateExcessOf(points.delta(i, 'completed'), dtOf(i), families(i), cost);
    const judged = (first: number, last: number): void => {
      const window = judge(points, first, last, rateExcess, minS);
      if (window) out.push({ partition: p, ...window, ...(cost !== undefined ? { workCostS: cost } : {}) });
    };
    // Each tick read once (a soak has millions): the runs of ticks that show an excess.
    let previousFamilies = 0;
    let previousCompleted = 0;
    const shows = (i: number): boolean => {
      points.readRow(i, row);
      const inFlightFamilies = row[IN_FLIGHT_FAMILIES];
      const completed = row[COMPLETED];
      const excess =
        heldCounting(row[DISPATCHED] - completed - inFlightFamilies, inFlightFamilies) > 0 ||
        rateExcessOf(completed - previousCompleted, dtOf(i), Math.max(previousFamilies, inFlightFamilies), cost) > 0;
      previousFamilies = inFlightFamilies;
      previousCompleted = completed;
      return excess;
    };
    forEachRunOfTicks(points.length, shows, judged);
  });
  return out;
}

function judge(
  points: PointList,
  first: number,
  last: number,
  rateExcess: (i: number) => number,
  minS: number,
): Omit<GatingBypassWindow, 'partition' | 'workCostS'> | undefined {
  const startTick = Math.max(0, first - 1);
  let largeHeld = 0;
  let largeRate = 0;
  let heldRun = 0;
  let persistent = false;
  let peakHeld = first;
  let peakRate = -1;
  for (let i = first; i <= last; i++) {
    const held = heldBeyondFamilies(points.at(i));
    if (held >= GATING_EXCESS_TASKS) largeHeld++;
    if (rateExcess(i) > 0) largeRate++;
    heldRun = held > 0 ? heldRun + 1 : 0;
    const runStart = i - heldRun;
    if (heldRun >= MIN_STALL_TICKS && points.at(i).t - (runStart >= 0 ? points.at(runStart).t : 0) >= minS) persistent = true;
    if (held > heldBeyondFamilies(points.at(peakHeld))) peakHeld = i;
    if (rateExcess(i) > (peakRate < 0 ? 0 : rateExcess(peakRate))) peakRate = i;
  }
  const confirmed = largeHeld >= 2 || (largeHeld >= 1 && largeRate >= 1);
  if (!persistent && !confirmed) return undefined;
  const held = points.at(peakHeld);
  const window: Omit<GatingBypassWindow, 'partition' | 'workCostS'> = {
    startTick,
    endTick: last,
    peakHeld: { tick: peakHeld, tasks: held.inFlightTasks, families: held.counters.inFlightFamiliesCount },
  };
  if (peakRate >= 0) {
    const pt = points.at(peakRate);
    const families = Math.max(peakRate > 0 ? points.at(peakRate - 1).counters.inFlightFamiliesCount : 0, pt.counters.inFlightFamiliesCount);
    window.peakRate = { tick: peakRate, completedPerS: pt.rate.completed, tasksInFlight: rateExcess(peakRate) + families, families };
  }
  return window;
}

/** Per partition, in words: which counters showed it, and what gating would have allowed. */
export function gatingEvidenceNote(series: TickSeries, w: GatingBypassWindow): string {
  const points = series.byPartition[w.partition];
  const held = w.peakHeld;
  const parts = [
    `at ${formatSeconds(points.at(held.tick).t)} ${tasks(held.tasks)} in flight (dispatched − completed) while inFlightFamiliesCount read ${formatCount(held.families)}: ` +
      `gating allows at most ${tasks(held.families)} in flight (one per family in flight)`,
  ];
  if (w.peakRate && w.workCostS !== undefined) {
    const r = w.peakRate;
    parts.push(
      `at ${formatSeconds(points.at(r.tick).t)} ${formatRate(r.completedPerS)} completed, ${tasks(Math.round(r.tasksInFlight))} in flight on average at the ` +
        `${formatCount(w.workCostS * 1000, 2)} ms work cost, while inFlightFamiliesCount read at most ${formatCount(r.families)}: ` +
        `gating allows each family in flight one task per work cost (${formatRate(1 / w.workCostS)}), ${formatRate(r.families / w.workCostS)} in all`,
    );
  }
  return parts.join('; ');
}

function tasks(n: number): string {
  return `${formatCount(n)} task${n === 1 ? '' : 's'}`;
}

/** The hint's message: where, when, the strongest figures, and the likely cause. */
export function gatingBypassedMessage(series: TickSeries, who: string, when: string, windows: readonly GatingBypassWindow[]): string {
  const byHeld = [...windows].sort((a, b) => b.peakHeld.tasks - b.peakHeld.families - (a.peakHeld.tasks - a.peakHeld.families))[0];
  const at = (w: GatingBypassWindow, tick: number): string =>
    `partition ${w.partition} at ${formatSeconds(series.byPartition[w.partition].at(tick).t)}`;
  let figures = `up to ${tasks(byHeld.peakHeld.tasks)} in flight on ${at(byHeld, byHeld.peakHeld.tick)} while inFlightFamiliesCount read ${formatCount(byHeld.peakHeld.families)}`;
  const byRate = windows.filter((w) => w.peakRate).sort((a, b) => b.peakRate!.completedPerS - a.peakRate!.completedPerS)[0];
  if (byRate?.peakRate && byRate.workCostS !== undefined) {
    figures +=
      `, and ${at(byRate, byRate.peakRate.tick)} completed ${formatRate(byRate.peakRate.completedPerS)} where one family completes at most ` +
      `${formatRate(1 / byRate.workCostS)} (one task per ${formatCount(byRate.workCostS * 1000, 2)} ms work cost)`;
  }
  return (
    `${who} had more tasks in flight than families in flight ${when}: ${figures}. In-flight gating is bypassed: the family is released ` +
    "before its task completes (where the task is handed to the handler, or in a callback that runs before the handler's work is done) " +
    'instead of in completeSink#onComplete, so every queued task of a family is dispatched at once.'
  );
}
