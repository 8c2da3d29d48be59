// Installs the pinned code-server into its cache folder (lib/codeServerPaths.mjs: ~/.cache/stressnb) unless it is already there (then it returns at once).
// Usage: node scripts/ensure-code-server.mjs   (also imported by the test and start scripts)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { codeServerDir, codeServerEntry, codeServerVersion, installedMarker } from './lib/codeServerPaths.mjs';
import { ensureSystemPackages } from './lib/systemPackages.mjs';

// The @vscode/ripgrep that code-server 4.100.3 depends on, and the prebuilt it would fetch from GitHub.
const ripgrepCacheDir = 'vscode-ripgrep-cache-1.15.11';
const ripgrepTarball = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

export function isCodeServerInstalled() {
  return existsSync(installedMarker) && existsSync(codeServerEntry);
}

export async function ensureCodeServer() {
  ensureSystemPackages();
  if (isCodeServerInstalled()) return;
  const release = await takeLock(`${codeServerDir}.lock`);
  try {
    if (!isCodeServerInstalled()) install();
  } finally {
    release();
  }
}

function install() {
  console.log(`Installing code-server@${codeServerVersion} into ${codeServerDir} (about 2 minutes, once)`);
  const started = Date.now();
  rmSync(codeServerDir, { recursive: true, force: true });
  mkdirSync(codeServerDir, { recursive: true });
  writeFileSync(join(codeServerDir, 'package.json'), JSON.stringify({ name: 'code-server-cache', private: true }) + '\n');
  const tmp = mkdtempSync(join(codeServerDir, '..', 'install-tmp-'));
  try {
    seedRipgrepCache(tmp);
    const log = join(codeServerDir, '..', `code-server-${codeServerVersion}-install.log`);
    const fd = openSync(log, 'w');
    const r = spawnSync('npm', ['install', `code-server@${codeServerVersion}`, '--foreground-scripts', '--no-audit', '--no-fund'], {
      cwd: codeServerDir,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        TMPDIR: tmp, // where @vscode/ripgrep looks for its download cache
        npm_config_unsafe_perm: 'true', // code-server refuses to install as root without it
        npm_config_yes: 'true', // node-pty's build runs `npx node-gyp`, which would otherwise ask
      },
    });
    closeSync(fd);
    if (r.status !== 0 || !existsSync(codeServerEntry)) {
      const tail = readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
      throw new Error(`npm install code-server@${codeServerVersion} failed (exit ${r.status}); last lines of ${log}:\n${tail}`);
    }
    writeFileSync(installedMarker, `${codeServerVersion}\n`);
    console.log(`code-server@${codeServerVersion} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Puts Debian's rg where @vscode/ripgrep's postinstall looks before downloading from GitHub. */
function seedRipgrepCache(tmp) {
  const cache = join(tmp, ripgrepCacheDir);
  const binDir = join(tmp, 'rg-bin');
  mkdirSync(cache, { recursive: true });
  mkdirSync(binDir, { recursive: true });
  const cp = spawnSync('cp', ['/usr/bin/rg', join(binDir, 'rg')], { stdio: 'inherit' });
  if (cp.status !== 0) throw new Error('cannot copy /usr/bin/rg (is the ripgrep package installed?)');
  const tar = spawnSync('tar', ['czf', join(cache, ripgrepTarball), '-C', binDir, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) throw new Error('cannot build the ripgrep cache tarball');
}

/** A lock folder, so that two test runs started together do not install at the same time. */
async function takeLock(path) {
  mkdirSync(join(path, '..'), { recursive: true });
  for (let waited = 0; ; waited += 1) {
    try {
      mkdirSync(path);
      writeFileSync(join(path, 'pid'), String(process.pid));
      return () => rmSync(path, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (lockOwnerIsGone(path)) {
        rmSync(path, { recursive: true, force: true });
        continue;
      }
      if (waited % 30 === 0) console.log(`waiting for another code-server install (${path})`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function lockOwnerIsGone(path) {
  let pid;
  try {
    pid = Number(readFileSync(join(path, 'pid'), 'utf8'));
  } catch {
    // Just created and the pid not written yet, or left by a process killed in between.
    return Date.now() - statSync(path, { throwIfNoEntry: false })?.mtimeMs > 10_000;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await ensureCodeServer();
    console.log(`code-server@${codeServerVersion} ready: ${codeServerEntry}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
