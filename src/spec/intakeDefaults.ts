// Intake-model defaults for what a spec may leave out. The spec parser (src/spec) imports
// these so that a parsed spec and the engine agree.

/**
 * How long a parked ring consumer takes to run again after a publish wakes it. On a loaded 2-core
 * box a woken thread waits about one CFS scheduling period (6 ms x (1 + log2 2) = 12 ms) for a core;
 * meanwhile the ring only fills. This is what makes a 64-slot ring reject most of a 10 ms burst,
 * as a real Disruptor does, while a 1024-slot ring absorbs the same stall.
 */
export const DEFAULT_INTAKE_WAKEUP_US = 12000;

/** Each wake-up latency is the configured one times a uniform factor in [1 - J, 1 + J]. */
export const INTAKE_WAKEUP_JITTER = 0.2;
