import * as vscode from 'vscode';
import { activateExtension, waitFor } from './helpers/notebooks';
import { workspaceFile } from './helpers/workspace';
describe('zzdebug', function () {
  this.timeout(120_000);
  for (const f of ['zz-plain', 'zz-plain', 'zz-table', 'zz-plain', 'zz-fence', 'zz-plain', 'zz-many', 'zz-plain']) {
    it('reopen ' + f, async () => {
      await activateExtension();
      const t0 = Date.now();
      const uri = workspaceFile(`test/fixtures/notebooks/${f}.stressnb`);
      await vscode.commands.executeCommand('vscode.openWith', uri, 'stressnb');
      const ta = Date.now();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      console.log('ZZ', f, 'openWith', ta - t0);
    });
  }
});
