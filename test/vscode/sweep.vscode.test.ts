// A what-if sweep in a real VS Code: the sweep cell of notebooks/session6.stressnb runs its grid on
// worker threads, its table fills in, its chart and knee come; a point opens as a cell whose run
// equals its row; interrupt stops every worker and keeps the rows done; the cell is edited with the
// same diagnostics, completion and hover as every key.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  CHARTS_MIME,
  closeAllEditors,
  findItem,
  itemText,
  openNotebook,
  runCell,
  startCell,
  waitFor,
} from './helpers/notebooks';

const SESSION = 'notebooks/session6.stressnb';
const METRICS = ['rejectPct', 'completedPerS', 'peakPendingDepth', 'drainS'];

interface TestApi {
  liveWorkers(): number;
}

function sweepCellIndex(notebook: vscode.NotebookDocument): number {
  const index = notebook.getCells().findIndex((c) => /^sweep:$/m.test(c.document.getText()));
  assert.ok(index >= 0, 'session6 has a sweep cell');
  return index;
}

/** The sweep's outputs: the headline, the chart payload (when drawn) and the table. */
function sweepOutputs(cell: vscode.NotebookCell) {
  const markdown = cell.outputs.flatMap((o) => o.items.filter((i) => i.mime === 'text/markdown').map(itemText));
  const chart = findItem(cell, CHARTS_MIME);
  return {
    headline: markdown[0] ?? '',
    table: markdown[1] ?? '',
    chart: chart
      ? (JSON.parse(itemText(chart)) as {
          charts: { id: string; vega: { data: { name: string; values?: Record<string, unknown>[] }[] } }[];
        })
      : undefined,
  };
}

/** The table's point rows: `| 3 | 256 | 8 | ✓ pass | …`. */
function tableRows(table: string): string[][] {
  return table
    .split('\n')
    .filter((l) => /^\| \d+ \|/.test(l))
    .map((l) => l.split(' | ').map((c) => c.replace(/^\| |\s\|$/g, '').trim()));
}

async function replaceText(cell: vscode.NotebookCell, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

describe('what-if sweeps', function () {
  this.timeout(180_000);
  after(closeAllEditors);

  it('runs the sweep cell of session6: the table, the heatmap and the knee', async () => {
    const notebook = await openNotebook(SESSION);
    const index = sweepCellIndex(notebook);
    const summary = await runCell(notebook, index, 120_000);
    assert.equal(summary.success, true);
    const cell = notebook.cellAt(index);
    assert.deepEqual(
      cell.outputs.map((o) => o.items.map((i) => i.mime).join(',')),
      ['text/markdown', CHARTS_MIME, 'text/markdown'],
    );
    const { headline, table, chart } = sweepOutputs(cell);
    assert.match(headline, /^### ✓ Sweep: 18 points/);
    assert.match(
      headline,
      /\*\*Knee:\*\* rejects fall to 0 from ringBufferSize 512 with partitions 8, from 1024 with partitions 4, from 2048 with partitions 2/,
    );
    const rows = tableRows(table);
    assert.equal(rows.length, 18);
    assert.deepEqual(
      rows.map((r) => r[0]),
      Array.from({ length: 18 }, (_, i) => String(i + 1)),
    );
    assert.deepEqual(rows[0].slice(1, 4), ['64', '2', '✓ pass']);
    assert.equal(chart?.charts[0].id, 'sweep');
    const points = chart!.charts[0].vega.data.find((d) => d.name === 'points')!.values!;
    assert.equal(points.length, 18);
    assert.ok(points.every((p) => METRICS.every((m) => typeof p[m] === 'number')));
  });

  it("opens a point as a cell below the sweep, whose run equals the point's row", async () => {
    const notebook = await openNotebook(SESSION);
    const index = sweepCellIndex(notebook);
    const sweep = notebook.cellAt(index);
    if (!findItem(sweep, CHARTS_MIME)) assert.equal((await runCell(notebook, index, 120_000)).success, true);
    const row = sweepOutputs(sweep).chart!.charts[0].vega.data.find((d) => d.name === 'points')!.values![4];
    assert.deepEqual([row.p0, row.p1], ['128', '4']);

    await vscode.commands.executeCommand('stressnb.openSweepPoint', { cell: sweep, point: 4 });
    const opened = await waitFor("the point's cell", () => {
      const next = notebook.cellAt(index + 1);
      return next.kind === vscode.NotebookCellKind.Code && /^# Point 5 of 18/.test(next.document.getText()) ? next : undefined;
    });
    const text = opened.document.getText();
    assert.match(text, /^# Point 5 of 18 of the sweep above: ringBufferSize 128, partitions 4$/m);
    assert.match(text, /^ringBufferSize: 128$/m);
    assert.match(text, /^partitions: 4$/m);
    assert.doesNotMatch(text, /^sweep:/m);
    assert.equal(opened.document.languageId, 'stressnb-scenario');

    const settings = vscode.workspace.getConfiguration('stressnb');
    await settings.update('defaultPace', 'fast', vscode.ConfigurationTarget.Global);
    try {
      const summary = await runCell(notebook, index + 1, 60_000);
      assert.equal(summary.success, true);
    } finally {
      await settings.update('defaultPace', undefined, vscode.ConfigurationTarget.Global);
    }
    const report = notebook.cellAt(index + 1).outputs.find((o) => o.metadata?.stressnbBaselineCandidate);
    const metrics = (report!.metadata!.stressnbBaselineCandidate as { summary: { metrics: Record<string, number> } }).summary.metrics;
    for (const m of METRICS) assert.equal(metrics[m], row[m], `${m} of the single run`);
  });

  it('streams rows while it runs; interrupt stops every worker at once and keeps the rows done', async () => {
    const notebook = await openNotebook(SESSION);
    const api = await activateExtension<TestApi>();
    const index = sweepCellIndex(notebook);
    const cell = notebook.cellAt(index);
    const original = cell.document.getText();
    // A bigger, slower grid: 6 × 3 × 10 points of 40 s runs.
    await replaceText(
      cell,
      original.replace(/^measureS: .*$/m, 'measureS: 40').replace(/^ {2}partitions: .*$/m, '$&\n  seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'),
    );
    try {
      const done = await startCell(notebook, index);
      const first = await waitFor(
        'some rows',
        () => {
          const { headline, table } = sweepOutputs(notebook.cellAt(index));
          const rows = tableRows(table).length;
          return /▶ Sweeping/.test(headline) && rows >= 2 ? rows : undefined;
        },
        60_000,
      );
      const more = await waitFor(
        'more rows',
        () => {
          const rows = tableRows(sweepOutputs(notebook.cellAt(index)).table).length;
          return rows > first ? rows : undefined;
        },
        60_000,
      );
      assert.ok(more < 180, 'still running');
      assert.ok(api.liveWorkers() >= 1, 'the sweep runs on worker threads');

      const asked = Date.now();
      await vscode.commands.executeCommand('notebook.cancelExecution', notebook.uri);
      const summary = await done(10_000);
      assert.ok(summary.timing!.endTime - asked < 2000, `ended ${summary.timing!.endTime - asked} ms after the interrupt`);
      assert.equal(summary.success, false);
      const { headline, table } = sweepOutputs(notebook.cellAt(index));
      const kept = tableRows(table);
      assert.match(headline, new RegExp(`^### ■ Sweep INTERRUPTED: ${kept.length} of 180 points done`));
      assert.ok(kept.length >= more, `the ${more} rows seen are kept (${kept.length})`);
      await waitFor('every worker to be gone', () => api.liveWorkers() === 0, 2_000);
    } finally {
      await replaceText(notebook.cellAt(index), original);
    }
  });

  it('checks a sweep as it is typed: diagnostics, completion and hover', async () => {
    const notebook = await openNotebook(SESSION);
    const cell = notebook.cellAt(sweepCellIndex(notebook));
    const original = cell.document.getText();
    const uri = cell.document.uri;
    const lines = original.split('\n');
    const ringLine = lines.findIndex((l) => l.startsWith('  ringBufferSize:'));
    try {
      await replaceText(cell, original.replace('[64, 128,', '[64, 100,').replace(/^sweep:$/m, 'sweep:\n  source: [engine]'));
      const diagnostics = await waitFor('diagnostics', () => {
        const found = vscode.languages.getDiagnostics(uri);
        return found.length >= 2 ? found : undefined;
      });
      const messages = diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
      assert.ok(
        messages.includes(`${ringLine}:2 source cannot be swept: a sweep runs every point with the built-in engine`),
        messages.join('\n'),
      );
      assert.ok(
        messages.some((m) => m.startsWith(`${ringLine + 1}:23 ringBufferSize must be a power of two`)),
        messages.join('\n'),
      );
    } finally {
      await replaceText(cell, original);
    }
    await waitFor('diagnostics to clear', () => vscode.languages.getDiagnostics(uri).length === 0);

    const labels = (list: vscode.CompletionList) => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(ringLine, 2),
    );
    assert.ok(labels(keys).includes('workersPerPartition') && labels(keys).includes('load.burstTasks'), labels(keys).join(','));
    assert.ok(!labels(keys).includes('source'), 'a key that cannot be swept is not offered');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(ringLine, 5),
    );
    assert.match(
      hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'),
      /Swept: a list of values to try/,
    );
  });
});
