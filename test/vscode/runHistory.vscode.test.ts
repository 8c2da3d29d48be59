// The run history in a real VS Code: every finished run appends a line to the workspace's
// .stressnb/history.jsonl (a repeated cell's repeats together), and Show Run History opens the
// trend charts and, for two picked runs, their comparison with the series overlaid.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scenarioCellStatusItems, STALE_STATUS_TEXT } from '../../src/extension/cellStatusBar';
import { workspaceFile } from './helpers/workspace';
import { activateExtension, CHARTS_MIME, findItem, itemText, runCell, showWithKernel, setCellText } from './helpers/notebooks';

const CELL = 1;
const SHORT = 'scenario: steady\npace: fast\nwarmupS: 1\nmeasureS: 4\ncooldownS: 2\n';

async function historyLines(): Promise<Record<string, unknown>[]> {
  const bytes = await vscode.workspace.fs.readFile(workspaceFile('.stressnb/history.jsonl'));
  return new TextDecoder()
    .decode(bytes)
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('run history', function () {
  this.timeout(300_000);
  const RUN_BOUND_MS = 180_000;

  it('appends every finished run, and shows the trend and a comparison of two runs', async () => {
    const copy = workspaceFile('test/fixtures/notebooks/history-copy.stressnb');
    await vscode.workspace.fs.copy(workspaceFile('test/fixtures/notebooks/kernel.stressnb'), copy, { overwrite: true });
    await vscode.workspace.fs.delete(workspaceFile('.stressnb'), { recursive: true }).then(undefined, () => undefined);
    await activateExtension();
    const notebook = await showWithKernel(await vscode.workspace.openNotebookDocument(copy));

    await setCellText(notebook.cellAt(CELL), SHORT);
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, true);
    await setCellText(notebook.cellAt(CELL), `${SHORT}repeat: 3\n`);
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, true);
    await setCellText(notebook.cellAt(CELL), `${SHORT}handler: sync\nworkCostMs: 40\nrepeat: 3\n`);
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, false);

    const lines = await historyLines();
    assert.equal(lines.length, 3);
    assert.deepEqual(
      lines.map((l) => [l.source, l.notebook, l.cell, l.scenario, l.runs, l.verdict]),
      [
        ['editor', 'test/fixtures/notebooks/history-copy.stressnb', 2, 'steady', 1, 'pass'],
        ['editor', 'test/fixtures/notebooks/history-copy.stressnb', 2, 'steady', 3, 'pass'],
        ['editor', 'test/fixtures/notebooks/history-copy.stressnb', 2, 'steady', 3, 'fail'],
      ],
    );
    assert.deepEqual(lines[1].seeds, [1, 2, 3]);
    assert.equal((lines[2].repeats as unknown[]).length, 3);
    assert.match(String(lines[0].specHash), /^fnv1a64:[0-9a-f]{16}$/);

    const view = await vscode.commands.executeCommand<vscode.NotebookDocument>('stressnb.showRunHistory', {
      scenario: 'steady',
      compare: [2, 3],
    });
    assert.ok(view, 'a view notebook');
    const intro = view.cellAt(0).document.getText();
    assert.match(intro, /^# Run history: steady\n\n3 runs of steady in `\.stressnb\/history\.jsonl`, oldest first\./);
    assert.match(intro, /\| 3 \| [^|]+ \| 3 \| ✗ FAIL \| 100 \| /);
    const trend = JSON.parse(itemText(findItem(view.cellAt(1), CHARTS_MIME)!)) as {
      charts: { id: string; vega?: unknown; note?: string }[];
    };
    assert.ok(
      trend.charts.some((c) => c.id === 'trend-completedPerS' && c.vega),
      'a completed/s trend',
    );
    assert.match(
      view.cellAt(2).document.getText(),
      /^## Run #2 .* against run #3 .*\n\n### ✗ REGRESSION: completedPerS -50\.0 %, .*\(no noise estimate: the tolerance alone decided\)\n/,
    );
    const overlay = JSON.parse(itemText(findItem(view.cellAt(3), CHARTS_MIME)!)) as { charts: { id: string; vega?: unknown }[] };
    assert.deepEqual(
      overlay.charts.map((c) => [c.id, c.vega !== undefined]),
      [['history-overlay', true]],
    );

    assert.equal(view.uri.scheme, 'stressnb-view', 'a read-only view, nothing written into the workspace');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const cell of view.getCells())
      assert.deepEqual(vscode.languages.getDiagnostics(cell.document.uri), [], 'a view cell holds no spec to check');
    for (const cell of view.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code))
      assert.ok(
        !scenarioCellStatusItems(cell, true).some((i) => i.text === STALE_STATUS_TEXT),
        `a view cell is never stale (cell ${cell.index + 1}): its text is a caption, not the spec of a run`,
      );

    // A view cell (copied into a notebook) shows; running it says so and keeps its outputs.
    const edit = new vscode.WorkspaceEdit();
    edit.set(notebook.uri, [vscode.NotebookEdit.updateCellMetadata(CELL, { ...notebook.cellAt(CELL).metadata, stressnbView: 'history' })]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    await vscode.window.showNotebookDocument(notebook);
    const before = notebook.cellAt(CELL).outputs.length;
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, false);
    assert.match(itemText(notebook.cellAt(CELL).outputs[0].items[0]), /This cell shows the run history/);
    assert.equal(notebook.cellAt(CELL).outputs.length, before + 1, 'the earlier outputs stay');
    assert.equal((await historyLines()).length, 3, 'nothing ran, nothing recorded');
  });
});
