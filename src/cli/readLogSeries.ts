// Reads a counter-line log (a file, or standard input as `-`) into a tick series, streaming: a
// log of any length is read in large chunks and never kept, events included (the series keeps
// its counters compressed). A large file is read on two threads (src/sources/logFileSplit.ts).

import { isAscii } from 'node:buffer';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { TickSeriesBuilder } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';
import { CounterLineParser, type CounterLineParserStats } from '../format/counterLineParser';
import { countersAt } from '../format/counterLineBytes';
import type { RunEvent } from '../format/runEvents';
import { RunSplitter } from '../format/runSplitter';
import { splitLogFile } from '../sources/logFileSplit';
import { ROW_COUNTERS, ROW_PARTITION, ROW_T } from '../sources/logSplitProtocol';
import type { CliIo } from './cliIo';

/** Bytes read at a time from a log file. */
const READ_CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
/** Files at least this large are read on two threads: below it, starting the thread costs more than it saves. */
export const THREAD_FROM_BYTES = 32 * 1024 * 1024;

export interface ReadLogOptions {
  /** Read a file on two threads from this size (default THREAD_FROM_BYTES; 0: always, Infinity: never). */
  threadFromBytes?: number;
}

/** A line that is not a plain partition line, as text: latin1 when all ASCII (the same text, faster). */
function textOf(line: Uint8Array): string {
  return Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString(isAscii(line) ? 'latin1' : 'utf8');
}

/**
 * Streams the input through the parser line by line into the tick series: a log of any length is
 * read in large chunks and never kept, events included (the series keeps its counters compressed).
 */
export async function readLogSeries(
  file: string,
  io: CliIo,
  options: ReadLogOptions = {},
): Promise<{ series: TickSeries; stats: CounterLineParserStats } | { error: string }> {
  const builder = new TickSeriesBuilder();
  const read = await readLogEvents(file, io, (event) => builder.push(event), options);
  return 'error' in read ? read : { series: builder.series, stats: read.stats };
}

/**
 * The runs of a stream that may hold several (each starts with its config line, runSplitter.ts),
 * each as its own tick series, in the order they appear.
 */
export async function readLogRuns(
  file: string,
  io: CliIo,
  options: ReadLogOptions = {},
): Promise<{ runs: TickSeries[]; stats: CounterLineParserStats } | { error: string }> {
  const splitter = new RunSplitter();
  const builders: TickSeriesBuilder[] = [];
  const read = await readLogEvents(
    file,
    io,
    (event) => {
      const run = splitter.runOf(event);
      (builders[run] ??= new TickSeriesBuilder()).push(event);
    },
    options,
  );
  return 'error' in read ? read : { runs: builders.map((b) => b.series), stats: read.stats };
}

/** Streams the input's events, in order, to `take`. */
async function readLogEvents(
  file: string,
  io: CliIo,
  takeEvent: (event: RunEvent) => void,
  options: ReadLogOptions,
): Promise<{ stats: CounterLineParserStats } | { error: string }> {
  const parser = new CounterLineParser();
  let rest = '';
  const take = (events: RunEvent[]): void => {
    for (let i = 0; i < events.length; i++) takeEvent(events[i]);
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
  const takeOut = (): void => {
    if (out.length > 0) {
      take(out);
      out.length = 0;
    }
  };
  const pushLine = (bytes: Buffer, from: number, to: number): void => {
    if (!parser.pushBytes(bytes, from, to, out)) parser.pushInto(textOf(bytes.subarray(from, to)), out);
    takeOut();
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
    } else if (statSync(file).size >= (options.threadFromBytes ?? THREAD_FROM_BYTES)) {
      await splitLogFile(file, (bytes, from, to, plain, at) => {
        if (plain) {
          parser.pushPlain(bytes, from, to, plain[at + ROW_T], plain[at + ROW_PARTITION], countersAt(plain, at + ROW_COUNTERS), out);
        } else {
          parser.pushInto(textOf(bytes.subarray(from, to)), out);
        }
        takeOut();
      });
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
  return { stats: parser.stats };
}
