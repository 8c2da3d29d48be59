// The run's config header (Step 0), the first event of every engine run, in the order the
// `config` line prints it.

import type { ConfigHeader } from '../format/runEvents';
import type { ScenarioSpec } from '../spec/scenarioSpec';
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
  if (f.lostWakeupRate > 0) header.faultRate = f.lostWakeupRate;
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
