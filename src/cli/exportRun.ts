// What `stressnb export` does once its arguments are read (exportCommand.ts): read the notebook,
// run its cells with --run, build the report and write it. A bundle of its own (dist/cliExport.js),
// loaded only by `stressnb export`: the report's chart rendering (vega) is most of the CLI's code,
// and every other command starts without compiling it.

import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { RunTranscript } from '../report/runTranscript';
import { configHeaderOf } from '../engine/configHeader';
import { sourceConfigHeaderOf } from '../engine/sourceConfigHeader';
import { buildReport } from '../export/buildReport';
import { scenarioCells, type RunView } from '../export/exportModel';
import { freshRunView } from '../export/freshRunView';
import { pinnedBaseline, pinnedCapacity } from '../export/pinnedBaseline';
import { freshSearchView } from '../export/searchView';
import { evaluateCapacityThreshold } from '../analysis/searchCapacity';
import { foundCapacity, type SearchFacts } from '../report/searchReport';
import type { SearchPlan } from '../spec/searchPlan';
import { commandProbes } from '../sweep/commandProbes';
import { engineProbes } from '../sweep/probeRunner';
import { startSearch } from '../sweep/searchRun';
import { defaultSweepThreads } from '../sweep/workerPool';
import { runStatus, STALE_WORD } from '../export/runStatus';
import { sessionOf } from '../export/sessionOf';
import { freshRepeatedView, type FreshRepeat } from '../export/freshRepeatedView';
import { repeatCount, repeatedSpecs } from '../spec/repeatRuns';
import { logFilesOfPattern } from '../sources/logFilePattern';
import { historySections } from '../export/historySection';
import { readHistoryFile } from './historyFile';
import { ReportWriteError, writeReport } from '../export/writeReport';
import { errorMessage } from '../contracts/errorMessage';
import { MAX_STRESSNB_BYTES, parseStressnb, type StressnbNotebook } from '../format/stressnbFile';
import { freshSweepView } from '../export/sweepView';
import type { RunSummary } from '../analysis/reportTypes';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import type { SweepPlan } from '../spec/sweepGrid';
import { startSweep } from '../sweep/sweepPool';
import type { CliIo } from './cliIo';
import { EXIT_PASS, EXIT_USAGE } from './exitCodes';
import { exitStatusOf } from './verdictExit';
import { combinedVerdict } from '../analysis/verdicts';
import type { RunVerdict } from '../analysis/reportTypes';
import { runSpec } from './runCommand';

import type { ExportArgs } from './exportArgs';

export async function exportNotebook(args: ExportArgs, io: CliIo): Promise<number> {
  const notebook = readNotebook(args.file, io);
  if (!notebook) return EXIT_USAGE;

  let freshRuns: Map<number, RunView> | undefined;
  if (args.run) {
    const specs = validSpecs(args.file, notebook, io);
    if (!specs) return EXIT_USAGE;
    freshRuns = await runCells(specs, notebook, dirname(resolve(args.file)), io);
  }

  const session = sessionOf(notebook, basename(args.file), freshRuns);
  if (args.history !== undefined) {
    const read = readHistoryFile(args.history);
    if ('error' in read) {
      io.err(`stressnb export: ${read.error}\n`);
      return EXIT_USAGE;
    }
    for (const p of read.problems) io.err(`${args.history}:${p.line}: warning: ${p.message}\n`);
    const scenarios = scenarioCells(session)
      .map((c) => c.scenario)
      .filter((s): s is string => s !== undefined);
    session.history = await historySections(read.entries, scenarios, args.history);
  }
  let written: string[];
  try {
    const bundle = await buildReport(session, args.format, basename(args.out));
    written = writeReport(args.out, bundle);
  } catch (error) {
    io.err(
      `stressnb export: ${error instanceof ReportWriteError ? error.message : `the report could not be built: ${errorMessage(error)}`} (nothing was written)\n`,
    );
    return EXIT_USAGE;
  }

  const cells = scenarioCells(session);
  const lines = cells.map(
    (c) => `  cell ${c.number}${c.scenario ? ` ${c.scenario}` : ''}: ${runStatus(c.run).word}${c.run.stale ? ` (${STALE_WORD})` : ''}`,
  );
  const extra =
    written.length > 1 ? ` and ${written.length - 1} chart file${written.length === 2 ? '' : 's'} in ${dirname(written[1])}` : '';
  await io.out(`wrote ${written[0]}${extra}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}`);
  if (!args.run) return EXIT_PASS;
  return exitStatusOf(combinedVerdict(cells.map((c) => verdictOf(c.run))));
}

/** A run made just now, as a verdict: one that did not finish (interrupted, failed, no report) is incomplete. */
function verdictOf(run: RunView): RunVerdict {
  if (run.state !== 'finished' || run.verdict === undefined) return 'incomplete';
  return run.verdict;
}

function readNotebook(file: string, io: CliIo): StressnbNotebook | undefined {
  let text: string;
  try {
    const bytes = readFileSync(file);
    if (bytes.byteLength > MAX_STRESSNB_BYTES) {
      io.err(
        `${file}: error: the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the largest notebook accepted is ${MAX_STRESSNB_BYTES / 1024 / 1024} MB\n`,
      );
      return undefined;
    }
    text = bytes.toString('utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    io.err(
      `stressnb export: cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message}\n`,
    );
    return undefined;
  }
  const parsed = parseStressnb(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    io.err(
      `${file}${line !== undefined ? `:${line}:${column}` : ''}: error: not a valid .stressnb notebook: ${message} (nothing was written)\n`,
    );
    return undefined;
  }
  return parsed.notebook;
}

interface CellSpec {
  spec: ScenarioSpec;
  /** The cell's text. */
  text: string;
  /** A sweep cell's grid (then `spec` is its base). */
  sweep?: SweepPlan;
  /** A capacity search cell's search (then `spec` is its base). */
  search?: SearchPlan;
}

/** Every scenario cell's spec by cell number, or undefined (problems printed) when one has errors. */
function validSpecs(file: string, notebook: StressnbNotebook, io: CliIo): Map<number, CellSpec> | undefined {
  const specs = new Map<number, CellSpec>();
  let invalid = false;
  notebook.cells.forEach((cell, index) => {
    if (cell.kind !== 'scenario') return;
    const { spec, sweep, search, problems } = parseScenarioSpec(cell.source);
    for (const p of problems) io.err(`${file}#cell${index + 1}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
    if (spec) specs.set(index + 1, { spec, text: cell.source, ...(sweep ? { sweep } : {}), ...(search ? { search } : {}) });
    else invalid = true;
  });
  if (invalid) io.err('stressnb export: a scenario cell has errors: nothing was run or written\n');
  return invalid ? undefined : specs;
}

/** A cell with `repeat: N`: every repeat run, then the aggregate view (freshRepeatedView.ts). */
async function runRepeatedCell(
  number: number,
  spec: ScenarioSpec,
  notebook: StressnbNotebook,
  baseDir: string,
  io: CliIo,
): Promise<RunView> {
  let files: string[] | undefined;
  if (spec.source.kind === 'file') {
    const found = logFilesOfPattern(spec.source.path, baseDir, repeatCount(spec));
    if ('error' in found)
      return {
        state: 'failed',
        whereToLook: [],
        notices: [],
        errors: [{ title: 'Scenario spec error', message: found.error }],
        otherItems: [],
      };
    files = found.files;
  }
  const repeats: FreshRepeat[] = [];
  for (const one of repeatedSpecs(spec, files)) {
    const transcript = new RunTranscript();
    transcript.setProvisionalHeader(configHeaderOf(one));
    const result = await runSpec(one, { baseDir, onNote: (text) => io.err(text), onEvents: async (events) => transcript.push(events) });
    repeats.push({ transcript, ...(result.ok ? {} : { failed: result.message }) });
  }
  const scenario = String(repeats[0]?.transcript.config?.scenario ?? spec.scenario);
  const view = await freshRepeatedView(scenario, repeats, { expect: spec.expect, baseline: pinnedBaseline(notebook.metadata, scenario) });
  io.err(`stressnb export: ran cell ${number} (${scenario}, ${repeats.length} repeats): ${runStatus(view).word}\n`);
  return view;
}

async function runCells(
  specs: Map<number, CellSpec>,
  notebook: StressnbNotebook,
  baseDir: string,
  io: CliIo,
): Promise<Map<number, RunView>> {
  const runs = new Map<number, RunView>();
  for (const [number, { spec, text, sweep, search }] of specs) {
    if (sweep) {
      runs.set(number, await runSweepCell(number, spec, sweep, notebook, io));
      continue;
    }
    if (search) {
      runs.set(number, await runSearchCell(number, spec, search, notebook, baseDir, io));
      continue;
    }
    if (repeatCount(spec) > 1) {
      runs.set(number, await runRepeatedCell(number, spec, notebook, baseDir, io));
      continue;
    }
    const transcript = new RunTranscript();
    transcript.setProvisionalHeader(spec.source.kind === 'engine' ? configHeaderOf(spec) : sourceConfigHeaderOf(spec, text));
    const result = await runSpec(spec, {
      baseDir,
      specText: text,
      onNote: (text) => io.err(text),
      onEvents: async (events) => transcript.push(events),
    });
    const scenario = String(transcript.config?.scenario ?? spec.scenario);
    const view = await freshRunView(transcript, {
      expect: spec.expect,
      baseline: pinnedBaseline(notebook.metadata, scenario),
      end: result.ok ? { kind: 'finished' } : { kind: 'failed', message: result.message },
    });
    io.err(`stressnb export: ran cell ${number} (${scenario}): ${runStatus(view).word}\n`);
    runs.set(number, view);
  }
  return runs;
}

/** A sweep cell: every point on worker threads, with the notebook's pinned baselines for relative thresholds. */
async function runSweepCell(number: number, spec: ScenarioSpec, sweep: SweepPlan, notebook: StressnbNotebook, io: CliIo): Promise<RunView> {
  const baselines: Record<string, RunSummary> = {};
  for (const scenario of new Set([spec.scenario, ...sweep.axes.filter((a) => a.key === 'scenario').flatMap((a) => a.values.map(String))])) {
    const summary = pinnedBaseline(notebook.metadata, scenario)?.summary;
    if (summary) baselines[scenario] = summary;
  }
  const { end, rows } = await startSweep(sweep, { baselines }).result;
  const view = await freshSweepView({
    axes: sweep.axes,
    total: sweep.size,
    rows,
    state: end,
    scenario: spec.scenario,
    expect: spec.expect,
  });
  io.err(`stressnb export: swept cell ${number} (${sweep.size} points of ${spec.scenario}): ${runStatus(view).word}\n`);
  return view;
}

/** A capacity search cell: its probes (engine probes on worker threads), judged with the notebook's pinned baseline. */
async function runSearchCell(
  number: number,
  spec: ScenarioSpec,
  search: SearchPlan,
  notebook: StressnbNotebook,
  baseDir: string,
  io: CliIo,
): Promise<RunView> {
  const pinned = pinnedBaseline(notebook.metadata, spec.scenario)?.summary;
  const baselines: Record<string, RunSummary> = pinned ? { [spec.scenario]: pinned } : {};
  const runner = search.placeholder
    ? commandProbes(search, { baseDir, baselines })
    : engineProbes(search, { threads: defaultSweepThreads(), baselines });
  const running = startSearch(search, runner);
  const { end, probes } = await running.result;
  await running.exited;
  const facts: SearchFacts = { plan: search, probes, state: end, scenario: spec.scenario };
  if (end.state === 'finished') {
    const capacity = evaluateCapacityThreshold(
      search,
      foundCapacity(search, probes)?.sustained.value,
      pinnedCapacity(notebook.metadata, spec.scenario),
    );
    if (capacity) facts.capacity = capacity;
  }
  const view = await freshSearchView(facts);
  io.err(
    `stressnb export: searched cell ${number} (${search.key} of ${spec.scenario}, ${probes.length} probes): ${runStatus(view).word}\n`,
  );
  return view;
}
