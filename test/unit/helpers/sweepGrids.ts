// A small sweep the CLI and export tests share: Scenario 3's bursts over ring sizes and
// partition counts, with a reject threshold that some points fail.
export const SMALL_RING_GRID = `scenario: small-ring-burst
warmupS: 0.5
measureS: 3
cooldownS: 2
expect: { rejectPct: "< 20" }
sweep:
  ringBufferSize: [64, 256, 2048]
  partitions: [2, 4]
`;
