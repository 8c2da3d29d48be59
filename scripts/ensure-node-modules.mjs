// `npm start` and `npm test` from a clean clone: installs the locked dependencies (`npm ci`) when
// node_modules is missing or does not hold what package-lock.json locks. Node built-ins only: it
// runs before anything is installed. "Up to date" is decided by content, not by file times
// (scripts/lib/lockedInstall.mjs). A node_modules that is a symbolic link (shared between git worktrees) is never reinstalled
// from here: `npm ci` would empty the folder it points to, under every other worktree's feet.
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { staleReason } from './lib/lockedInstall.mjs';

const root = join(import.meta.dirname, '..');
const modules = join(root, 'node_modules');
const installed = join(modules, '.package-lock.json');
const lock = join(root, 'package-lock.json');

const readIfThere = (file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

function main() {
  const reason = staleReason(readFileSync(lock, 'utf8'), readIfThere(installed));
  if (!reason) return;
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
    console.warn(`node_modules is a link (shared, e.g. with another worktree) and does not match package-lock.json: ${reason}.`);
    console.warn('Not reinstalling it from here; run `npm ci` where it really lives if it needs to change.');
    return;
  }
  console.log(`Installing the locked dependencies (npm ci): ${reason}…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`npm ci failed (exit ${r.status ?? r.signal}); fix that, then run the command again.`);
    process.exit(1);
  }
}

main();
