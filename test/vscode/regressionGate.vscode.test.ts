// Capacity and regressions in a real VS Code: a healthy steady control pinned as the baseline,
// the same cell changed to a configuration that cannot keep up, and the report that says so: the
// capacity check fails and the thresholds relative to the baseline fail with both values. Also
// what the editor offers for the relative form: completion, hover and positioned diagnostics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { findItem, itemText, runCell, waitFor, setCellText, openKernelCopy } from './helpers/notebooks';

const CELL = 1;
const HEALTHY = 'scenario: steady\npace: fast\nmeasureS: 10\nexpect:\n  completedPerS: ">= baseline - 10%"\n  drainS: "<= baseline + 2"\n';
const SATURATED = `${HEALTHY}handler: sync\nworkCostMs: 40\n`;

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
    const notebook = await openKernelCopy('regression-copy.stressnb');
    const cell = notebook.cellAt(CELL);
    await setCellText(cell, HEALTHY);

    // No baseline yet: the relative thresholds are not evaluated, and the healthy control passes.
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, true);
    const first = report(notebook.cellAt(CELL));
    // The headline says the thresholds were not evaluated, rather than that they passed.
    assert.match(
      first,
      /^### ✓ PASS steady \(seed 1\): no triage hint, every check passed; no threshold evaluated \(all 2 need a baseline\)/,
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
    // The saturated run never drained: no drain time, so its drain threshold fails and says why.
    assert.match(
      md,
      /\| ✗ fail \| drainS \| <= baseline \+ 2 \| — \| drainS <= baseline \+ 2: FAILED: the run never drained: [\d,]+ tasks outstanding at [\d.]+ s \|/,
    );
    assert.match(
      md,
      /\| drainS \| 0\.5 \| not drained \| the run never drained: [\d,]+ tasks outstanding at [\d.]+ s \| ✗ <= baseline \+ 2 \|/,
    );
    // The comparison with the baseline marks the changes beyond their threshold.
    assert.match(md, /#### Compared with baseline \(steady, seed 1\)/);
    assert.match(md, /\| completedPerS \| 200 \| 100 \| -100 \(-50\.0 %\) \| ✗ >= baseline - 10% \(>= 180\) \|/);
  });

  it('completes, documents and checks comparisons with the baseline in expect:', async () => {
    const notebook = await openKernelCopy('regression-editor-copy.stressnb');
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
