import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers/notebooks';
import { workspaceFile } from './helpers/workspace';
describe('zzdebug', function () {
  this.timeout(120_000);
  for (const f of ['test/fixtures/notebooks/kernel.stressnb', 'notebooks/session6.stressnb', 'notebooks/session6.stressnb', 'test/fixtures/notebooks/kernel.stressnb', 'notebooks/session6.stressnb']) {
    it('reopen ' + f, async () => {
      await activateExtension();
      const t0 = Date.now();
      const uri = workspaceFile(f);
      await vscode.commands.executeCommand('vscode.openWith', uri, 'stressnb');
      const ta = Date.now();
      await waitFor('editor', () => vscode.window.activeNotebookEditor?.notebook.uri.toString() === uri.toString());
      const t1 = Date.now();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const t2 = Date.now();
      console.log('ZZ', f, 'openWith', ta - t0, 'editor', t1 - ta, 'close', t2 - t1, new Date().toISOString());
      if (f.includes('kernel') && t0 > 0 && ta - t0 > 10000) throw new Error('force logs');
    });
  }
});
