// The scratch copy of notebooks/ that `npm start` and the Run Extension debug configuration open,
// so the tracked samples never change: samples not there yet are copied, those there are kept
// (they may hold the user's edits) unless `fresh`.
import { cpSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './codeServerPaths.mjs';

export const samplesDir = join(repoRoot, 'notebooks');
/** Where the scratch copy lives by default (git-ignored). */
export const defaultScratchDir = join(repoRoot, 'scratch');

/** Copies the sample notebooks into `dir`; returns the names kept from an earlier session. */
export function scratchCopy(dir, fresh = false) {
  mkdirSync(dir, { recursive: true });
  const kept = [];
  for (const name of readdirSync(samplesDir)) {
    if (!fresh && existsSync(join(dir, name))) kept.push(name);
    else cpSync(join(samplesDir, name), join(dir, name), { recursive: true });
  }
  return kept;
}
