// What a capacity search keeps of each probe: whether it sustained (by the search's `until`) and
// why not, the run's own verdict, its metrics and capacity figures. Plain JSON, so a probe's
// result crosses from a worker thread and goes into `stressnb search --format json`.

/** The capacity figures of a probe's run over its measure window (capacity.ts), in total. */
export interface ProbeCapacity {
  offeredPerS: number;
  completedPerS: number;
  rejectsPerS: number;
  saturated: boolean;
  /** The partitions that fell behind. */
  saturatedPartitions: number[];
}

/** What one probe's run (or runs, with repeats) gives. */
export interface ProbeResult {
  /** The value sustained by the search's `until`: not saturated, or a run that passed. */
  sustained: boolean;
  /** Why it did not sustain, in words ("saturated, 245/s completed of 250/s offered, behind on partition 0"). */
  reason?: string;
  /** The run's own verdict (every check, hint and threshold), whatever `until` judged by. */
  verdict: 'pass' | 'fail';
  /** The threshold metrics of the run, named as `stressnb analyze` names them. */
  metrics: Record<string, number>;
  capacity?: ProbeCapacity;
  /** How many runs the probe took (one; more with repeats): it sustains only when every one does. */
  runs: number;
  /** Why the probe could not run (its spec was invalid, the engine or the command failed). */
  error?: string;
}

export interface SearchProbe extends ProbeResult {
  /** The probe's number in the order the search started them (0-based; tables number from 1). */
  index: number;
  /** The searched key's value. */
  value: number;
  /** The round of the search it belongs to (probes of one round run at once). */
  round: number;
}
