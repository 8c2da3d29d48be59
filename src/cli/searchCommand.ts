// `stressnb search <spec.yaml | notebook.stressnb> [--cell N] [--format text|json|markdown]
// [--threads N] [--baseline FILE]`: runs a scenario's capacity search (`search:`), with the
// built-in engine on worker threads or, for a `source: command` cell, one command at a time, and
// prints the answer first, then a row per probe. The exit status says how it ended.

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readBaselineSummary } from '../analysis/baselineSummary';
import type { RunSummary } from '../analysis/reportTypes';
import { evaluateCapacityThreshold, readCapacityBaseline, type CapacityBaseline } from '../analysis/searchCapacity';
import {
  foundCapacity,
  formatSearchHeadlineMarkdown,
  formatSearchSummaryText,
  searchVerdict,
  type SearchFacts,
} from '../report/searchReport';
import { formatSearchTableMarkdown, formatSearchTableText, searchJson } from '../report/searchTable';
import { pinnedBaseline, pinnedCapacity } from '../export/pinnedBaseline';
import { parseStressnb } from '../format/stressnbFile';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { hasSearch } from '../spec/searchProbeSpec';
import { commandProbes } from '../sweep/commandProbes';
import { engineProbes } from '../sweep/probeRunner';
import { startSearch, type SearchResult } from '../sweep/searchRun';
import { defaultSweepThreads } from '../sweep/workerPool';
import { isNotebookPath, manyRunsTarget, readInput, type ManyRunsKind } from './cliInput';
import { cellOption, defineCommand, scanArgs } from './cliIo';
import type { CliIo } from './cliIo';
import { EXIT_ABOVE_RANGE, EXIT_FAIL, EXIT_INCOMPLETE, EXIT_PASS, EXIT_USAGE } from './exitCodes';

const SEARCH_CELLS: ManyRunsKind = { word: 'search', has: hasSearch, example: 'search: { key: load.ratePerS, from: 100, to: 2000 }' };

const HELP = `Usage: stressnb search <spec.yaml | notebook.stressnb> [--cell N] [--format text|json|markdown] [--threads N] [--baseline FILE]

How much can it take: runs a scenario's capacity search (search:, docs/scenario-spec.md, "Capacity
search"). Each probe is a full run of the cell with the searched key set to a value; the search
brackets and bisects the range until the highest value that sustains and the lowest that fails are
within the precision. Engine probes run several at once on worker threads; the probes of a
source: command cell run one at a time, each command stopped with its process tree when it ends.

A notebook without --cell runs its search cell, when it has exactly one; its pinned baselines
judge thresholds relative to the baseline, and capacity: ">= baseline - 5%" in expect:.

Options:
  --cell N           The notebook's cell to search (cells are numbered from 1, Markdown cells included).
  --format F         text (the default: the answer, then a row per probe), json ({"key", "sustained":
                     {"value", "low", "high"}, "firstFailure": {"value", "reason"}, "probes": [{"value",
                     "verdict", "metrics"}]}) or markdown (for a CI step summary).
  --threads N        Worker threads for engine probes (default: one per core).
  --baseline FILE    The JSON of an earlier stressnb search --format json (its capacity, for
                     capacity: ">= baseline - 5%"), or a run summary / stressnb analyze JSON (for the
                     probes' thresholds relative to the baseline).
  -h, --help         Show this help.

Exit status: 0 the boundary was found inside the range (and the capacity threshold, if any, passed);
1 even search.from fails, or the capacity threshold failed; 4 even search.to sustains (the boundary
lies beyond the range); 3 the search was interrupted or a worker failed (the probes done are
printed); 2 invalid arguments, file, spec or notebook (every problem printed to stderr as
file:line:column: severity: message; nothing is run).
`;

export type SearchFormat = 'text' | 'json' | 'markdown';

export interface SearchArgs {
  file: string;
  cell?: number;
  format: SearchFormat;
  threads?: number;
  baseline?: string;
}

export const searchCommand = defineCommand({
  name: 'search',
  summary: 'Find the highest load a scenario sustains (search:): the capacity, within a precision',
  help: HELP,
  parse: parseSearchArgs,
  execute: searchFile,
});

export function parseSearchArgs(args: readonly string[]): SearchArgs | { error: string } {
  let file: string | undefined;
  let cell: number | undefined;
  let format: SearchFormat = 'text';
  let threads: number | undefined;
  let baseline: string | undefined;
  const error = scanArgs(args, {
    options: {
      '--cell': cellOption((n) => (cell = n)),
      '--format': (value) => {
        const v = value();
        if (v !== 'text' && v !== 'json' && v !== 'markdown') return `--format must be text, json or markdown; got ${v ?? 'nothing'}`;
        format = v;
      },
      '--threads': (value) => {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 256)
          return `--threads needs a number of threads from 1 to 256; got ${v ?? 'nothing'}`;
        threads = Number(v);
      },
      '--baseline': (value) => {
        baseline = value();
        return baseline === undefined ? '--baseline needs a file' : undefined;
      },
    },
    positional: (arg) => {
      if (file !== undefined) return `one file at a time; got ${file} and ${arg}`;
      file = arg;
    },
  });
  if (error !== undefined) return { error };
  if (file === undefined) return { error: 'which spec or notebook? stressnb search <spec.yaml | notebook.stressnb>' };
  return {
    file,
    format,
    ...(cell !== undefined ? { cell } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
  };
}

interface Baselines {
  summaries: Record<string, RunSummary>;
  capacity?: CapacityBaseline;
}

/** --baseline FILE: a search's JSON (its capacity) or a run summary (the probes' relative thresholds). */
async function readBaselineArg(file: string): Promise<{ summary?: RunSummary; capacity?: CapacityBaseline } | { error: string }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message;
    return { error: `cannot read the baseline ${file}: ${why}` };
  }
  const capacity = readCapacityBaseline(value);
  if (capacity) return { capacity };
  const read = readBaselineSummary(value);
  return read.ok
    ? { summary: read.summary }
    : {
        error: `${file} is not a baseline: neither the JSON of stressnb search (key, sustained, firstFailure) nor a run summary (${read.reason})`,
      };
}

/** The notebook's pinned baseline of the scenario (its run summary and its capacity), overridden by --baseline. */
async function baselinesFor(args: SearchArgs, text: string, scenario: string): Promise<Baselines | { error: string }> {
  const out: Baselines = { summaries: {} };
  if (isNotebookPath(args.file)) {
    const parsed = parseStressnb(text);
    if (parsed.ok) {
      const summary = pinnedBaseline(parsed.notebook.metadata, scenario)?.summary;
      if (summary) out.summaries[scenario] = summary;
      const capacity = pinnedCapacity(parsed.notebook.metadata, scenario);
      if (capacity) out.capacity = capacity;
    }
  }
  if (args.baseline !== undefined) {
    const read = await readBaselineArg(args.baseline);
    if ('error' in read) return read;
    if (read.summary) out.summaries[scenario] = read.summary;
    if (read.capacity) out.capacity = read.capacity;
  }
  return out;
}

async function searchFile(args: SearchArgs, io: CliIo): Promise<number> {
  const text = readInput(args.file, io, 'search');
  if (text === undefined) return EXIT_USAGE;
  const target = manyRunsTarget(args.file, text, args.cell, SEARCH_CELLS);
  if ('error' in target) {
    io.err(`${target.error}\n`);
    return EXIT_USAGE;
  }
  const { spec, problems, search } = parseScenarioSpec(target.specText);
  for (const p of problems) io.err(`${target.location}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  if (!spec || !search) return EXIT_USAGE;
  const baselines = await baselinesFor(args, text, spec.scenario);
  if ('error' in baselines) {
    io.err(`stressnb search: ${baselines.error}\n`);
    return EXIT_USAGE;
  }

  const runner = search.placeholder
    ? commandProbes(search, {
        baseDir: dirname(resolve(args.file)),
        baselines: baselines.summaries,
        onStderrLine: (line) => io.err(`${line}\n`),
      })
    : engineProbes(search, { threads: args.threads ?? defaultSweepThreads(), baselines: baselines.summaries });
  const running = startSearch(search, runner, {
    onRound: (values, round) => io.err(`round ${round}: probing ${search.key} ${values.join(', ')}\n`),
    onProbe: (p) => io.err(`probe ${p.index + 1}: ${search.key} ${p.value}: ${p.sustained ? 'sustained' : `failed: ${p.reason ?? ''}`}\n`),
  });
  const onSignal = () => running.stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: SearchResult;
  try {
    result = await running.result;
    await running.exited; // every command stopped before the answer is printed
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const facts: SearchFacts = {
    plan: search,
    probes: result.probes,
    state: result.end,
    scenario: spec.scenario,
    slots: result.slots,
    elapsedMs: result.elapsedMs,
  };
  if (result.end.state === 'finished') {
    const capacity = evaluateCapacityThreshold(search, foundCapacity(search, result.probes)?.sustained.value, baselines.capacity);
    if (capacity) facts.capacity = capacity;
  }
  if (args.format === 'json') await io.out(`${JSON.stringify(searchJson(facts), null, 2)}\n`);
  else if (args.format === 'markdown')
    await io.out(`${formatSearchHeadlineMarkdown(facts, { clickHint: false })}\n\n${formatSearchTableMarkdown(search, result.probes)}\n`);
  else await io.out(`${formatSearchSummaryText(facts)}\n${formatSearchTableText(search, result.probes)}`);

  if (result.end.state === 'failed') {
    io.err(`${target.location}: error: the search failed after ${result.probes.length} probes: ${result.end.message}\n`);
    return EXIT_INCOMPLETE;
  }
  if (result.end.state === 'interrupted') {
    io.err(`${target.location}: interrupted after ${result.probes.length} probes (the probes done are printed)\n`);
    return EXIT_INCOMPLETE;
  }
  switch (searchVerdict(facts)) {
    case 'found':
      return EXIT_PASS;
    case 'above-range':
      return EXIT_ABOVE_RANGE;
    case 'incomplete':
      return EXIT_INCOMPLETE;
    default:
      return EXIT_FAIL;
  }
}
