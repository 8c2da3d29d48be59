// Whether a cell's saved outputs still belong to its spec. A run's transcript starts with the
// config line of the run (Step 0); for the built-in engine that line follows from the spec, so a
// key that differs, or a spec that no longer parses, means the cell was edited after the run.
// (Command and file sources print their own config line, so only a spec error counts for them.)

import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { ScenarioSpec } from '../spec/scenarioSpec';

/** What the engine's config header says for the spec, for the keys it copies from the spec as they are. */
function expectedHeader(spec: ScenarioSpec): Record<string, string> {
  const { scenario, seed, partitions, ringBufferSize, workersPerPartition, tickMs, warmupS, measureS, cooldownS } = spec;
  const values = {
    scenario,
    seed,
    partitions,
    ringBufferSize,
    workersPerPartition,
    tickMs,
    warmupS,
    measureS,
    cooldownS,
    fault: spec.fault.name,
  };
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}

/** Why the outputs do not match the current spec, or undefined when nothing says they do not. */
export function staleReason(specText: string, transcript: string | undefined): string | undefined {
  const { spec } = parseScenarioSpec(specText);
  if (!spec) return "the cell's spec has errors now: these outputs are from an earlier version of the cell";
  if (spec.source.kind !== 'engine' || transcript === undefined) return undefined;
  const saved = configOf(transcript);
  if (!saved) return undefined;
  const expected = expectedHeader(spec);
  const changed = Object.keys(expected).filter((key) => key in saved && saved[key] !== expected[key]);
  if (changed.length === 0) return undefined;
  const list = changed.map((key) => `${key} ${saved[key]} → ${expected[key]}`).join(', ');
  return `the cell was edited after this run (${list}): these outputs are from an earlier version of the cell`;
}

/** The `config key=value ...` line at the top of a transcript. */
function configOf(transcript: string): Record<string, string> | undefined {
  const line = transcript.split('\n', 4).find((l) => l.startsWith('config '));
  if (!line) return undefined;
  return Object.fromEntries(
    line
      .slice('config '.length)
      .split(' ')
      .map((field) => field.split('='))
      .filter((kv) => kv.length === 2),
  );
}
