// The `stressnb` executable (dist/cli.js): `stressnb <command> ...` dispatches to a command, or
// prints usage. A command is one file exporting a CliCommand, plus its line in CLI_COMMANDS.

import { analyzeCommand } from './analyzeCommand';
import { compareCommand } from './compareCommand';
import { historyCommand } from './historyCommand';
import { EXIT_OK, EXIT_USAGE, processIo } from './cliIo';
import { exportCommand } from './exportCommand';
import type { CliCommand, CliIo } from './cliIo';
import { runCommand } from './runCommand';
import { searchCommand } from './searchCommand';
import { sweepCommand } from './sweepCommand';

/** Every command, in the order `stressnb --help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  runCommand,
  sweepCommand,
  searchCommand,
  analyzeCommand,
  compareCommand,
  historyCommand,
  exportCommand,
];

export function usage(commands: readonly CliCommand[] = CLI_COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'stressnb: stress-session notebooks for partitioned, keyed task schedulers',
    '',
    'Usage: stressnb <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run "stressnb <command> --help" for a command\'s options.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo, commands: readonly CliCommand[] = CLI_COMMANDS): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(usage(commands));
    return EXIT_USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === args[0]) : undefined;
    await io.out(topic ? topic.help : usage(commands));
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.err(`stressnb: unknown command "${name}"\n\n${usage(commands)}`);
    return EXIT_USAGE;
  }
  if (args.includes('--help') || args.includes('-h')) {
    await io.out(command.help);
    return EXIT_OK;
  }
  return command.run(args, io);
}

// Only when this file is the program (dist/cli.js, or `node --import tsx src/cli/cli.ts`): tests
// import main from here.
if (require.main === module) {
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
