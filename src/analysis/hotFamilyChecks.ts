// Scenario 1, hot family (DESIGN.md section 3): one family gets a burst while many others send a
// little each. Evidence: the hot partition backs up but keeps completing, the other partitions keep
// completing their own work. Red flags: a global bottleneck, ready families nobody dispatches, the
// hot family never released. Each check reads the run's shared facts (stalls, the global pause)
// or the hints made from them, so a check never passes while its own evidence shows the opposite,
// and a red flag that a root cause explains fails (checkScenario points it at that hint).

import { HOT_DEPTH } from './detectionLimits';
import { formatCount, formatSeconds } from './reportNumbers';
import { pausesWhere, partitionPauses } from './partitionStalls';
import { ticksWhere } from '../series/tickSeries';
import type { Pause } from './partitionStalls';
import { hintWhere, redFlagFromHints, stallLength } from './checkSupport';
import type { Check, CheckContext } from './checkSupport';

export function hotFamilyChecks(ctx: CheckContext): Check[] {
  return [hotBacklog(ctx), hotProgress(ctx), othersProgress(ctx), someoneCompletes(ctx), readyDispatched(ctx), hotReleased(ctx)];
}

function hotBacklog({ summary, hints }: CheckContext): Check {
  const hot = summary.hotPartition;
  const base = {
    id: 'hot-family/hot-backlog',
    kind: 'evidence',
    title: 'The hot partition shows enqueuedDueToBusy rising and a large maxPendingDepthObserved',
  } as const;
  if ((!hot || hot.peakPendingDepth < HOT_DEPTH) && summary.partial) {
    return {
      ...base,
      status: 'not applicable',
      reason: `the run stopped at ${formatSeconds(summary.durationS)}, before a family backed up (deepest pending queue ${hot?.peakPendingDepth ?? 0})`,
    };
  }
  if (!hot || hot.peakPendingDepth < HOT_DEPTH) {
    const bypassed = hints.find((h) => h.rule === 'gating-bypassed');
    const depth = `no family backed up: the deepest pending queue was ${hot?.peakPendingDepth ?? 0} (expected ${HOT_DEPTH} or more)`;
    return bypassed
      ? {
          ...base,
          status: 'fail',
          reason:
            `${depth}, because in-flight gating was bypassed (${hintWhere(bypassed)}): ` +
            "the hot family's tasks were dispatched while its earlier tasks were still in flight, so none waited in its pending queue and enqueuedDueToBusy stayed near 0",
          partitions: bypassed.partitions,
          from: bypassed.from,
          to: bypassed.to,
          explainedBy: ['gating-bypassed'],
        }
      : { ...base, status: 'fail', reason: `${depth}; the burst never had to wait behind its own in-flight task` };
  }
  return {
    ...base,
    status: 'pass',
    partitions: [hot.partition],
    reason: `partition ${hot.partition}: enqueuedDueToBusy rose to ${formatCount(hot.enqueuedDueToBusy)}, maxPendingDepthObserved peaked at ${formatCount(hot.peakPendingDepth)} (${formatSeconds(hot.peakAt)})`,
  };
}

/** "its longest pause, 1.0 s, was shorter than a stall (2.0 s)" or that no tick went by without a completion. */
function pauseText(ctx: CheckContext, pause: Pause | undefined, subject: string): string {
  return pause
    ? `${subject} longest pause, ${formatSeconds(pause.to - pause.from)} (${formatSeconds(pause.from)} to ${formatSeconds(pause.to)}), was shorter than ${stallLength(ctx.facts)}`
    : 'no tick went by without a completion while it had work';
}

function hotProgress(ctx: CheckContext): Check {
  const { series, summary, facts } = ctx;
  const hot = summary.hotPartition;
  const base = {
    id: 'hot-family/hot-progress',
    kind: 'evidence',
    title: 'The hot partition keeps completing tasks while backlogged',
  } as const;
  if (!hot) return { ...base, status: 'not applicable', reason: 'there is no hot partition' };
  const points = series.byPartition[hot.partition];
  const stall = facts.stalls.find((s) => s.partition === hot.partition);
  if (stall) {
    return {
      ...base,
      status: 'fail',
      partitions: [hot.partition],
      from: stall.from,
      to: stall.to,
      reason: `partition ${hot.partition} completed nothing from ${formatSeconds(stall.from)} to ${formatSeconds(stall.to)} with ${formatCount(points.at(stall.last).queued)} tasks waiting`,
    };
  }
  const backlogged = ticksWhere(points.length, (i) => points.value(i, 'tasksIn') - points.value(i, 'dispatched') > 0);
  if (backlogged.length === 0) {
    return {
      ...base,
      status: 'not applicable',
      partitions: [hot.partition],
      reason: `partition ${hot.partition} never had tasks waiting at a tick`,
    };
  }
  const first = backlogged[0];
  const last = backlogged[backlogged.length - 1];
  const done = backlogged.reduce((s, i) => s + Math.max(0, points.at(i).delta.completed), 0);
  const pause = partitionPauses(series, facts.limits, hot.partition, first, last).longest;
  return {
    ...base,
    status: 'pass',
    partitions: [hot.partition],
    reason: `partition ${hot.partition} completed ${formatCount(done)} tasks over the ${backlogged.length} ticks it had tasks waiting; ${pauseText(ctx, pause, 'its')}`,
  };
}

function othersProgress({ summary }: CheckContext): Check {
  const others = summary.health.otherFamiliesProgressed;
  return {
    id: 'hot-family/others-progress',
    kind: 'evidence',
    title: 'The partitions without the hot family keep completing their tasks while it is backlogged',
    status: others.answer === 'yes' ? 'pass' : others.answer === 'no' ? 'fail' : 'not applicable',
    reason: others.evidence,
    ...(others.partitions ? { partitions: others.partitions } : {}),
    ...(others.from !== undefined ? { from: others.from, to: others.to } : {}),
  };
}

/** Red flag: every partition's completed/s drops to about 0 (a global bottleneck), explained or not. */
function someoneCompletes(ctx: CheckContext): Check {
  const { series, facts } = ctx;
  const base = {
    id: 'hot-family/no-global-stall',
    kind: 'red-flag',
    redFlag: 'global bottleneck, every partition stops completing',
    title: 'Some partition keeps completing tasks while every partition has work',
  } as const;
  if (series.partitions < 2)
    return {
      ...base,
      status: 'not applicable',
      reason: 'one partition only: a global bottleneck cannot be told from a stall of that partition',
    };
  const stall = facts.globalPause.stall;
  if (stall) {
    const all = series.byPartition.map((_, p) => p);
    const done = series.global.at(stall.last).totals.completed - series.global.at(stall.first - 1).totals.completed;
    const what = done > 0 ? `the partitions completed only ${formatCount(done)} tasks` : 'no partition completed any task';
    return {
      ...base,
      status: 'fail',
      partitions: all,
      from: stall.from,
      to: stall.to,
      reason: `${what} from ${formatSeconds(stall.from)} to ${formatSeconds(stall.to)} although every partition had work`,
    };
  }
  const longest = facts.globalPause.longest;
  return {
    ...base,
    status: 'pass',
    reason: longest
      ? `the longest time every partition had work and none completed was ${formatSeconds(longest.to - longest.from)} (${formatSeconds(longest.from)} to ${formatSeconds(longest.to)}), shorter than ${stallLength(facts)}`
      : 'at every tick at which every partition had work, some partition completed tasks',
  };
}

/** Red flag: readyFamiliesCount stuck above 0 with no dispatch, on any partition, whatever the cause. */
function readyDispatched(ctx: CheckContext): Check {
  const { series, facts } = ctx;
  const base = {
    id: 'hot-family/ready-dispatched',
    kind: 'red-flag',
    redFlag: 'readyFamiliesCount stuck above 0 with no dispatch',
    title: 'Families that are ready get dispatched',
  } as const;
  let stuck: { p: number; pause: Pause } | undefined;
  let longest: { p: number; pause: Pause } | undefined;
  series.byPartition.forEach((points, p) => {
    const { stall, longest: l } = pausesWhere(
      series,
      facts.limits,
      (i) =>
        points.value(i - 1, 'readyFamiliesCount') > 0 && points.value(i, 'readyFamiliesCount') > 0 && points.delta(i, 'dispatched') <= 0,
    );
    if (stall && !stuck) stuck = { p, pause: stall };
    if (l && (!longest || l.to - l.from > longest.pause.to - longest.pause.from)) longest = { p, pause: l };
  });
  if (stuck) {
    const { p, pause } = stuck;
    const ready = series.byPartition[p].at(pause.last).counters.readyFamiliesCount;
    return {
      ...base,
      status: 'fail',
      partitions: [p],
      from: pause.from,
      to: pause.to,
      reason: `partition ${p} had ${formatCount(ready)} families ready and dispatched nothing from ${formatSeconds(pause.from)} to ${formatSeconds(pause.to)}`,
    };
  }
  const found = longest as { p: number; pause: Pause } | undefined;
  const pass = found
    ? `ready families waited at most ${formatSeconds(found.pause.to - found.pause.from)} for a dispatch (partition ${found.p}, ${formatSeconds(found.pause.from)} to ${formatSeconds(found.pause.to)}), less than ${stallLength(facts)}`
    : 'whenever families were ready at a tick, a task was dispatched by the next';
  return redFlagFromHints(ctx, base, ['gating-stuck', 'dispatch-blocked'], pass);
}

/** Red flag: the hot pending depth rises with completed flat (the hot family is not released). */
function hotReleased(ctx: CheckContext): Check {
  const { series, summary, facts } = ctx;
  const hot = summary.hotPartition;
  const base = {
    id: 'hot-family/hot-released',
    kind: 'red-flag',
    redFlag: 'no release, the hot pending depth rises with completed flat',
    title: 'The hot family is released after each completion, so its waiting tasks keep completing',
  } as const;
  if (!hot) return { ...base, status: 'not applicable', reason: 'there is no hot partition' };
  const stall = facts.stalls.find((s) => s.partition === hot.partition);
  if (stall) {
    const points = series.byPartition[hot.partition];
    return {
      ...base,
      status: 'fail',
      partitions: [hot.partition],
      from: stall.from,
      to: stall.to,
      reason:
        `partition ${hot.partition}'s completed stayed at ${formatCount(points.at(stall.last).counters.completed)} from ${formatSeconds(stall.from)} to ` +
        `${formatSeconds(stall.to)} while ${formatCount(points.at(stall.last).queued)} tasks waited`,
    };
  }
  return redFlagFromHints(
    ctx,
    base,
    ['release-missing', 'handler-stuck'],
    `partition ${hot.partition}'s completed kept rising while tasks waited, with no pause as long as ${stallLength(facts)}, and no family stayed marked in flight without a task in flight`,
    hot.partition,
  );
}
