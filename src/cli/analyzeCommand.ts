// `stressnb analyze <file | -> [--format text|json|markdown|junit] [--expect "metric op value"]... [--baseline file.json] [--strict]`:
// reads counter lines (DESIGN.md section 4) from a log file or standard input, and prints the
// run's summary, scenario checks, triage hints and thresholds. The exit status gates CI.

import { readBaselineSummary } from '../analysis/baselineSummary';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { historyEntryOf } from '../analysis/historyEntryOf';
import { appendHistory, gitHeadOf } from './historyFile';
import { analyzeSeries } from '../analysis/analyzeRun';
import { formatReportJunit, formatReportsJunit } from '../report/reportJunit';
import { formatReportMarkdown } from '../report/reportMarkdown';
import { formatReportText } from '../report/reportText';
import type { RunReport, RunSummary } from '../analysis/reportTypes';
import { aggregateMetrics, aggregateReports, exclusionReason } from '../analysis/runAggregate';
import { absoluteExpectations, evaluateSampleThresholds } from '../analysis/sampleThresholds';
import { formatAggregateMarkdown, formatAggregateText } from '../report/aggregateText';
import type { TickSeries } from '../series/seriesTypes';
import type { Expectations } from '../spec/scenarioSpec';
import { defineCommand, EXIT_FAILED, EXIT_OK, EXIT_USAGE, scanArgs } from './cliIo';
import type { CliIo } from './cliIo';
import { readLogRuns } from './readLogSeries';

const HELP = `Usage: stressnb analyze <file | -> [--format text|json|markdown|junit] [--expect "METRIC OP VALUE"]... [--baseline FILE] [--strict] [--history FILE]

Reads counter lines (logfmt or JSON lines, DESIGN.md section 4) from a log file, or from standard
input with -, and prints the run's summary, scenario checks, triage hints and threshold results.
A stream of several runs (each starts with its config line: the output of a spec with repeat: N)
is read as repeats: each run's report, then every metric's median, min-max and 95 % interval of
the median over the runs; its JSON is {runs: [<one report per run>], aggregate: {runs, passed,
metrics: {NAME: {n, median, min, max, ci95}}}, verdict, input}.
Lines that are not counter lines (a program's own log output) are skipped and counted; malformed
counter lines are reported on stderr with their line numbers.

Options:
  --format F         text (the default); json: an object with summary (its integrity included),
                     checks, hints (each with rule, partitions, from, to, message; counter-integrity
                     first), withheld, thresholds, partial, verdict and input; markdown: the verdict
                     and where to look first, then the tables (for a CI step summary, e.g.
                     >> "$GITHUB_STEP_SUMMARY"); junit: JUnit XML, one testcase per check, triage
                     rule and threshold, failing ones with the evidence.
  --expect E         A threshold such as "rejectPct < 1" or "completedPerS >= 250"; repeatable.
                     It may compare with the baseline's value of the same metric:
                     "completedPerS >= baseline - 10%", "drainS <= baseline + 2",
                     "rejectPct <= baseline" (without --baseline: not evaluated).
  --baseline FILE    A baseline to compare with: a summary, or the JSON this command printed (not
                     of a run whose counters broke integrity). A stream of several runs judges
                     the thresholds relative to it on all its runs together, against the
                     baseline's runs, with a Mann-Whitney test: a change within the run-to-run
                     noise does not fail (docs/comparison.md).
  --strict           Malformed counter lines fail the run (exit 1), and so does a threshold
                     relative to the baseline without --baseline.
  --history FILE     Append a line for the run (a stream's runs together) to this run history
                     (.stressnb/history.jsonl): verdict, metrics, seeds, the git commit of the
                     log's folder. stressnb history FILE lists them.
  -h, --help         Show this help.

Counters are checked for integrity first: one that goes down or past its bound (completed above
dispatched, ...), a negative value or a partition that does not report is the hint
counter-integrity, and whatever reads that counter is withheld.

Exit status: 0 no triage hint, no failed check, every threshold passed; 1 a check failed (a red
flag, or a steady control that does not keep up with its load), a hint fired (counter-integrity
included) or a threshold failed (relative ones included); 2 invalid arguments, unreadable input or
baseline, or no counter line at all.
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
  baseline?: string;
  strict: boolean;
  history?: string;
}

export function parseAnalyzeArgs(args: readonly string[]): AnalyzeArgs | { error: string } {
  let file: string | undefined;
  let format: AnalyzeArgs['format'] = 'text';
  const expect: Expectations = {};
  let baseline: string | undefined;
  let strict = false;
  let history: string | undefined;
  const error = scanArgs(args, {
    options: {
      '--history': (value) => {
        history = value();
        return history === undefined ? '--history needs a file, such as .stressnb/history.jsonl' : undefined;
      },
      '--format': (value) => {
        const v = value();
        const known = ANALYZE_FORMATS.find((f) => f === v) ?? (v === 'md' ? 'markdown' : undefined);
        if (!known) return `--format must be text, json, markdown or junit; got ${v ?? 'nothing'}`;
        format = known;
      },
      '--expect': (value) => {
        const v = value();
        const m = v === undefined ? null : /^\s*([A-Za-z][A-Za-z0-9]*)\s*(.+)$/.exec(v);
        if (!m) return `--expect needs a metric and a comparison, such as "rejectPct < 1"; got ${v ?? 'nothing'}`;
        expect[m[1]] = m[2].trim();
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
  return { file, format, expect, strict, ...(baseline !== undefined ? { baseline } : {}), ...(history !== undefined ? { history } : {}) };
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
  const series = input.runs[0];
  for (const p of stats.errors.slice(0, MAX_PRINTED_PROBLEMS)) io.err(`${name}:${p.line}: error: ${p.message}\n`);
  if (stats.errorCount > MAX_PRINTED_PROBLEMS)
    io.err(`${name}: ${stats.errorCount - MAX_PRINTED_PROBLEMS} more malformed lines not shown\n`);
  for (const p of stats.warnings.slice(0, MAX_PRINTED_PROBLEMS)) io.err(`${name}:${p.line}: warning: ${p.message}\n`);
  if (stats.ticks === 0) {
    io.err(
      `stressnb analyze: no counter lines in ${name} (${stats.lines} lines read, ${stats.foreignLines} not counter lines, ${stats.errorCount} malformed)\n`,
    );
    return EXIT_USAGE;
  }

  const analyze = (run: TickSeries) =>
    analyzeSeries(run, { expect: args.expect, requireBaseline: args.strict, ...(baseline ? { baseline } : {}) });
  const inputFacts = {
    lines: stats.lines,
    counterLines: stats.counterLines,
    ticks: stats.ticks,
    foreignLines: stats.foreignLines,
    malformedLines: stats.errorCount,
    carriedForward: stats.carriedForward,
    errors: stats.errors,
    warnings: stats.warnings,
  };
  const inputLine =
    `${stats.lines} lines, ${stats.counterLines} counter lines in ${stats.ticks} ticks, ${stats.foreignLines} other lines skipped` +
    `${stats.errorCount > 0 ? `, ${stats.errorCount} malformed (see stderr)` : ''}` +
    `${stats.carriedForward > 0 ? `, ${stats.carriedForward} missing partition lines carried forward` : ''}`;
  if (input.runs.length > 1) {
    // Several runs (each started by its config line): the repeats of one spec, reported one by one and then together.
    // Thresholds against the baseline are judged on all the runs together, against the noise (sampleThresholds.ts).
    const reports = input.runs.map((run) =>
      analyzeSeries(run, { expect: absoluteExpectations(args.expect), ...(baseline ? { baseline } : {}) }),
    );
    const sampled = reports.filter((r) => exclusionReason(r) === undefined).map((r) => r.summary.metrics);
    const thresholds = evaluateSampleThresholds(args.expect, sampled, baselineRuns ?? (baseline ? [baseline.metrics] : undefined)).map(
      (t) =>
        args.strict && t.status === 'not evaluated'
          ? {
              ...t,
              status: 'error' as const,
              message: `${t.metric} ${t.expected} compares with the baseline, and there is none (pass --baseline FILE)`,
            }
          : t,
    );
    const aggregate = { ...aggregateReports(reports), ...(thresholds.length > 0 ? { thresholds } : {}) };
    const thresholdsFailed = thresholds.some((t) => t.status === 'fail' || t.status === 'error');
    const verdict = reports.every((r) => r.verdict === 'pass') && !thresholdsFailed ? 'pass' : 'fail';
    const count = reports.length;
    if (args.format === 'json') {
      await io.out(`${JSON.stringify({ runs: reports, aggregate, verdict, input: inputFacts }, null, 2)}\n`);
    } else if (args.format === 'junit') {
      await io.out(formatReportsJunit(reports, { name: `stressnb analyze ${name}` }));
    } else if (args.format === 'markdown') {
      const runs = reports.map((r, i) => `## Run ${i + 1} of ${count}${seedOf(r)}\n\n${formatReportMarkdown(r)}`);
      await io.out(
        `## Repeats: ${count} runs\n\n${formatAggregateMarkdown(aggregate)}\n${runs.join('\n')}\n*Input: ${name}, ${inputLine}.*\n`,
      );
    } else {
      for (const [i, r] of reports.entries()) await io.out(`── Run ${i + 1} of ${count}${seedOf(r)} ──\n${formatReportText(r)}\n`);
      await io.out(formatAggregateText(aggregate));
      await io.out(`\nInput: ${inputLine}\n`);
    }
    const recorded = await recordHistory(
      args,
      name,
      reports.map((report, i) => ({ report, series: input.runs[i] })),
      verdict,
      io,
    );
    if (verdict === 'fail') return EXIT_FAILED;
    if (args.strict && stats.errorCount > 0) return EXIT_FAILED;
    return recorded ? EXIT_OK : EXIT_USAGE;
  }
  const report = analyze(series);
  const recorded = await recordHistory(args, name, [{ report, series }], undefined, io);
  if (args.format === 'json') {
    await io.out(`${JSON.stringify({ ...report, input: inputFacts }, null, 2)}\n`);
  } else if (args.format === 'junit') {
    await io.out(formatReportJunit(report, { name: `stressnb analyze ${name}` }));
  } else if (args.format === 'markdown') {
    await io.out(`${formatReportMarkdown(report)}\n*Input: ${name}, ${inputLine}.*\n`);
  } else {
    await io.out(formatReportText(report));
    await io.out(`\nInput: ${inputLine}\n`);
  }
  if (report.verdict === 'fail') return EXIT_FAILED;
  if (args.strict && stats.errorCount > 0) return EXIT_FAILED;
  return recorded ? EXIT_OK : EXIT_USAGE;
}

/** Appends the analysed runs to --history; false (said on stderr) when it cannot. */
async function recordHistory(
  args: AnalyzeArgs,
  name: string,
  runs: { report: RunReport; series: TickSeries }[],
  verdict: 'pass' | 'fail' | undefined,
  io: CliIo,
): Promise<boolean> {
  if (args.history === undefined) return true;
  const git = await gitHeadOf(args.file === '-' ? '.' : dirname(args.file));
  const partial = runs.some((r) => r.report.partial);
  const entry = historyEntryOf(runs, {
    time: new Date(),
    source: 'cli',
    file: name,
    ...(git ? { git } : {}),
    ...(verdict ? { verdict: partial ? 'incomplete' : verdict } : {}),
  });
  const failed = appendHistory(args.history, entry);
  if (failed) io.err(`stressnb analyze: ${failed.error}\n`);
  return failed === undefined;
}

/** " (seed 3)" when the run's config names its seed. */
function seedOf(report: RunReport): string {
  const seed = report.summary.config.seed;
  return seed !== undefined ? ` (seed ${seed})` : '';
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
