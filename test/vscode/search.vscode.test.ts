// A capacity search in a real VS Code: the search cell of notebooks/session6.stressnb runs its
// probes on worker threads and ends with the answer, the charts and the table; a probe opens as a
// cell whose run equals the probe; Pin Run as Baseline keeps the capacity, and a later search's
// capacity threshold compares with it; interrupt keeps the probes done; a command cell is
// searched over its placeholder, one harness process per probe.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  CHARTS_MIME,
  closeAllEditors,
  errorMessage,
  findItem,
  itemText,
  openNotebook,
  runCell,
  startCell,
  waitFor,
} from './helpers/notebooks';

const SESSION = 'notebooks/session6.stressnb';
const KERNEL_NOTEBOOK = 'test/fixtures/notebooks/kernel.stressnb';

interface TestApi {
  liveWorkers(): number;
}

interface SearchMetadata {
  cellText: string;
  values: number[];
  scenario?: string;
  capacity?: { key: string; value: number; firstFailure: number; until: string; precisionPct: number };
}

function searchCellIndex(notebook: vscode.NotebookDocument): number {
  const index = notebook.getCells().findIndex((c) => /^search:/m.test(c.document.getText()));
  assert.ok(index >= 0, 'the notebook has a search cell');
  return index;
}

/** The search's outputs: the headline, its metadata, the charts payload and the table. */
function searchOutputs(cell: vscode.NotebookCell) {
  const markdown = cell.outputs.flatMap((o) => o.items.filter((i) => i.mime === 'text/markdown').map(itemText));
  const chart = findItem(cell, CHARTS_MIME);
  const metadata = cell.outputs.map((o) => o.metadata?.stressnbSearch as SearchMetadata | undefined).find((m) => m !== undefined);
  return {
    headline: markdown[0] ?? '',
    table: markdown[1] ?? '',
    metadata,
    charts: chart
      ? (
          JSON.parse(itemText(chart)) as {
            charts: { id: string; vega?: { data: { name: string; values?: Record<string, unknown>[] }[] }; note?: string }[];
          }
        ).charts
      : [],
  };
}

/** The table's probe rows: `| 3 | 100 | ✓ yes | …`. */
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

async function withFastPace<T>(body: () => Promise<T>): Promise<T> {
  const settings = vscode.workspace.getConfiguration('stressnb');
  await settings.update('defaultPace', 'fast', vscode.ConfigurationTarget.Global);
  try {
    return await body();
  } finally {
    await settings.update('defaultPace', undefined, vscode.ConfigurationTarget.Global);
  }
}

function baselines(notebook: vscode.NotebookDocument): Record<string, { summary?: unknown; capacity?: SearchMetadata['capacity'] }> {
  return ((notebook.metadata.stressnb as { baselines?: Record<string, never> } | null | undefined)?.baselines ?? {}) as never;
}

describe('capacity search', function () {
  this.timeout(180_000);
  after(closeAllEditors);

  it('runs the search cell of session6: the answer first, the charts with every probe, the table', async () => {
    const notebook = await openNotebook(SESSION);
    const index = searchCellIndex(notebook);
    const summary = await runCell(notebook, index, 120_000);
    const cell = notebook.cellAt(index);
    assert.equal(summary.success, true, errorMessage(cell));
    assert.deepEqual(
      cell.outputs.map((o) => o.items.map((i) => i.mime).join(',')),
      ['text/markdown', CHARTS_MIME, 'text/markdown'],
    );
    const { headline, table, metadata, charts } = searchOutputs(cell);
    const answer =
      /^### ✓ Sustains load\.ratePerS ([\d,]+) tasks\/s \([\d,.]+\/s completed\); first fails at ([\d,]+) tasks\/s: saturated, /.exec(
        headline,
      );
    assert.ok(answer, headline);
    const [sustained, failure] = [Number(answer[1].replace(/,/g, '')), Number(answer[2].replace(/,/g, ''))];
    assert.ok(sustained < (4 * 1000) / 15 && (failure - sustained) / sustained <= 0.05, `${sustained} .. ${failure}`);
    const rows = tableRows(table);
    assert.ok(rows.length >= 4);
    assert.deepEqual(
      charts.map((c) => c.id),
      ['search', 'searchRejects'],
    );
    const probes = charts[0].vega!.data.find((d) => d.name === 'probes')!.values!;
    assert.equal(probes.length, rows.length, 'a point per probe');
    assert.equal(metadata?.values.length, rows.length);
    assert.equal(metadata?.cellText, cell.document.getText());
    assert.deepEqual(metadata?.capacity, {
      key: 'load.ratePerS',
      value: sustained,
      firstFailure: failure,
      until: 'saturated',
      precisionPct: 5,
    });
  });

  it('opens a probe as a cell below the search, whose run equals the probe', async () => {
    const notebook = await openNotebook(SESSION);
    const index = searchCellIndex(notebook);
    const search = notebook.cellAt(index);
    if (!findItem(search, CHARTS_MIME)) assert.equal((await runCell(notebook, index, 120_000)).success, true);
    const { metadata, charts } = searchOutputs(search);
    const probe = charts[0].vega!.data.find((d) => d.name === 'probes')!.values!.find((p) => p.status === 'failed' && p.value !== 400)!;
    const point = probe.stressnbPoint as number;
    assert.equal(metadata!.values[point], probe.value);

    await vscode.commands.executeCommand('stressnb.openSweepPoint', { cell: search, point });
    const opened = await waitFor("the probe's cell", () => {
      const next = notebook.cellAt(index + 1);
      return next.kind === vscode.NotebookCellKind.Code && /^# Probe /.test(next.document.getText()) ? next : undefined;
    });
    const text = opened.document.getText();
    assert.match(text, new RegExp(`^# Probe ${point + 1} of the search above: load\\.ratePerS ${probe.value}$`, 'm'));
    assert.match(text, new RegExp(`^load: \\{ families: 200, ratePerS: ${probe.value} \\}$`, 'm'));
    assert.doesNotMatch(text, /^search:/m);

    const summary = await withFastPace(() => runCell(notebook, index + 1, 60_000));
    // A probe that failed by saturation is a steady run that fails its keeps-up check.
    assert.equal(summary.success, false);
    const report = notebook.cellAt(index + 1).outputs.find((o) => o.metadata?.stressnbBaselineCandidate);
    const metrics = (report!.metadata!.stressnbBaselineCandidate as { summary: { metrics: Record<string, number> } }).summary.metrics;
    assert.equal(metrics.completedPerS, probe.completedPerS, 'completed/s of the single run');
    assert.equal(metrics.rejectPct, probe.rejectPct);
  });

  it('Pin Run as Baseline keeps the capacity; a later search compares with it; a pinned run keeps it too', async () => {
    const notebook = await openNotebook(SESSION);
    const index = searchCellIndex(notebook);
    const cell = notebook.cellAt(index);
    const original = cell.document.getText();
    if (!searchOutputs(cell).metadata?.capacity) assert.equal((await runCell(notebook, index, 120_000)).success, true);
    const found = searchOutputs(cell).metadata!.capacity!;

    await vscode.commands.executeCommand('stressnb.pinBaseline', cell);
    const pinned = await waitFor('the capacity in the steady baseline', () => baselines(notebook).steady?.capacity);
    assert.deepEqual(pinned, found);
    assert.equal(baselines(notebook).steady.summary, undefined, 'no run was pinned');

    try {
      await replaceText(cell, original.replace(/^search:/m, 'expect: { capacity: ">= baseline + 10%" }\nsearch:'));
      const summary = await runCell(notebook, index, 120_000);
      assert.equal(summary.success, false);
      const { headline } = searchOutputs(notebook.cellAt(index));
      assert.match(headline, /^### ✗ Sustains load\.ratePerS/);
      assert.match(
        headline,
        new RegExp(
          `Capacity threshold: capacity = [\\d,]+ \\(load\\.ratePerS\\), expected >= baseline \\+ 10%: baseline ${found.value}, so >= [\\d,.]+: FAILED`,
        ),
      );

      await replaceText(notebook.cellAt(index), original.replace(/^search:/m, 'expect: { capacity: ">= baseline - 5%" }\nsearch:'));
      assert.equal((await runCell(notebook, index, 120_000)).success, true);
    } finally {
      await replaceText(notebook.cellAt(index), original);
    }

    // Pinning a run of the steady control keeps the capacity beside it.
    const control = notebook.getCells().findIndex((c) => c.document.getText().startsWith('# Control: a steady'));
    assert.equal((await withFastPace(() => runCell(notebook, control, 60_000))).success, true);
    await vscode.commands.executeCommand('stressnb.pinBaseline', notebook.cellAt(control));
    await waitFor('the run in the steady baseline', () => baselines(notebook).steady?.summary);
    assert.deepEqual(baselines(notebook).steady.capacity, found);
    await vscode.commands.executeCommand('stressnb.clearBaseline', notebook.cellAt(control));
  });

  it('streams probes while it runs; interrupt stops the workers at once and keeps the probes done', async () => {
    const notebook = await openNotebook(SESSION);
    const api = await activateExtension<TestApi>();
    const index = searchCellIndex(notebook);
    const cell = notebook.cellAt(index);
    const original = cell.document.getText();
    // Longer runs and a finer precision: many probes of a few hundred ms each.
    await replaceText(cell, original.replace(/^measureS: .*$/m, 'measureS: 900').replace('precision: 5%', 'precision: 0.1%'));
    try {
      const done = await startCell(notebook, index);
      const first = await waitFor(
        'a probe',
        () => {
          const { headline, table } = searchOutputs(notebook.cellAt(index));
          const rows = tableRows(table).length;
          return /^### ▶ Searching load\.ratePerS/.test(headline) && rows >= 1 ? rows : undefined;
        },
        90_000,
      );
      assert.ok(api.liveWorkers() >= 1, 'the probes run on worker threads');

      const asked = Date.now();
      await vscode.commands.executeCommand('notebook.cancelExecution', notebook.uri);
      const summary = await done(10_000);
      assert.ok(summary.timing!.endTime - asked < 3000, `ended ${summary.timing!.endTime - asked} ms after the interrupt`);
      assert.equal(summary.success, false);
      const { headline, table } = searchOutputs(notebook.cellAt(index));
      const kept = tableRows(table);
      assert.match(headline, new RegExp(`^### ■ Search INTERRUPTED after ${kept.length} probes?`));
      assert.ok(kept.length >= first, `the ${first} probes seen are kept (${kept.length})`);
      await waitFor('every worker to be gone', () => api.liveWorkers() === 0, 3_000);
    } finally {
      await replaceText(notebook.cellAt(index), original);
    }
  });

  it('searches a command cell over its placeholder: one harness per probe, found within the precision', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const edit = new vscode.WorkspaceEdit();
    const spec =
      'source: command\ncommand: node\nargs: ["../sources/capacityHarness.mjs", "--rate", "{rate}", "--capacity", "800"]\nsearch: { key: rate, from: 100, to: 4000, precision: 2% }\n';
    edit.set(notebook.uri, [
      vscode.NotebookEdit.insertCells(notebook.cellCount, [
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, spec, 'stressnb-scenario'),
      ]),
    ]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const index = notebook.cellCount - 1;
    try {
      const summary = await runCell(notebook, index, 150_000);
      const cell = notebook.cellAt(index);
      assert.equal(summary.success, true, errorMessage(cell) ?? searchOutputs(cell).headline);
      const { headline, table } = searchOutputs(cell);
      assert.match(
        headline,
        /^### ✓ Sustains rate [\d,]+ \(800\/s completed\); first fails at [\d,]+: saturated, 800\/s completed of [\d,]+\/s offered, behind on every partition/,
      );
      assert.match(headline, / · until saturated · custom/);
      assert.ok(tableRows(table).length >= 5);
    } finally {
      const remove = new vscode.WorkspaceEdit();
      remove.set(notebook.uri, [vscode.NotebookEdit.deleteCells(new vscode.NotebookRange(index, index + 1))]);
      await vscode.workspace.applyEdit(remove);
    }
  });
});
