// `stressnb <command> ...`: dispatches to a subcommand, or prints usage.

import type { CliCommand } from './cliCommand';
import { CLI_COMMANDS } from './cliCommands';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';

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
