// Every `stressnb` subcommand, in the order `stressnb --help` lists them. Add a command here.

import { analyzeCommand } from './analyzeCommand';
import type { CliCommand } from './cliCommand';
import { runCommand } from './runCommand';

export const CLI_COMMANDS: readonly CliCommand[] = [runCommand, analyzeCommand];
