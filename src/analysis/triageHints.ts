// Triage hints (DESIGN.md section 3, Step 8, and the scenarios' red flags) from the tick series:
// each names the likely defect with a stable rule id, the partitions, the time window and the
// counters that show it. The rules read counters only, so they work the same on the built-in
// engine and on a real scheduler's counter lines. They must stay silent on a healthy run: a hot
// family that is merely slow is what hot-family is meant to show.
// The counters are checked for integrity first (counterIntegrity.ts): a violation is the hint
// `counter-integrity`, listed first, and a rule whose evidence rests on a broken counter is
// withheld (reported as such, never as a hint).

import { BACKLOG_TASKS, MIN_STALL_TICKS, SERIALIZED_MIN_TASKS, SERIALIZED_SHARE } from './detectionLimits';
import { doubtText, ruleDoubt } from './evidenceTrust';
import { findGatingBypasses, gatingBypassedMessage, gatingEvidenceNote, type GatingBypassWindow } from './gatingBypassed';
import { formatCount, formatSeconds } from './reportNumbers';
import { integrityHints } from './integrityHints';
import { leakedFamilies, leakStreak } from './partitionStalls';
import type { CounterChange, HintEvidence, HintRule, TriageHint, WithheldHint } from './reportTypes';
import type { RunFacts } from './runFacts';
import { findRoutingSkew } from './routingSkew';
import { firstTickWhere, forEachRunOfTicks, phaseWindow, ticksWhere } from '../series/tickSeries';
import { REJECTS_BUSY, TASKS_IN } from '../series/counterIndex';
import { COUNTER_KEYS } from '../format/runEvents';
import type { PartitionPoint, TickSeries } from '../series/seriesTypes';

/** One partition's window for one rule, before windows of the same rule are merged into hints. */
interface Finding {
  rule: HintRule;
  partition: number;
  startTick: number;
  endTick: number;
  /** Extra figures for the message (already formatted). */
  note?: string;
  /** gating-bypassed: the figures that showed it, for the evidence and the message. */
  gating?: GatingBypassWindow;
}

/** Counters a rule's evidence shows. Derived figures: inFlightTasks = dispatched - completed. */
const EVIDENCE_COUNTERS: Record<HintRule, readonly string[]> = {
  'counter-integrity': [],
  'dispatch-blocked': ['tasksIn', 'dispatched', 'completed', 'readyFamiliesCount'],
  'handler-stuck': ['dispatched', 'completed', 'inFlightTasks', 'inFlightFamiliesCount'],
  'gating-stuck': ['tasksIn', 'dispatched', 'readyFamiliesCount', 'inFlightFamiliesCount'],
  'release-missing': ['completed', 'inFlightTasks', 'inFlightFamiliesCount', 'enqueuedDueToBusy'],
  'routing-skew': ['tasksIn', 'rejectsBusy', 'enqueuedDueToBusy'],
  'gating-bypassed': ['dispatched', 'completed', 'inFlightTasks', 'inFlightFamiliesCount', 'enqueuedDueToBusy', 'maxPendingDepthObserved'],
  'uncorrelated-serialized': ['tasksIn', 'enqueuedDueToBusy', 'maxPendingDepthObserved', 'completed'],
  'global-stall': ['tasksIn', 'completed', 'outstanding'],
  'consumer-stuck': ['tasksIn', 'rejectsBusy'],
  'lost-wakeup': ['tasksIn', 'dispatched', 'completed', 'outstanding', 'readyFamiliesCount', 'inFlightFamiliesCount'],
};

export function findTriageHints(series: TickSeries, facts: RunFacts): TriageHint[] {
  return triage(series, facts).hints;
}

/** The hints (counter-integrity first, then by time) and the hints withheld because they rest on a broken counter. */
export function triage(series: TickSeries, facts: RunFacts): { hints: TriageHint[]; withheld: WithheldHint[] } {
  if (series.times.length === 0) return { hints: [], withheld: [] };
  const findings: Finding[] = [];
  for (const s of facts.stalls) findings.push({ rule: s.cause, partition: s.partition, startTick: s.startTick, endTick: s.last });
  findings.push(...leakFindings(series, facts));
  const serialized = serializedFindings(series);
  findings.push(...serialized);
  const bypassed = findGatingBypasses(series, facts.limits).map(
    (w): Finding => ({ rule: 'gating-bypassed', partition: w.partition, startTick: w.startTick, endTick: w.endTick, gating: w }),
  );
  findings.push(...bypassed);
  const skew = findRoutingSkew(series, facts, new Set(serialized.map((f) => f.partition)), new Set(bypassed.map((f) => f.partition)));
  if (skew) findings.push({ rule: 'routing-skew', ...skew });
  findings.push(...consumerStuckFindings(series, facts));
  const trusted = findings.filter((f) => !ruleDoubt(facts.integrity, f.rule, [f.partition]));
  const doubted = findings.filter((f) => ruleDoubt(facts.integrity, f.rule, [f.partition]));
  const hints = mergeFindings(series, trusted);
  const withheld = mergeFindings(series, doubted);
  const global = globalStallHint(series, facts, trusted);
  if (global) (ruleDoubt(facts.integrity, 'global-stall', global.partitions) ? withheld : hints).push(global);
  const byTime = (a: TriageHint, b: TriageHint) => a.from - b.from || a.rule.localeCompare(b.rule);
  return {
    hints: [...integrityHints(series, facts.integrity), ...hints.sort(byTime)],
    withheld: withheld.sort(byTime).map((h) => ({
      rule: h.rule,
      partitions: h.partitions,
      from: h.from,
      to: h.to,
      reason: `it reads ${doubtText(ruleDoubt(facts.integrity, h.rule, h.partitions)!)}, which broke counter integrity`,
    })),
  };
}

// ---- rules beyond the stall classification ----

function leakFindings(series: TickSeries, facts: RunFacts): Finding[] {
  const out: Finding[] = [];
  for (let p = 0; p < series.partitions; p++) {
    const streak = leakStreak(series, facts.limits, p);
    if (streak) out.push({ rule: 'release-missing', partition: p, startTick: streak.first, endTick: streak.last });
  }
  return out;
}

/** uncorrelated-serialized: in the uncorrelated burst, most of a partition's tasks queue behind one busy family. */
function serializedFindings(series: TickSeries): Finding[] {
  if (String(series.config.scenario ?? '') !== 'uncorrelated-burst') return [];
  const out: Finding[] = [];
  const lastTick = series.times.length - 1;
  series.byPartition.forEach((points, p) => {
    const c = points.at(lastTick).counters;
    if (c.enqueuedDueToBusy < SERIALIZED_MIN_TASKS || c.enqueuedDueToBusy < SERIALIZED_SHARE * c.tasksIn) return;
    let first = firstTickWhere(points.length, (i) => points.delta(i, 'enqueuedDueToBusy') > 0);
    let last = first;
    for (let i = 0; i < points.length; i++) {
      if (points.delta(i, 'enqueuedDueToBusy') > 0 || points.at(i).queued >= BACKLOG_TASKS) last = Math.max(last, i);
    }
    first = Math.max(0, first - 1);
    out.push({ rule: 'uncorrelated-serialized', partition: p, startTick: first, endTick: last });
  });
  return out;
}

/**
 * consumer-stuck: rejects keep climbing after production stopped (the cooldown began), or a
 * partition rejects publishes while accepting none for a whole stall window (the ring stays full).
 */
function consumerStuckFindings(series: TickSeries, facts: RunFacts): Finding[] {
  const out: Finding[] = [];
  const cooldown = phaseWindow(series, 'cooldown');
  const grace = facts.limits.tickS;
  const minS = facts.limits.minStallS;
  const row = new Float64Array(COUNTER_KEYS.length);
  series.byPartition.forEach((points, p) => {
    if (cooldown) {
      const late = ticksWhere(points.length, (i) => i > 0 && series.times[i] > cooldown.from + grace && points.delta(i, 'rejectsBusy') > 0);
      if (late.length >= 2) {
        const startTick = Math.max(0, cooldown.firstTick - 1);
        const endTick = late[late.length - 1];
        out.push({
          rule: 'consumer-stuck',
          partition: p,
          startTick,
          endTick,
          note: `after production stopped at ${formatSeconds(cooldown.from)}`,
        });
        return;
      }
    }
    // Each tick read once (every tick of every partition of a soak passes here).
    let previousTasksIn = 0;
    let previousRejects = 0;
    const refusing = (i: number): boolean => {
      points.readRow(i, row);
      const refused = i > 0 && row[REJECTS_BUSY] - previousRejects > 0 && row[TASKS_IN] - previousTasksIn <= 0;
      previousTasksIn = row[TASKS_IN];
      previousRejects = row[REJECTS_BUSY];
      return refused;
    };
    forEachRunOfTicks(points.length, refusing, (first, last) => {
      if (last - first + 1 >= MIN_STALL_TICKS && series.times[last] - series.times[first - 1] >= minS) {
        out.push({ rule: 'consumer-stuck', partition: p, startTick: first - 1, endTick: last, note: 'while accepting no task' });
      }
    });
  });
  return out;
}

/** Rules that explain a partition's part in a global pause on their own: it has nothing it could run. */
const EXPLAINS_GLOBAL_PAUSE: ReadonlySet<HintRule> = new Set<HintRule>(['release-missing', 'lost-wakeup']);

/**
 * global-stall: every partition had work and (almost) nothing completed anywhere, for as long as a
 * stall (the run's global pause, runFacts.ts). Leaked families or stranded work on every partition
 * explain it (no partition had anything to run, so nothing shared held them): release-missing and
 * lost-wakeup say it better, and the scenario check points at those hints.
 */
function globalStallHint(series: TickSeries, facts: RunFacts, findings: Finding[]): TriageHint | undefined {
  const best = facts.globalPause.stall;
  if (!best) return undefined;
  const { from, to } = best;
  const explained = series.byPartition.every((_, p) =>
    findings.some(
      (f) => EXPLAINS_GLOBAL_PAUSE.has(f.rule) && f.partition === p && series.times[f.endTick] >= from && series.times[f.startTick] <= to,
    ),
  );
  if (explained) return undefined;
  const partitions = series.byPartition.map((_, p) => p);
  return {
    rule: 'global-stall',
    partitions,
    from,
    to,
    message:
      `No partition completed any task from ${formatSeconds(from)} to ${formatSeconds(to)} although every partition had work waiting: ` +
      'a global bottleneck (a shared lock, a shared executor or the completion path all partitions use) stops them all at once.',
    evidence: partitions.map((p) => evidence(series, 'global-stall', p, best.first - 1, best.last)),
  };
}

// ---- merging and wording ----

function mergeFindings(series: TickSeries, findings: Finding[]): TriageHint[] {
  const byRule = new Map<HintRule, Finding[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const hints: TriageHint[] = [];
  for (const [rule, list] of byRule) {
    list.sort((a, b) => a.startTick - b.startTick);
    // One partition's overlapping windows become one; overlapping partitions share a hint.
    const clusters: Finding[][] = [];
    for (const f of list) {
      const cluster = clusters.find((c) => c.some((g) => g.startTick <= f.endTick && f.startTick <= g.endTick));
      if (!cluster) {
        clusters.push([f]);
        continue;
      }
      const same = cluster.find((g) => g.partition === f.partition);
      if (same) {
        same.startTick = Math.min(same.startTick, f.startTick);
        same.endTick = Math.max(same.endTick, f.endTick);
        same.note ??= f.note;
        same.gating = strongerBypass(same.gating, f.gating);
      } else {
        cluster.push(f);
      }
    }
    for (const cluster of clusters) hints.push(hintOf(series, rule, cluster));
  }
  return hints;
}

function hintOf(series: TickSeries, rule: HintRule, cluster: Finding[]): TriageHint {
  cluster.sort((a, b) => a.partition - b.partition);
  const from = Math.min(...cluster.map((f) => series.times[f.startTick]));
  const to = Math.max(...cluster.map((f) => series.times[f.endTick]));
  const evidenceList = cluster.map((f) => {
    const e = evidence(series, rule, f.partition, f.startTick, f.endTick);
    return f.gating ? { ...e, note: gatingEvidenceNote(series, f.gating) } : e;
  });
  return {
    rule,
    partitions: cluster.map((f) => f.partition),
    from,
    to,
    message: messageOf(series, rule, cluster, from, to),
    evidence: evidenceList,
  };
}

/** Of two windows of one partition, the one whose held excess was larger (it speaks for both). */
function strongerBypass(a: GatingBypassWindow | undefined, b: GatingBypassWindow | undefined): GatingBypassWindow | undefined {
  if (!a || !b) return a ?? b;
  return b.peakHeld.tasks - b.peakHeld.families > a.peakHeld.tasks - a.peakHeld.families ? b : a;
}

function counterValue(point: PartitionPoint, counter: string): number {
  switch (counter) {
    case 'inFlightTasks':
      return point.inFlightTasks;
    case 'outstanding':
      return point.outstanding;
    case 'queued':
      return point.queued;
    default:
      return point.counters[counter as keyof PartitionPoint['counters']];
  }
}

function evidence(series: TickSeries, rule: HintRule, p: number, startTick: number, endTick: number): HintEvidence {
  const points = series.byPartition[p];
  const a = points.at(startTick);
  const b = points.at(endTick);
  const counters: CounterChange[] = EVIDENCE_COUNTERS[rule].map((counter) => ({
    counter,
    from: counterValue(a, counter),
    to: counterValue(b, counter),
  }));
  return { partition: p, from: a.t, to: b.t, counters };
}

function partitionWords(partitions: number[]): string {
  if (partitions.length === 1) return `Partition ${partitions[0]}`;
  return `Partitions ${partitions.slice(0, -1).join(', ')} and ${partitions[partitions.length - 1]}`;
}

function change(series: TickSeries, f: Finding, counter: string): number {
  const points = series.byPartition[f.partition];
  return counterValue(points.at(f.endTick), counter) - counterValue(points.at(f.startTick), counter);
}

function atEnd(series: TickSeries, f: Finding, counter: string): number {
  return counterValue(series.byPartition[f.partition].at(f.endTick), counter);
}

/**
 * Stranded: the tasks accepted before the window (the intake had the whole window to move them
 * out of the ring), none completed, none dispatched, none ready. Arrivals in the window are said
 * apart: they may still be in the ring, which the counters do not show.
 */
function lostWakeupMessage(series: TickSeries, who: string, when: string, cluster: Finding[]): string {
  const stranded = cluster.map((f) => counterValue(series.byPartition[f.partition].at(f.startTick), 'outstanding'));
  const arrived = cluster.reduce((s, f) => s + change(series, f, 'tasksIn'), 0);
  const total = stranded.reduce((s, n) => s + n, 0);
  const each = cluster.length > 1 ? ` (${stranded.map(formatCount).join(', ')})` : '';
  const dispatched = cluster.map((f) => formatCount(atEnd(series, f, 'dispatched'))).join(', ');
  const tasks = (n: number, what = 'task'): string => `${formatCount(n)} ${what}${n === 1 ? '' : 's'}`;
  const also = arrived > 0 ? `; the ${tasks(arrived)} that arrived since ${arrived === 1 ? 'was' : 'were'} not dispatched either` : '';
  return (
    `${who} held ${tasks(total, 'stranded task')}${each} ${when} with nothing to dispatch: tasksIn − completed stayed above 0 while ` +
    `readyFamiliesCount and inFlightFamiliesCount read 0 and dispatched stayed at ${dispatched}${also}. ` +
    "The worker loop is idle, not blocked: a release left its family's pending tasks off readyFamilies (a lost wake-up: onComplete released " +
    'the family without rechecking its pending queue), and they wait until a new task of that family arrives.'
  );
}

function messageOf(series: TickSeries, rule: HintRule, cluster: Finding[], from: number, to: number): string {
  const who = partitionWords(cluster.map((f) => f.partition));
  const when = `from ${formatSeconds(from)} to ${formatSeconds(to)}`;
  const sum = (fn: (f: Finding) => number): string => formatCount(cluster.reduce((s, f) => s + fn(f), 0));
  switch (rule) {
    case 'dispatch-blocked':
      return (
        `${who} dispatched nothing ${when} while ${sum((f) => change(series, f, 'tasksIn'))} more tasks arrived and ` +
        `${sum((f) => atEnd(series, f, 'readyFamiliesCount'))} families waited ready: the worker loop is blocked or readyFamilies is not being drained ` +
        '(a blocking call or lock in the dispatch loop, a dead worker thread).'
      );
    case 'handler-stuck':
      return (
        `${who} completed nothing ${when} with ${sum((f) => atEnd(series, f, 'inFlightTasks'))} tasks handed to the business handler and still in flight: ` +
        'the handler is stuck, or completeSink#onComplete is never called (the completion path is broken).'
      );
    case 'gating-stuck':
      return (
        `${who} dispatched nothing ${when} although ${sum((f) => atEnd(series, f, 'readyFamiliesCount'))} families were ready and ` +
        `${sum((f) => atEnd(series, f, 'queued'))} tasks waited, with no new arrivals to wake it: a gating or recheck bug ` +
        '(the worker parks without rechecking readyFamilies, or a released family is not made ready again).'
      );
    case 'release-missing':
      return (
        `${who} kept ${sum((f) => leakedFamilies(series.byPartition[f.partition].at(f.endTick)))} families marked in flight with no task of theirs in flight ` +
        `(inFlightFamiliesCount never falls back) ${when}: release is not called after onComplete, or is called on the wrong family; ` +
        'the tasks queued behind those families are stranded.'
      );
    case 'routing-skew':
      return (
        `${who} ${cluster[0].note ?? 'received almost all traffic'} ${when}: the routing sends almost every family key to one partition ` +
        '(a broken hash(familyKey) mod N, or keys with too little variety).'
      );
    case 'uncorrelated-serialized':
      return (
        `${who} queued ${sum((f) => atEnd(series, f, 'enqueuedDueToBusy'))} of its ${sum((f) => atEnd(series, f, 'tasksIn'))} uncorrelated tasks behind a busy family ` +
        `(pending depth up to ${sum((f) => atEnd(series, f, 'maxPendingDepthObserved'))}) ${when}: correlationId = -1 tasks are being treated as one family ` +
        'and serialised, instead of each being its own family.'
      );
    case 'consumer-stuck':
      return (
        `${who} rejected ${sum((f) => change(series, f, 'rejectsBusy'))} more publishes${cluster[0].note ? ` ${cluster[0].note}` : ''} ${when}: ` +
        'the ring is full and its consumer (the intake) is not draining it; the ingress has stopped responding.'
      );
    case 'lost-wakeup':
      return lostWakeupMessage(series, who, when, cluster);
    case 'gating-bypassed':
      return gatingBypassedMessage(
        series,
        who,
        when,
        cluster.flatMap((f) => (f.gating ? [f.gating] : [])),
      );
    case 'global-stall':
      return `${who} completed nothing ${when}.`;
    case 'counter-integrity':
      return `${who}: counters that broke integrity ${when}.`; // integrityHints.ts words these hints
  }
}
