// Which keys a capacity search (`search:`) may vary, the values each takes, and the keys of the
// `search:` mapping itself with their documentation for the editor.

import { PRESETS } from './presets';
import type { ScenarioName } from './scenarioSpec';
import { DEFAULT_SEARCH_PRECISION_PCT, MAX_SEARCH_PRECISION_PCT, MIN_SEARCH_PRECISION_PCT, type SearchDomain } from './searchPlan';
import type { SpecKeyInfo } from './specKeys';
import { BASELINE_DOC } from './thresholdExamples';

/** Top-level keys a search may vary, with the values they take. */
export const SEARCHABLE_KEYS: Readonly<Record<string, SearchDomain>> = {
  partitions: 'integer',
  ringBufferSize: 'power-of-two',
  workersPerPartition: 'integer',
  workCostMs: 'real',
  maxInFlightPerPartition: 'integer',
  intakeCostUs: 'real',
  intakeWakeupUs: 'real',
};

const NOT_A_NUMBER = 'a search varies a number; sweep: lists other values (for example sweep: { handler: [async, sync] })';
const TIMING = "a run's timing is not a capacity: the search runs every probe with the cell's timing";

/** Why a known key cannot be searched. */
export const NOT_SEARCHED_BECAUSE: Readonly<Record<string, string>> = {
  scenario: NOT_A_NUMBER,
  handler: NOT_A_NUMBER,
  fault: NOT_A_NUMBER,
  pace: 'every probe runs at pace: fast',
  seed: 'the seed only changes the randomness (sweep: { seed: [1, 2, 3] } shows its spread)',
  tickMs: TIMING,
  warmupS: TIMING,
  measureS: TIMING,
  cooldownS: TIMING,
  expect: 'thresholds are not a parameter: with until: fail they judge every probe',
  load: 'search one load key, written load.<key> (for example key: load.ratePerS)',
  sweep: 'a search does not nest',
  search: 'a search does not nest',
};

/** The `load.<key>` keys of a scenario a search may vary, with their values. */
export function searchableLoadKeys(scenario: ScenarioName | undefined): Record<string, SearchDomain> {
  if (!scenario || scenario === 'custom') return {};
  return Object.fromEntries(Object.entries(PRESETS[scenario].load).map(([key, p]) => [`load.${key}`, p.integer ? 'integer' : 'real']));
}

/** The keys of `search:`, for completion, hover and the parser. */
export const SEARCH_KEYS: Readonly<Record<string, SpecKeyInfo>> = {
  key: {
    doc:
      'The number to vary, for example `load.ratePerS` (the steady load), `workersPerPartition` or `workCostMs`; ' +
      "with `source: command`, a placeholder of your own (`rate`) that the command's args or env use as `{rate}`.",
    type: 'string',
    required: true,
  },
  from: { doc: 'The end of the range expected to sustain (a low rate, or many workers).', type: 'number', required: true },
  to: {
    doc: 'The end of the range expected to fail (a high rate, or few workers). It may be below `from`.',
    type: 'number',
    required: true,
  },
  until: {
    doc: 'What ends "sustained".',
    type: 'enum',
    values: ['saturated', 'fail'],
    valueDocs: {
      saturated: 'The run falls behind its load: completed/s short of offered/s by more than 5 % (the capacity figures of its report).',
      fail: 'The run fails: any scenario check, triage hint or threshold of `expect:`.',
    },
    default: 'saturated',
  },
  precision: {
    doc: `How close the last value sustained and the first that failed must be, in percent of the value: for example \`2%\`. From ${MIN_SEARCH_PRECISION_PCT}% to ${MAX_SEARCH_PRECISION_PCT}%.`,
    type: 'string',
    default: `${DEFAULT_SEARCH_PRECISION_PCT}%`,
  },
};

/** `capacity` under `expect:` of a search cell: the value the search finds. */
export const CAPACITY_EXPECT_KEY: SpecKeyInfo = {
  doc: 'The value the capacity search finds (the highest value of its key that sustains). Compare with a number (`">= 240"`) or with the capacity a pinned search left in the scenario\'s baseline (`">= baseline - 5%"`).',
  type: 'comparison',
  valueDocs: { baseline: BASELINE_DOC },
  examples: [
    { text: '>= baseline - 5%', doc: "Fails when the capacity found is more than 5 % below the pinned baseline's." },
    { text: '>= baseline', doc: "Fails when the capacity found is below the pinned baseline's." },
  ],
};
