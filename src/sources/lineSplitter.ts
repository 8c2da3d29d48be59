// Splits a byte stream into text lines: `\n` or `\r\n` endings, a final line without a newline,
// UTF-8 sequences split across chunks. Lines are bounded so a runaway line (a binary blob, a
// minified JSON dump) cannot grow memory without limit: the first `maxLineLength` characters are
// kept and marked `cut`, the rest of that line is dropped.
import { StringDecoder } from 'node:string_decoder';

export const DEFAULT_MAX_LINE_LENGTH = 64 * 1024;

export interface SplitLine {
  text: string;
  /** The line was longer than the bound; `text` is its beginning only. */
  cut: boolean;
}

export class LineSplitter {
  private decoder = new StringDecoder('utf8');
  private partial = '';
  /** The current line already outgrew the bound: the rest of it is dropped until its newline. */
  private overflowed = false;
  private lineCount = 0;
  private cutCount = 0;

  constructor(readonly maxLineLength: number = DEFAULT_MAX_LINE_LENGTH) {
    if (!Number.isInteger(maxLineLength) || maxLineLength < 1) {
      throw new RangeError(`maxLineLength must be a positive integer, got ${maxLineLength}`);
    }
  }

  get stats(): { lines: number; cutLines: number } {
    return { lines: this.lineCount, cutLines: this.cutCount };
  }

  push(chunk: Buffer | string): SplitLine[] {
    return this.split(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
  }

  /** Emits the unfinished line, if any, as a line of its own (end of a file that was rotated or truncated). */
  flush(): SplitLine[] {
    return this.partial.length > 0 || this.overflowed ? [this.take()] : [];
  }

  /** The stream ended: emits what is left, including a last line without a newline. */
  end(): SplitLine[] {
    const out = this.split(this.decoder.end());
    this.decoder = new StringDecoder('utf8');
    out.push(...this.flush());
    return out;
  }

  private split(text: string): SplitLine[] {
    const out: SplitLine[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      this.append(text, start, nl === -1 ? text.length : nl);
      if (nl === -1) return out;
      out.push(this.take());
      start = nl + 1;
    }
  }

  private append(text: string, from: number, to: number): void {
    if (this.overflowed || from === to) return;
    // One character more than the bound is kept so a `\r` of a `\r\n` split across chunks
    // does not make a line of exactly maxLineLength characters count as cut.
    const room = this.maxLineLength + 1 - this.partial.length;
    if (to - from > room) {
      this.partial += text.slice(from, from + room);
      this.overflowed = true;
    } else {
      this.partial += text.slice(from, to);
    }
  }

  private take(): SplitLine {
    let text = this.partial;
    let cut = this.overflowed;
    if (!cut && text.endsWith('\r')) text = text.slice(0, -1);
    if (text.length > this.maxLineLength) {
      text = text.slice(0, this.maxLineLength);
      cut = true;
    }
    this.partial = '';
    this.overflowed = false;
    this.lineCount++;
    if (cut) this.cutCount++;
    return { text, cut };
  }
}
