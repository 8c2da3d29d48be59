// A fresh clone works after `npm ci`: the `prepare` script builds, so `npx stressnb --help` runs
// the command-line runner at once (without it, npx found no built entry, and cached the broken
// link). Clones the repository's committed HEAD (`git clone --local`: uncommitted changes are
// not in it) into a temporary folder; `npm ci` prefers the warm npm cache, so it works offline.
// Slow (a full install and build): it prints how long each step took.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/codeServerPaths.mjs';

function step(what: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const started = Date.now();
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 600_000 });
  console.log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.equal(r.status, 0, `${command} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

test('a fresh clone: npm ci, then npx stressnb --help works', { timeout: 900_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), 'stressnb-clone-'));
  try {
    const clone = join(root, 'stressnb');
    step('git clone --local', 'git', ['clone', '--quiet', '--local', repoRoot, clone], root);
    assert.equal(existsSync(join(clone, 'dist')), false, 'a clone has no build');
    step('npm ci (prepare builds)', 'npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], clone);
    assert.ok(existsSync(join(clone, 'dist', 'cli.js')), 'npm ci built dist/cli.js');
    // npx keeps what it links in its own cache folder: a fresh one, so this run proves a first use.
    const env = { ...process.env, npm_config_cache: join(root, 'npx-cache') };
    const help = step('npx stressnb --help', 'npx', ['--yes', 'stressnb', '--help'], clone, env);
    assert.match(help, /^stressnb: stress-session notebooks/m);
    assert.match(help, /^\s+run\s+Run a scenario spec/m);
    assert.match(step('npx stressnb run --help', 'npx', ['--yes', 'stressnb', 'run', '--help'], clone, env), /^Usage: stressnb run/m);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
