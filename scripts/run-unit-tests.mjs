// Runs every *.unit.test.ts under test/ with Node's own test runner (TypeScript through tsx),
// after installing the Debian packages they start (a Prometheus server; apt-get when root).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ensureSystemPackages, unitTestPackages } from './lib/systemPackages.mjs';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? find(join(dir, e.name)) : e.name.endsWith('.unit.test.ts') ? [join(dir, e.name)] : [],
  );
}

const files = find('test').sort();
if (files.length === 0) {
  console.error('no unit test files found under test/');
  process.exit(1);
}
ensureSystemPackages(unitTestPackages);
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
