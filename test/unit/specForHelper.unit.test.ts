// The engine tests build specs with test/unit/helpers/specFor instead of YAML: it must give what
// the spec parser gives for the same cell, or those tests would exercise specs no user can write.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PRESETS } from '../../src/spec/presets';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import type { ScenarioName } from '../../src/spec/scenarioSpec';
import { specFor } from './helpers/specFor';

const presetNames = Object.keys(PRESETS) as Exclude<ScenarioName, 'custom'>[];

function parsed(yaml: string) {
  const { spec, problems } = parseScenarioSpec(yaml);
  assert.ok(spec, JSON.stringify(problems));
  return spec;
}

describe('specFor test helper', () => {
  test('a preset with nothing overridden is what the parser makes of `scenario: <preset>` (pace: fast)', () => {
    for (const name of presetNames) {
      assert.deepEqual(specFor(name), parsed(`scenario: ${name}\npace: fast\n`), name);
    }
  });

  test('overridden phases and load parameters expand the load as the parser does', () => {
    for (const name of presetNames) {
      const [key, param] = Object.entries(PRESETS[name].load)[0];
      const value = param.default + 1;
      assert.deepEqual(
        specFor(name, { warmupS: 1, measureS: 5, seed: 3, loadParams: { [key]: value } }),
        parsed(`scenario: ${name}\npace: fast\nwarmupS: 1\nmeasureS: 5\nseed: 3\nload: { ${key}: ${value} }\n`),
        name,
      );
    }
  });
});
