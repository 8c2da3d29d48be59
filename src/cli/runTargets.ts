// What `stressnb run` runs: the one spec of a YAML file, or the scenario cells of a notebook.

import { parseStressnb } from '../format/stressnbFile';

export interface RunTarget {
  /** Prefix of positioned problems: `spec.yaml`, or `notebook.stressnb#cell3` for a notebook's third cell. */
  location: string;
  specText: string;
}

export function isNotebookPath(path: string): boolean {
  return path.toLowerCase().endsWith('.stressnb');
}

/** The targets to run, or a message (already prefixed with the file) saying why there are none. */
export function runTargets(displayPath: string, text: string, cell: number | undefined): RunTarget[] | { error: string } {
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
    if (cell > cells.length) return { error: `${displayPath}: there is no cell ${cell}: the notebook has ${cells.length} cell${cells.length === 1 ? '' : 's'}${numbers}` };
    if (cells[cell - 1].kind !== 'scenario') return { error: `${displayPath}: cell ${cell} is a Markdown cell${numbers}` };
    return [{ location: `${displayPath}#cell${cell}`, specText: cells[cell - 1].source }];
  }
  if (scenarioNumbers.length === 0) return { error: `${displayPath}: the notebook has no scenario cells to run` };
  return scenarioNumbers.map((n) => ({ location: `${displayPath}#cell${n}`, specText: cells[n - 1].source }));
}
