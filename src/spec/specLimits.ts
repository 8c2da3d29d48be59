// Bounds on spec values: beyond them a run would exhaust memory or print more than anyone can read.
// The parser enforces them; docs/scenario-spec.md lists them.

export const SPEC_LIMITS = {
  maxPartitions: 1024,
  maxRingBufferSize: 1 << 20,
  /** partitions × ringBufferSize: ring slots held in memory at once. */
  maxRingSlots: 1 << 24,
  maxWorkersPerPartition: 256,
  maxWorkCostMs: 3_600_000,
  maxInFlightPerPartition: 1_000_000,
  maxIntakeCostUs: 1_000_000,
  maxTickMs: 3_600_000,
  /** Longest warmup, measure or cooldown, in seconds (a day). */
  maxPhaseS: 86_400,
  maxTicks: 200_000,
  /**
   * ticks × partitions: the number of partition lines a run prints (a 24-hour soak of 64
   * partitions at 500 ms ticks prints 11 million). The run streams them and the analysis keeps
   * them compressed, so this bounds the time a run takes and the memory of its series.
   */
  maxPartitionLines: 12_000_000,
  /** Tasks produced over the whole run, all streams together. */
  maxTasks: 10_000_000,
  maxFamiliesPerStream: 1_000_000,
  maxRatePerS: 10_000_000,
  maxStreams: 100,
  maxSeed: 4_294_967_295,
  /** Runs of one repeated cell (`repeat:`). */
  maxRepeat: 100,
  /** Points of one sweep grid (the product of its lists' lengths). */
  maxSweepPoints: 2000,
} as const;
