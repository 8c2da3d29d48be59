// Capacity and regressions in a real VS Code: a healthy steady control pinned as the baseline,
// the same cell changed to a configuration that cannot keep up, and the report that says so: the
// capacity check fails and the thresholds relative to the baseline fail with both values. Also
// what the editor offers for the relative form: completion, hover and positioned diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceFile } from './helpers/workspace';
import { activateExtension, findItem, itemText, runCell, showWithKernel, waitFor } from './helpers/notebooks';

const CELL = 1;
const HEALTHY = 'scenario: steady\npace: fast\nmeasureS: 10\nexpect:\n  completedPerS: ">= baseline - 10%"\n  drainS: "<= baseline + 2"\n';
const SATURATED = `${HEALTHY}handler: sync\nworkCostMs: 40\n`;

async function setCellText(cell: vscode.NotebookCell, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

async function openCopy(name: string): Promise<vscode.NotebookDocument> {
  const copy = workspaceFile(`test/fixtures/notebooks/${name}`);
  await vscode.workspace.fs.copy(workspaceFile('test/fixtures/notebooks/kernel.stressnb'), copy, { overwrite: true });
  await activateExtension();
  return showWithKernel(await vscode.workspace.openNotebookDocument(copy));
}

function report(cell: vscode.NotebookCell): string {
  const item = findItem(cell, 'text/markdown');
  assert.ok(item, 'a report');
  return itemText(item);
}

describe('capacity and regressions against the baseline', function () {
  // Generous bounds, not timings: the machine these tests run on may be busy.
  this.timeout(300_000);
  const RUN_BOUND_MS = 120_000;

  it('pins a healthy steady run, then fails the saturated config on capacity and on the relative thresholds', async () => {
    const notebook = await openCopy('regression-copy.stressnb');
    const cell = notebook.cellAt(CELL);
    await setCellText(cell, HEALTHY);

    // No baseline yet: the relative thresholds are not evaluated, and the healthy control passes.
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, true);
    const first = report(notebook.cellAt(CELL));
    assert.match(
      first,
      /^### ✓ PASS steady \(seed 1\): no triage hint, every check and threshold passed \(2 thresholds not evaluated: no baseline\)/,
    );
    assert.match(first, /\| ✓ pass \| The control keeps up with the offered load \| 200\/s completed of 200\/s offered/);
    assert.match(first, /\| – not evaluated \| completedPerS \| >= baseline - 10% \|/);

    await vscode.commands.executeCommand('stressnb.pinBaseline', notebook.cellAt(CELL));
    await waitFor(
      'the baseline in the metadata',
      () => (notebook.metadata.stressnb as { baselines?: Record<string, unknown> } | undefined)?.baselines?.steady,
      RUN_BOUND_MS,
    );

    await setCellText(notebook.cellAt(CELL), SATURATED);
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, false, 'a saturated control fails the cell');
    const md = report(notebook.cellAt(CELL));
    // The headline says it first.
    assert.match(
      md,
      /^### ✗ FAIL steady \(seed 1\): saturated \(100\/s completed of 200\/s offered\), 1 failed check, 2 failed thresholds/,
    );
    // The summary's first row, the failed check with its figures, and the failed relative thresholds with both values and the bound.
    assert.match(
      md,
      /\|---\|---\|\n\| Counter integrity \| sound[^\n]*\n\| Capacity \(measure window, 3\.0 s to 13\.0 s\) \| SATURATED: 100\/s completed of 200\/s offered \(50\.0 % short\), behind on every partition; the backlog grew by 99\.9\/s/,
    );
    assert.match(
      md,
      /\| ✗ fail \| The control keeps up with the offered load \| saturated from 3\.0 s to 13\.0 s: .*about 16\.7 s to drain at that rate \|/,
    );
    assert.match(md, /\| ✗ fail \| completedPerS \| >= baseline - 10% \| 100 \| baseline 200, so >= 180 \|/);
    assert.match(md, /\| ✗ fail \| drainS \| <= baseline \+ 2 \| 10 \| baseline 0\.5, so <= 2\.5 \|/);
    // The comparison with the baseline marks the changes beyond their threshold.
    assert.match(md, /#### Compared with baseline \(steady, seed 1\)/);
    assert.match(md, /\| completedPerS \| 200 \| 100 \| -100 \(-50\.0 %\) \| ✗ >= baseline - 10% \(>= 180\) \|/);
  });

  it('completes, documents and checks comparisons with the baseline in expect:', async () => {
    const notebook = await openCopy('regression-editor-copy.stressnb');
    const cell = notebook.cellAt(CELL);
    await setCellText(cell, 'scenario: steady\nexpect:\n  completedPerS: \n  drainS: "<= baseline * 2"\n');
    const uri = cell.document.uri;

    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(2, 17),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('">= baseline - 10%"'), labels.join(','));

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(3, 15));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /pinned baseline's value of the same metric/);

    // `  drainS: "<= baseline * 2"`: the mistake is the `* 2` at 0-based column 23.
    const diagnostics = await waitFor(
      'a diagnostic on the relative bound',
      () => {
        const found = vscode.languages.getDiagnostics(uri).filter((d) => /may follow "baseline"/.test(d.message));
        return found.length > 0 ? found : undefined;
      },
      RUN_BOUND_MS,
    );
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([diagnostics[0].range.start.line, diagnostics[0].range.start.character], [3, 23]);
  });
});
