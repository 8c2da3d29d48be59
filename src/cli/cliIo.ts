// Where a CLI command writes: the process's stdout and stderr, or buffers in tests.

export interface CliIo {
  /** Writes to stdout; resolves when the text may be followed by more (stdout back-pressure). */
  out(text: string): Promise<void>;
  err(text: string): void;
}

export function processIo(): CliIo {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // The reader went away (`stressnb run x | head`): nothing more to say.
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return {
    out: (text) =>
      new Promise<void>((resolve) => {
        if (process.stdout.write(text)) resolve();
        else process.stdout.once('drain', resolve);
      }),
    err: (text) => void process.stderr.write(text),
  };
}

export function bufferIo(): CliIo & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: async (text: string) => void (io.stdout += text),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}

/** Exit statuses of every command. */
export const EXIT_OK = 0;
/** The run itself failed (the engine threw, a source failed, a threshold was missed). */
export const EXIT_FAILED = 1;
/** Invalid arguments or invalid input (a spec or notebook with errors). */
export const EXIT_USAGE = 2;
