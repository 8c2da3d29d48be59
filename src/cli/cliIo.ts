// What every `stressnb` command shares: the CliCommand shape, where it writes (the process's
// stdout and stderr, or buffers in tests), what happens when stdout cannot be written, and the
// argument scanner. Exit statuses: exitCodes.ts.

import { EXIT_USAGE } from './exitCodes';
import { stdioWriter } from './stdioWriters';

export interface CliIo {
  /** Writes to stdout; resolves when the text may be followed by more (stdout back-pressure). */
  out(text: string): Promise<void>;
  err(text: string): void;
  /** Standard input, for `-` (defaults to process.stdin). */
  stdin?: AsyncIterable<string | Buffer>;
  /** Why stdout could not be written, once a write failed (then `out` writes nothing more). */
  outputFailure?(): OutputFailure | undefined;
}

/** stdout could not be written: its reader went away (`| head`, `| true`), or a full disk. */
export interface OutputFailure {
  /** The reader closed the pipe (EPIPE): what the command judged still decides the exit status. */
  closed: boolean;
  /** In words, for stderr: "no space left on device (ENOSPC)". */
  message: string;
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
 * and where to find the options (not the whole help), and exits with EXIT_USAGE; otherwise
 * `execute` runs with the parsed arguments.
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
        io.err(`stressnb ${name}: ${args.error}\n${usageLine(help)}Run "stressnb ${name} --help" for its options.\n`);
        return EXIT_USAGE;
      }
      return execute(args as Args, io);
    },
  };
}

/** The help's first line when it is the usage line ("Usage: stressnb run <spec.yaml | ...> ..."), else nothing. */
function usageLine(help: string): string {
  const first = help.split('\n', 1)[0];
  return first.startsWith('Usage:') ? `${first}\n` : '';
}

/**
 * The process's stdout and stderr (stdioWriters.ts). A failed write to stdout never crashes the
 * process nor ends it early: the failure is kept (outputFailure), later writes are dropped, and the
 * command goes on to its verdict, so its exit status still says it (main() in cli.ts adds the
 * failure). A failed write to stderr is nothing to report (there is nowhere to report it).
 */
export function processIo(): CliIo {
  const stdout = stdioWriter(1);
  const stderr = stdioWriter(2);
  return {
    out: (text) => stdout.write(text),
    err: (text) => void stderr.write(text),
    outputFailure: () => {
      const error = stdout.failure();
      return error && { closed: error.code === 'EPIPE', message: describeWriteError(error) };
    },
  };
}

function describeWriteError(error: NodeJS.ErrnoException): string {
  if (error.code === 'EPIPE') return 'its reader closed it (EPIPE)';
  if (error.code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  return error.code ? `${error.message.replace(/^[A-Z]+: /, '')} (${error.code})` : error.message;
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

/** The handler of `--history FILE` (run, analyze, export): the run history file to append to. */
export function historyOption(set: (file: string) => void): (value: OptionValue) => string | void {
  return (value) => {
    const v = value();
    if (v === undefined || v === '') return '--history needs a file, such as .stressnb/history.jsonl';
    set(v);
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
