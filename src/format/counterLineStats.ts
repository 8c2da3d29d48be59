// What a counter-line parser counted and the problems it kept (exported by counterLineParser).

export interface ParseProblem {
  /** 1-based line number in the stream. */
  line: number;
  message: string;
  /** The line as read (cut to 200 characters). */
  text: string;
}

export interface CounterLineParserStats {
  lines: number;
  /** Partition lines read into a tick. */
  counterLines: number;
  phaseLines: number;
  configLines: number;
  ticks: number;
  /** Lines that are not part of the contract (log output of the program, blank lines): skipped. */
  foreignLines: number;
  /** Blank lines (also counted in foreignLines). */
  blankLines: number;
  /** Malformed counter, phase or config lines (and partition lines that could not be placed). */
  errorCount: number;
  /** The first MAX_KEPT_PROBLEMS of them, with line numbers. */
  errors: ParseProblem[];
  /** Odd but readable data (a counter going down, a second config line, an unknown end reason). */
  warningCount: number;
  warnings: ParseProblem[];
  /** Partition slots of emitted ticks filled with the partition's previous values. */
  carriedForward: number;
  /** Partition count: the config line's, else the highest partition seen plus one. */
  partitions: number;
}

export const MAX_KEPT_PROBLEMS = 200;
const MAX_TEXT = 200;

export function emptyStats(): CounterLineParserStats {
  return {
    lines: 0,
    counterLines: 0,
    phaseLines: 0,
    configLines: 0,
    ticks: 0,
    foreignLines: 0,
    blankLines: 0,
    errorCount: 0,
    errors: [],
    warningCount: 0,
    warnings: [],
    carriedForward: 0,
    partitions: 0,
  };
}

/** A line as a problem quotes it: its text, or a line read from bytes, decoded only when it is quoted. */
export type LineText = string | { readonly text: string };

/** Keeps a problem of line `lineNo` if fewer than MAX_KEPT_PROBLEMS are kept (the caller counts it). */
export function keepProblem(kept: ParseProblem[], lineNo: number, lineText: LineText, message: string): void {
  if (kept.length >= MAX_KEPT_PROBLEMS) return;
  const line = typeof lineText === 'string' ? lineText : lineText.text;
  kept.push({ line: lineNo, message, text: line.length > MAX_TEXT ? `${line.slice(0, MAX_TEXT)}…` : line });
}
