// What each rule, check and threshold metric reads, so that a counter that broke its integrity
// (counterIntegrity.ts) withholds exactly what rests on it: no `release-missing` from a doubled
// `completed`, no passed check or threshold read off a counter that cannot be trusted.
// A rule that compares partitions with each other is withheld when any partition's counter is in
// doubt; the others only on the partitions whose counters are. A check or metric not listed here
// (a new one) is taken to read every counter.

import { COUNTER_KEYS } from '../format/runEvents';
import type { CounterKey } from '../format/runEvents';
import type { ThresholdMetric } from '../spec/thresholdMetrics';
import type { CounterIntegrity } from './counterIntegrity';
import { partitionList } from './reportNumbers';
import type { BaselineComparison, HintRule, ScenarioCheck, ThresholdResult } from './reportTypes';

/** The counters each triage rule's evidence rests on (derived figures named by what they subtract). */
export const RULE_COUNTERS: Record<HintRule, readonly CounterKey[]> = {
  'counter-integrity': [],
  'dispatch-blocked': ['tasksIn', 'dispatched', 'completed'],
  'handler-stuck': ['tasksIn', 'dispatched', 'completed'],
  'gating-stuck': ['tasksIn', 'dispatched', 'completed', 'readyFamiliesCount'],
  'release-missing': ['dispatched', 'completed', 'inFlightFamiliesCount'],
  'routing-skew': ['tasksIn', 'rejectsBusy', 'enqueuedDueToBusy', 'maxPendingDepthObserved', 'readyFamiliesCount', 'inFlightFamiliesCount'],
  'gating-bypassed': ['dispatched', 'completed', 'inFlightFamiliesCount'],
  'uncorrelated-serialized': ['tasksIn', 'dispatched', 'enqueuedDueToBusy'],
  'global-stall': ['tasksIn', 'completed'],
  'consumer-stuck': ['tasksIn', 'completed', 'rejectsBusy', 'readyFamiliesCount'],
  'lost-wakeup': ['tasksIn', 'dispatched', 'completed', 'readyFamiliesCount', 'inFlightFamiliesCount'],
};

/** Rules judged across partitions: one partition's broken counter withholds them everywhere. */
export const CROSS_PARTITION_RULES: ReadonlySet<HintRule> = new Set<HintRule>(['global-stall', 'routing-skew']);

const HOT: readonly CounterKey[] = ['maxPendingDepthObserved'];
const PROGRESS: readonly CounterKey[] = ['tasksIn', 'dispatched', 'completed'];

/** The counters each scenario check reads, by check id. */
const CHECK_COUNTERS: Record<string, readonly CounterKey[]> = {
  'hot-family/hot-backlog': ['enqueuedDueToBusy', 'maxPendingDepthObserved'],
  'hot-family/hot-progress': [...PROGRESS, ...HOT],
  'hot-family/others-progress': [...PROGRESS, ...HOT],
  'hot-family/no-global-stall': ['tasksIn', 'completed'],
  'hot-family/ready-dispatched': ['readyFamiliesCount', 'dispatched'],
  'hot-family/hot-released': [...PROGRESS, 'inFlightFamiliesCount', ...HOT],
  'uncorrelated-burst/all-partitions-active': ['tasksIn', 'completed', 'rejectsBusy'],
  'uncorrelated-burst/balanced': ['tasksIn', 'rejectsBusy'],
  'uncorrelated-burst/low-enqueued': ['tasksIn', 'enqueuedDueToBusy', 'maxPendingDepthObserved'],
  'small-ring-burst/rejects-in-bursts': ['tasksIn', 'rejectsBusy'],
  'small-ring-burst/recovers': [...PROGRESS, 'rejectsBusy'],
  'small-ring-burst/ready-returns-to-zero': ['tasksIn', 'rejectsBusy', 'readyFamiliesCount'],
  'small-ring-burst/no-rejects-after-production': ['tasksIn', 'rejectsBusy'],
  'small-ring-burst/ingress-responds': ['tasksIn', 'rejectsBusy'],
  'steady/keeps-up': ['tasksIn', 'rejectsBusy', 'completed'],
};

/** The counters each threshold metric is computed from. */
export const METRIC_COUNTERS: Record<ThresholdMetric, readonly CounterKey[]> = {
  rejectPct: ['tasksIn', 'rejectsBusy'],
  completedPerS: ['completed'],
  tasksIn: ['tasksIn'],
  completed: ['completed'],
  rejectsBusy: ['rejectsBusy'],
  offered: ['tasksIn', 'rejectsBusy'],
  peakPendingDepth: ['maxPendingDepthObserved'],
  drainS: ['tasksIn', 'completed', 'rejectsBusy'],
  maxReadyFamilies: ['readyFamiliesCount'],
  dispatched: ['dispatched'],
  enqueuedDueToBusy: ['enqueuedDueToBusy'],
  maxInFlightFamilies: ['inFlightFamiliesCount'],
};

/** Which of `counters` are in doubt, and where. */
export interface DoubtfulCounters {
  counters: CounterKey[];
  partitions: number[];
}

/** The counters among `counters` that broke integrity on the given partitions (by default, on any). */
export function doubtful(
  integrity: CounterIntegrity,
  counters: readonly CounterKey[],
  on?: readonly number[],
): DoubtfulCounters | undefined {
  const found = new Set<CounterKey>();
  const partitions: number[] = [];
  for (const [partition, suspect] of integrity.suspect) {
    if (on !== undefined && !on.includes(partition)) continue;
    const hit = counters.filter((c) => suspect.has(c));
    if (hit.length === 0) continue;
    partitions.push(partition);
    for (const c of hit) found.add(c);
  }
  if (found.size === 0) return undefined;
  return { counters: COUNTER_KEYS.filter((c) => found.has(c)), partitions: partitions.sort((a, b) => a - b) };
}

/** "completed and dispatched on partition 1" */
export function doubtText(d: DoubtfulCounters): string {
  const names = d.counters.length === 1 ? d.counters[0] : `${d.counters.slice(0, -1).join(', ')} and ${d.counters[d.counters.length - 1]}`;
  return `${names} on ${partitionList(d.partitions)}`;
}

/** Whether a rule's finding on the given partitions rests on a counter in doubt. */
export function ruleDoubt(integrity: CounterIntegrity, rule: HintRule, partitions: readonly number[]): DoubtfulCounters | undefined {
  return doubtful(integrity, RULE_COUNTERS[rule], CROSS_PARTITION_RULES.has(rule) ? undefined : partitions);
}

/** Checks that read a counter in doubt become `not applicable`, saying why: never a pass or fail read off it. */
export function withholdChecks(checks: ScenarioCheck[], integrity: CounterIntegrity): ScenarioCheck[] {
  if (integrity.violations.length === 0) return checks;
  return checks.map((c) => {
    if (c.status === 'not applicable') return c;
    const d = doubtful(integrity, CHECK_COUNTERS[c.id] ?? COUNTER_KEYS);
    if (!d) return c;
    const { partitions: _p, from: _f, to: _t, explainedBy: _e, ...rest } = c;
    return {
      ...rest,
      status: 'not applicable',
      reason: `withheld: it reads ${doubtText(d)}, which broke counter integrity (see counter-integrity)`,
    };
  });
}

/** Thresholds on a metric computed from a counter in doubt are errors (never a pass); the value is kept. */
export function withholdThresholds(results: ThresholdResult[], integrity: CounterIntegrity): ThresholdResult[] {
  if (integrity.violations.length === 0) return results;
  return results.map((r) => {
    if (r.status === 'error' || r.status === 'not evaluated') return r;
    const d = doubtful(integrity, METRIC_COUNTERS[r.metric as ThresholdMetric] ?? COUNTER_KEYS);
    if (!d) return r;
    return {
      ...r,
      status: 'error',
      message: `${r.metric} is not trusted: it is computed from ${doubtText(d)}, which broke counter integrity (see counter-integrity)`,
    };
  });
}

/** A comparison with a baseline says which of this run's metrics rest on counters in doubt. */
export function noteDoubtfulMetrics(comparison: BaselineComparison, integrity: CounterIntegrity): BaselineComparison {
  const untrusted = comparison.metrics.filter((m) => doubtful(integrity, METRIC_COUNTERS[m.metric as ThresholdMetric] ?? COUNTER_KEYS));
  if (untrusted.length === 0) return comparison;
  const problem = `this run's counters broke integrity (see counter-integrity): its ${untrusted.map((m) => m.metric).join(', ')} cannot be compared with the baseline`;
  return { ...comparison, problems: [...comparison.problems, problem] };
}
