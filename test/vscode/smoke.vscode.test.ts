import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testMode } from './helpers/testGrep';
import { workspaceFile } from './helpers/workspace';

const extensionId = 'stressnb.stressnb';

describe('smoke', () => {
  it('runs in a trusted workspace with the repository layout', async () => {
    assert.equal(testMode(), 'trusted');
    assert.equal(vscode.workspace.isTrusted, true);
    const stat = await vscode.workspace.fs.stat(workspaceFile('notebooks'));
    assert.equal(stat.type, vscode.FileType.Directory);
  });

  it('finds and activates the stressnb extension', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed in development mode`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('hands its test hooks to the tests, which run it in test mode', async () => {
    const api = await vscode.extensions.getExtension<{ host: string } | undefined>(extensionId)!.activate();
    // Outside test mode (and in the production bundle) activate() returns nothing (src/extension/testHooks.ts).
    assert.equal(api?.host, 'node');
  });
});

describe('smoke in restricted mode @restricted', () => {
  it('runs with the workspace untrusted', () => {
    assert.equal(testMode(), 'restricted');
    assert.equal(vscode.workspace.isTrusted, false);
  });
});
