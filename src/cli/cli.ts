// The `stressnb` executable (dist/cli.js): `stressnb <command> ...` dispatches to a command, or
// prints usage or the version. A command is one file exporting a CliCommand, plus its line in
// CLI_COMMANDS. A command's file is loaded only when that command runs (or prints its help), so
// `stressnb --help` and each command start without the code of the others.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheCompiledBundles, compileCacheDir } from './compileCache';
import { lowerInliningForRun } from './engineInlining';
import { EXIT_PASS, EXIT_USAGE } from './exitCodes';
import { processIo } from './cliIo';
import type { CliCommand, CliIo } from './cliIo';

/** A command as the dispatcher knows it before loading it. */
export interface CommandEntry {
  name: string;
  /** One line for the command list of `stressnb --help`. */
  summary: string;
  /**
   * With require(), not import(): Node reads a CommonJS bundle loaded by import() once more with
   * its CommonJS lexer to find its exports, about 50 ms of a 300 ms `stressnb run`.
   */
  load(): Promise<CliCommand>;
}

/** Every command, in the order `stressnb --help` lists them. */
export const CLI_COMMANDS: readonly CommandEntry[] = [
  {
    name: 'run',
    summary: "Run a scenario spec or a notebook's scenario cells: counter lines on stdout, the verdict on stderr",
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see CommandEntry.load
    load: async () => (require('./runCommand') as typeof import('./runCommand')).runCommand,
  },
  {
    name: 'sweep',
    summary: "Run a scenario's what-if grid (sweep:) and print one row per point",
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see CommandEntry.load
    load: async () => (require('./sweepCommand') as typeof import('./sweepCommand')).sweepCommand,
  },
  {
    name: 'search',
    summary: 'Find the highest load a scenario sustains (search:): the capacity, within a precision',
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see CommandEntry.load
    load: async () => (require('./searchCommand') as typeof import('./searchCommand')).searchCommand,
  },
  {
    name: 'analyze',
    summary: 'Analyse counter lines from a log file or stdin: summary, checks, triage hints, thresholds',
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see CommandEntry.load
    load: async () => (require('./analyzeCommand') as typeof import('./analyzeCommand')).analyzeCommand,
  },
  {
    name: 'compare',
    summary: 'Compare two sets of runs metric by metric: is a change more than the run-to-run noise?',
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see CommandEntry.load
    load: async () => (require('./compareCommand') as typeof import('./compareCommand')).compareCommand,
  },
  {
    name: 'history',
    summary: 'List the runs of a run history file, with their verdicts and key metrics',
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see CommandEntry.load
    load: async () => (require('./historyCommand') as typeof import('./historyCommand')).historyCommand,
  },
  {
    name: 'export',
    summary: 'Write a session report to share: self-contained HTML, or Markdown with SVG charts',
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see CommandEntry.load
    load: async () => (require('./exportCommand') as typeof import('./exportCommand')).exportCommand,
  },
];

export function usage(commands: readonly Pick<CommandEntry, 'name' | 'summary'>[] = CLI_COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'stressnb: stress-session notebooks for partitioned, keyed task schedulers',
    '',
    'Usage: stressnb <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "stressnb <command> --help" for a command\'s options, "stressnb --version" for the version.',
    'Exit status of every command: 0 pass, 1 fail, 2 usage or input error, 3 incomplete run; search also 4,',
    'the capacity lies above the range searched (docs/ci.md).',
    '',
  ].join('\n');
}

/** The version in the package.json beside the running bundle (dist/cli.js) or source (src/cli/cli.ts). */
export function cliVersion(): string {
  for (const up of ['..', join('..', '..')]) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (pkg.name === 'stressnb' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not there: the next folder up
    }
  }
  return 'unknown';
}

export async function main(argv: string[], io: CliIo, commands: readonly (CommandEntry | CliCommand)[] = CLI_COMMANDS): Promise<number> {
  const status = await dispatch(argv, io, commands);
  return withOutputFailure(status, io);
}

async function dispatch(argv: string[], io: CliIo, commands: readonly (CommandEntry | CliCommand)[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(usage(commands));
    return EXIT_USAGE;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    await io.out(`stressnb ${cliVersion()}\n`);
    return EXIT_PASS;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const entry = name === 'help' ? commands.find((c) => c.name === args[0]) : undefined;
    await io.out(entry ? (await loaded(entry)).help : usage(commands));
    return EXIT_PASS;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`stressnb: unknown command "${name}"; the commands are ${commands.map((c) => c.name).join(', ')} (stressnb --help)\n`);
    return EXIT_USAGE;
  }
  const command = await loaded(entry);
  if (args.includes('--help') || args.includes('-h')) {
    await io.out(command.help);
    return EXIT_PASS;
  }
  return command.run(args, io);
}

function loaded(entry: CommandEntry | CliCommand): Promise<CliCommand> {
  return 'load' in entry ? entry.load() : Promise.resolve(entry);
}

/**
 * A command's status once stdout failed. A closed pipe (`| head`, `| true`) leaves the verdict as
 * it was; any other failure (a full disk) turns a pass into EXIT_USAGE, since what was asked for
 * was not written, and says so.
 */
function withOutputFailure(status: number, io: CliIo): number {
  const failure = io.outputFailure?.();
  if (!failure || failure.closed) return status;
  io.err(`stressnb: could not write to standard output: ${failure.message}; the output is incomplete\n`);
  return status === EXIT_PASS ? EXIT_USAGE : status;
}

// Only when this file is the program (dist/cli.js, or `node --import tsx src/cli/cli.ts`): tests
// import main from here.
if (require.main === module) {
  // Before any code is hot, and before the command's bundle and its code cache load.
  if (process.argv[2] === 'run') lowerInliningForRun();
  const cacheDir = compileCacheDir();
  // The command bundles beside this one (dist/cliRun.js ...); from the sources (tsx) nothing matches.
  if (cacheDir !== undefined) cacheCompiledBundles(__dirname, /^cli\w+\.js$/, cacheDir);
  main(process.argv.slice(2), processIo()).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`stressnb: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
