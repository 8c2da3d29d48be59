// *Stressnb: Export Session Report…* in a real VS Code: the command is contributed to the palette
// and the notebook toolbar, and writes the report of the open notebook as it is in the editor
// (a run made just now, not yet saved, included), in HTML and in Markdown with its chart files.
// The test passes { format, path } so that no dialog opens.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { serializeStressnb } from '../../src/format/stressnbFile';
import { closeAllEditors, drawnChartIds, EXTENSION_ID, runCell, showWithKernel, activateExtension } from './helpers/notebooks';
import { workspaceFile } from './helpers/workspace';

const QUICK =
  'scenario: steady\npartitions: 2\ntickMs: 200\nwarmupS: 0.4\nmeasureS: 1\ncooldownS: 0.4\npace: fast\nseed: 1\nload: { families: 20, ratePerS: 100 }\n';

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('Export Session Report', function () {
  this.timeout(90_000);
  after(closeAllEditors);

  it('is contributed to the command palette and the notebook toolbar', () => {
    const contributes = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes;
    const command = contributes.commands.find((c: { command: string }) => c.command === 'stressnb.exportReport');
    assert.equal(`${command.category}: ${command.title}`, 'Stressnb: Export Session Report…');
    assert.ok(
      contributes.menus['notebook/toolbar'].some(
        (m: { command: string; when: string }) => m.command === 'stressnb.exportReport' && m.when === 'notebookType == stressnb',
      ),
    );
    assert.ok(contributes.menus.commandPalette.some((m: { command: string }) => m.command === 'stressnb.exportReport'));
  });

  it("writes the open notebook's report, unsaved run included, as HTML and as Markdown with its charts", async () => {
    await activateExtension();
    const file = workspaceFile('notebooks/export-test.stressnb');
    const cells = [
      { kind: 'markdown' as const, source: '# Export test\n\nNotes to *share*.' },
      { kind: 'scenario' as const, source: QUICK },
      { kind: 'scenario' as const, source: QUICK.replace('seed: 1', 'seed: 2') },
    ];
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(serializeStressnb({ version: 1, metadata: {}, cells })));
    const notebook = await showWithKernel(await vscode.workspace.openNotebookDocument(file));
    const summary = await runCell(notebook, 1);
    assert.equal(summary.success, true);
    assert.ok(notebook.isDirty, 'the run is in the editor, not yet on disk');

    const htmlTarget = workspaceFile('reports/export-test.html');
    const written = await vscode.commands.executeCommand<string | undefined>('stressnb.exportReport', {
      format: 'html',
      path: htmlTarget.fsPath,
    });
    assert.equal(written, htmlTarget.fsPath);
    const html = await readText(htmlTarget);
    assert.match(html, /<h1>Export test<\/h1>/);
    assert.match(html, /<article class="scenario" id="cell2" data-verdict="PASS">/);
    assert.match(html, /<article class="scenario" id="cell3" data-verdict="NOT RUN">/);
    // The charts the cell draws; its charts of zeros are one line each.
    const drawn = drawnChartIds(notebook.cellAt(1));
    assert.ok(drawn.includes('completed'), drawn.join(','));
    // The cell's own charts (the report's run history section, from runs of earlier tests, has charts of its own).
    const cell2 = /<article class="scenario" id="cell2"[\s\S]*?<\/article>/.exec(html)?.[0] ?? '';
    assert.equal(cell2.match(/<svg /g)?.length, drawn.length);
    assert.match(html, /<p class="chart-note" data-chart-id="rejects"><strong>Rejects\/s[^<]*<\/strong>: none, 0 on every partition<\/p>/);
    assert.ok(!/<script/i.test(html));

    const mdTarget = workspaceFile('reports/export-test.md');
    assert.equal(await vscode.commands.executeCommand('stressnb.exportReport', { path: mdTarget.fsPath }), mdTarget.fsPath);
    const md = await readText(mdTarget);
    assert.match(md, /\| 2 \| steady \| ✓ \*\*PASS\*\* \| — \|/);
    const links = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]).filter((link) => !link.includes('/history'));
    assert.deepEqual(
      links,
      drawn.map((id) => `export-test-files/cell2-${id}.svg`),
    );
    for (const link of links) {
      const svg = await readText(workspaceFile(`reports/${link}`));
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    }
  });
});
