// The run's config header (Step 0), the first event of every engine run, in the order the
// `config` line prints it; and the header of a command or log-file source that prints none.

import type { ConfigHeader } from '../format/runEvents';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { writtenTopKeys } from '../spec/writtenKeys';
import { resolveFaults } from './faults';
import { formatWorkCost } from './workCost';

export function configHeaderOf(spec: ScenarioSpec): ConfigHeader {
  const header: ConfigHeader = {
    partitions: spec.partitions,
    ringBufferSize: spec.ringBufferSize,
    workersPerPartition: spec.workersPerPartition,
    workCostMs: formatWorkCost(spec.workCostMs),
    handler: spec.handler,
    tickMs: spec.tickMs,
    warmupS: spec.warmupS,
    measureS: spec.measureS,
    cooldownS: spec.cooldownS,
    scenario: spec.scenario,
    seed: spec.seed,
    fault: spec.fault.name,
  };
  // The fault's effective parameters, defaults included, so the header alone reproduces the run.
  const f = resolveFaults(spec);
  if (f.noReleaseRate > 0) header.faultRate = f.noReleaseRate;
  if (f.stuckPartition >= 0) {
    header.faultPartition = f.stuckPartition;
    header.faultAtS = f.stuckAtUs / 1e6;
  }
  if (f.stallPartition >= 0) {
    header.faultPartition = f.stallPartition;
    header.faultAtS = f.stallAtUs / 1e6;
  }
  return header;
}

/**
 * The header of a command or log-file source that prints no config line: the keys the cell
 * writes itself and its scenario, never the engine's defaults (they describe no real scheduler).
 */
export function sourceConfigHeaderOf(spec: ScenarioSpec, specText: string): ConfigHeader {
  const written = new Set(writtenTopKeys(specText));
  const header: ConfigHeader = {};
  for (const [key, value] of Object.entries(configHeaderOf(spec))) {
    if (key === 'scenario' || written.has(key)) header[key] = value;
  }
  return header;
}
