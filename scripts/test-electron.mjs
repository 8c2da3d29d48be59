// Runs the same in-VS Code test entry as scripts/vscode-test.mjs, but in desktop VS Code
// downloaded by @vscode/test-electron. Needs network access to Microsoft's update service,
// so it is not part of `npm test` or CI here; use it on a machine that can download VS Code.
import { runTests } from '@vscode/test-electron';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { createTestWorkspace } from './lib/testWorkspace.mjs';

const root = resolve(import.meta.dirname, '..');
execFileSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
// Laid out like the repository (notebooks/, test/fixtures/), as in scripts/vscode-test.mjs.
const workspace = createTestWorkspace('stressnb-electron-');

await runTests({
  version: '1.100.3',
  extensionDevelopmentPath: root,
  extensionTestsPath: join(root, 'dist', 'test', 'vscode', 'index.js'),
  launchArgs: [workspace.folder, '--disable-extensions', '--disable-workspace-trust'],
  extensionTestsEnv: { STRESSNB_TEST_RESULT: join(workspace.root, 'result.json'), STRESSNB_TEST_MODE: 'trusted' },
});
workspace.remove();
