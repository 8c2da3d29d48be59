// Runs one validated spec and hands its events over as they are produced: the built-in engine here;
// a command or log-file source (src/sources) plugs in at `runExternal`.

import { configHeaderOf } from '../engine/configHeader';
import { createRun } from '../engine/simulation';
import type { RunEvent } from '../format/runEvents';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { runSourceForCli } from '../sources/runSourceForCli';

export interface RunSpecOptions {
  /** Folder that relative `cwd` / `path` of a source resolve against (the spec's or notebook's folder). */
  baseDir: string;
  /** Called with each batch of events in order; the run waits for it (output back-pressure). */
  onEvents(events: RunEvent[]): Promise<void>;
  /** Text for stderr from a command or log-file source: the command's own stderr lines and notes. */
  onNote?(text: string): void;
}

export type RunSpecResult = { ok: true } | { ok: false; message: string };

export async function runSpec(spec: ScenarioSpec, options: RunSpecOptions): Promise<RunSpecResult> {
  if (spec.source.kind !== 'engine') return runExternal(spec, options);
  try {
    const run = createRun({ ...spec, pace: 'fast' });
    while (!run.finished) {
      const events = run.step();
      if (events.length > 0) await options.onEvents(events);
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `the engine failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

async function runExternal(spec: ScenarioSpec, options: RunSpecOptions): Promise<RunSpecResult> {
  if (spec.source.kind === 'engine') throw new Error('runExternal: not an external source');
  const run = await runSourceForCli(spec.source, {
    baseDir: options.baseDir,
    fallbackConfig: configHeaderOf(spec),
    onEvents: options.onEvents,
    onNote: options.onNote,
  });
  return run.ok ? { ok: true } : { ok: false, message: run.message };
}
