// `stressnb analyze <file | -> [--format text|json|markdown|junit] [--expect "metric op value"]... [--scenario NAME] [--baseline file.json] [--strict]`:
// reads counter lines (DESIGN.md section 4) from a log file or standard input, and prints each
// run's summary, scenario checks, triage hints and thresholds, judged by what the stream carries
// (its config lines' scenario and thresholds) and what the options add. The exit status gates CI.

import { readBaselineSummary } from '../analysis/baselineSummary';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { historyEntryOf } from '../analysis/historyEntryOf';
import { appendHistory, gitHeadOf } from './historyFile';
import { analyzeSeries } from '../analysis/analyzeRun';
import { formatRunsJunit } from '../report/reportJunit';
import type { RunReport, RunSummary, RunVerdict } from '../analysis/reportTypes';
import { aggregateMetrics, aggregateReports, areRepeats, exclusionReason, type RunAggregate } from '../analysis/runAggregate';
import { absoluteExpectations, evaluateSampleThresholds } from '../analysis/sampleThresholds';
import type { TickSeries } from '../series/seriesTypes';
import { formatRunsMarkdown, formatRunsText, overallVerdict, type JudgedRun } from '../report/runsReport';
import type { CounterLineParserStats } from '../format/counterLineParser';
import type { Expectations, ScenarioName } from '../spec/scenarioSpec';
import { defineCommand, scanArgs, historyOption } from './cliIo';
import type { CliIo } from './cliIo';
import { EXIT_FAIL, EXIT_USAGE } from './exitCodes';
import { readExpectOption, readScenarioOption } from './judgeOptions';
import { readLogRuns, type LogRun } from './readLogRuns';
import { exitStatusOf } from './verdictExit';

const HELP = `Usage: stressnb analyze <file | -> [--format text|json|markdown|junit] [--expect "METRIC OP VALUE"]... [--scenario NAME] [--baseline FILE] [--strict] [--history FILE]

Reads counter lines (logfmt or JSON lines, DESIGN.md section 4) from a log file, or from standard
input with -, and prints each run's summary, scenario checks, triage hints and threshold results.
A stream may hold several runs (stressnb run notebook.stressnb prints one per cell): each config
line starts a run, each is judged on its own, and an overall verdict comes first. Runs of one spec
that differ only in their seed (the output of a spec with repeat: N) are repeats: after the runs
come every metric's median, min-max and 95 % interval of the median over them, and thresholds
relative to the baseline are judged on all of them together. A run is judged
by the scenario and the thresholds its config line carries (stressnb run writes them there), so
stressnb run spec.yaml | stressnb analyze - judges what stressnb run judged.
Lines that are not counter lines (a program's own log output, a logger's prefix) are skipped and
counted; malformed counter lines are reported on stderr with their line numbers.

Options:
  --format F         text (the default); json: an object with summary (its integrity included),
                     checks, hints (each with rule, partitions, from, to, message; counter-integrity
                     first), withheld, thresholds, partial, incomplete, verdict and input, or for
                     several runs {"runs": [...], "verdict": ...} and, for repeats, "aggregate":
                     {runs, passed, metrics: {NAME: {n, median, min, max, ci95}}}; markdown: the verdict and where to
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
                     of a run whose counters broke integrity). Repeats judge the thresholds
                     relative to it on all their runs together, against the baseline's runs, with
                     a Mann-Whitney test: a change within the run-to-run noise does not fail
                     (docs/comparison.md).
  --strict           Malformed counter lines fail the run (exit 1), and so does a threshold
                     relative to the baseline without --baseline.
  --history FILE     Append a line for the analysis (a stream's runs together) to this run history
                     (.stressnb/history.jsonl): verdict, metrics, seeds, the git commit of the
                     log's folder. stressnb history FILE lists them.
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
  history?: string;
}

export function parseAnalyzeArgs(args: readonly string[]): AnalyzeArgs | { error: string } {
  let file: string | undefined;
  let format: AnalyzeArgs['format'] = 'text';
  const expect: Expectations = {};
  let scenario: ScenarioName | undefined;
  let baseline: string | undefined;
  let strict = false;
  let history: string | undefined;
  const error = scanArgs(args, {
    options: {
      '--history': historyOption((file) => (history = file)),
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
  return {
    file,
    format,
    expect,
    strict,
    ...(scenario ? { scenario } : {}),
    ...(baseline !== undefined ? { baseline } : {}),
    ...(history !== undefined ? { history } : {}),
  };
}

async function analyzeLog(args: AnalyzeArgs, io: CliIo): Promise<number> {
  let baseline: RunSummary | undefined;
  let baselineRuns: Record<string, number>[] | undefined;
  if (args.baseline !== undefined) {
    const read = await readBaselineFile(args.baseline);
    if ('error' in read) {
      io.err(`stressnb analyze: ${read.error}\n`);
      return EXIT_USAGE;
    }
    baseline = read.summary;
    baselineRuns = read.runs;
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
  for (const run of input.runs) if (args.scenario) run.series.config = { ...run.series.config, scenario: args.scenario };
  // Repeats of one spec judge their thresholds relative to the baseline on all their runs together
  // (sampleThresholds.ts); each run is judged by its absolute thresholds alone.
  const repeats = several && areRepeats(input.runs.map((run) => run.series));
  const expectOf = (series: TickSeries): Expectations => ({ ...series.expect, ...args.expect });
  const judged = input.runs.map((run, i) => {
    const series = repeats ? { ...run.series, expect: absoluteExpectations(expectOf(run.series)) } : run.series;
    const report = analyzeSeries(series, {
      expect: repeats ? {} : args.expect,
      requireBaseline: args.strict,
      ...(baseline ? { baseline } : {}),
    });
    const label = several ? `run ${i + 1} (lines ${run.firstLine}–${run.lastLine})` : name;
    return { run, report, label };
  });
  const reports = judged.map((j) => j.report);
  const aggregate = repeats
    ? aggregateOf(reports, expectOf(input.runs[0].series), baselineRuns ?? (baseline ? [baseline.metrics] : undefined), args.strict)
    : undefined;
  const runs: JudgedRun[] = judged.map(({ run, report, label }) => ({
    report,
    label,
    input: `Input: ${several ? `lines ${run.firstLine}–${run.lastLine} of ${name}` : name}, ${inputLine(run.stats)}.`,
  }));
  const verdict = overallVerdict(runs, aggregate);
  if (args.format === 'json') {
    const withInput = judged.map(({ run, report }) => ({ ...report, input: inputFacts(run) }));
    const json = several ? { runs: withInput, ...(aggregate ? { aggregate } : {}), verdict } : withInput[0];
    await io.out(`${JSON.stringify(json, null, 2)}\n`);
  } else if (args.format === 'junit') {
    await io.out(
      formatRunsJunit(
        runs.map((r) => ({ report: r.report, ...(several ? { label: r.label } : {}) })),
        { name: `stressnb analyze ${name}` },
      ),
    );
  } else if (args.format === 'markdown') {
    await io.out(formatRunsMarkdown(runs, aggregate));
  } else {
    await io.out(formatRunsText(runs, aggregate));
  }
  const recorded = await recordHistory(
    args,
    name,
    judged.map(({ run, report }) => ({ report, series: run.series })),
    verdict,
    io,
  );
  if (verdict === 'pass' && args.strict && stats.errorCount > 0) return EXIT_FAIL;
  if (verdict === 'pass' && !recorded) return EXIT_USAGE;
  return exitStatusOf(verdict);
}

/** The repeats together: their metrics' spread, and the thresholds relative to the baseline judged on all of them. */
function aggregateOf(
  reports: readonly RunReport[],
  expect: Expectations,
  baselineRuns: readonly Record<string, number>[] | undefined,
  strict: boolean,
): RunAggregate {
  const sampled = reports.filter((r) => exclusionReason(r) === undefined).map((r) => r.summary.metrics);
  const thresholds = evaluateSampleThresholds(expect, sampled, baselineRuns).map((t) =>
    strict && t.status === 'not evaluated'
      ? {
          ...t,
          status: 'error' as const,
          message: `${t.metric} ${t.expected} compares with the baseline, and there is none (pass --baseline FILE)`,
        }
      : t,
  );
  return { ...aggregateReports(reports), ...(thresholds.length > 0 ? { thresholds } : {}) };
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

/** Appends the analysed runs to --history; false (said on stderr) when it cannot. */
async function recordHistory(
  args: AnalyzeArgs,
  name: string,
  runs: { report: RunReport; series: TickSeries }[],
  verdict: RunVerdict,
  io: CliIo,
): Promise<boolean> {
  if (args.history === undefined) return true;
  const git = await gitHeadOf(args.file === '-' ? '.' : dirname(args.file));
  const entry = historyEntryOf(runs, { time: new Date(), source: 'cli', file: name, ...(git ? { git } : {}), verdict });
  const failed = appendHistory(args.history, entry);
  if (failed) io.err(`stressnb analyze: ${failed.error}\n`);
  return failed === undefined;
}

/**
 * Reads a baseline file given to --baseline: a run summary or the JSON of `stressnb analyze
 * --format json`; of a stream of several runs, every sound run's metrics (`runs`) and a summary
 * whose metrics are their medians.
 */
export async function readBaselineFile(
  file: string,
): Promise<{ summary: RunSummary; runs?: Record<string, number>[] } | { error: string }> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message;
    return { error: `cannot read the baseline ${file}: ${why}` };
  }
  const many =
    typeof value === 'object' && value !== null && Array.isArray((value as { runs?: unknown }).runs)
      ? (value as { runs: unknown[] }).runs
      : undefined;
  if (many) {
    const sound = many
      .map((run) => readBaselineSummary(run))
      .filter((r): r is { ok: true; summary: RunSummary } => r.ok && !r.summary.partial);
    if (sound.length === 0)
      return { error: `${file} is not a baseline: none of its ${many.length} runs is a finished run with sound counters` };
    const runs = sound.map((r) => r.summary.metrics);
    const medians = Object.fromEntries(Object.entries(aggregateMetrics(runs)).map(([name, m]) => [name, m.median]));
    return { summary: { ...sound[0].summary, metrics: medians }, runs };
  }
  const read = readBaselineSummary(value);
  return read.ok ? { summary: read.summary } : { error: `${file} is not a baseline: ${read.reason}` };
}
