// Runs test/vscode/*.vscode.test.ts inside a real VS Code extension host (code-server + Chromium).
// Two passes: `trusted` (workspace trust off) runs every test without @restricted in its title;
// `restricted` (trust on, folder untrusted) runs the tests tagged @restricted, if there are any.
//
// Usage: node scripts/vscode-test.mjs [--mode trusted|restricted] [--grep PATTERN] [--no-build]
//                                     [--keep] [--verbose] [--timeout SECONDS]
// Passes only when the workbench exits with code 0 and the result file counts no failure.
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, parseArgs } from 'node:util';
import { build } from './lib/build.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { repoRoot } from './lib/codeServerPaths.mjs';
import { runIfMain } from './lib/runMain.mjs';
import { createTestWorkspace } from './lib/testWorkspace.mjs';
import { ensureCodeServer } from './ensure-code-server.mjs';

const testsDir = join(repoRoot, 'test', 'vscode');
const testEntry = join(repoRoot, 'dist', 'test', 'vscode', 'index.js');
const resultsDir = join(repoRoot, 'test-results');

function hasRestrictedTests() {
  return readdirSync(testsDir)
    .filter((f) => f.endsWith('.vscode.test.ts'))
    .some((f) => readFileSync(join(testsDir, f), 'utf8').includes('@restricted'));
}

// Mocha's reporter logs printf-style: ['  %d passing (%s)', 1, '37ms'].
const formatLogArgs = (args) => format(...(Array.isArray(args) ? args : [args]));

// The workbench's own start-up messages, which arrive through the same log as the tests' output.
const workbenchChatter =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore:|Creation of workbench contribution)/;

/** One pass in one mode. Returns { mode, passed, failed, ok, seconds }. */
export async function runVscodeTestPass({ mode, grep, keep = false, verbose = false, timeoutSeconds = 600 }) {
  const started = Date.now();
  removeStaleArtifacts(mode);
  const workspace = createTestWorkspace();
  const resultFile = join(workspace.root, 'result.json');
  const env = { STRESSNB_TEST_RESULT: resultFile, STRESSNB_TEST_MODE: mode };
  if (grep) env.STRESSNB_TEST_GREP = grep;
  console.log(`\n── vscode tests, ${mode} workspace ──`);

  let server;
  let browser;
  let outcome = { code: null, reason: '' };
  let result = null;
  try {
    server = await startCodeServer({ folder: workspace.folder, workspaceTrust: mode === 'restricted', env });
    browser = await launchChromium();
    const { page } = browser;
    let onExit;
    const exited = new Promise((resolve) => (onExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code, logs) => onExit({ code, logs }));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = formatLogArgs(args);
      if (verbose || !workbenchChatter.test(text)) (type === 'error' ? console.error : console.log)(text);
    });
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await page.goto(server.workbenchUrl({ extensionDevelopmentPath: repoRoot, extensionTestsPath: testEntry }));
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutSeconds * 1000);
    });
    const exit = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (exit === null) {
      outcome = { code: null, reason: `the tests did not finish within ${timeoutSeconds} s` };
    } else {
      outcome = { code: exit.code, reason: exit.code === 0 ? '' : `the workbench exited with code ${exit.code}` };
      if (exit.code !== 0) saveLogs(mode, exit.logs);
    }
    if (outcome.code !== 0) await saveScreenshot(page, mode);
  } catch (e) {
    outcome = { code: null, reason: e instanceof Error ? e.message : String(e) };
  } finally {
    if (outcome.code !== 0 && server) copyServerLog(mode, server);
    await browser?.close();
    await server?.stop({ keep });
    result = readResult(resultFile);
    if (keep) console.log(`kept: ${workspace.root} and ${server?.root}`);
    else workspace.remove();
  }

  const passed = result?.passed ?? 0;
  const failed = result?.failed ?? 0;
  let reason = outcome.reason;
  if (!reason && !result) reason = `no result file was written (${resultFile})`;
  if (!reason && failed > 0) reason = `${failed} test(s) failed`;
  if (!reason && passed === 0 && !grep) reason = 'no test ran';
  const ok = !reason;
  const seconds = Math.round((Date.now() - started) / 1000);
  if (result?.failures?.length) {
    console.error(`\n${mode}: failures`);
    for (const f of result.failures) {
      const firstLines = f.error.split('\n').slice(0, 4).join('\n    ');
      console.error(`  ✗ ${f.title}\n    ${firstLines}`);
    }
  }
  console.log(`vscode (${mode}): ${passed} passed, ${ok ? failed : Math.max(failed, 1)} failed in ${seconds} s${ok ? '' : ` — ${reason}`}`);
  // A pass that did not report cleanly counts as (at least) one failure.
  return { mode, passed, failed: ok ? failed : Math.max(failed, 1), ok, seconds };
}

/** Failure artifacts of an earlier run would mislead whoever reads test-results/ after this one. */
function removeStaleArtifacts(mode) {
  if (!existsSync(resultsDir)) return;
  for (const f of readdirSync(resultsDir)) {
    if (f.startsWith(`vscode-${mode}-`)) rmSync(join(resultsDir, f), { recursive: true, force: true });
  }
}

function readResult(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

async function saveScreenshot(page, mode) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `vscode-${mode}-failure.png`);
  await page.screenshot({ path: file }).then(
    () => console.error(`screenshot: ${file}`),
    () => {},
  );
}

function saveLogs(mode, logs) {
  if (!Array.isArray(logs) || logs.length === 0) return;
  const dir = join(resultsDir, `vscode-${mode}-logs`);
  for (const { relativePath, contents } of logs) {
    const file = join(dir, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, contents);
  }
  console.error(`workbench logs: ${dir}`);
}

function copyServerLog(mode, server) {
  mkdirSync(resultsDir, { recursive: true });
  const file = join(resultsDir, `vscode-${mode}-code-server.log`);
  try {
    writeFileSync(file, server.readLog());
    console.error(`code-server log: ${file}`);
  } catch {
    // the server never started
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string' },
      grep: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '600' },
    },
  });
  if (values.mode && !['trusted', 'restricted'].includes(values.mode)) {
    throw new Error(`--mode must be trusted or restricted, not ${values.mode}`);
  }
  await ensureCodeServer();
  if (!values['no-build']) build();
  if (!existsSync(testEntry)) throw new Error(`the build did not produce ${testEntry}`);

  const modes = values.mode ? [values.mode] : hasRestrictedTests() ? ['trusted', 'restricted'] : ['trusted'];
  const results = [];
  for (const mode of modes) {
    results.push(await runVscodeTestPass({ mode, grep: values.grep, keep: values.keep, verbose: values.verbose, timeoutSeconds: Number(values.timeout) }));
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  return results.every((r) => r.ok) ? 0 : 1;
}

runIfMain(import.meta.url, main);
