// Debian packages that the tests need (code-server's install, the browser tests, a real Prometheus
// server for the Prometheus source), installed with apt-get when root.
import { spawnSync } from 'node:child_process';

/** What the unit tests start: a Prometheus server of its own, on a loopback port, for the Prometheus source. */
export const unitTestPackages = ['prometheus'];

export const requiredPackages = [
  ...unitTestPackages,
  'chromium', // the browser playwright-core drives
  'libkrb5-dev', // gssapi headers: code-server's kerberos module builds from source
  'ripgrep', // stands in for @vscode/ripgrep's GitHub download
  'make',
  'g++',
  'python3', // node-gyp for node-pty and kerberos
];

export function missingPackages(names = requiredPackages) {
  return names.filter((name) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function aptGet(args) {
  // Lock::Timeout waits for another apt-get (for example one already started in the background).
  const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=900', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (r.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed with exit code ${r.status}`);
}

/** Installs what is missing when root; otherwise says exactly what to install and exits non-zero. */
export function ensureSystemPackages(names = requiredPackages) {
  const missing = missingPackages(names);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    console.error(`Missing Debian packages: ${missing.join(' ')}`);
    console.error(`Install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  aptGet(['update']);
  aptGet(['install', '-y', ...missing]);
  const still = missingPackages(missing);
  if (still.length > 0) throw new Error(`apt-get did not install: ${still.join(' ')}`);
}
