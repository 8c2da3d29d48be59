// Keeps the last lines of a stream (a command's stderr) within a line and a character budget,
// so a chatty process cannot grow memory while its final words are still there when it fails.

export class TailBuffer {
  private lines: string[] = [];
  private chars = 0;
  private dropped = 0;

  constructor(
    readonly maxLines = 50,
    readonly maxChars = 8 * 1024,
  ) {}

  push(line: string): void {
    const kept = line.length > this.maxChars ? line.slice(line.length - this.maxChars) : line;
    this.lines.push(kept);
    this.chars += kept.length + 1;
    while (this.lines.length > this.maxLines || (this.chars > this.maxChars && this.lines.length > 1)) {
      this.chars -= this.lines.shift()!.length + 1;
      this.dropped++;
    }
  }

  /** How many earlier lines were dropped to stay within the budget. */
  get droppedLines(): number {
    return this.dropped;
  }

  text(): string {
    return this.lines.join('\n');
  }
}
