// `stressnb run <spec.yaml | notebook.stressnb> [--cell N] [--format lines|jsonl] [--seed N] [--summary FILE]...`:
// validates every selected spec first (positioned problems on stderr, exit 2), then runs them in
// order, printing counter lines to stdout as they are produced, and judges each run as
// `stressnb analyze` would judge its lines: the verdict on stderr (and in --summary files), the
// exit status from it. The config line of each run carries its scenario and thresholds.

import { errorMessage } from '../contracts/errorMessage';
import { dirname, resolve } from 'node:path';
import { analyzeSeries } from '../analysis/analyzeRun';
import { formatRunsJunit } from '../report/reportJunit';
import type { RunReport } from '../analysis/reportTypes';
import { formatRunsMarkdown, formatRunsText, overallHeadline, type JudgedRun } from '../report/runsReport';
import { TickSeriesBuilder } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';
import { historyEntryOf } from '../analysis/historyEntryOf';
import { aggregateReports } from '../analysis/runAggregate';
import { formatAggregateText } from '../report/aggregateText';
import { specHash } from '../contracts/runOutputs';
import { logFilesOfPattern } from '../sources/logFilePattern';
import { repeatCount, repeatedSpecs } from '../spec/repeatRuns';
import { appendHistory, gitHeadOf } from './historyFile';
import { combinedVerdict } from '../analysis/verdicts';
import { sourceConfigHeaderOf } from '../engine/sourceConfigHeader';
import { createRun } from '../engine/simulation';
import { formatRunEvent } from '../format/counterLineWriter';
import type { CounterLineFormat } from '../format/counterLineWriter';
import type { RunEvent } from '../format/runEvents';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { hasSearch } from '../spec/searchProbeSpec';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { SPEC_LIMITS } from '../spec/specLimits';
import { hasSweep } from '../spec/sweepPointSpec';
import { isNotebookPath, readInput, specTargets, type SpecTarget } from './cliInput';
import { cellOption, defineCommand, scanArgs, historyOption } from './cliIo';
import type { CliIo } from './cliIo';
import { EXIT_PASS, EXIT_USAGE } from './exitCodes';
import { SUMMARY_FORMATS, summaryFormatOf, writeSummaryFile, type SummaryFormat } from './summaryFile';
import { exitStatusOf } from './verdictExit';

const HELP = `Usage: stressnb run <spec.yaml | notebook.stressnb> [--cell N] [--format lines|jsonl] [--seed N] [--summary FILE]... [--format text|json|markdown|junit] [--history FILE]

Runs a scenario with the built-in engine (or the command, log file, metrics endpoint or Prometheus
server its source: names, docs/sources.md) and prints its counter lines to stdout as they are
produced: a config line, phase lines and one line per partition per tick (docs/scenario-spec.md,
DESIGN.md section 4). Engine runs are always at pace: fast; a metrics endpoint is scraped on the
wall clock, every tickMs. Each run is then judged as stressnb analyze judges its lines (summary,
scenario checks, triage hints, the thresholds of expect:), and the verdict goes to stderr: the
counter lines stay clean on stdout. The config line carries the scenario and the thresholds
(expect.completedPerS=">= 500"), so stressnb run spec.yaml | stressnb analyze - judges exactly
what stressnb run judged.

A notebook without --cell runs every scenario cell in order; each run starts with its config line.
A spec with repeat: N prints its N runs one after another, each starting with its config line (the
engine's seeds seed ... seed+N-1; a command N times; a log-file pattern's N files), each judged on
its own and then together (every metric's median and spread): stressnb analyze reads them as
repeats, stressnb compare compares two such logs.
A cell with a sweep: (a grid of runs) is skipped with a note; stressnb sweep runs it. A cell with
a search: (a capacity search) likewise; stressnb search runs it.

Options:
  --cell N           Run only cell N of a notebook. Cells are numbered from 1 in the order they
                     appear in the notebook, Markdown cells included: the third cell from the top
                     is 3. Problems in a cell are reported as notebook.stressnb#cell3:line:column.
  --format F         The counter lines: lines (logfmt, the default) or jsonl (one JSON object per
                     line). Or the --summary files' format: text, json (the JSON of stressnb
                     analyze), markdown (a CI job summary) or junit (JUnit XML); by default each
                     file's extension says it (.json, .md, .xml; text otherwise).
  --summary FILE     Also write the verdict summary to FILE; repeatable (report.xml and summary.md).
  --seed N           Use this seed (an integer) instead of the spec's (the first of a repeat).
  --history FILE     Append a line per spec run (its repeats together) to this run history
                     (.stressnb/history.jsonl, docs/comparison.md): verdict, metrics, seeds, the
                     spec's hash and the git commit. stressnb history FILE lists them.
  -h, --help         Show this help.

A run is incomplete when it did not reach its end: its source failed (a command that exits with a
non-zero code), it was interrupted, it printed no end (phase=done), or ticks are missing.

Exit status: 0 every run passed; 1 a run failed (a check, a triage hint or a threshold); 3 a run
is incomplete (and none failed); 2 invalid arguments, file, spec or notebook (every problem
printed to stderr as file:line:column: severity: message; nothing is run), or a --summary file
that could not be written. The same when the reader of stdout goes away (stressnb run ... | head).
`;

export const runCommand = defineCommand({
  name: 'run',
  summary: "Run a scenario spec or a notebook's scenario cells: counter lines on stdout, the verdict on stderr",
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
  /** Files to write the verdict summary to. */
  summaries: string[];
  /** Their format, when --format names one (else each file's extension says). */
  summaryFormat?: SummaryFormat;
  history?: string;
}

export function parseRunArgs(args: readonly string[]): RunArgs | { error: string } {
  let file: string | undefined;
  let cell: number | undefined;
  let format: CounterLineFormat = 'lines';
  let summaryFormat: SummaryFormat | undefined;
  let seed: number | undefined;
  const summaries: string[] = [];
  let history: string | undefined;
  const error = scanArgs(args, {
    options: {
      '--history': historyOption((file) => (history = file)),
      '--cell': cellOption((n) => (cell = n)),
      '--format': (value) => {
        const v = value();
        if (v === 'lines' || v === 'jsonl') format = v;
        else if ((SUMMARY_FORMATS as readonly string[]).includes(v ?? '') || v === 'md')
          summaryFormat = v === 'md' ? 'markdown' : (v as SummaryFormat);
        else
          return `--format must be lines or jsonl (the counter lines), or text, json, markdown or junit (the --summary files); got ${v ?? 'nothing'}`;
      },
      '--summary': (value) => {
        const v = value();
        if (v === undefined || v === '') return '--summary needs a file name';
        summaries.push(v);
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
  if (summaryFormat !== undefined && summaries.length === 0)
    return { error: `--format ${summaryFormat} is the format of a --summary file; add --summary FILE` };
  return {
    file,
    format,
    summaries,
    ...(summaryFormat ? { summaryFormat } : {}),
    ...(cell !== undefined ? { cell } : {}),
    ...(seed !== undefined ? { seed } : {}),
    ...(history !== undefined ? { history } : {}),
  };
}

async function runFile(args: RunArgs, io: CliIo): Promise<number> {
  const { file, cell, format, seed } = args;
  const text = readInput(file, io, 'run');
  if (text === undefined) return EXIT_USAGE;

  const found = specTargets(file, text, cell);
  if ('error' in found) {
    io.err(`${found.error}\n`);
    return EXIT_USAGE;
  }
  const runs: { spec: ScenarioSpec; target: SpecTarget }[] = [];
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
    if (spec) runs.push({ spec: seed === undefined ? spec : { ...spec, seed }, target });
    else invalid = true;
  }
  if (invalid) return EXIT_USAGE;

  const baseDir = dirname(resolve(file));
  // Every repeat of every cell, found before anything runs: a log pattern matching too few files is bad input.
  const planned: { spec: ScenarioSpec; target: SpecTarget; repeat: number; of: number }[] = [];
  for (const { spec, target } of runs) {
    const n = repeatCount(spec);
    let files: string[] | undefined;
    if (n > 1 && spec.source.kind === 'file') {
      const matched = logFilesOfPattern(spec.source.path, baseDir, n);
      if ('error' in matched) {
        io.err(`${target.location}: error: ${matched.error}\n`);
        return EXIT_USAGE;
      }
      files = matched.files;
    }
    repeatedSpecs(spec, files).forEach((one, r) => planned.push({ spec: one, target, repeat: r + 1, of: n }));
  }

  const judged: (JudgedRun & { target: SpecTarget; of: number; series?: TickSeries })[] = [];
  for (const { spec, target, repeat, of } of planned) {
    const builder = new TickSeriesBuilder();
    const result = await runSpec(spec, {
      baseDir,
      specText: target.specText,
      onNote: (note) => io.err(note),
      onEvents: (events) => {
        for (const e of events) builder.push(e);
        const lines = events.flatMap((e) => formatRunEvent(e, format));
        return io.out(lines.length > 0 ? `${lines.join('\n')}\n` : '');
      },
    });
    const label = `${target.location}${of > 1 ? ` (repeat ${repeat} of ${of})` : ''}`;
    if (!result.ok) io.err(`${label}: error: ${result.message}\n`);
    // Judged from its own stream, as `stressnb analyze` judges it: the stream carries the spec's thresholds.
    const report = analyzeSeries(builder.series, result.ok ? {} : { failure: result.message });
    // The series is kept only for the run history (its per-partition overlay); the report is enough otherwise.
    judged.push({ report, label, target, of, ...(args.history !== undefined ? { series: builder.series } : {}) });
  }

  const several = judged.length > 1;
  // The repeats of one spec: their aggregate comes right after the list of runs; of several specs, after all of them.
  const repeated = [...new Set(judged.filter((j) => j.of > 1).map((j) => j.target))];
  const aggregateOf = (target: SpecTarget) => aggregateReports(judged.filter((j) => j.target === target).map((j) => j.report));
  const onlyRepeats = repeated.length === 1 && judged.every((j) => j.target === repeated[0]);
  io.err(`\n${formatRunsText(judged, onlyRepeats ? aggregateOf(repeated[0]) : undefined)}`);
  if (!onlyRepeats) for (const target of repeated) io.err(`\n${target.location}: ${formatAggregateText(aggregateOf(target))}`);
  const verdict = combinedVerdict(judged.map((r) => r.report.verdict));
  let status = exitStatusOf(verdict);
  for (const summaryFile of args.summaries) {
    const chosen = args.summaryFormat ?? summaryFormatOf(summaryFile);
    const written = writeSummaryFile(summaryFile, summaryText(judged, chosen, file, several));
    if (written !== undefined) {
      io.err(`stressnb run: ${written} (the verdict stands: ${overallHeadline(judged)})\n`);
      if (status === EXIT_PASS) status = EXIT_USAGE;
    }
  }
  if (args.history !== undefined) {
    const recorded = await recordHistory(args.history, file, baseDir, judged);
    if (recorded !== undefined) {
      io.err(`stressnb run: ${recorded}\n`);
      if (status === EXIT_PASS) status = EXIT_USAGE;
    }
  }
  return status;
}

/** One history line per spec run (its repeats together); the error when the file cannot be written. */
async function recordHistory(
  history: string,
  file: string,
  baseDir: string,
  judged: readonly { report: RunReport; target: SpecTarget; series?: TickSeries }[],
): Promise<string | undefined> {
  const git = await gitHeadOf(baseDir);
  for (const target of new Set(judged.map((j) => j.target))) {
    const ran = judged.filter((j) => j.target === target && j.series).map((j) => ({ report: j.report, series: j.series as TickSeries }));
    const entry = historyEntryOf(ran, {
      time: new Date(),
      source: 'cli',
      ...(target.cell !== undefined ? { notebook: file, cell: target.cell } : { file }),
      specHash: specHash(target.specText),
      ...(git ? { git } : {}),
    });
    const failed = appendHistory(history, entry);
    if (failed) return failed.error;
  }
  return undefined;
}

function summaryText(runs: JudgedRun[], format: SummaryFormat, file: string, several: boolean): string {
  switch (format) {
    case 'json': {
      const reports = runs.map((r): RunReport & { run: string } => ({ ...r.report, run: r.label }));
      const json = several ? { runs: reports, verdict: combinedVerdict(reports.map((r) => r.verdict)) } : reports[0];
      return `${JSON.stringify(json, null, 2)}\n`;
    }
    case 'junit':
      return formatRunsJunit(
        runs.map((r) => ({ report: r.report, ...(several ? { label: r.label } : {}) })),
        { name: `stressnb run ${file}` },
      );
    case 'markdown':
      return formatRunsMarkdown(runs);
    case 'text':
      return formatRunsText(runs);
  }
}

export interface RunSpecOptions {
  /** Folder that relative `cwd` / `path` of a source resolve against (the spec's or notebook's folder). */
  baseDir: string;
  /** The spec's text: a source that prints no config line gets a header of the keys it writes (without it: only the scenario). */
  specText?: string;
  /** Called with each batch of events in order; the run waits for it (output back-pressure). */
  onEvents(events: RunEvent[]): Promise<void>;
  /** Text for stderr from a command or log-file source: the command's own stderr lines and notes. */
  onNote?(text: string): void;
}

export type RunSpecResult = { ok: true } | { ok: false; message: string };

/**
 * Runs one validated spec (the built-in engine, or its command or log-file source) and hands its
 * events over as they are produced. The run's config event carries what judges it (the spec's
 * scenario and thresholds); a run that fails ends with a `done` phase of reason `source-failed`.
 */
export async function runSpec(spec: ScenarioSpec, options: RunSpecOptions): Promise<RunSpecResult> {
  if (spec.source.kind !== 'engine') {
    // Loaded only for a command or log-file source: an engine run starts without it.
    const { runSourceForCli } = await import('../sources/runSourceForCli');
    const run = await runSourceForCli(spec.source, {
      baseDir: options.baseDir,
      fallbackConfig: sourceConfigHeaderOf(spec, options.specText ?? ''),
      judge: { scenario: spec.scenario, expect: spec.expect },
      onEvents: options.onEvents,
      onNote: options.onNote,
    });
    return run.ok ? { ok: true } : { ok: false, message: run.message };
  }
  let t = 0;
  try {
    const run = createRun({ ...spec, pace: 'fast' });
    const expect = Object.keys(spec.expect).length > 0 ? spec.expect : undefined;
    while (!run.finished) {
      const events = run.step();
      if (events.length === 0) continue;
      t = run.now;
      await options.onEvents(expect ? events.map((e) => (e.type === 'config' ? { ...e, expect } : e)) : events);
    }
    return { ok: true };
  } catch (error) {
    // The stream says it too, so whoever reads it judges the run incomplete.
    await options.onEvents([{ type: 'phase', t, phase: 'done', reason: 'source-failed' }]);
    return { ok: false, message: `the engine failed: ${errorMessage(error)}` };
  }
}
