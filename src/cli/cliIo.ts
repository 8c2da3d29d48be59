// What every `stressnb` command shares: the CliCommand shape, where it writes (the process's
// stdout and stderr, or buffers in tests), the exit statuses, and the argument scanner.

export interface CliIo {
  /** Writes to stdout; resolves when the text may be followed by more (stdout back-pressure). */
  out(text: string): Promise<void>;
  err(text: string): void;
  /** Standard input, for `-` (defaults to process.stdin). */
  stdin?: AsyncIterable<string | Buffer>;
}

export interface CliCommand {
  name: string;
  /** One line for the command list of `stressnb --help`. */
  summary: string;
  /** The command's full help text (`stressnb <name> --help`), ending with a newline. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}

/**
 * A command whose arguments are parsed first: a parse error prints `stressnb <name>: <error>`
 * and the help, and exits with EXIT_USAGE; otherwise `execute` runs with the parsed arguments.
 */
export function defineCommand<Args>(command: {
  name: string;
  summary: string;
  help: string;
  parse(argv: string[]): Args | { error: string };
  execute(args: Args, io: CliIo): Promise<number>;
}): CliCommand {
  const { name, summary, help, parse, execute } = command;
  return {
    name,
    summary,
    help,
    run: async (argv, io) => {
      const args = parse(argv);
      if (typeof args === 'object' && args !== null && 'error' in args) {
        io.err(`stressnb ${name}: ${args.error}\n\n${help}`);
        return EXIT_USAGE;
      }
      return execute(args as Args, io);
    },
  };
}

/** Exit statuses of every command. */
export const EXIT_OK = 0;
/** The run itself failed (the engine threw, a source failed, a threshold was missed). */
export const EXIT_FAILED = 1;
/** Invalid arguments or invalid input (a spec or notebook with errors). */
export const EXIT_USAGE = 2;

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

/** Reads the option's value: the text after `=`, else the next argument (undefined when there is none). */
export type OptionValue = () => string | undefined;

/** The `--cell N` option of the commands that read one cell of a notebook (1 is the first cell). */
export function cellOption(set: (cell: number) => void): (value: OptionValue) => string | void {
  return (value) => {
    const v = value();
    if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1)
      return `--cell needs a cell number (1 is the first cell); got ${v ?? 'nothing'}`;
    set(Number(v));
  };
}

export interface ArgHandlers {
  /** Each known option by its name with dashes (`--format`); returns an error message, or nothing when fine. */
  options: Readonly<Record<string, (value: OptionValue) => string | void>>;
  /** Every argument that is not an option; returns an error message, or nothing when fine. */
  positional: (arg: string) => string | void;
}

/**
 * Hands each argument to its handler; returns the first error message, or undefined.
 * `--name value` and `--name=value` both work, a lone `-` is an argument (standard input), and
 * any other `-x` that is not a known option is an error.
 */
export function scanArgs(args: readonly string[], handlers: ArgHandlers): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const option = Object.hasOwn(handlers.options, flag) ? handlers.options[flag] : undefined;
    const error = option
      ? option(() => inline ?? args[++i])
      : arg.startsWith('-') && arg !== '-'
        ? `unknown option ${arg}`
        : handlers.positional(arg);
    if (typeof error === 'string') return error;
  }
  return undefined;
}
