// The shape of a `stressnb` subcommand; cliCommands.ts lists them.

import type { CliIo } from './cliIo';

export interface CliCommand {
  name: string;
  /** One line for the command list of `stressnb --help`. */
  summary: string;
  /** The command's full help text (`stressnb <name> --help`), ending with a newline. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit status. */
  run(args: string[], io: CliIo): Promise<number>;
}
