// Which spec keys a `sweep:` may vary, with their documentation for the editor, and why the
// others cannot be swept.

import { PRESETS } from './presets';
import type { ScenarioName } from './scenarioSpec';
import { SPEC_KEYS, type SpecKeyInfo } from './specKeys';

/** Top-level keys a sweep may vary (load keys are swept as `load.<key>`). */
export const SWEEPABLE_KEYS = [
  'scenario',
  'partitions',
  'ringBufferSize',
  'workersPerPartition',
  'workCostMs',
  'handler',
  'maxInFlightPerPartition',
  'intakeCostUs',
  'intakeWakeupUs',
  'tickMs',
  'warmupS',
  'measureS',
  'cooldownS',
  'seed',
  'fault',
] as const;

const RUNS_THE_ENGINE = 'a sweep runs every point with the built-in engine';

/** Why a known key cannot be swept. */
export const NOT_SWEPT_BECAUSE: Readonly<Record<string, string>> = {
  source: RUNS_THE_ENGINE,
  command: RUNS_THE_ENGINE,
  args: RUNS_THE_ENGINE,
  cwd: RUNS_THE_ENGINE,
  env: RUNS_THE_ENGINE,
  path: RUNS_THE_ENGINE,
  follow: RUNS_THE_ENGINE,
  url: RUNS_THE_ENGINE,
  metrics: RUNS_THE_ENGINE,
  partitionLabel: RUNS_THE_ENGINE,
  labels: RUNS_THE_ENGINE,
  instances: RUNS_THE_ENGINE,
  from: RUNS_THE_ENGINE,
  to: RUNS_THE_ENGINE,
  pace: 'every point runs at pace: fast',
  expect: 'thresholds are not a parameter: they apply to every point',
  sweep: 'a sweep does not nest',
  repeat: 'every point of a sweep runs once (sweep seed: [1, 2, 3, 4, 5] to run a point with several seeds)',
  load: 'sweep one load key at a time, written load.<key> (for example load.burstTasks: [1000, 2000, 4000])',
};

function listDoc(info: SpecKeyInfo, example: string): SpecKeyInfo {
  const { default: _default, required: _required, ...rest } = info;
  return { ...rest, doc: `${info.doc}\n\nSwept: a list of values to try, for example \`${example}\`.`, type: 'list' };
}

const EXAMPLES: Record<(typeof SWEEPABLE_KEYS)[number], string> = {
  scenario: '[hot-family, steady]',
  partitions: '[2, 4, 8]',
  ringBufferSize: '[64, 256, 1024, 4096]',
  workersPerPartition: '[1, 2, 4]',
  workCostMs: '[5, 15, { dist: exponential, meanMs: 15 }]',
  handler: '[async, sync]',
  maxInFlightPerPartition: '[0, 16, 64]',
  intakeCostUs: '[1, 5, 20]',
  intakeWakeupUs: '[0, 2000, 12000]',
  tickMs: '[250, 500, 1000]',
  warmupS: '[0, 3]',
  measureS: '[10, 30]',
  cooldownS: '[5, 30]',
  seed: '[1, 2, 3, 4, 5]',
  fault: '[none, no-release, { name: stuck-handler, atS: 8 }]',
};

/** The keys `sweep:` takes: the sweepable top-level keys, and the load keys of the cell's scenario. */
export function sweepKeysFor(scenario?: ScenarioName): Readonly<Record<string, SpecKeyInfo>> {
  const keys: Record<string, SpecKeyInfo> = {};
  for (const key of SWEEPABLE_KEYS) keys[key] = listDoc(SPEC_KEYS[key], `${key}: ${EXAMPLES[key]}`);
  if (scenario && scenario !== 'custom') {
    for (const [key, p] of Object.entries(PRESETS[scenario].load)) {
      keys[`load.${key}`] = {
        doc: `${p.doc} (load key of ${scenario})\n\nSwept: a list of values to try, for example \`load.${key}: [${p.default / 2}, ${p.default}, ${p.default * 2}]\`.`,
        type: 'list',
        min: p.min,
      };
    }
  }
  return keys;
}

/** Every `load.<key>` a preset takes, for the parser (a swept scenario may bring its own). */
export const ALL_LOAD_SWEEP_KEYS: readonly string[] = [...new Set(Object.values(PRESETS).flatMap((p) => Object.keys(p.load)))].map(
  (k) => `load.${k}`,
);
