// The web extension's bundle size and cold start (bench/webExtension.mjs): a separate Node process,
// since it drives code-server and Chromium with the harness of scripts/lib.

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function webBench(): void {
  // dist/bench.js runs from dist/.
  const repoRoot = join(__dirname, '..');
  const r = spawnSync(process.execPath, [join(repoRoot, 'bench', 'webExtension.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) console.log(`(the web extension bench failed: exit ${r.status ?? r.signal})`);
}
