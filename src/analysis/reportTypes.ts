// The analysis of one run: what the notebook shows at the end of a run and `stressnb analyze`
// prints. Everything here is plain JSON-serialisable data (a RunSummary is stored in the
// notebook's metadata as the baseline).

import type { ConfigHeader, EndReason } from '../format/runEvents';
import type { RunCapacity } from './capacity';
import type { IntegrityViolation } from './counterIntegrity';

// ---- baseline summary (DESIGN.md section 3, Step 7) ----

export interface HealthNote {
  answer: 'yes' | 'no' | 'not applicable';
  /** The evidence in plain words: partition, time, numbers. */
  evidence: string;
  partitions?: number[];
  from?: number;
  to?: number;
}

export interface PartitionSummary {
  partition: number;
  tasksIn: number;
  dispatched: number;
  completed: number;
  rejectsBusy: number;
  enqueuedDueToBusy: number;
  maxPendingDepthObserved: number;
  /** Completed per second in the throughput window. */
  completedPerS: number;
}

export interface RunSummary {
  config: ConfigHeader;
  scenario?: string;
  partitions: number;
  ticks: number;
  /** Time of the last tick, seconds. */
  durationS: number;
  /** The run stopped early (interrupted) or its stream ended without a `done` phase. */
  partial: boolean;
  endReason?: EndReason;
  totals: {
    offered: number;
    tasksIn: number;
    dispatched: number;
    completed: number;
    rejectsBusy: number;
    enqueuedDueToBusy: number;
    /** rejectsBusy / offered x 100. */
    rejectPct: number;
  };
  throughput: {
    /** `measure` when the run has a measure phase with ticks, else the whole run. */
    window: 'measure' | 'whole run';
    from: number;
    to: number;
    completed: number;
    completedPerS: number;
    tasksInPerS: number;
    rejectsPerS: number;
  };
  /** The partition with the deepest family backlog (peak maxPendingDepthObserved >= 2), if any. */
  hotPartition?: { partition: number; peakPendingDepth: number; enqueuedDueToBusy: number; peakAt: number };
  drain: {
    /** Time of the last tick at which tasks were still offered. */
    productionEndS?: number;
    /** First tick after that with nothing outstanding anywhere. */
    drainedAtS?: number;
    drained: boolean;
  };
  health: {
    otherFamiliesProgressed: HealthNote;
    recoveredAfterBurst: HealthNote;
  };
  perPartition: PartitionSummary[];
  /**
   * Offered/s against completed/s over the throughput window, per partition and in total, and
   * whether the system fell behind (capacity.ts). Absent without a window of ticks, and in
   * summaries stored before it existed.
   */
  capacity?: RunCapacity;
  /**
   * Whether the counters kept their integrity (counterIntegrity.ts). A summary with broken
   * counters is refused as a baseline.
   */
  integrity: {
    ok: boolean;
    /** The first violations (all of them are in the counter-integrity hints). */
    violations: IntegrityViolation[];
    /** How many violations in all. */
    count: number;
  };
  /** The threshold metrics (thresholdMetrics.ts) of this run. */
  metrics: Record<string, number>;
}

// ---- scenario checks ----

export type CheckStatus = 'pass' | 'fail' | 'not applicable';
export type ThresholdStatus = ThresholdResult['status'];

export interface ScenarioCheck {
  /** Stable id, e.g. `hot-family/others-progress`. */
  id: string;
  scenario: string;
  /** `evidence` the scenario should show, or a `red-flag` it must not show. */
  kind: 'evidence' | 'red-flag';
  /** The property that must hold, stated positively. */
  title: string;
  /** For a red-flag check: the red flag it guards against, in a few words (e.g. "global bottleneck"). */
  redFlag?: string;
  status: CheckStatus;
  /** Why, with the numbers. */
  reason: string;
  partitions?: number[];
  from?: number;
  to?: number;
  /** The triage hints that explain a failed check (its root cause), when any fired. */
  explainedBy?: HintRule[];
}

// ---- triage hints (Step 8) ----

export const HINT_RULES = [
  'counter-integrity',
  'dispatch-blocked',
  'handler-stuck',
  'gating-stuck',
  'release-missing',
  'routing-skew',
  'gating-bypassed',
  'uncorrelated-serialized',
  'global-stall',
  'consumer-stuck',
  'lost-wakeup',
] as const;
export type HintRule = (typeof HINT_RULES)[number];

/** A counter's value at the start and the end of a hint's window. */
export interface CounterChange {
  counter: string;
  from: number;
  to: number;
}

export interface HintEvidence {
  partition: number;
  from: number;
  to: number;
  counters: CounterChange[];
  /** What the counters showed inside the window, in words, where their ends do not say it (e.g. what gating would have allowed). */
  note?: string;
}

export interface TriageHint {
  rule: HintRule;
  partitions: number[];
  /** Time window in seconds since the start of the run. */
  from: number;
  to: number;
  /** The likely cause, in plain words. */
  message: string;
  /** What the counters show, per partition. */
  evidence: HintEvidence[];
}

/** A hint the counters would give, withheld because its evidence rests on a counter that broke integrity. */
export interface WithheldHint {
  rule: HintRule;
  partitions: number[];
  from: number;
  to: number;
  /** Which counters it reads that are in doubt, and where. */
  reason: string;
}

// ---- thresholds and baselines ----

export interface ThresholdResult {
  metric: string;
  /** The comparison as written, e.g. "< 1". */
  expected: string;
  /**
   * `error`: unknown metric, unreadable comparison or no value; never counts as a pass.
   * `not evaluated`: a comparison with the baseline, and no baseline was given (not a failure).
   */
  status: 'pass' | 'fail' | 'error' | 'not evaluated';
  actual?: number;
  /** A threshold relative to the baseline: the baseline's value of the metric... */
  baseline?: number;
  /** ...and the bound that allowed, e.g. 180 for ">= baseline - 10%" against 200. */
  bound?: number;
  message: string;
}

export interface MetricDifference {
  metric: string;
  current: number;
  baseline: number;
  /** current - baseline */
  delta: number;
  /** delta / baseline x 100; absent when the baseline is 0. */
  deltaPct?: number;
  /** The relative threshold (`expect:` ">= baseline - 10%") that judged this change, if any. */
  threshold?: { expected: string; bound: number; status: 'pass' | 'fail' };
}

export interface BaselineComparison {
  /** How the report names the baseline, e.g. "baseline (seed 1)". */
  label?: string;
  /** Config keys whose values differ (a different config makes the comparison less meaningful). */
  configDifferences: { key: string; current?: string | number; baseline?: string | number }[];
  metrics: MetricDifference[];
  /** Problems with the stored baseline (missing metrics), said instead of silently skipped. */
  problems: string[];
}

export interface RunReport {
  summary: RunSummary;
  checks: ScenarioCheck[];
  /** counter-integrity hints come first. */
  hints: TriageHint[];
  /** Hints withheld because they rest on a broken counter (empty when the counters are sound). */
  withheld: WithheldHint[];
  thresholds: ThresholdResult[];
  baseline?: BaselineComparison;
  partial: boolean;
  /** `fail` when a check failed, a hint fired, or a threshold failed or was in error (not when it was not evaluated for want of a baseline). */
  verdict: 'pass' | 'fail';
}
