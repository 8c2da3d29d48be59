// Whether a cell's outputs are from an earlier version of its text: one answer for the cell's
// status bar and its headline in the editor (src/extension/runOutputItems.ts) and for a session
// report (readSavedRun.ts, sweepView.ts), so a mark means the same everywhere.
// - A sweep's and a capacity search's outputs carry the cell text they ran
//   (src/contracts/sweepOutput.ts, searchOutput.ts).
// - A run's outputs carry the fingerprint of the text it ran (src/contracts/runOutputs.ts): stale
//   exactly when the cell's text has another one. A spec error is about the text as it is now,
//   never evidence of a run, so it is never stale (and it does not make the run's outputs fresh).
// - Outputs saved before those tags: the run's config line (Step 0, at the top of its transcript)
//   follows from the spec for the built-in engine, so a key that differs, or a spec that no longer
//   parses, means the cell was edited after the run.

import { readRunOutputInfo, specHash } from '../contracts/runOutputs';
import { readSearchOutput } from '../contracts/searchOutput';
import { sweptCellText } from '../contracts/sweepOutput';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { ScenarioSpec } from '../spec/scenarioSpec';

export interface CellOutputs {
  /** The metadata of each of the cell's outputs. */
  metadata: readonly unknown[];
  /** The run's transcript, whole when kept; asked for only when it can say more. */
  transcript: () => string | undefined;
}

const EARLIER = 'these outputs are from an earlier version of the cell';
const SPEC_ERRORS = `the cell's spec has errors now: ${EARLIER}`;
export const SWEEP_EDITED = 'the cell was edited after this sweep ran';
export const SEARCH_EDITED = 'the cell was edited after this search ran';

/** Why the cell's outputs do not belong to its text, or undefined when they do (or say nothing either way). */
export function staleReason(cellText: string, outputs: CellOutputs): string | undefined {
  const swept = outputs.metadata.map(sweptCellText).find((t) => t !== undefined);
  if (swept !== undefined) return specHash(swept) === specHash(cellText) ? undefined : SWEEP_EDITED;
  const searched = outputs.metadata.map((m) => readSearchOutput(m)?.cellText).find((t) => t !== undefined);
  if (searched !== undefined) return specHash(searched) === specHash(cellText) ? undefined : SEARCH_EDITED;

  const runs = outputs.metadata.map(readRunOutputInfo).filter((info) => info !== undefined && info.kind !== 'spec-error');
  if (runs.length > 0) {
    const current = specHash(cellText);
    if (runs.every((info) => info!.specHash === current)) return undefined;
    return whatChanged(cellText, outputs.transcript()) ?? `the cell was edited after this run: ${EARLIER}`;
  }
  // Outputs written before the fingerprints.
  return whatChanged(cellText, outputs.transcript());
}

/** The keys of the run's config line that differ from the spec's, or the spec's errors; undefined when nothing says so. */
function whatChanged(specText: string, transcript: string | undefined): string | undefined {
  const { spec } = parseScenarioSpec(specText);
  if (!spec) return SPEC_ERRORS;
  if (spec.source.kind !== 'engine' || transcript === undefined) return undefined;
  const saved = configOf(transcript);
  if (!saved) return undefined;
  const expected = expectedHeader(spec);
  const changed = Object.keys(expected).filter((key) => key in saved && saved[key] !== expected[key]);
  if (changed.length === 0) return undefined;
  const list = changed.map((key) => `${key} ${saved[key]} → ${expected[key]}`).join(', ');
  return `the cell was edited after this run (${list}): ${EARLIER}`;
}

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
