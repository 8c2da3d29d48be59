// The config header of a source that prints none. A command or a log file: the keys the cell
// writes itself and its scenario, never the engine's defaults (they describe no real scheduler).
// A metrics endpoint or a Prometheus server: the whole header, since stressnb itself paces their
// ticks and phases by it (tickMs, warmupS, measureS, cooldownS are that run's own).

import type { ConfigHeader } from '../format/runEvents';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { writtenTopKeys } from '../spec/writtenKeys';
import { configHeaderOf } from './configHeader';

export function sourceConfigHeaderOf(spec: ScenarioSpec, specText: string): ConfigHeader {
  if (spec.source.kind !== 'command' && spec.source.kind !== 'file') return configHeaderOf(spec);
  const written = new Set(writtenTopKeys(specText));
  const header: ConfigHeader = {};
  for (const [key, value] of Object.entries(configHeaderOf(spec))) {
    if (key === 'scenario' || written.has(key)) header[key] = value;
  }
  return header;
}
