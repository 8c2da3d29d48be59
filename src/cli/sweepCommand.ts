// `stressnb sweep <spec.yaml | notebook.stressnb> [--cell N] [--format table|json|csv] [--threads N] [--baseline FILE] [--strict]`:
// runs every point of a scenario's `sweep:` grid with the built-in engine on worker threads and
// prints one row per point: the swept values, the verdict, the metrics and the hints.

import type { RunSummary } from '../analysis/reportTypes';
import { formatSweepSummaryText } from '../report/sweepReport';
import { formatSweepCsv, formatSweepTableText, sweepJson, sweepMetricColumns } from '../report/sweepTable';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { SCENARIO_NAMES } from '../spec/scenarioSpec';
import { hasSweep } from '../spec/sweepPointSpec';
import { defaultSweepThreads, startSweep, type SweepResult } from '../sweep/sweepPool';
import { readBaselineFile } from './analyzeCommand';
import { manyRunsTarget, readInput, type ManyRunsKind } from './cliInput';
import { cellOption, defineCommand, scanArgs } from './cliIo';
import type { CliIo } from './cliIo';
import { EXIT_FAIL, EXIT_INCOMPLETE, EXIT_PASS, EXIT_USAGE } from './exitCodes';

const SWEEP_CELLS: ManyRunsKind = { word: 'sweep', has: hasSweep, example: 'sweep: { ringBufferSize: [64, 256, 1024] }' };

const HELP = `Usage: stressnb sweep <spec.yaml | notebook.stressnb> [--cell N] [--format table|json|csv] [--threads N] [--baseline FILE] [--strict]

Runs every point of a scenario's sweep: grid (docs/scenario-spec.md, "What-if sweeps") with the
built-in engine, fast, spread over worker threads, and prints one row per point: the swept values,
the verdict (the thresholds of expect:), the metrics and the triage hints. Each row is exactly the
single run of its point's spec, whatever the number of threads.

A notebook without --cell runs its sweep cell, when it has exactly one.

Options:
  --cell N           The notebook's cell to sweep (cells are numbered from 1, Markdown cells included).
  --format F         table (the default: aligned columns, then the knee in words), json
                     ({"runs": [{"params", "verdict", "metrics", "thresholds", "hints"}]}, the
                     metrics named and valued as stressnb analyze names them, each threshold with
                     its status and why) or csv (every metric).
  --threads N        Worker threads (default: one per core).
  --baseline FILE    A baseline for thresholds relative to it ("completedPerS >= baseline - 10%"):
                     a run summary, or the JSON of stressnb analyze; without it they are not evaluated.
  --strict           A threshold relative to the baseline without a baseline fails its point
                     (exit 1) instead of being not evaluated.
  -h, --help         Show this help.

Exit status: 0 every point passed; 1 a point failed a threshold (with --strict: or one could not
be evaluated) or could not run; 3 the sweep was interrupted or a worker failed (the rows done are
printed); 2 invalid arguments, file, spec or notebook (every problem printed to stderr as
file:line:column: severity: message; nothing is run).
`;

export type SweepFormat = 'table' | 'json' | 'csv';

export interface SweepArgs {
  file: string;
  cell?: number;
  format: SweepFormat;
  threads?: number;
  baseline?: string;
  strict: boolean;
}

export const sweepCommand = defineCommand({
  name: 'sweep',
  summary: "Run a scenario's what-if grid (sweep:) and print one row per point",
  help: HELP,
  parse: parseSweepArgs,
  execute: sweepFile,
});

export function parseSweepArgs(args: readonly string[]): SweepArgs | { error: string } {
  let file: string | undefined;
  let cell: number | undefined;
  let format: SweepFormat = 'table';
  let threads: number | undefined;
  let baseline: string | undefined;
  let strict = false;
  const error = scanArgs(args, {
    options: {
      '--cell': cellOption((n) => (cell = n)),
      '--format': (value) => {
        const v = value();
        if (v !== 'table' && v !== 'json' && v !== 'csv') return `--format must be table, json or csv; got ${v ?? 'nothing'}`;
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
      '--strict': () => {
        strict = true;
      },
    },
    positional: (arg) => {
      if (file !== undefined) return `one file at a time; got ${file} and ${arg}`;
      file = arg;
    },
  });
  if (error !== undefined) return { error };
  if (file === undefined) return { error: 'which spec or notebook? stressnb sweep <spec.yaml | notebook.stressnb>' };
  return {
    file,
    format,
    strict,
    ...(cell !== undefined ? { cell } : {}),
    ...(threads !== undefined ? { threads } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
  };
}

async function sweepFile(args: SweepArgs, io: CliIo): Promise<number> {
  let baseline: RunSummary | undefined;
  if (args.baseline !== undefined) {
    const read = await readBaselineFile(args.baseline);
    if ('error' in read) {
      io.err(`stressnb sweep: ${read.error}\n`);
      return EXIT_USAGE;
    }
    baseline = read.summary;
  }
  const text = readInput(args.file, io, 'sweep');
  if (text === undefined) return EXIT_USAGE;
  const target = manyRunsTarget(args.file, text, args.cell, SWEEP_CELLS);
  if ('error' in target) {
    io.err(`${target.error}\n`);
    return EXIT_USAGE;
  }
  const { spec, problems, sweep } = parseScenarioSpec(target.specText);
  for (const p of problems) io.err(`${target.location}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  if (!spec || !sweep) return EXIT_USAGE;

  // The one baseline given is every point's, whatever its scenario.
  const baselines = baseline ? Object.fromEntries(SCENARIO_NAMES.map((name) => [name, baseline])) : undefined;
  const running = startSweep(sweep, {
    threads: args.threads ?? defaultSweepThreads(),
    ...(baselines ? { baselines } : {}),
    ...(args.strict ? { requireBaseline: true } : {}),
  });
  const onSignal = () => running.stop();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: SweepResult;
  try {
    result = await running.result;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  const { rows, end } = result;
  if (args.format === 'json') await io.out(`${JSON.stringify(sweepJson(rows), null, 2)}\n`);
  else if (args.format === 'csv') await io.out(formatSweepCsv(sweep.axes, rows));
  else {
    await io.out(formatSweepTableText(sweep.axes, rows, sweepMetricColumns(spec.expect)));
    await io.out(
      `\n${formatSweepSummaryText({ axes: sweep.axes, total: sweep.size, rows, state: end, hasThresholds: Object.keys(spec.expect).length > 0, scenario: spec.scenario, threads: result.threads, elapsedMs: result.elapsedMs })}`,
    );
  }
  if (end.state === 'failed') {
    io.err(`${target.location}: error: the sweep failed after ${rows.length} of ${sweep.size} points: ${end.message}\n`);
    return rows.some((r) => r.verdict === 'fail') ? EXIT_FAIL : EXIT_INCOMPLETE;
  }
  if (end.state === 'interrupted') {
    io.err(`${target.location}: interrupted after ${rows.length} of ${sweep.size} points\n`);
    return rows.some((r) => r.verdict === 'fail') ? EXIT_FAIL : EXIT_INCOMPLETE;
  }
  return rows.some((r) => r.verdict === 'fail') ? EXIT_FAIL : EXIT_PASS;
}
