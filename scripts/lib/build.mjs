// Runs the project's build (esbuild.mjs) and fails loudly if it fails.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './codeServerPaths.mjs';

export function build() {
  const r = spawnSync(process.execPath, [join(repoRoot, 'esbuild.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`build failed (node esbuild.mjs exited with ${r.status})`);
}
