// Reading what a command is given: a spec file or a notebook (bounded in size), and the scenario
// cells of a notebook to work on (all of them, or the one --cell names).

import { readFileSync } from 'node:fs';
import { MAX_STRESSNB_BYTES, parseStressnb } from '../format/stressnbFile';
import type { CliIo } from './cliIo';

/** The file's text, or undefined after saying on stderr why it cannot be read. */
export function readInput(file: string, io: CliIo, command: string): string | undefined {
  try {
    const bytes = readFileSync(file);
    if (bytes.byteLength > MAX_STRESSNB_BYTES) {
      io.err(
        `${file}: error: the file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the largest input accepted is ${MAX_STRESSNB_BYTES / 1024 / 1024} MB\n`,
      );
      return undefined;
    }
    return bytes.toString('utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'is a directory' : e.message;
    io.err(`stressnb ${command}: cannot read ${file}: ${why}\n`);
    return undefined;
  }
}

export interface SpecTarget {
  /** Prefix of positioned problems: `spec.yaml`, or `notebook.stressnb#cell3` for a notebook's third cell. */
  location: string;
  specText: string;
  /** The cell's number in a notebook (1-based, Markdown cells count). */
  cell?: number;
}

export function isNotebookPath(path: string): boolean {
  return path.toLowerCase().endsWith('.stressnb');
}

/** The one spec of a YAML file, or the scenario cells of a notebook (all, or cell `cell`); else a message (already prefixed with the file) saying why there is none. */
export function specTargets(displayPath: string, text: string, cell: number | undefined): SpecTarget[] | { error: string } {
  if (!isNotebookPath(displayPath)) {
    if (cell !== undefined) return { error: `${displayPath}: --cell applies to a notebook (.stressnb), not to a spec file` };
    return [{ location: displayPath, specText: text }];
  }
  const parsed = parseStressnb(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.error;
    return { error: `${displayPath}${line !== undefined ? `:${line}:${column}` : ''}: error: not a valid .stressnb notebook: ${message}` };
  }
  const cells = parsed.notebook.cells;
  const scenarioNumbers = cells.flatMap((c, i) => (c.kind === 'scenario' ? [i + 1] : []));
  const numbers = scenarioNumbers.length > 0 ? `; its scenario cells are ${scenarioNumbers.join(', ')}` : '';
  if (cell !== undefined) {
    if (cell > cells.length)
      return {
        error: `${displayPath}: there is no cell ${cell}: the notebook has ${cells.length} cell${cells.length === 1 ? '' : 's'}${numbers}`,
      };
    if (cells[cell - 1].kind !== 'scenario') return { error: `${displayPath}: cell ${cell} is a Markdown cell${numbers}` };
    return [{ location: `${displayPath}#cell${cell}`, specText: cells[cell - 1].source, cell }];
  }
  if (scenarioNumbers.length === 0) return { error: `${displayPath}: the notebook has no scenario cells to run` };
  return scenarioNumbers.map((n) => ({ location: `${displayPath}#cell${n}`, specText: cells[n - 1].source, cell: n }));
}

/** A kind of cell that holds many runs: a sweep (`sweep:`) or a capacity search (`search:`). */
export interface ManyRunsKind {
  /** "sweep", "search". */
  word: string;
  /** Whether a spec's text has one. */
  has(specText: string): boolean;
  /** How to add one, e.g. "sweep: { ringBufferSize: [64, 256, 1024] }". */
  example: string;
}

/**
 * The one cell or spec of `kind` to run (`stressnb sweep`, `stressnb search`): the spec file, the
 * cell --cell names, or the notebook's only such cell; or a message (prefixed with the file) saying
 * why there is none.
 */
export function manyRunsTarget(file: string, text: string, cell: number | undefined, kind: ManyRunsKind): SpecTarget | { error: string } {
  const found = specTargets(file, text, cell);
  if ('error' in found) return found;
  if (!isNotebookPath(file) || cell !== undefined) {
    const only = found[0];
    return kind.has(only.specText)
      ? only
      : {
          error: `${only.location}: error: this scenario has no ${kind.word}: (add one, for example ${kind.example}); stressnb run runs a single scenario`,
        };
  }
  const matching = found.filter((t) => kind.has(t.specText));
  if (matching.length === 1) return matching[0];
  if (matching.length === 0) return { error: `${file}: the notebook has no ${kind.word} cell (a scenario cell with ${kind.word}:)` };
  return {
    error: `${file}: the notebook has ${matching.length} ${kind.word} cells (${matching.map((t) => t.cell).join(', ')}): choose one with --cell N`,
  };
}
