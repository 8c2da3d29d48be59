// The log files of a repeated file source (`source: file`, `repeat: N`): its path is a pattern
// whose file name may hold * (any characters) and ? (one character), for example
// `runs/run-*.log`; the files it matches, in natural order (run-2 before run-10), are the repeats.
// Exactly N must match: fewer or more is a mistake worth saying, not a guess.

import { readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isLogPattern } from '../spec/repeatRuns';

export type PatternFiles = { files: string[] } | { error: string };

export function logFilesOfPattern(pattern: string, baseDir: string, count: number): PatternFiles {
  if (!isLogPattern(pattern)) {
    return {
      error: `repeat: ${count} reads ${count} log files: path must be a pattern such as runs/run-*.log (* and ? in the file name); got ${pattern}`,
    };
  }
  const dir = resolve(baseDir, dirname(pattern));
  const name = basename(pattern);
  const regex = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { error: `cannot list ${dir} for ${pattern}: ${e.code === 'ENOENT' ? 'no such folder' : e.message}` };
  }
  const files = entries
    .filter((entry) => regex.test(entry))
    .map((entry) => join(dir, entry))
    .filter((path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    })
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (files.length !== count) {
    const shown = files
      .slice(0, 5)
      .map((f) => basename(f))
      .join(', ');
    return {
      error: `path ${pattern} matches ${files.length} file${files.length === 1 ? '' : 's'}${files.length > 0 ? ` (${shown}${files.length > 5 ? ', …' : ''})` : ''}; repeat: ${count} needs ${count}`,
    };
  }
  return { files };
}
