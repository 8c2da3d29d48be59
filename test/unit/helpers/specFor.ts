// Builds a ScenarioSpec the way the spec parser would (global defaults, then the preset's
// overrides, then the caller's), expanding the preset's load. For tests that need a spec without
// going through YAML.

import { PRESETS, presetDefaults } from '../../../src/engine/presets';
import type { ScenarioName, ScenarioSpec } from '../../../src/format/scenarioSpec';

export type SpecOverrides = Partial<ScenarioSpec> & {
  /** Preset load parameters (e.g. `{ hotTasks: 5000 }`); ignored when `load` is given. */
  loadParams?: Record<string, number>;
};

/** Global defaults, as documented for the spec (pace is the runner's `fast`). */
const GLOBAL_DEFAULTS: Omit<ScenarioSpec, 'scenario' | 'load'> = {
  partitions: 4,
  ringBufferSize: 1024,
  workersPerPartition: 1,
  workCostMs: { dist: 'fixed', ms: 15 },
  handler: 'async',
  maxInFlightPerPartition: 0,
  intakeCostUs: 5,
  tickMs: 500,
  warmupS: 3,
  measureS: 30,
  cooldownS: 10,
  seed: 1,
  pace: 'fast',
  fault: { name: 'none' },
  expect: {},
  source: { kind: 'engine' },
};

export function specFor(scenario: ScenarioName, overrides: SpecOverrides = {}): ScenarioSpec {
  const { loadParams, load, ...rest } = overrides;
  const preset = scenario === 'custom' ? undefined : PRESETS[scenario];
  const spec: ScenarioSpec = { ...GLOBAL_DEFAULTS, ...preset?.overrides, ...rest, scenario, load: [] };
  if (load !== undefined) spec.load = load;
  else if (preset !== undefined) {
    spec.load = preset.expand({ ...presetDefaults(preset), ...loadParams }, { warmupS: spec.warmupS, measureS: spec.measureS });
  }
  return spec;
}
