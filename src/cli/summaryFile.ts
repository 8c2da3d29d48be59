// A verdict summary written to a file (`stressnb run --summary FILE`): its format from the
// option or the file's extension, and the writing, which says what went wrong (a full disk, a
// missing folder) instead of throwing.

import { writeFileSync } from 'node:fs';

export const SUMMARY_FORMATS = ['text', 'json', 'markdown', 'junit'] as const;
export type SummaryFormat = (typeof SUMMARY_FORMATS)[number];

/** .json, .md / .markdown, .xml / .junit; text otherwise. */
export function summaryFormatOf(file: string): SummaryFormat {
  const ext = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase();
  if (ext === 'json') return 'json';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  if (ext === 'xml' || ext === 'junit') return 'junit';
  return 'text';
}

/** Writes the file; returns why it could not be written, or undefined. */
export function writeSummaryFile(file: string, text: string): string | undefined {
  try {
    writeFileSync(file, text);
    return undefined;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why =
      e.code === 'ENOSPC'
        ? 'no space left on the device (ENOSPC)'
        : e.code === 'ENOENT'
          ? 'its folder does not exist'
          : e.code === 'EACCES'
            ? 'permission denied'
            : e.code === 'EISDIR'
              ? 'it is a directory'
              : e.message;
    return `cannot write the summary ${file}: ${why}`;
  }
}
