import * as vscode from 'vscode';
import { closeAllEditors, openNotebook } from './helpers/notebooks';
describe('zzdebug', function () {
  this.timeout(120_000);
  for (const f of ['test/fixtures/notebooks/kernel.stressnb', 'notebooks/session6.stressnb', 'notebooks/session6.stressnb', 'test/fixtures/notebooks/kernel.stressnb']) {
    it('reopen ' + f, async () => {
      const t0 = Date.now();
      await openNotebook(f);
      const t1 = Date.now();
      await closeAllEditors();
      const t2 = Date.now();
      console.log('ZZ', f, 'open', t1 - t0, 'close', t2 - t1, 'docs', vscode.workspace.notebookDocuments.map((d) => d.uri.path).join(','));
    });
  }
});
