// `stressnb analyze <file | -> [--format text|json|markdown|junit] [--expect "metric op value"]... [--baseline file.json] [--strict]`:
// reads counter lines (DESIGN.md section 4) from a log file or standard input, and prints the
// run's summary, scenario checks, triage hints and thresholds. The exit status gates CI.

import { readBaselineSummary } from '../analysis/baselineSummary';
import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAscii } from 'node:buffer';
import { analyzeSeries } from '../analysis/analyzeRun';
import { TickSeriesBuilder } from '../analysis/tickSeries';
import type { TickSeries } from '../analysis/tickSeries';
import { CounterLineParser } from '../format/counterLineParser';
import type { CounterLineParserStats } from '../format/counterLineParser';
import { formatReportJunit } from '../analysis/reportJunit';
import { formatReportMarkdown } from '../analysis/reportMarkdown';
import { formatReportText } from '../analysis/reportText';
import type { RunSummary } from '../analysis/reportTypes';
import type { RunEvent } from '../format/runEvents';
import type { Expectations } from '../spec/scenarioSpec';
import { defineCommand, EXIT_FAILED, EXIT_OK, EXIT_USAGE, scanArgs } from './cliIo';
import type { CliIo } from './cliIo';

const HELP = `Usage: stressnb analyze <file | -> [--format text|json|markdown|junit] [--expect "METRIC OP VALUE"]... [--baseline FILE] [--strict]

Reads counter lines (logfmt or JSON lines, DESIGN.md section 4) from a log file, or from standard
input with -, and prints the run's summary, scenario checks, triage hints and threshold results.
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
                     of a run whose counters broke integrity).
  --strict           Malformed counter lines fail the run (exit 1), and so does a threshold
                     relative to the baseline without --baseline.
  -h, --help         Show this help.

Counters are checked for integrity first: one that goes down or past its bound (completed above
dispatched, ...), a negative value or a partition that does not report is the hint
counter-integrity, and whatever reads that counter is withheld.

Exit status: 0 no triage hint, no failed check, every threshold passed; 1 a check failed (a red
flag, or a steady control that does not keep up with its load), a hint fired (counter-integrity
included) or a threshold failed (relative ones included); 2 invalid arguments, unreadable input or
baseline, or no counter line at all.
`;

/** Bytes read at a time from a log file. */
const READ_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

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
}

export function parseAnalyzeArgs(args: readonly string[]): AnalyzeArgs | { error: string } {
  let file: string | undefined;
  let format: AnalyzeArgs['format'] = 'text';
  const expect: Expectations = {};
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
  return { file, format, expect, strict, ...(baseline !== undefined ? { baseline } : {}) };
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
  const input = await readSeries(args.file, io);
  if ('error' in input) {
    io.err(`stressnb analyze: cannot read ${name}: ${input.error}\n`);
    return EXIT_USAGE;
  }
  const { series, stats } = input;
  for (const p of stats.errors.slice(0, MAX_PRINTED_PROBLEMS)) io.err(`${name}:${p.line}: error: ${p.message}\n`);
  if (stats.errorCount > MAX_PRINTED_PROBLEMS) io.err(`${name}: ${stats.errorCount - MAX_PRINTED_PROBLEMS} more malformed lines not shown\n`);
  for (const p of stats.warnings.slice(0, MAX_PRINTED_PROBLEMS)) io.err(`${name}:${p.line}: warning: ${p.message}\n`);
  if (stats.ticks === 0) {
    io.err(`stressnb analyze: no counter lines in ${name} (${stats.lines} lines read, ${stats.foreignLines} not counter lines, ${stats.errorCount} malformed)\n`);
    return EXIT_USAGE;
  }

  const report = analyzeSeries(series, { expect: args.expect, requireBaseline: args.strict, ...(baseline ? { baseline } : {}) });
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
  return EXIT_OK;
}

/**
 * Streams the input through the parser line by line into the tick series: a log of any length is
 * read in large chunks and never kept, events included (the series keeps its counters compressed).
 */
async function readSeries(file: string, io: CliIo): Promise<{ series: TickSeries; stats: CounterLineParserStats } | { error: string }> {
  const parser = new CounterLineParser();
  const builder = new TickSeriesBuilder();
  let rest = '';
  const take = (events: RunEvent[]): void => {
    for (let i = 0; i < events.length; i++) builder.push(events[i]);
  };
  const feed = (text: string): void => {
    let from = 0;
    let nl = text.indexOf('\n');
    if (nl >= 0 && rest !== '') {
      take(parser.push(rest + text.slice(0, nl)));
      rest = '';
      from = nl + 1;
      nl = text.indexOf('\n', from);
    }
    while (nl >= 0) {
      take(parser.push(text.slice(from, nl)));
      from = nl + 1;
      nl = text.indexOf('\n', from);
    }
    rest += text.slice(from);
  };
  // Lines are read straight from the chunk's bytes: the plain partition lines (nearly all of a
  // long log) without any string; the others are decoded one by one (latin1 when all ASCII: the
  // same text, faster) and read as text. Only the bytes after a chunk's last line break wait for
  // the next chunk (a line break is never inside a UTF-8 sequence).
  const out: RunEvent[] = [];
  const pushLine = (bytes: Buffer, from: number, to: number): void => {
    if (!parser.pushBytes(bytes, from, to, out)) {
      const line = bytes.subarray(from, to);
      parser.pushInto(line.toString(isAscii(line) ? 'latin1' : 'utf8'), out);
    }
    if (out.length > 0) {
      take(out);
      out.length = 0;
    }
  };
  let carry: Buffer | undefined;
  const feedBytes = (chunk: Buffer): void => {
    let from = 0;
    if (carry) {
      const firstNl = chunk.indexOf(NEWLINE);
      if (firstNl < 0) {
        carry = Buffer.concat([carry, chunk]);
        return;
      }
      const line = Buffer.concat([carry, chunk.subarray(0, firstNl)]);
      carry = undefined;
      pushLine(line, 0, line.length);
      from = firstNl + 1;
    }
    let nl = chunk.indexOf(NEWLINE, from);
    while (nl >= 0) {
      pushLine(chunk, from, nl);
      from = nl + 1;
      nl = chunk.indexOf(NEWLINE, from);
    }
    if (from < chunk.length) carry = Buffer.from(chunk.subarray(from));
  };
  try {
    if (file === '-') {
      for await (const chunk of (io.stdin ?? process.stdin) as AsyncIterable<string | Buffer>) {
        if (typeof chunk === 'string') feed(chunk);
        else feedBytes(chunk);
      }
    } else {
      // A file is read into one reused buffer (no new buffer, no stream machinery per chunk).
      const fd = openSync(file, 'r');
      try {
        const buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES);
        let n: number;
        while ((n = readSync(fd, buffer, 0, buffer.length, null)) > 0) feedBytes(n === buffer.length ? buffer : buffer.subarray(0, n));
      } finally {
        closeSync(fd);
      }
    }
    if (rest !== '') {
      take(parser.push(rest)); // a last line without a newline (maybe cut)
      rest = '';
    }
    if (carry) pushLine(carry, 0, carry.length); // the same, from bytes
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { error: e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message };
  }
  take(parser.end());
  return { series: builder.series, stats: parser.stats };
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
