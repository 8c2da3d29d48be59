// The runs of a repeated spec (`repeat: N`), in order: the engine runs seeds seed … seed+N-1; a
// command runs N times with STRESSNB_REPEAT=1 … N in its environment (so a harness can name its
// output or vary its own seed); a log-file source reads N files, the ones its path pattern
// matches (src/sources/logFilePattern.ts lists them).

import { parseDocument } from 'yaml';
import type { ScenarioSpec } from './scenarioSpec';

/** The environment variable that tells a repeated command which repeat it is (1-based). */
export const REPEAT_ENV = 'STRESSNB_REPEAT';

/** How many runs the spec asks for (1 without `repeat:`). */
export function repeatCount(spec: ScenarioSpec): number {
  return spec.repeat ?? 1;
}

/**
 * One spec per run, each without `repeat`. A file source needs `files`, the paths its pattern
 * matched (as many as the repeats); without them it is read as written.
 */
export function repeatedSpecs(spec: ScenarioSpec, files?: readonly string[]): ScenarioSpec[] {
  const { repeat: _repeat, ...one } = spec;
  const n = repeatCount(spec);
  const source = spec.source;
  return Array.from({ length: n }, (_, i): ScenarioSpec => {
    if (source.kind === 'engine') return { ...one, seed: spec.seed + i };
    if (source.kind === 'command') return { ...one, source: { ...source, env: { ...source.env, [REPEAT_ENV]: String(i + 1) } } };
    return source.kind === 'file' && files?.[i] !== undefined ? { ...one, source: { ...source, path: files[i] } } : one;
  });
}

/** Whether a log-file path is a pattern (has * or ? in its file name). */
export function isLogPattern(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  return /[*?]/.test(name);
}

/** A repeated cell's text for one engine run: `repeat:` removed, `seed:` set (the engine worker parses text). */
export function repeatSpecText(cellText: string, seed: number): string {
  const doc = parseDocument(cellText);
  doc.delete('repeat');
  doc.set('seed', seed);
  return doc.toString();
}
