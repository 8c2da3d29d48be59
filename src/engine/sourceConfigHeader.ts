// The config header of a command or log-file source that prints none: the keys the cell writes
// itself and its scenario, never the engine's defaults (they describe no real scheduler).

import type { ConfigHeader } from '../format/runEvents';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { writtenTopKeys } from '../spec/writtenKeys';
import { configHeaderOf } from './configHeader';

export function sourceConfigHeaderOf(spec: ScenarioSpec, specText: string): ConfigHeader {
  const written = new Set(writtenTopKeys(specText));
  const header: ConfigHeader = {};
  for (const [key, value] of Object.entries(configHeaderOf(spec))) {
    if (key === 'scenario' || written.has(key)) header[key] = value;
  }
  return header;
}
