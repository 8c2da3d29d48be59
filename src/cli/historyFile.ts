// The run history file for the CLI: read it (tolerantly), append an entry (creating its folder),
// and the git commit of the folder a run came from.

import { appendFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { gitHead } from '../format/gitHead';
import { formatHistoryLine, readHistoryText, type HistoryEntry, type HistoryRead } from '../format/historyEntry';

export function readHistoryFile(file: string): HistoryRead | { error: string } {
  try {
    return readHistoryText(readFileSync(file, 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return {
      error: `cannot read the run history ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message}`,
    };
  }
}

export function appendHistory(file: string, entry: HistoryEntry): { error: string } | undefined {
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    appendFileSync(file, formatHistoryLine(entry));
    return undefined;
  } catch (error) {
    return { error: `cannot append to the run history ${file}: ${(error as Error).message}` };
  }
}

/** The commit of the git work tree holding `dir` (searched upwards), or undefined. */
export async function gitHeadOf(dir: string): Promise<HistoryEntry['git'] | undefined> {
  const read = async (path: string) => {
    try {
      return statSync(path).isFile() ? readFileSync(path, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  const exists = (path: string) => {
    try {
      statSync(path);
      return true;
    } catch {
      return false;
    }
  };
  let at = resolve(dir);
  for (;;) {
    if (exists(`${at}/.git`)) return gitHead(at, read);
    const up = dirname(at);
    if (up === at) return undefined;
    at = up;
  }
}

/** `FILE@N` or `FILE@N..M`: entries of a history file (1-based, as `stressnb history` numbers them; negative counts from the end). */
export function parseHistorySelection(arg: string): { file: string; from: number; to: number } | undefined {
  const m = /^(.*\.jsonl)@(-?\d+)(?:\.\.(-?\d+))?$/.exec(arg);
  if (!m || Number(m[2]) === 0 || Number(m[3] ?? m[2]) === 0) return undefined;
  return { file: m[1], from: Number(m[2]), to: Number(m[3] ?? m[2]) };
}

/** The entries a selection names, or why it names none. */
export function selectHistory(
  read: HistoryRead,
  from: number,
  to: number,
): { entries: HistoryEntry[]; numbers: number[] } | { error: string } {
  const count = read.entries.length;
  const at = (n: number) => (n < 0 ? count + n + 1 : n);
  const [a, b] = [at(from), at(to)];
  if (count === 0) return { error: 'the run history has no entry' };
  if (a < 1 || b > count || a > b)
    return { error: `the run history has entries 1 to ${count}; @${from}${to !== from ? `..${to}` : ''} is not among them` };
  const numbers = Array.from({ length: b - a + 1 }, (_, i) => a + i);
  return { entries: numbers.map((n) => read.entries[n - 1]), numbers };
}
