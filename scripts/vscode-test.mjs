// Runs the extension's tests inside a real VS Code extension host (code-server + Chromium).
// Node host (desktop), test/vscode/*.vscode.test.ts, two passes: `trusted` (workspace trust off)
// runs every test without @restricted in its title; `restricted` (trust on, folder untrusted) runs
// the tests tagged @restricted, if there are any.
// Web host (VS Code for the Web), test/web/*.web.test.ts: mode `web` runs the `browser` bundle in
// the browser's web worker extension host (forced by a user setting), trusted workspace.
//
// Usage: node scripts/vscode-test.mjs [--mode trusted|restricted|web] [--grep PATTERN] [--no-build]
//                                     [--keep] [--verbose] [--timeout SECONDS]
// Without --mode: the Node passes. Passes only when the workbench exits with code 0 and the result
// file counts no failure.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from './lib/build.mjs';
import { repoRoot } from './lib/codeServerPaths.mjs';
import { runInExtensionHost } from './lib/extensionHostRun.mjs';
import { runIfMain } from './lib/runMain.mjs';
import { ensureCodeServer } from './ensure-code-server.mjs';

const testsDir = join(repoRoot, 'test', 'vscode');
const resultsDir = join(repoRoot, 'test-results');
const MODES = ['trusted', 'restricted', 'web'];
/** The bundled test entry of a mode: the web host loads the browser-bundled one. */
const testEntryOf = (mode) => join(repoRoot, 'dist', 'test', mode === 'web' ? 'web' : 'vscode', 'index.js');

function hasRestrictedTests() {
  return readdirSync(testsDir)
    .filter((f) => f.endsWith('.vscode.test.ts'))
    .some((f) => readFileSync(join(testsDir, f), 'utf8').includes('@restricted'));
}

/** One pass in one mode. Returns { mode, passed, failed, ok, seconds }. */
export async function runVscodeTestPass({ mode, grep, keep = false, verbose = false, timeoutSeconds = 600 }) {
  const started = Date.now();
  removeStaleArtifacts(mode);
  console.log(`\n── vscode tests, ${mode === 'web' ? 'web worker extension host' : `${mode} workspace`} ──`);
  const env = { STRESSNB_TEST_MODE: mode };
  if (grep) env.STRESSNB_TEST_GREP = grep;
  const run = await runInExtensionHost({
    entry: testEntryOf(mode),
    extensionHost: mode === 'web' ? 'web' : 'node',
    workspaceTrust: mode === 'restricted',
    env,
    config: { grep },
    timeoutSeconds,
    verbose,
    keep,
    onFailure: async ({ page, server, logs }) => {
      saveLogs(mode, logs);
      if (page) await saveScreenshot(page, mode);
      if (server) copyServerLog(mode, server);
    },
  });
  const { result, resultFile } = run;

  const passed = result?.passed ?? 0;
  const failed = result?.failed ?? 0;
  let reason = run.reason;
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
  // The server side's own logs: its connections (remoteagent.log) and the extension host's.
  const serverLogs = join(server.root, 'user-data', 'logs');
  if (existsSync(serverLogs)) {
    const target = join(resultsDir, `vscode-${mode}-server-logs`);
    cpSync(serverLogs, target, { recursive: true });
    console.error(`server logs: ${target}`);
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
      // A safety net for a workbench that never exits: the trusted pass takes 200-250 s here, and a
      // stalled workbench request costs a test up to its own mocha timeout before the next one runs.
      timeout: { type: 'string', default: '1200' },
    },
  });
  if (values.mode && !MODES.includes(values.mode)) {
    throw new Error(`--mode must be one of ${MODES.join(', ')}, not ${values.mode}`);
  }
  await ensureCodeServer();
  if (!values['no-build']) build();
  const modes = values.mode ? [values.mode] : hasRestrictedTests() ? ['trusted', 'restricted'] : ['trusted'];
  for (const mode of modes) {
    if (!existsSync(testEntryOf(mode))) throw new Error(`the build did not produce ${testEntryOf(mode)}`);
  }

  const results = [];
  for (const mode of modes) {
    results.push(
      await runVscodeTestPass({
        mode,
        grep: values.grep,
        keep: values.keep,
        verbose: values.verbose,
        timeoutSeconds: Number(values.timeout),
      }),
    );
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`vscode: ${passed} passed, ${failed} failed`);
  return results.every((r) => r.ok) ? 0 : 1;
}

runIfMain(import.meta.url, main);
