// A last guard before the engine allocates anything: the spec parser reports positioned problems
// to users; this catches a hand-built spec (tests, API callers) the model cannot run, with a message
// that names the key.

import type { ScenarioSpec } from '../spec/scenarioSpec';

export function assertRunnable(spec: ScenarioSpec): void {
  const problems: string[] = [];
  const int = (key: keyof ScenarioSpec, min: number): void => {
    const v = spec[key] as number;
    if (!Number.isInteger(v) || v < min) problems.push(`${key} must be an integer >= ${min}, got ${v}`);
  };
  const nonNegative = (key: keyof ScenarioSpec): void => {
    const v = spec[key] as number;
    if (!Number.isFinite(v) || v < 0) problems.push(`${key} must be a finite number >= 0, got ${v}`);
  };
  int('partitions', 1);
  int('ringBufferSize', 1);
  if (Number.isInteger(spec.ringBufferSize) && (spec.ringBufferSize & (spec.ringBufferSize - 1)) !== 0) {
    problems.push(`ringBufferSize must be a power of two, got ${spec.ringBufferSize}`);
  }
  int('workersPerPartition', 1);
  int('maxInFlightPerPartition', 0);
  nonNegative('intakeCostUs');
  if (spec.intakeWakeupUs !== undefined && !(spec.intakeWakeupUs >= 0)) {
    problems.push(`intakeWakeupUs must be >= 0, got ${spec.intakeWakeupUs}`);
  }
  // The clock counts whole microseconds: a shorter tick would never advance it.
  if (!(spec.tickMs >= 0.001) || !Number.isFinite(spec.tickMs)) problems.push(`tickMs must be at least 0.001 (1 µs), got ${spec.tickMs}`);
  nonNegative('warmupS');
  nonNegative('measureS');
  nonNegative('cooldownS');
  spec.load.forEach((s, i) => {
    if (!(s.ratePerS > 0)) problems.push(`load[${i}].ratePerS must be > 0, got ${s.ratePerS}`);
    if (!Number.isInteger(s.families) || s.families < 0) problems.push(`load[${i}].families must be an integer >= 0`);
    if (!s.uncorrelated && s.families < 1) problems.push(`load[${i}] needs families >= 1 unless uncorrelated`);
    if (!(s.startS >= 0)) problems.push(`load[${i}].startS must be >= 0`);
  });
  if (problems.length > 0) throw new Error(`scenario spec cannot run: ${problems.join('; ')}`);
}
