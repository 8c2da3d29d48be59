// `stressnb run <spec.yaml | notebook.stressnb> [--cell N] [--format lines|jsonl] [--seed N]`:
// validates every selected spec first (positioned problems on stderr, exit 2), then runs them in
// order, printing counter lines to stdout as they are produced.

import { errorMessage } from '../contracts/errorMessage';
import { dirname, resolve } from 'node:path';
import { configHeaderOf } from '../engine/configHeader';
import { createRun } from '../engine/simulation';
import { formatRunEvent } from '../format/counterLineWriter';
import type { CounterLineFormat } from '../format/counterLineWriter';
import type { RunEvent } from '../format/runEvents';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { hasSearch } from '../spec/searchProbeSpec';
import { hasSweep } from '../spec/sweepPointSpec';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { SPEC_LIMITS } from '../spec/specLimits';
import { analyzeSeries } from '../analysis/analyzeRun';
import { historyEntryOf } from '../analysis/historyEntryOf';
import { absoluteExpectations } from '../analysis/sampleThresholds';
import { TickSeriesBuilder } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';
import { specHash } from '../contracts/runOutputs';
import { logFilesOfPattern } from '../sources/logFilePattern';
import { runSourceForCli } from '../sources/runSourceForCli';
import { repeatCount, repeatedSpecs } from '../spec/repeatRuns';
import { isNotebookPath, readInput, specTargets } from './cliInput';
import { cellOption, defineCommand, EXIT_FAILED, EXIT_OK, EXIT_USAGE, scanArgs } from './cliIo';
import type { CliIo } from './cliIo';
import { appendHistory, gitHeadOf } from './historyFile';

const HELP = `Usage: stressnb run <spec.yaml | notebook.stressnb> [--cell N] [--format lines|jsonl] [--seed N] [--history FILE]

Runs a scenario with the built-in engine (or the command, log file, metrics endpoint or Prometheus
server its source: names, docs/sources.md) and prints its counter lines to stdout as they are
produced: a config line, phase lines and one line per partition per tick (docs/scenario-spec.md,
DESIGN.md section 4). Engine runs are always at pace: fast; a metrics endpoint is scraped on the
wall clock, every tickMs.

A notebook without --cell runs every scenario cell in order; each run starts with its config line.
A spec with repeat: N prints its N runs one after another, each starting with its config line (the
engine's seeds seed ... seed+N-1; a command N times; a log-file pattern's N files): stressnb
analyze reads them as repeats, stressnb compare compares two such logs.
A cell with a sweep: (a grid of runs) is skipped with a note; stressnb sweep runs it. A cell with
a search: (a capacity search) likewise; stressnb search runs it.

Options:
  --cell N           Run only cell N of a notebook. Cells are numbered from 1 in the order they
                     appear in the notebook, Markdown cells included: the third cell from the top
                     is 3. Problems in a cell are reported as notebook.stressnb#cell3:line:column.
  --format F         lines (logfmt counter lines, the default) or jsonl (one JSON object per line).
  --seed N           Use this seed (an integer) instead of the spec's (the first of a repeat).
  --history FILE     Append a line per spec run (its repeats together) to this run history
                     (.stressnb/history.jsonl, docs/comparison.md): verdict, metrics, seeds, the
                     spec's hash and the git commit. stressnb history FILE lists them.
  -h, --help         Show this help.

Exit status: 0 the runs completed; 1 a run failed; 2 invalid arguments, file, spec or notebook
(every problem printed to stderr as file:line:column: severity: message; nothing is run).
`;

export const runCommand = defineCommand({
  name: 'run',
  summary: "Run a scenario spec or a notebook's scenario cells and print the counter lines",
  help: HELP,
  parse: parseRunArgs,
  execute: runFile,
});

export interface RunArgs {
  file: string;
  /** 1-based cell number in a notebook (Markdown cells count). */
  cell?: number;
  format: CounterLineFormat;
  seed?: number;
  history?: string;
}

export function parseRunArgs(args: readonly string[]): RunArgs | { error: string } {
  let file: string | undefined;
  let cell: number | undefined;
  let format: CounterLineFormat = 'lines';
  let seed: number | undefined;
  let history: string | undefined;
  const error = scanArgs(args, {
    options: {
      '--history': (value) => {
        history = value();
        return history === undefined ? '--history needs a file, such as .stressnb/history.jsonl' : undefined;
      },
      '--cell': cellOption((n) => (cell = n)),
      '--format': (value) => {
        const v = value();
        if (v !== 'lines' && v !== 'jsonl') return `--format must be lines or jsonl; got ${v ?? 'nothing'}`;
        format = v;
      },
      '--seed': (value) => {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v) || Number(v) > SPEC_LIMITS.maxSeed)
          return `--seed needs an integer from 0 to ${SPEC_LIMITS.maxSeed}; got ${v ?? 'nothing'}`;
        seed = Number(v);
      },
    },
    positional: (arg) => {
      if (file !== undefined) return `one file at a time; got ${file} and ${arg}`;
      file = arg;
    },
  });
  if (error !== undefined) return { error };
  if (file === undefined) return { error: 'which spec or notebook? stressnb run <spec.yaml | notebook.stressnb>' };
  return {
    file,
    format,
    ...(cell !== undefined ? { cell } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(history !== undefined ? { history } : {}),
  };
}

async function runFile({ file, cell, format, seed, history }: RunArgs, io: CliIo): Promise<number> {
  const text = readInput(file, io, 'run');
  if (text === undefined) return EXIT_USAGE;

  const found = specTargets(file, text, cell);
  if ('error' in found) {
    io.err(`${found.error}\n`);
    return EXIT_USAGE;
  }
  const specs: ScenarioSpec[] = [];
  const targets: typeof found = [];
  let invalid = false;
  for (const target of found) {
    if (hasSweep(target.specText)) {
      // A sweep is many runs, which `stressnb sweep` runs. Chosen on its own it is a mistake; among a notebook's cells it is skipped.
      const chosen = cell !== undefined || !isNotebookPath(file);
      const how = `run it with stressnb sweep ${file}${target.cell !== undefined ? ` --cell ${target.cell}` : ''}`;
      io.err(
        `${target.location}: ${chosen ? 'error' : 'note'}: this scenario has a sweep: (a grid of runs)${chosen ? '' : ', skipped'}; ${how}\n`,
      );
      if (chosen) invalid = true;
      continue;
    }
    if (hasSearch(target.specText)) {
      // A capacity search is many runs too, which `stressnb search` runs.
      const chosen = cell !== undefined || !isNotebookPath(file);
      const how = `run it with stressnb search ${file}${target.cell !== undefined ? ` --cell ${target.cell}` : ''}`;
      io.err(`${target.location}: ${chosen ? 'error' : 'note'}: this scenario has a search: (a capacity search, many runs)${chosen ? '' : ', skipped'}; ${how}
`);
      if (chosen) invalid = true;
      continue;
    }
    const { spec, problems } = parseScenarioSpec(target.specText);
    for (const p of problems) io.err(`${target.location}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
    if (spec) {
      specs.push(seed === undefined ? spec : { ...spec, seed });
      targets.push(target);
    } else invalid = true;
  }
  if (invalid) return EXIT_USAGE;

  const baseDir = dirname(resolve(file));
  // Every repeat of every cell, found before anything runs: a log pattern matching too few files is bad input.
  const runs: { spec: ScenarioSpec; target: number; repeat: number; of: number }[] = [];
  for (const [i, spec] of specs.entries()) {
    const n = repeatCount(spec);
    let files: string[] | undefined;
    if (n > 1 && spec.source.kind === 'file') {
      const found = logFilesOfPattern(spec.source.path, baseDir, n);
      if ('error' in found) {
        io.err(`${targets[i].location}: error: ${found.error}\n`);
        return EXIT_USAGE;
      }
      files = found.files;
    }
    repeatedSpecs(spec, files).forEach((one, r) => runs.push({ spec: one, target: i, repeat: r + 1, of: n }));
  }
  // With --history, each run's series is kept (bounded: the series stores its counters compressed) to judge it at the end.
  const done: { target: number; series: TickSeries }[] = [];
  for (const run of runs) {
    const builder = history !== undefined ? new TickSeriesBuilder() : undefined;
    const result = await runSpec(run.spec, {
      baseDir,
      onNote: (text) => io.err(text),
      onEvents: (events) => {
        if (builder) for (const e of events) builder.push(e);
        const lines = events.flatMap((e) => formatRunEvent(e, format));
        return io.out(lines.length > 0 ? `${lines.join('\n')}\n` : '');
      },
    });
    if (!result.ok) {
      const which = run.of > 1 ? ` (repeat ${run.repeat} of ${run.of})` : '';
      io.err(`${targets[run.target].location}: error${which}: ${result.message}\n`);
      return EXIT_FAILED;
    }
    if (builder) done.push({ target: run.target, series: builder.series });
  }
  if (history !== undefined) {
    const git = await gitHeadOf(baseDir);
    for (const [i, spec] of specs.entries()) {
      const ran = done
        .filter((d) => d.target === i)
        .map((d) => ({ series: d.series, report: analyzeSeries(d.series, { expect: absoluteExpectations(spec.expect) }) }));
      if (ran.length === 0) continue;
      const entry = historyEntryOf(ran, {
        time: new Date(),
        source: 'cli',
        ...(targets[i].cell !== undefined ? { notebook: file, cell: targets[i].cell } : { file }),
        specHash: specHash(targets[i].specText),
        ...(git ? { git } : {}),
      });
      const failed = appendHistory(history, entry);
      if (failed) {
        io.err(`stressnb run: ${failed.error}\n`);
        return EXIT_USAGE;
      }
    }
  }
  return EXIT_OK;
}

export interface RunSpecOptions {
  /** Folder that relative `cwd` / `path` of a source resolve against (the spec's or notebook's folder). */
  baseDir: string;
  /** Called with each batch of events in order; the run waits for it (output back-pressure). */
  onEvents(events: RunEvent[]): Promise<void>;
  /** Text for stderr from a command or log-file source: the command's own stderr lines and notes. */
  onNote?(text: string): void;
}

export type RunSpecResult = { ok: true } | { ok: false; message: string };

/** Runs one validated spec (the built-in engine, or its command or log-file source) and hands its events over as they are produced. */
export async function runSpec(spec: ScenarioSpec, options: RunSpecOptions): Promise<RunSpecResult> {
  if (spec.source.kind !== 'engine') {
    const run = await runSourceForCli(spec.source, {
      baseDir: options.baseDir,
      fallbackConfig: configHeaderOf(spec),
      onEvents: options.onEvents,
      onNote: options.onNote,
    });
    return run.ok ? { ok: true } : { ok: false, message: run.message };
  }
  try {
    const run = createRun({ ...spec, pace: 'fast' });
    while (!run.finished) {
      const events = run.step();
      if (events.length > 0) await options.onEvents(events);
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `the engine failed: ${errorMessage(error)}` };
  }
}
