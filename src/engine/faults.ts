// The injected defects (spec.fault), resolved to the numbers the model checks on its hot path.
// Each one is a realistic bug a scheduler can ship with; the engine applies it at exactly one spot.

import type { ScenarioSpec } from '../spec/scenarioSpec';
import {
  DEFAULT_LOST_WAKEUP_RATE,
  DEFAULT_NO_RELEASE_RATE,
  DEFAULT_STALL_PARTITION,
  DEFAULT_STUCK_PARTITION,
  defaultFaultAtS,
} from '../spec/faultDefaults';

export interface ResolvedFaults {
  /** no-release: fraction of completions that do not release their family (0 = off). */
  noReleaseRate: number;
  /** neg1-single-family: every correlationId = -1 task joins the one family "-1". */
  neg1SingleFamily: boolean;
  /** hash-skew: the router sends every task to partition 0. */
  hashSkew: boolean;
  /** early-release: a family is released when its task is dispatched, not in onComplete (gating bypassed). */
  earlyRelease: boolean;
  /**
   * lost-wakeup: fraction of the releases that leave pending work and do not put the family back
   * on readyFamilies (0 = off), from lostWakeupFromUs (the end of warmup) on.
   */
  lostWakeupRate: number;
  lostWakeupFromUs: number;
  /** stuck-handler: this partition's handler never calls onComplete from stuckAtUs on (-1 = off). */
  stuckPartition: number;
  stuckAtUs: number;
  /** dispatch-stall: this partition's worker loop stops dispatching from stallAtUs on (-1 = off). */
  stallPartition: number;
  stallAtUs: number;
}

export function resolveFaults(spec: ScenarioSpec): ResolvedFaults {
  const f = spec.fault;
  const atUs = Math.round((f.atS ?? defaultFaultAtS(spec)) * 1e6);
  // A fault partition beyond the run's partitions wraps around rather than silently doing nothing.
  const partitionOr = (fallback: number): number => (((f.partition ?? fallback) % spec.partitions) + spec.partitions) % spec.partitions;
  return {
    noReleaseRate: f.name === 'no-release' ? (f.rate ?? DEFAULT_NO_RELEASE_RATE) : 0,
    neg1SingleFamily: f.name === 'neg1-single-family',
    hashSkew: f.name === 'hash-skew',
    earlyRelease: f.name === 'early-release',
    lostWakeupRate: f.name === 'lost-wakeup' ? (f.rate ?? DEFAULT_LOST_WAKEUP_RATE) : 0,
    lostWakeupFromUs: Math.round(spec.warmupS * 1e6),
    stuckPartition: f.name === 'stuck-handler' ? partitionOr(DEFAULT_STUCK_PARTITION) : -1,
    stuckAtUs: atUs,
    stallPartition: f.name === 'dispatch-stall' ? partitionOr(DEFAULT_STALL_PARTITION) : -1,
    stallAtUs: atUs,
  };
}
