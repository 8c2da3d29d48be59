// Streaming parser of the counter-line contract (DESIGN.md section 4): logfmt lines
//   config partitions=4 ringBufferSize=1024 ... scenario=hot-family seed=1
//   t=3.000 phase=measure
//   t=3.500 partition=0 tasksIn=1234 dispatched=1200 completed=1180 ...
// and JSON lines with the same keys. Lines that are not counter lines (a JVM's log output, blank
// lines) are skipped and counted; a line that claims to be a counter line (it has `t` and
// `partition`) but cannot be read exactly is reported with its line number and never half-used.
//
// This file sorts lines by kind; logfmtScanner/logfmtCounterLine and jsonCounterLine read them,
// and tickAssembler turns them into events (how partition lines become ticks is described there).

import type { PartitionCounters, RunEvent } from './runEvents';
import { EQ, LBRACE, LOWER_T, SPACE, TAB } from './charCodes';
import type { CounterLineParserStats } from './counterLineStats';
import { readJsonLine } from './jsonCounterLine';
import { readLogfmtLine } from './logfmtCounterLine';
import { asciiText, plainLine, readPlainCounterLine } from './counterLineBytes';
import { newLogfmtScan, prefixedCounterLine, scanLogfmtConfig } from './logfmtScanner';
import { TickAssembler } from './tickAssembler';

export { MAX_KEPT_PROBLEMS } from './counterLineStats';
export type { CounterLineParserStats, ParseProblem } from './counterLineStats';

export class CounterLineParser {
  private readonly asm = new TickAssembler();
  private readonly scan = newLogfmtScan();
  /** The line pushBytes is reading, decoded only if a message needs its text. */
  private readonly byteLine = new ByteLine();

  get stats(): CounterLineParserStats {
    this.asm.stats.partitions = this.asm.partitionCount();
    return this.asm.stats;
  }

  /** Reads one line (without its line break; a trailing \r is ignored) and returns the events it completes. */
  push(line: string): RunEvent[] {
    const out: RunEvent[] = [];
    this.pushInto(line, out);
    return out;
  }

  /**
   * Reads the line bytes[from, to) (without its line break) when it is a plain partition line
   * (counterLineBytes.ts), appending the events it completes to `out`; false, having read
   * nothing, when it is any other line: the caller decodes it and gives it to pushInto.
   */
  pushBytes(bytes: Uint8Array, from: number, to: number, out: RunEvent[]): boolean {
    let a = from;
    let b = to;
    while (b > a && bytes[b - 1] <= SPACE) b--;
    while (a < b && bytes[a] <= SPACE) a++;
    const counters = readPlainCounterLine(bytes, a, b);
    if (counters === undefined) return false;
    this.pushPlain(bytes, from, to, plainLine.t, plainLine.partition, counters, out);
    return true;
  }

  /** The line bytes[from, to), a plain partition line already read (on another thread, say) into its t, partition and counters. */
  pushPlain(bytes: Uint8Array, from: number, to: number, t: number, partition: number, counters: PartitionCounters, out: RunEvent[]): void {
    const asm = this.asm;
    asm.lineNo++;
    asm.stats.lines++;
    const line = this.byteLine;
    line.bytes = bytes;
    line.from = from;
    line.to = to;
    asm.counterLine(line, t, partition, counters, out);
    line.bytes = NO_BYTES; // not kept past the call
  }

  /** push() appending to `out`. */
  pushInto(line: string, out: RunEvent[]): void {
    const asm = this.asm;
    asm.lineNo++;
    asm.stats.lines++;
    let from = 0;
    let to = line.length;
    while (to > from && line.charCodeAt(to - 1) <= SPACE) to--;
    while (from < to && line.charCodeAt(from) <= SPACE) from++;
    if (from === to) {
      asm.stats.blankLines++;
      asm.stats.foreignLines++;
      return;
    }
    const c = line.charCodeAt(from);
    if (c === LOWER_T && line.charCodeAt(from + 1) === EQ) {
      readLogfmtLine(line, from, to, this.scan, asm, out);
    } else if (c === LBRACE) {
      readJsonLine(line, from, to, asm, out);
    } else if (
      line.startsWith('config', from) &&
      (from + 6 === to || line.charCodeAt(from + 6) === SPACE || line.charCodeAt(from + 6) === TAB)
    ) {
      asm.configLine(line, scanLogfmtConfig(line, from + 6, to), out);
    } else {
      const at = prefixedCounterLine(line, from, to);
      if (at >= 0) readLogfmtLine(line, at, to, this.scan, asm, out);
      else asm.stats.foreignLines++;
    }
  }

  /** The stream is over: emits the ticks still open. */
  end(): RunEvent[] {
    const out: RunEvent[] = [];
    this.asm.flushAll(out);
    return out;
  }
}

const NO_BYTES = new Uint8Array(0);

class ByteLine {
  bytes: Uint8Array = NO_BYTES;
  from = 0;
  to = 0;
  get text(): string {
    return asciiText(this.bytes, this.from, this.to);
  }
}

/** Parses a whole log (for files, tests and the CLI). */
export function parseCounterLines(text: string): { events: RunEvent[]; stats: CounterLineParserStats } {
  const parser = new CounterLineParser();
  const events: RunEvent[] = [];
  let from = 0;
  while (from <= text.length) {
    let nl = text.indexOf('\n', from);
    if (nl < 0) nl = text.length;
    if (nl === text.length && from === text.length) break; // no empty line after a final newline
    for (const e of parser.push(text.slice(from, nl))) events.push(e);
    from = nl + 1;
  }
  for (const e of parser.end()) events.push(e);
  return { events, stats: parser.stats };
}
