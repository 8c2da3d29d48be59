// Helpers for the source tests: fixture paths, a listener that records everything, waiting on a
// condition, and an independent check that a process no longer runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../../src/format/runEvents';
import type { SourceActivity, SourceListener } from '../../../src/sources/counterSource';

export const SOURCE_FIXTURES = join(__dirname, '..', '..', 'fixtures', 'sources');

/** `node <fixture> ...args` as command options. */
export function nodeFixture(script: string, ...args: string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [join(SOURCE_FIXTURES, script), ...args] };
}

export class Recorder implements SourceListener {
  lines: { text: string; cut: boolean }[] = [];
  events: RunEvent[] = [];
  activity: SourceActivity[] = [];
  stderr: string[] = [];
  notes: string[] = [];

  onLine(text: string, info: { cut: boolean }): void {
    this.lines.push({ text, cut: info.cut });
  }
  onEvents(events: RunEvent[]): void {
    this.events.push(...events);
  }
  onActivity(activity: SourceActivity): void {
    this.activity.push(activity);
  }
  onStderrLine(line: string): void {
    this.stderr.push(line);
  }
  onNote(note: string): void {
    this.notes.push(note);
  }

  ticks() {
    return this.events.filter((e) => e.type === 'tick');
  }
  /** PIDs the stubborn-tree fixture announced, by role. */
  pids(): Map<string, number> {
    const out = new Map<string, number>();
    for (const { text } of this.lines) {
      const m = /^fixture pid=(\d+) role=(\w+)$/.exec(text);
      if (m) out.set(m[2], Number(m[1]));
    }
    return out;
  }
}

/** Polls until `condition` holds. Not a timing assertion: the bound only keeps a broken test from
 *  hanging the suite (its timers are unref'd too, so a cancelled test does not hold the process). */
export async function waitFor(condition: () => boolean, giveUpAfterMs = 20_000): Promise<void> {
  const giveUpAt = Date.now() + giveUpAfterMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`waitFor: condition still false after ${giveUpAfterMs} ms: ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 10).unref());
  }
}

/** No such process, or only its zombie (an orphan whose reaper, PID 1 here, does not reap). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return true;
  }
}
