// `stressnb analyze <file | -> [--format text|json|markdown|junit] [--expect "metric op value"]... [--scenario NAME] [--baseline file.json] [--strict]`:
// reads counter lines (DESIGN.md section 4) from a log file or standard input, and prints each
// run's summary, scenario checks, triage hints and thresholds, judged by what the stream carries
// (its config lines' scenario and thresholds) and what the options add. The exit status gates CI.

import { readBaselineSummary } from '../analysis/baselineSummary';
import { readFile } from 'node:fs/promises';
import { analyzeSeries } from '../analysis/analyzeRun';
import { formatRunsJunit } from '../report/reportJunit';
import type { RunSummary } from '../analysis/reportTypes';
import { formatRunsMarkdown, formatRunsText, type JudgedRun } from '../report/runsReport';
import { combinedVerdict } from '../analysis/verdicts';
import type { CounterLineParserStats } from '../format/counterLineParser';
import type { Expectations, ScenarioName } from '../spec/scenarioSpec';
import { defineCommand, scanArgs } from './cliIo';
import type { CliIo } from './cliIo';
import { EXIT_FAIL, EXIT_USAGE } from './exitCodes';
import { readExpectOption, readScenarioOption } from './judgeOptions';
import { readLogRuns, type LogRun } from './readLogRuns';
import { exitStatusOf } from './verdictExit';

const HELP = `Usage: stressnb analyze <file | -> [--format text|json|markdown|junit] [--expect "METRIC OP VALUE"]... [--scenario NAME] [--baseline FILE] [--strict]

Reads counter lines (logfmt or JSON lines, DESIGN.md section 4) from a log file, or from standard
input with -, and prints each run's summary, scenario checks, triage hints and threshold results.
A stream may hold several runs (stressnb run notebook.stressnb prints one per cell): each config
line starts a run, each is judged on its own, and an overall verdict comes first. A run is judged
by the scenario and the thresholds its config line carries (stressnb run writes them there), so
stressnb run spec.yaml | stressnb analyze - judges what stressnb run judged.
Lines that are not counter lines (a program's own log output, a logger's prefix) are skipped and
counted; malformed counter lines are reported on stderr with their line numbers.

Options:
  --format F         text (the default); json: an object with summary (its integrity included),
                     checks, hints (each with rule, partitions, from, to, message; counter-integrity
                     first), withheld, thresholds, partial, incomplete, verdict and input, or for
                     several runs {"runs": [...], "verdict": ...}; markdown: the verdict and where to
                     look first, then the tables (for a CI job summary: >> "$GITHUB_STEP_SUMMARY");
                     junit: JUnit XML, a testsuite per run, a testcase per check, triage rule and
                     threshold, failing ones with the evidence.
  --expect E         A threshold such as "rejectPct < 1" or "completedPerS >= 250", added to the
                     stream's own (and replacing its threshold on the same metric); repeatable. It
                     may compare with the baseline's value of the same metric:
                     "completedPerS >= baseline - 10%", "drainS <= baseline + 2",
                     "rejectPct <= baseline" (without --baseline: not evaluated).
  --scenario NAME    Judge every run with the checks of this scenario (hot-family,
                     uncorrelated-burst, small-ring-burst, steady, custom) instead of the one its
                     config line names.
  --baseline FILE    A baseline to compare with: a summary, or the JSON this command printed (not
                     of a run whose counters broke integrity).
  --strict           Malformed counter lines fail the run (exit 1), and so does a threshold
                     relative to the baseline without --baseline.
  -h, --help         Show this help.

Counters are checked for integrity first: one that goes down or past its bound (completed above
dispatched, ...), a negative value or a partition that does not report is the hint
counter-integrity, and whatever reads that counter is withheld.

A run is incomplete when it has no end (no phase=done line: a cut log, a run still going), its
source failed (reason=source-failed), it was interrupted, or ticks are missing. An incomplete run
is never a pass.

Exit status: 0 every run passed; 1 a run failed: a check failed (a red flag, or a steady control
that does not keep up with its load), a hint fired (counter-integrity included) or a threshold
failed (relative ones included); 3 a run is incomplete (and none failed); 2 invalid arguments,
unreadable input or baseline, or no counter line at all. The same whatever the format, and when
the reader of stdout goes away.
`;

/** How many malformed lines are printed to stderr (all of them are in the JSON). */
const MAX_PRINTED_PROBLEMS = 20;

export const analyzeCommand = defineCommand({
  name: 'analyze',
  summary: 'Analyse counter lines from a log file or stdin: summary, checks, triage hints, thresholds',
  help: HELP,
  parse: parseAnalyzeArgs,
  execute: analyzeLog,
});

const ANALYZE_FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
type AnalyzeFormat = (typeof ANALYZE_FORMATS)[number];

export interface AnalyzeArgs {
  file: string;
  format: AnalyzeFormat;
  expect: Expectations;
  scenario?: ScenarioName;
  baseline?: string;
  strict: boolean;
}

export function parseAnalyzeArgs(args: readonly string[]): AnalyzeArgs | { error: string } {
  let file: string | undefined;
  let format: AnalyzeArgs['format'] = 'text';
  const expect: Expectations = {};
  let scenario: ScenarioName | undefined;
  let baseline: string | undefined;
  let strict = false;
  const error = scanArgs(args, {
    options: {
      '--format': (value) => {
        const v = value();
        const known = ANALYZE_FORMATS.find((f) => f === v) ?? (v === 'md' ? 'markdown' : undefined);
        if (!known) return `--format must be text, json, markdown or junit; got ${v ?? 'nothing'}`;
        format = known;
      },
      '--expect': (value) => readExpectOption(value(), expect),
      '--scenario': (value) => {
        const read = readScenarioOption(value());
        if ('error' in read) return read.error;
        scenario = read.scenario;
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
      if (file !== undefined) return `one input at a time; got ${file} and ${arg}`;
      file = arg;
    },
  });
  if (error !== undefined) return { error };
  if (file === undefined) return { error: 'which log? stressnb analyze <file | -> (- reads standard input)' };
  return { file, format, expect, strict, ...(scenario ? { scenario } : {}), ...(baseline !== undefined ? { baseline } : {}) };
}

async function analyzeLog(args: AnalyzeArgs, io: CliIo): Promise<number> {
  let baseline: RunSummary | undefined;
  if (args.baseline !== undefined) {
    const read = await readBaselineFile(args.baseline);
    if ('error' in read) {
      io.err(`stressnb analyze: ${read.error}\n`);
      return EXIT_USAGE;
    }
    baseline = read.summary;
  }

  const name = args.file === '-' ? '<stdin>' : args.file;
  const input = await readLogRuns(args.file, io);
  if ('error' in input) {
    io.err(`stressnb analyze: cannot read ${name}: ${input.error}\n`);
    return EXIT_USAGE;
  }
  const { stats } = input;
  for (const p of stats.errors.slice(0, MAX_PRINTED_PROBLEMS)) io.err(`${name}:${p.line}: error: ${p.message}\n`);
  if (stats.errorCount > MAX_PRINTED_PROBLEMS)
    io.err(`${name}: ${stats.errorCount - MAX_PRINTED_PROBLEMS} more malformed lines not shown\n`);
  for (const p of stats.warnings.slice(0, MAX_PRINTED_PROBLEMS)) io.err(`${name}:${p.line}: warning: ${p.message}\n`);
  if (stats.ticks === 0) {
    io.err(noCounterLines(name, stats));
    return EXIT_USAGE;
  }

  const several = input.runs.length > 1;
  const judged = input.runs.map((run, i) => {
    if (args.scenario) run.series.config = { ...run.series.config, scenario: args.scenario };
    const report = analyzeSeries(run.series, { expect: args.expect, requireBaseline: args.strict, ...(baseline ? { baseline } : {}) });
    const label = several ? `run ${i + 1} (lines ${run.firstLine}–${run.lastLine})` : name;
    return { run, report, label };
  });
  const runs: JudgedRun[] = judged.map(({ run, report, label }) => ({
    report,
    label,
    input: `Input: ${several ? `lines ${run.firstLine}–${run.lastLine} of ${name}` : name}, ${inputLine(run.stats)}.`,
  }));
  if (args.format === 'json') {
    const reports = judged.map(({ run, report }) => ({ ...report, input: inputFacts(run) }));
    const json = several ? { runs: reports, verdict: combinedVerdict(reports.map((r) => r.verdict)) } : reports[0];
    await io.out(`${JSON.stringify(json, null, 2)}\n`);
  } else if (args.format === 'junit') {
    await io.out(
      formatRunsJunit(
        runs.map((r) => ({ report: r.report, ...(several ? { label: r.label } : {}) })),
        { name: `stressnb analyze ${name}` },
      ),
    );
  } else if (args.format === 'markdown') {
    await io.out(formatRunsMarkdown(runs));
  } else {
    await io.out(formatRunsText(runs));
  }
  const verdict = combinedVerdict(judged.map((j) => j.report.verdict));
  if (verdict === 'pass' && args.strict && stats.errorCount > 0) return EXIT_FAIL;
  return exitStatusOf(verdict);
}

function inputLine(stats: LogRun['stats']): string {
  return (
    `${stats.lines} lines, ${stats.counterLines} counter lines in ${stats.ticks} ticks, ${stats.foreignLines} other lines skipped` +
    `${stats.errorCount > 0 ? `, ${stats.errorCount} malformed (see stderr)` : ''}` +
    `${stats.carriedForward > 0 ? `, ${stats.carriedForward} missing partition lines carried forward` : ''}`
  );
}

function inputFacts(run: LogRun): Record<string, unknown> {
  const s = run.stats;
  return {
    firstLine: run.firstLine,
    lastLine: run.lastLine,
    lines: s.lines,
    counterLines: s.counterLines,
    ticks: s.ticks,
    foreignLines: s.foreignLines,
    malformedLines: s.errorCount,
    carriedForward: s.carriedForward,
    errors: s.errors,
    warnings: s.warnings,
  };
}

/** Why a log gave nothing to analyse: what was read, what a counter line looks like, and the line that came closest. */
function noCounterLines(name: string, stats: CounterLineParserStats): string {
  const read = `${stats.lines} line${stats.lines === 1 ? '' : 's'} read, ${stats.foreignLines} not counter lines, ${stats.errorCount} malformed`;
  const expected =
    'expected partition lines such as "t=3.500 partition=0 tasksIn=1234 dispatched=1200 completed=1180 rejectsBusy=0 enqueuedDueToBusy=300 maxPendingDepthObserved=300 readyFamiliesCount=0 inFlightFamiliesCount=1" ' +
    '(logfmt keys in any order, after any prefix; or JSON objects with the same keys; docs/analysis.md)';
  const closest = stats.closest
    ? `the closest was line ${stats.closest.line} (${stats.closest.message}): ${stats.closest.text}`
    : stats.errorCount > 0
      ? 'every line that looked like one was malformed (see above)'
      : 'no line names a partition or a counter';
  return `stressnb analyze: no counter lines in ${name} (${read})\n  ${expected}\n  ${closest}\n`;
}

/** Reads a baseline file given to --baseline: a run summary or the JSON of `stressnb analyze --format json`. */
export async function readBaselineFile(file: string): Promise<{ summary: RunSummary } | { error: string }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message;
    return { error: `cannot read the baseline ${file}: ${why}` };
  }
  const read = readBaselineSummary(value);
  return read.ok ? { summary: read.summary } : { error: `${file} is not a baseline: ${read.reason}` };
}
