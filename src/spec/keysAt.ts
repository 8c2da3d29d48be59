// The keys allowed at a place in a scenario cell, for the editor's completion and hover.

import type { ScenarioName } from './scenarioSpec';
import {
  EXPECT_KEYS,
  FAULT_KEYS,
  loadKeysFor,
  SPEC_KEYS,
  STREAM_KEYS,
  WORK_COST_DIST_KEY,
  WORK_COST_KEYS,
  type SpecKeyInfo,
} from './specKeys';
import { CAPACITY_EXPECT_KEY, SEARCH_KEYS } from './searchKeys';
import { sweepKeysFor } from './sweepKeys';

/**
 * The keys allowed in the mapping at `path` (keys of enclosing mappings; list items as '*'),
 * for completion: [] is the top level, ['load'] the load keys of `context.scenario`,
 * ['load', 'streams', '*'] a custom stream, ['fault'], ['workCostMs'] (given `context.dist`),
 * ['expect'] (with `capacity` in a search cell, `context.search`), ['sweep'] (the keys a sweep may vary), ['sweep', 'fault', '*'] and ['sweep', 'workCostMs', '*']
 * (a mapping in a swept list), ['search'] (a capacity search). Undefined where keys are free (env) or unknown.
 */
export function keysAt(
  path: readonly string[],
  context: { scenario?: ScenarioName; dist?: string; search?: boolean } = {},
): Readonly<Record<string, SpecKeyInfo>> | undefined {
  const where = path.join('.');
  switch (where) {
    case '':
      return SPEC_KEYS;
    case 'load':
      return context.scenario ? loadKeysFor(context.scenario) : undefined;
    case 'load.streams.*':
      return STREAM_KEYS;
    case 'fault':
    case 'sweep.fault.*':
      return FAULT_KEYS;
    case 'expect':
      return context.search ? { ...EXPECT_KEYS, capacity: CAPACITY_EXPECT_KEY } : EXPECT_KEYS;
    case 'sweep':
      return sweepKeysFor(context.scenario);
    case 'search':
      return SEARCH_KEYS;
    case 'workCostMs':
    case 'sweep.workCostMs.*': {
      const dist = context.dist as keyof typeof WORK_COST_KEYS | undefined;
      return { dist: WORK_COST_DIST_KEY, ...(dist && WORK_COST_KEYS[dist] ? WORK_COST_KEYS[dist] : {}) };
    }
    default:
      return undefined;
  }
}
