// Runs a bundled entry inside a real VS Code extension host: code-server on a fresh workspace copy,
// the extension in development mode, the entry as the payload's extensionTestsPath (it exports
// `run(): Promise<void>`), driven by Chromium. Resolves when the workbench reports the entry's end.
//
// The entry reports back through files in the run's scratch folder (the workspace folder's parent):
// it reads `test-config.json` and writes `result.json`. The Node host could use environment
// variables, but the web worker host has no process.env, so both hosts use files (read and written
// through vscode.workspace.fs). The Node host also gets STRESSNB_TEST_RESULT in its environment.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './chromium.mjs';
import { startCodeServer } from './codeServer.mjs';
import { repoRoot } from './codeServerPaths.mjs';
import { createTestWorkspace } from './testWorkspace.mjs';
import { releaseStuckServiceWorkers } from './webviewWorkers.mjs';

// Mocha's reporter logs printf-style: ['  %d passing (%s)', 1, '37ms'].
const formatLogArgs = (args) => format(...(Array.isArray(args) ? args : [args]));

// The workbench's own start-up messages, which arrive through the same log as the entry's output.
const workbenchChatter =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore:|Creation of workbench contribution)/;

/**
 * @param {object} options
 * @param {string} options.entry absolute path of the bundled entry
 * @param {string} [options.extensionPath] the extension folder to load in development mode (default: the repository)
 * @param {'node'|'web'} [options.extensionHost] the Node host (`main`) or the web worker host (`browser`)
 * @param {boolean} [options.workspaceTrust] true: restricted mode (trust enabled, folder untrusted)
 * @param {Record<string,string>} [options.env] extra environment of code-server (the Node host inherits it)
 * @param {object} [options.config] written to test-config.json for the entry
 * @param {number} [options.timeoutSeconds]
 * @param {boolean} [options.verbose] also echo the workbench's own log chatter
 * @param {boolean} [options.silent] echo nothing of the workbench's log (the entry reports through result.json)
 * @param {boolean} [options.keep] keep the workspace and code-server folders
 * @param {(folder: string) => void} [options.prepareWorkspace] changes the workspace copy before the workbench starts
 * @param {(failure: { page?: import('playwright-core').Page, server?: object, logs?: unknown[] }) => Promise<void>|void} [options.onFailure]
 *   called before anything is closed when the run did not end with exit code 0 (artifacts)
 * @returns {Promise<{ code: number|null, reason: string, result: any, resultFile: string }>}
 */
export async function runInExtensionHost({
  entry,
  extensionPath = repoRoot,
  extensionHost = 'node',
  workspaceTrust = false,
  env = {},
  config = {},
  timeoutSeconds = 600,
  verbose = false,
  silent = false,
  keep = false,
  prepareWorkspace,
  onFailure,
}) {
  const workspace = createTestWorkspace();
  prepareWorkspace?.(workspace.folder);
  const resultFile = join(workspace.root, 'result.json');
  writeFileSync(join(workspace.root, 'test-config.json'), JSON.stringify(config) + '\n');
  let server;
  let browser;
  let stopWatchdog;
  let outcome = { code: null, reason: '' };
  try {
    server = await startCodeServer({
      folder: workspace.folder,
      workspaceTrust,
      env: { ...env, STRESSNB_TEST_RESULT: resultFile },
      extensionHost,
      // Saving is the tests' to do, as in desktop VS Code: the web workbench's default (save one
      // second after an edit) races a test's own save and its checks of isDirty.
      settings: { 'files.autoSave': 'off' },
    });
    browser = await launchChromium();
    const { page } = browser;
    stopWatchdog = await releaseStuckServiceWorkers(page, silent ? () => {} : console.log);
    let onExit;
    const exited = new Promise((resolve) => (onExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code, logs) => onExit({ code, logs }));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = formatLogArgs(args);
      if (!silent && (verbose || !workbenchChatter.test(text))) (type === 'error' ? console.error : console.log)(text);
    });
    if (!silent)
      page.on('pageerror', (e) => console.error(`[page error] ${(e.stack ?? e.message).split('\n').slice(0, 4).join('\n    ')}`));
    // A busy machine can take longer than playwright's default 30 s to load the workbench.
    await page.goto(server.workbenchUrl({ extensionDevelopmentPath: extensionPath, extensionTestsPath: entry }), { timeout: 120_000 });
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutSeconds * 1000);
    });
    const exit = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    outcome =
      exit === null
        ? { code: null, reason: `the run did not finish within ${timeoutSeconds} s` }
        : { code: exit.code, reason: exit.code === 0 ? '' : `the workbench exited with code ${exit.code}` };
    if (outcome.code !== 0) await onFailure?.({ page, server, logs: exit?.logs });
  } catch (e) {
    outcome = { code: null, reason: e instanceof Error ? e.message : String(e) };
    if (server) await onFailure?.({ server });
  } finally {
    await stopWatchdog?.();
    await browser?.close();
    await server?.stop({ keep });
    if (keep) console.log(`kept: ${workspace.root} and ${server?.root}`);
  }
  const result = readJson(resultFile);
  if (!keep) workspace.remove();
  return { ...outcome, result, resultFile };
}

function readJson(file) {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
