// How the CLI writes its stdout and stderr. Redirected to a regular file or a device such as
// /dev/null (or a terminal, except on Windows), a plain write(2) on the descriptor does it: nothing
// ever waits, and process.stdout, with the stream modules it loads, is never created (about 4 ms
// of a start-up that needs no stream otherwise). A pipe or a socket goes through process.stdout,
// for its back-pressure and EPIPE; so does a Windows console, which needs its UTF-16 writes for
// text other than ASCII.

import { fstatSync, writeSync } from 'node:fs';

/** Where a command's output goes; a failed write is kept, never thrown, and later writes are dropped. */
export interface OutputWriter {
  /** Resolves when the text may be followed by more. */
  write(text: string): Promise<void>;
  /** The first write error, if one happened. */
  failure(): NodeJS.ErrnoException | undefined;
}

/** The writer of standard output (fd 1) or standard error (fd 2). */
export function stdioWriter(fd: 1 | 2): OutputWriter {
  return descriptorWriter(fd) ?? streamWriter(fd === 1 ? process.stdout : process.stderr);
}

function descriptorWriter(fd: number): OutputWriter | undefined {
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() && !(stats.isCharacterDevice() && process.platform !== 'win32')) return undefined;
  } catch {
    return undefined; // closed, or not a descriptor this platform can stat: let the stream decide
  }
  let failed: NodeJS.ErrnoException | undefined;
  return {
    write: (text) => {
      if (failed === undefined && text !== '') {
        try {
          const bytes = Buffer.from(text);
          for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
        } catch (error) {
          failed = error as NodeJS.ErrnoException;
        }
      }
      return Promise.resolve();
    },
    failure: () => failed,
  };
}

function streamWriter(stream: NodeJS.WriteStream): OutputWriter {
  let failed: NodeJS.ErrnoException | undefined;
  const waiting = new Set<() => void>();
  stream.on('error', (error: NodeJS.ErrnoException) => {
    failed ??= error;
    for (const resume of waiting) resume();
    waiting.clear();
  });
  return {
    write: (text) =>
      new Promise<void>((resolve) => {
        if (failed || text === '') return resolve();
        if (stream.write(text)) return resolve();
        const resume = () => {
          waiting.delete(resume);
          stream.off('drain', resume);
          resolve();
        };
        waiting.add(resume);
        stream.once('drain', resume);
      }),
    failure: () => failed,
  };
}
