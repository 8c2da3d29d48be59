// Runs test/e2e/**/*.e2e.test.ts (playwright-core + Debian's Chromium against code-server with the
// extension in development mode) with Node's test runner, one file at a time.
// Usage: node scripts/e2e-test.mjs [--no-build] [file ...]
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { build } from './lib/build.mjs';
import { repoRoot } from './lib/codeServerPaths.mjs';
import { runIfMain } from './lib/runMain.mjs';
import { ensureCodeServer } from './ensure-code-server.mjs';

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? findTests(join(dir, e.name)) : e.name.endsWith('.e2e.test.ts') ? [join(dir, e.name)] : [],
  );
}

/** Runs node --test, echoing its output; returns { code, passed, failed } read from the spec reporter's totals. */
export function runNodeTests(files, { cwd = repoRoot } = {}) {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files];
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const count = (name) => Number(out.match(new RegExp(`^ℹ ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
      resolve({ code: code ?? 1, passed: count('pass'), failed: count('fail') + count('cancelled') });
    });
  });
}

async function main() {
  const { values, positionals } = parseArgs({
    options: { 'no-build': { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  await ensureCodeServer();
  if (!values['no-build']) build();
  const files = positionals.length ? positionals : findTests(join(repoRoot, 'test', 'e2e')).sort();
  if (files.length === 0) throw new Error('no *.e2e.test.ts file found under test/e2e/');
  console.log(`e2e: running ${files.map((f) => relative(repoRoot, f)).join(', ')}`);
  const { code, passed, failed } = await runNodeTests(files);
  const failedCount = code !== 0 && failed === 0 ? 1 : failed;
  console.log(`e2e: ${passed} passed, ${failedCount} failed`);
  return code === 0 && passed > 0 ? 0 : 1;
}

runIfMain(import.meta.url, main);
