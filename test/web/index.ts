// The test entry of the web worker extension host (VS Code for the Web; scripts/vscode-test.mjs
// --host web forces it in code-server with the user setting remote.extensionKind): runs every
// test/web/*.web.test.ts with mocha's browser build. There is no process.env and no Node file
// system here, so the runner's options come from, and the result goes to, files in the run's
// scratch folder (the workspace folder's parent; scripts/lib/extensionHostRun.mjs), through
// vscode.workspace.fs.
import 'mocha/mocha.js';
import * as vscode from 'vscode';
import { testModules } from 'virtual:vscode-tests';
import { runMochaSuites } from '../vscode/helpers/mochaSuites';
import { scratchFile } from '../vscode/helpers/workspace';

/** Written by the runner: `{ grep?: string }`. */
const CONFIG_FILE = 'test-config.json';
/** Read by the runner: `{ passed, failed, failures }`. */
const RESULT_FILE = 'result.json';

async function readConfig(): Promise<{ grep?: string }> {
  try {
    return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(scratchFile(CONFIG_FILE)))) as { grep?: string };
  } catch {
    return {};
  }
}

export async function run(): Promise<void> {
  const config = await readConfig();
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 60_000 });
  if (config.grep) mocha.grep(new RegExp(config.grep));
  const result = await runMochaSuites(mocha, testModules);

  await vscode.workspace.fs.writeFile(scratchFile(RESULT_FILE), new TextEncoder().encode(JSON.stringify(result, null, 2) + '\n'));
  if (result.failed > 0) throw new Error(`${result.failed} test(s) failed`);
  if (result.passed === 0 && !config.grep) throw new Error('no test ran (check the test files)');
}
