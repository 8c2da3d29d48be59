// `stressnb run <spec.yaml | notebook.stressnb> [--cell N] [--format lines|jsonl] [--seed N]`:
// validates every selected spec first (positioned problems on stderr, exit 2), then runs them in
// order, printing counter lines to stdout as they are produced.

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatRunEvent } from '../format/counterLineWriter';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { MAX_STRESSNB_BYTES } from '../format/stressnbFile';
import type { CliCommand } from './cliCommand';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './cliIo';
import { parseRunArgs } from './runArgs';
import { runSpec } from './runSpec';
import { runTargets } from './runTargets';

const HELP = `Usage: stressnb run <spec.yaml | notebook.stressnb> [--cell N] [--format lines|jsonl] [--seed N]

Runs a scenario with the built-in engine (or the command / log file its source: names) and prints
its counter lines to stdout as they are produced: a config line, phase lines and one line per
partition per tick (docs/scenario-spec.md, DESIGN.md section 4). Runs are always at pace: fast.

A notebook without --cell runs every scenario cell in order; each run starts with its config line.

Options:
  --cell N           Run only cell N of a notebook. Cells are numbered from 1 in the order they
                     appear in the notebook, Markdown cells included: the third cell from the top
                     is 3. Problems in a cell are reported as notebook.stressnb#cell3:line:column.
  --format F         lines (logfmt counter lines, the default) or jsonl (one JSON object per line).
  --seed N           Use this seed (an integer) instead of the spec's.
  -h, --help         Show this help.

Exit status: 0 the runs completed; 1 a run failed; 2 invalid arguments, file, spec or notebook
(every problem printed to stderr as file:line:column: severity: message; nothing is run).
`;

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Run a scenario spec or a notebook\'s scenario cells and print the counter lines',
  help: HELP,
  run,
};

async function run(args: string[], io: CliIo): Promise<number> {
  const parsedArgs = parseRunArgs(args);
  if ('error' in parsedArgs) {
    io.err(`stressnb run: ${parsedArgs.error}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const { file, cell, format, seed } = parsedArgs;
  const text = readInput(file, io);
  if (text === undefined) return EXIT_USAGE;

  const targets = runTargets(file, text, cell);
  if ('error' in targets) {
    io.err(`${targets.error}\n`);
    return EXIT_USAGE;
  }
  const specs: ScenarioSpec[] = [];
  let invalid = false;
  for (const target of targets) {
    const { spec, problems } = parseScenarioSpec(target.specText);
    for (const p of problems) io.err(`${target.location}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
    if (spec) specs.push(seed === undefined ? spec : { ...spec, seed });
    else invalid = true;
  }
  if (invalid) return EXIT_USAGE;

  const baseDir = dirname(resolve(file));
  for (const [i, spec] of specs.entries()) {
    const result = await runSpec(spec, {
      baseDir,
      onNote: (text) => io.err(text),
      onEvents: (events) => {
        const lines = events.flatMap((e) => formatRunEvent(e, format));
        return io.out(lines.length > 0 ? `${lines.join('\n')}\n` : '');
      },
    });
    if (!result.ok) {
      io.err(`${targets[i].location}: error: ${result.message}\n`);
      return EXIT_FAILED;
    }
  }
  return EXIT_OK;
}

function readInput(file: string, io: CliIo): string | undefined {
  try {
    const bytes = readFileSync(file);
    if (bytes.byteLength > MAX_STRESSNB_BYTES) {
      io.err(`${file}: error: the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the largest input accepted is ${MAX_STRESSNB_BYTES / 1024 / 1024} MB\n`);
      return undefined;
    }
    return bytes.toString('utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
    io.err(`stressnb run: cannot read ${file}: ${why}\n`);
    return undefined;
  }
}
