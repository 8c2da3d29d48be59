// The validated scenario spec: what a scenario cell (YAML) or `stressnb run spec.yaml` describes,
// after defaults are applied. Parsing and validation live in parseScenarioSpec.ts; the engine
// takes this type and nothing else.

import type { CounterKey } from '../format/runEvents';
import type { Pace } from './pace';
import type { TimeRef } from './timeRef';

export const SCENARIO_NAMES = ['hot-family', 'uncorrelated-burst', 'small-ring-burst', 'steady', 'custom'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const FAULT_NAMES = [
  'none',
  'no-release',
  'neg1-single-family',
  'hash-skew',
  'stuck-handler',
  'dispatch-stall',
  'early-release',
  'lost-wakeup',
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export type HandlerStyle = 'async' | 'sync';
export type { Pace };

/** Business-handler cost per task. `workCostMs: 15` in YAML means `{ dist: 'fixed', ms: 15 }`. */
export type WorkCost =
  | { dist: 'fixed'; ms: number }
  | { dist: 'uniform'; minMs: number; maxMs: number }
  | { dist: 'exponential'; meanMs: number }
  | { dist: 'lognormal'; medianMs: number; sigma: number };

/**
 * One stream of produced tasks. Every preset expands to a list of streams; `custom` lists them.
 * A stream emits `tasks` tasks at `ratePerS` starting at `startS` (seconds since run start),
 * repeating every `everyS` seconds while production runs; without `tasks` it emits at `ratePerS`
 * until production stops (end of measure).
 */
export interface LoadStream {
  /** Distinct family keys the stream cycles through (ignored when `uncorrelated`). */
  families: number;
  /** correlationId = -1: every task is its own family. */
  uncorrelated: boolean;
  tasks?: number;
  ratePerS: number;
  startS: number;
  everyS?: number;
  /** Family keys are `${keyPrefix}${i}`; streams with the same prefix share families. */
  keyPrefix: string;
}

export interface FaultSpec {
  name: FaultName;
  /** For stuck-handler and dispatch-stall: seconds since run start when the defect kicks in. */
  atS?: number;
  /** For stuck-handler and dispatch-stall: the partition affected (defaults 1 and 2). */
  partition?: number;
  /**
   * For no-release: fraction of completions that do not release (default 0.02). For lost-wakeup:
   * fraction of the releases that leave pending work and do not make the family ready again
   * (after warmup; default 0.05).
   */
  rate?: number;
}

/** Thresholds (`expect:` in a cell): metric name -> comparison such as "< 1", ">= 250" or ">= baseline - 10%". */
export type Expectations = Record<string, string>;

/** A program to start: a command source, or the service a metrics source scrapes. */
export interface CommandSpec {
  command: string;
  args: string[];
  cwd?: string;
  env: Record<string, string>;
}

/** How a Prometheus metrics source reads the contract's counters (`metrics:`, `partitionLabel`, `labels`, `instances`). */
export interface MetricsMapping {
  /** The metric name of each counter and gauge (the defaults, with the cell's overrides). */
  names: Record<CounterKey, string>;
  /** The label whose value is the partition number. */
  partitionLabel: string;
  /** Only series with exactly these label values. */
  labels: Record<string, string>;
  /** Several instances (series that differ in a label other than the partition): one block of partitions each, or summed. */
  instances: 'separate' | 'sum';
}

/** An external source of counter lines instead of the built-in engine (DESIGN.md sections 5 and 7). */
export type SourceSpec =
  | { kind: 'engine' }
  | ({ kind: 'command' } & CommandSpec)
  | { kind: 'file'; path: string; follow: boolean }
  /** A Prometheus exposition endpoint scraped every tickMs, optionally after starting `service`. */
  | ({ kind: 'metrics'; url: string; service?: CommandSpec } & MetricsMapping)
  /** A Prometheus server's HTTP API over a past window. `measureFillsWindow`: the cell sets no
   *  measureS, so measure lasts from the end of warmup to cooldownS before `to`. */
  | ({ kind: 'prometheus'; url: string; from: TimeRef; to: TimeRef; measureFillsWindow: boolean } & MetricsMapping);

/** A source other than the built-in engine: a command's output, a log file, a metrics endpoint or a Prometheus server. */
export type ExternalSourceSpec = Exclude<SourceSpec, { kind: 'engine' }>;

export type ExternalSourceKind = ExternalSourceSpec['kind'];

export interface ScenarioSpec {
  scenario: ScenarioName;
  partitions: number;
  ringBufferSize: number;
  workersPerPartition: number;
  workCostMs: WorkCost;
  handler: HandlerStyle;
  /** async handler: cap of tasks in flight per partition (0 = unbounded). */
  maxInFlightPerPartition: number;
  /** Cost of moving one event from the ring into the FamilyScheduler, in microseconds. */
  intakeCostUs: number;
  /**
   * Latency before a parked ring consumer runs again after a publish wakes it (OS scheduling delay),
   * in microseconds; the ring only fills meanwhile. Optional: the engine defaults it
   * (DEFAULT_INTAKE_WAKEUP_US in src/spec/intakeDefaults.ts).
   */
  intakeWakeupUs?: number;
  tickMs: number;
  warmupS: number;
  measureS: number;
  cooldownS: number;
  seed: number;
  /**
   * Runs of the scenario (`repeat:`), absent for one: the engine runs seeds seed … seed+N-1, a
   * command runs N times, a file source reads N files (its path a pattern). See repeatRuns.ts.
   */
  repeat?: number;
  pace: Pace;
  /** The load after the preset's defaults and the cell's overrides are applied. */
  load: LoadStream[];
  fault: FaultSpec;
  expect: Expectations;
  source: SourceSpec;
}
