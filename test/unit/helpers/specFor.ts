// Builds a ScenarioSpec the way the spec parser would (global defaults, then the preset's
// overrides, then the caller's), expanding the preset's load. For tests that need a spec without
// going through YAML.

import { PRESETS, presetDefaults } from '../../../src/spec/presets';
import type { ScenarioName, ScenarioSpec } from '../../../src/spec/scenarioSpec';
import { SPEC_DEFAULTS } from '../../../src/spec/specKeys';

export type SpecOverrides = Partial<ScenarioSpec> & {
  /** Preset load parameters (e.g. `{ hotTasks: 5000 }`); ignored when `load` is given. */
  loadParams?: Record<string, number>;
};

// `repeat` is left out as the parser leaves it out of a spec that runs once.
const { workCostMs, fault, source, repeat: _repeat, ...plainDefaults } = SPEC_DEFAULTS;

/** The spec's global defaults in their parsed shapes, as the parser fills them in (pace is the runner's `fast`). */
const GLOBAL_DEFAULTS: Omit<ScenarioSpec, 'scenario' | 'load'> = {
  ...plainDefaults,
  workCostMs: { dist: 'fixed', ms: workCostMs },
  fault: { name: fault },
  expect: {},
  source: { kind: source },
  pace: 'fast',
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
