// `stressnb compare BASE CANDIDATE [--format text|json|markdown] [--max-regression 5%] [--alpha 0.05]`:
// compares two sets of runs metric by metric and says whether a change is larger than the
// run-to-run noise (runComparison.ts). The exit status gates CI: 1 on a regression.

import { formatComparisonMarkdown, formatComparisonText } from '../report/comparisonText';
import { compareRuns, configDifferenceNotes, DEFAULT_ALPHA, DEFAULT_MAX_REGRESSION_PCT, runsNeeded } from '../analysis/runComparison';
import { defineCommand, scanArgs } from './cliIo';
import type { CliIo } from './cliIo';
import { readCompareSide, type CompareSide } from './compareInput';
import { EXIT_FAIL, EXIT_INCOMPLETE, EXIT_PASS, EXIT_USAGE } from './exitCodes';

const HELP = `Usage: stressnb compare BASE CANDIDATE [--format text|json|markdown] [--max-regression 5%] [--alpha 0.05]

Compares the runs of BASE with the runs of CANDIDATE, metric by metric (the metrics of
stressnb analyze's summary): both medians with their spread (min-max), the change of the median, a
Mann-Whitney U test of the two samples and a verdict per metric: regression, improvement, or ~
(within noise). A change is a regression only when it goes the worse way for the metric
(completedPerS down; rejectPct, drainS, peakPendingDepth, ... up), the test says it is larger than
the run-to-run noise (p < alpha) and it is larger than the tolerance.

BASE and CANDIDATE are each a counter-line log of one or more runs (the output of stressnb run of a
spec with repeat: N, or logs appended one after another; each run starts with its config line), or
the JSON of stressnb analyze --format json, or a selection from a run history: FILE@N (entry N of
stressnb history FILE; negative counts from the end, FILE@-1 is the last), FILE@N..M (entries N to
M together). One of them may be - (standard input). With one run a side (or too few for the test),
there is no noise estimate: the tolerance alone decides, and the comparison says so. Repeat each side at least ${runsNeeded(DEFAULT_ALPHA)} times for the test to tell.

Options:
  --format F            text (the default); json: {metrics: [{name, base: {n, median, min, max},
                        candidate: {...}, changePct, pValue, verdict, ...}], verdict: "regression" | "ok",
                        notes, ...}; markdown: the verdict and the table (for a CI step summary).
  --max-regression P    The tolerance: a change of the median of at most P percent is within noise
                        (default ${DEFAULT_MAX_REGRESSION_PCT}%). "5%", "5" and "0" are accepted.
  --alpha A             Significance level of the test (default ${DEFAULT_ALPHA}).
  -h, --help            Show this help.

A run that did not finish, or whose counters broke integrity, is left out (and named).

Exit status: 0 no regression; 1 a regression; 2 invalid arguments, an unreadable input, or a side
with no run to compare; 3 no regression, but a run of either side did not finish.
`;

const FORMATS = ['text', 'json', 'markdown'] as const;
type CompareFormat = (typeof FORMATS)[number];

export interface CompareArgs {
  base: string;
  candidate: string;
  format: CompareFormat;
  maxRegressionPct: number;
  alpha: number;
}

export const compareCommand = defineCommand({
  name: 'compare',
  summary: 'Compare two sets of runs metric by metric: is a change more than the run-to-run noise?',
  help: HELP,
  parse: parseCompareArgs,
  execute: compareFiles,
});

export function parseCompareArgs(args: readonly string[]): CompareArgs | { error: string } {
  const files: string[] = [];
  let format: CompareFormat = 'text';
  let maxRegressionPct = DEFAULT_MAX_REGRESSION_PCT;
  let alpha = DEFAULT_ALPHA;
  const error = scanArgs(args, {
    options: {
      '--format': (value) => {
        const v = value();
        const known = FORMATS.find((f) => f === v) ?? (v === 'md' ? 'markdown' : undefined);
        if (!known) return `--format must be text, json or markdown; got ${v ?? 'nothing'}`;
        format = known;
      },
      '--max-regression': (value) => {
        const v = value();
        const m = v === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(v);
        if (!m || Number(m[1]) > 1000) return `--max-regression needs a percentage from 0 to 1000, such as 5%; got ${v ?? 'nothing'}`;
        maxRegressionPct = Number(m[1]);
      },
      '--alpha': (value) => {
        const v = value();
        const n = v === undefined || !/^\s*0?\.\d+\s*$/.test(v) ? Number.NaN : Number(v);
        if (!(n > 0 && n < 0.5)) return `--alpha needs a significance level between 0 and 0.5, such as 0.05; got ${v ?? 'nothing'}`;
        alpha = n;
      },
    },
    positional: (arg) => {
      if (files.length === 2) return `two inputs: BASE and CANDIDATE; got a third, ${arg}`;
      files.push(arg);
    },
  });
  if (error !== undefined) return { error };
  if (files.length < 2) return { error: 'what to compare? stressnb compare BASE CANDIDATE (each a log of one or more runs)' };
  if (files[0] === '-' && files[1] === '-') return { error: 'only one side can be standard input (-)' };
  return { base: files[0], candidate: files[1], format, maxRegressionPct, alpha };
}

async function compareFiles(args: CompareArgs, io: CliIo): Promise<number> {
  const sides: CompareSide[] = [];
  for (const [which, file] of [
    ['base', args.base],
    ['candidate', args.candidate],
  ] as const) {
    const side = await readCompareSide(file, io);
    if ('error' in side) {
      io.err(`stressnb compare: ${which}: ${side.error}\n`);
      return EXIT_USAGE;
    }
    for (const x of side.excluded) io.err(`stressnb compare: ${which} ${side.label}: run ${x.index} left out: ${x.reason}\n`);
    if (side.runs.length === 0) {
      io.err(`stressnb compare: ${which} ${side.label} has no run to compare\n`);
      return EXIT_USAGE;
    }
    sides.push(side);
  }
  const [base, candidate] = sides;
  const comparison = compareRuns(
    base.runs.map((r) => r.metrics),
    candidate.runs.map((r) => r.metrics),
    { alpha: args.alpha, maxRegressionPct: args.maxRegressionPct },
  );
  comparison.notes.push(
    ...configDifferenceNotes(
      base.runs.map((r) => r.config),
      candidate.runs.map((r) => r.config),
    ),
  );
  for (const side of sides) {
    for (const x of side.excluded)
      comparison.notes.push(`${side === base ? 'base' : 'candidate'} run ${x.index} was left out: ${x.reason}`);
  }
  const labels = { base: base.label, candidate: candidate.label };
  if (args.format === 'json') {
    const input = (s: CompareSide) => ({ file: s.label, runs: s.runs.map((r) => r.index), excluded: s.excluded });
    await io.out(`${JSON.stringify({ ...comparison, input: { base: input(base), candidate: input(candidate) } }, null, 2)}\n`);
  } else if (args.format === 'markdown') {
    await io.out(formatComparisonMarkdown(comparison, labels));
  } else {
    await io.out(formatComparisonText(comparison, labels));
  }
  if (comparison.verdict === 'regression') return EXIT_FAIL;
  if (sides.some((s) => s.excluded.some((x) => x.incomplete))) return EXIT_INCOMPLETE;
  return EXIT_PASS;
}
