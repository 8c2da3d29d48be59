// The events of one run, shared by the engine (producer), the counter-line contract
// (DESIGN.md section 4: written by the engine, parsed from real schedulers), the worker
// host and the analysis. A run is: one `config`, then `phase` and `tick` events in time order,
// ending with `phase: 'done'`. A stream may hold several runs, each starting with its `config`
// (runStream.ts).

export const COUNTER_KEYS = [
  'tasksIn',
  'dispatched',
  'completed',
  'rejectsBusy',
  'enqueuedDueToBusy',
  'maxPendingDepthObserved',
  'readyFamiliesCount',
  'inFlightFamiliesCount',
] as const;

export type CounterKey = (typeof COUNTER_KEYS)[number];

/** Cumulative counters and the two gauges of one partition at one tick. */
export type PartitionCounters = Record<CounterKey, number>;

export type Phase = 'warmup' | 'measure' | 'cooldown' | 'done';

/** Why a run ended (carried on the `done` phase). */
export type EndReason = 'drained' | 'cooldown-timeout' | 'interrupted' | 'source-ended' | 'source-failed';

/**
 * The config header (Step 0), in the order the `config` line prints it. Known keys:
 * partitions, ringBufferSize, workersPerPartition, workCostMs, handler, tickMs, warmupS, measureS,
 * cooldownS, scenario, seed, fault. Values are logfmt-safe (no spaces).
 */
export type ConfigHeader = Record<string, string | number>;

/**
 * The thresholds that judge a run (a cell's `expect:`, metric -> comparison such as ">= 500"),
 * carried by its `config` event so that whoever reads the stream judges what the run was judged
 * by: `expect.<metric>=` keys on the config line, or an `"expect"` object in its JSON form.
 */
export type StreamThresholds = Record<string, string>;

/** The prefix of a config line's threshold keys: `expect.completedPerS=">= 500"`. */
export const EXPECT_KEY_PREFIX = 'expect.';

export type RunEvent =
  | { type: 'config'; config: ConfigHeader; expect?: StreamThresholds }
  | { type: 'phase'; t: number; phase: Phase; reason?: EndReason }
  /**
   * `partitions[p]` is partition p; `t` is seconds since the start of the run. `unreported` lists
   * the partitions that printed no line for this tick (a parsed source carries their last values
   * forward in `partitions`); absent when every partition reported.
   */
  | { type: 'tick'; t: number; partitions: PartitionCounters[]; unreported?: number[] };
