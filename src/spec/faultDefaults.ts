// Defaults of the injected faults (spec.fault) that a spec may leave out. The spec reader documents
// and validates them; the engine (src/engine/faults.ts) applies them.

import type { ScenarioSpec } from './scenarioSpec';

export const DEFAULT_NO_RELEASE_RATE = 0.02;
/** lost-wakeup: share of the releases that leave pending work and skip the re-ready (after warmup). */
export const DEFAULT_LOST_WAKEUP_RATE = 0.05;
export const DEFAULT_STUCK_PARTITION = 1;
export const DEFAULT_STALL_PARTITION = 2;

/** When a timed fault starts if the spec does not say: a third into the measure window. */
export function defaultFaultAtS(spec: Pick<ScenarioSpec, 'warmupS' | 'measureS'>): number {
  return spec.warmupS + spec.measureS / 3;
}
