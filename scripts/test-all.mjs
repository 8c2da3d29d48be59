// `npm test`: every check, in order, stopping at the first failure:
// typecheck (everything; the pure layers and the web extension without Node's types; the renderer), format (Prettier), lint (including the layer rules), build, unit tests, code-server install (first use), VS Code extension-host tests
// (Node host: trusted and restricted workspace; then the web worker host of VS Code for the Web), end-to-end browser tests.
// Ends with 'N passed, N failed'.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { repoRoot } from './lib/codeServerPaths.mjs';

const require = createRequire(import.meta.url);
const node = process.execPath;
const script = (name) => join(repoRoot, 'scripts', name);

const lastCounts = (pattern) => (out) => {
  const matches = [...out.matchAll(pattern)];
  const m = matches.at(-1);
  return m ? { passed: Number(m.groups.passed), failed: Number(m.groups.failed) } : null;
};
const nodeTestCounts = (out) => {
  const pass = out.match(/^ℹ pass (\d+)$/m);
  const fail = out.match(/^ℹ fail (\d+)$/m);
  return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : null;
};

const steps = [
  { name: 'typecheck', cmd: [node, require.resolve('typescript/bin/tsc'), '-p', '.', '--noEmit'] },
  {
    name: 'typecheck pure layers (no Node types)',
    cmd: [node, require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.pure.json', '--noEmit'],
  },
  {
    name: 'typecheck web extension (no Node types)',
    cmd: [node, require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.web.json', '--noEmit'],
  },
  { name: 'typecheck renderer', cmd: [node, require.resolve('typescript/bin/tsc'), '-p', 'media', '--noEmit'] },
  { name: 'format (prettier --check)', cmd: [node, require.resolve('prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn'] },
  { name: 'lint', cmd: [node, join(repoRoot, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.', '--max-warnings', '0'] },
  { name: 'build', cmd: [node, join(repoRoot, 'esbuild.mjs')] },
  { name: 'unit tests', cmd: [node, script('run-unit-tests.mjs')], counts: nodeTestCounts },
  { name: 'code-server', cmd: [node, script('ensure-code-server.mjs')] },
  {
    name: 'vscode tests',
    cmd: [node, script('vscode-test.mjs'), '--no-build'],
    counts: lastCounts(/^vscode: (?<passed>\d+) passed, (?<failed>\d+) failed$/gm),
  },
  {
    name: 'web tests',
    cmd: [node, script('vscode-test.mjs'), '--mode', 'web', '--no-build'],
    counts: lastCounts(/^vscode: (?<passed>\d+) passed, (?<failed>\d+) failed$/gm),
  },
  {
    name: 'e2e tests',
    cmd: [node, script('e2e-test.mjs'), '--no-build'],
    counts: lastCounts(/^e2e: (?<passed>\d+) passed, (?<failed>\d+) failed$/gm),
  },
];

function run([cmd, ...args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('error', (e) => {
      console.error(e.message);
      resolve({ code: 1, out });
    });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const started = Date.now();
let passed = 0;
let failed = 0;
const timings = [];
let failedStep = null;
for (const step of steps) {
  console.log(`\n━━ ${step.name} ━━`);
  const t0 = Date.now();
  const { code, out } = await run(step.cmd);
  const seconds = Math.round((Date.now() - t0) / 1000);
  timings.push(`${step.name} ${seconds} s`);
  const counts = step.counts?.(out);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  if (code !== 0) {
    if (!counts || counts.failed === 0) failed += 1; // a failed step counts as a failure even without a test count
    failedStep = step.name;
    break;
  }
}

console.log(`\n${timings.join(', ')}; total ${Math.round((Date.now() - started) / 1000)} s`);
if (failedStep) console.log(`npm test FAILED at: ${failedStep}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStep ? 1 : 0);
