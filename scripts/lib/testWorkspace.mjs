// A fresh temporary workspace laid out like the repository (notebooks/, test/fixtures/), so that
// tests can edit and save files without touching the repository.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './codeServerPaths.mjs';
import { removeOnExit } from './processCleanup.mjs';

export const workspaceContents = ['notebooks', 'test/fixtures'];

/** @returns {{ root: string, folder: string, remove(): void }} folder is the workspace; root also holds scratch files. */
export function createTestWorkspace(prefix = 'stressnb-workspace-') {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const unregister = removeOnExit(root);
  const folder = join(root, 'workspace');
  fillTestWorkspace(folder);
  return {
    root,
    folder,
    remove() {
      rmSync(root, { recursive: true, force: true });
      unregister();
    },
  };
}

/** Makes `folder` a fresh copy laid out like the repository (whatever it held before is removed). */
export function fillTestWorkspace(folder) {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const rel of workspaceContents) {
    const from = join(repoRoot, rel);
    if (existsSync(from)) cpSync(from, join(folder, rel), { recursive: true });
  }
}
