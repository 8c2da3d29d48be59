// `stressnb history FILE [--scenario S] [--format table|json]`: lists the runs of a run history
// (.stressnb/history.jsonl), oldest first, numbered as `stressnb compare FILE@N` selects them.

import { formatHistoryTable } from '../report/historyText';
import { defineCommand, scanArgs } from './cliIo';
import type { CliIo } from './cliIo';
import { EXIT_PASS, EXIT_USAGE } from './exitCodes';
import { readHistoryFile } from './historyFile';

const HELP = `Usage: stressnb history FILE [--scenario S] [--format table|json]

Lists the runs of a run history file (.stressnb/history.jsonl in a workspace: the editor appends a
line per finished run; stressnb run and analyze append one given --history FILE), oldest first:
when, the scenario, how many runs (repeat: N), the verdict, the key metrics (a repeated run's
median [min-max]), the git commit and where the run came from. The numbers select entries for
stressnb compare: stressnb compare FILE@3 FILE@-1 compares entry 3 with the last one (FILE@2..4
takes entries 2 to 4 together).

Options:
  --scenario S       Only the runs of scenario S.
  --format F         table (the default) or json: the entries, a list of the history's JSON lines,
                     each with its number added as "n".
  -h, --help         Show this help.

Lines that are not history entries are named on stderr and skipped.
Exit status: 0 listed (an empty list included); 2 invalid arguments or an unreadable file.
`;

export interface HistoryArgs {
  file: string;
  scenario?: string;
  format: 'table' | 'json';
}

export const historyCommand = defineCommand({
  name: 'history',
  summary: 'List the runs of a run history file, with their verdicts and key metrics',
  help: HELP,
  parse: parseHistoryArgs,
  execute: listHistory,
});

export function parseHistoryArgs(args: readonly string[]): HistoryArgs | { error: string } {
  let file: string | undefined;
  let scenario: string | undefined;
  let format: HistoryArgs['format'] = 'table';
  const error = scanArgs(args, {
    options: {
      '--scenario': (value) => {
        scenario = value();
        return scenario === undefined ? '--scenario needs a scenario name' : undefined;
      },
      '--format': (value) => {
        const v = value();
        if (v !== 'table' && v !== 'json') return `--format must be table or json; got ${v ?? 'nothing'}`;
        format = v;
      },
    },
    positional: (arg) => {
      if (file !== undefined) return `one history file at a time; got ${file} and ${arg}`;
      file = arg;
    },
  });
  if (error !== undefined) return { error };
  if (file === undefined) return { error: 'which history? stressnb history FILE (for example .stressnb/history.jsonl)' };
  return { file, format, ...(scenario !== undefined ? { scenario } : {}) };
}

async function listHistory(args: HistoryArgs, io: CliIo): Promise<number> {
  const read = readHistoryFile(args.file);
  if ('error' in read) {
    io.err(`stressnb history: ${read.error}\n`);
    return EXIT_USAGE;
  }
  for (const p of read.problems) io.err(`${args.file}:${p.line}: warning: ${p.message}\n`);
  const numbered = read.entries
    .map((entry, i) => ({ entry, n: i + 1 }))
    .filter(({ entry }) => args.scenario === undefined || entry.scenario === args.scenario);
  if (args.format === 'json') {
    await io.out(
      `${JSON.stringify(
        numbered.map(({ entry, n }) => ({ n, ...entry })),
        null,
        2,
      )}\n`,
    );
  } else if (numbered.length === 0) {
    await io.out(`No runs${args.scenario !== undefined ? ` of scenario ${args.scenario}` : ''} in ${args.file}.\n`);
  } else {
    await io.out(
      formatHistoryTable(
        numbered.map((x) => x.entry),
        numbered.map((x) => x.n),
      ),
    );
  }
  return EXIT_PASS;
}
