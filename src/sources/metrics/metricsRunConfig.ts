// The timing and the config line of a run read from metrics. The cell's config header (the
// fallback every source gets) gives tickMs and the phases; the config line keeps what describes
// this run (scenario, tick, phases), says where the counters came from and how the instances were
// laid out, and drops the engine's own keys (ring size, work cost, seed, fault), which a real
// service does not have.

import type { ConfigHeader } from '../../format/runEvents';
import { SPEC_DEFAULTS } from '../../spec/specKeys';
import type { PhaseLengths } from './counterLineEmitter';
import type { PartitionLayout } from './partitionLayout';

export interface RunTiming extends PhaseLengths {
  tickMs: number;
}

const KEPT_KEYS = ['scenario', 'tickMs', 'warmupS', 'measureS', 'cooldownS'];

export function timingOf(config: ConfigHeader | undefined): RunTiming {
  const number = (key: keyof RunTiming): number => {
    const v = Number(config?.[key]);
    return Number.isFinite(v) && v >= 0 ? v : SPEC_DEFAULTS[key];
  };
  return {
    tickMs: Math.max(1, number('tickMs')),
    warmupS: number('warmupS'),
    measureS: number('measureS'),
    cooldownS: number('cooldownS'),
  };
}

export function metricsRunConfig(
  fallback: ConfigHeader | undefined,
  source: 'metrics' | 'prometheus',
  timing: RunTiming,
  layout: PartitionLayout,
): ConfigHeader {
  const header: ConfigHeader = {};
  for (const key of KEPT_KEYS) if (fallback?.[key] !== undefined) header[key] = fallback[key];
  Object.assign(header, { tickMs: timing.tickMs, warmupS: timing.warmupS, measureS: timing.measureS, cooldownS: timing.cooldownS });
  return { ...layout.configHeader(), ...header, source };
}

/** The whole run in milliseconds. */
export function runMs(timing: PhaseLengths): number {
  return Math.round((timing.warmupS + timing.measureS + timing.cooldownS) * 1000);
}
