// The editor tells the truth about a run, in a real VS Code: the stale mark follows the cell's
// text and the run that made its outputs, the same in the status bar, the headline and an export;
// a pinned baseline shows on its scenario's cells and in the verdict line; a "did you mean"
// problem offers its fix; live charts keep up with the transcript.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { BASELINE_STATUS_PREFIX, scenarioCellStatusItems, STALE_STATUS_TEXT } from '../../src/extension/cellStatusBar';
import { cellStaleReason } from '../../src/extension/runOutputItems';
import { notebookModelOf } from '../../src/extension/serializer';
import { sessionOf } from '../../src/export/sessionOf';
import { decodeNumbers } from '../../src/contracts/numberList';
import { RUN_ID_METADATA_KEY } from '../../src/contracts/outputRef';
import { workspaceFile } from './helpers/workspace';
import {
  activateExtension,
  CHARTS_MIME,
  closeAllEditors,
  headline,
  itemText,
  outputKind,
  runCell,
  saveNotebook,
  showWithKernel,
  startCell,
  waitFor,
} from './helpers/notebooks';

const CELL = 1;
const TEXT = '# e2e: a healthy control\nscenario: steady\npartitions: 2\nwarmupS: 1\nmeasureS: 3\ncooldownS: 1\npace: fast\n';
const NOTEBOOK = {
  version: 1,
  metadata: {},
  cells: [
    { kind: 'markdown', source: '# Editor truth' },
    { kind: 'scenario', source: TEXT },
  ],
};

async function openCopy(name: string, cells = NOTEBOOK.cells): Promise<vscode.NotebookDocument> {
  const uri = workspaceFile(`test/fixtures/notebooks/${name}.stressnb`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify({ ...NOTEBOOK, cells }, null, 2)));
  await activateExtension();
  return showWithKernel(await vscode.workspace.openNotebookDocument(uri));
}

async function setText(cell: vscode.NotebookCell, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

/** The stale mark as each surface shows it: the status bar, the headline (what the extension tells the renderer), an export. */
function marks(notebook: vscode.NotebookDocument, index = CELL): { statusBar: boolean; headline: boolean; export: boolean } {
  const cell = notebook.cellAt(index);
  const exported = sessionOf(notebookModelOf(notebook), 'check').cells[index];
  return {
    statusBar: scenarioCellStatusItems(cell, true).some((i) => i.text === STALE_STATUS_TEXT),
    headline: cellStaleReason(cell) !== undefined,
    export: exported.kind === 'scenario' && exported.run.stale !== undefined,
  };
}

const everywhere = (stale: boolean) => ({ statusBar: stale, headline: stale, export: stale });

describe('editor truth', function () {
  this.timeout(120_000);
  after(closeAllEditors);

  it('a run is never stale; an edit without a run is, in the status bar, the headline and an export alike', async () => {
    const notebook = await openCopy('truth-stale');
    const cell = notebook.cellAt(CELL);
    assert.deepEqual(marks(notebook), everywhere(false), 'a cell that never ran');

    assert.equal((await runCell(notebook, CELL)).success, true);
    assert.deepEqual(marks(notebook), everywhere(false), 'after a run');

    await setText(cell, TEXT.replace('measureS: 3', 'measureS: 4'));
    assert.deepEqual(marks(notebook), everywhere(true), 'after an edit');
    assert.equal((await runCell(notebook, CELL)).success, true);
    assert.deepEqual(marks(notebook), everywhere(false), 'the edited cell run');

    await setText(cell, TEXT.replace('measureS: 3', 'measureS: 5'));
    assert.deepEqual(marks(notebook), everywhere(true), 'edited again without a run');
    assert.match(cellStaleReason(cell)!, /measureS 4 → 5/, 'the reason names what changed');
    await setText(cell, TEXT.replace('measureS: 3', 'measureS: 4'));
    assert.deepEqual(marks(notebook), everywhere(false), 'the text of the run back');
  });

  it('a typo fixed back to the text that ran leaves no stale mark; the typo itself marks the kept outputs', async () => {
    const notebook = await openCopy('truth-typo');
    const cell = notebook.cellAt(CELL);
    assert.equal((await runCell(notebook, CELL)).success, true);
    await setText(cell, TEXT.replace('partitions: 2', 'partitions: two'));
    assert.equal((await runCell(notebook, CELL)).success, false);
    assert.deepEqual(cell.outputs.map(outputKind), ['spec-error', 'headline', 'charts', 'report', 'transcript']);
    assert.deepEqual(marks(notebook), everywhere(true), 'the kept outputs are of an earlier text');
    await setText(cell, TEXT);
    assert.deepEqual(marks(notebook), everywhere(false), 'the typo fixed: the kept outputs are of this text again');
  });

  it("a run's outputs carry a run id of their own while open, never saved; the saved bytes stay the same", async () => {
    const notebook = await openCopy('truth-run-id');
    const cell = notebook.cellAt(CELL);
    assert.equal((await runCell(notebook, CELL)).success, true);
    const first = cell.outputs.map((o) => o.metadata?.[RUN_ID_METADATA_KEY]);
    assert.ok(
      first.every((id) => typeof id === 'string' && id === first[0]),
      `one run id on every output: ${JSON.stringify(first)}`,
    );
    await saveNotebook(notebook);
    const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(notebook.uri));
    assert.doesNotMatch(saved, new RegExp(RUN_ID_METADATA_KEY));

    assert.equal((await runCell(notebook, CELL)).success, true);
    const second = cell.outputs[0].metadata?.[RUN_ID_METADATA_KEY];
    assert.notEqual(second, first[0], 'a new run, a new id');
    await saveNotebook(notebook);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(notebook.uri)), saved, 'the same run saves the same bytes');
  });

  it('a pinned baseline marks the cells of its scenario and the verdict line states the outcome', async () => {
    const notebook = await openCopy('truth-baseline', [
      ...NOTEBOOK.cells,
      { kind: 'scenario', source: 'scenario: hot-family\nmeasureS: 3\ncooldownS: 1\npace: fast\n' },
    ]);
    const baselineMark = (index: number) =>
      scenarioCellStatusItems(notebook.cellAt(index), true).find((i) => i.text.startsWith(BASELINE_STATUS_PREFIX))?.text;
    assert.equal((await runCell(notebook, CELL)).success, true);
    assert.equal(baselineMark(CELL), undefined);
    await vscode.commands.executeCommand('stressnb.pinBaseline', notebook.cellAt(CELL));
    await waitFor('the baseline mark', () => baselineMark(CELL));
    assert.equal(baselineMark(CELL), `${BASELINE_STATUS_PREFIX}baseline (steady, seed 1)`);
    assert.equal(baselineMark(2), undefined, 'another scenario has no baseline');

    await setText(notebook.cellAt(CELL), TEXT.replace('partitions: 2', 'partitions: 1'));
    await runCell(notebook, CELL);
    const verdict = headline(notebook.cellAt(CELL))!;
    assert.match(
      verdict.summary,
      /; [+−][\d.]+ % completed\/s vs baseline \(steady, seed 1\), whose config differs in partitions$|; same completed\/s as baseline \(steady, seed 1\), whose config differs in partitions$/,
    );
    assert.match(
      itemText(notebook.cellAt(CELL).outputs[0].items[1]),
      /completed\/s (vs|as) baseline \(steady, seed 1\)/,
      'the plain-text headline says it too',
    );

    await vscode.commands.executeCommand('stressnb.clearBaseline', notebook.cellAt(CELL));
    await waitFor('the baseline mark to go', () => baselineMark(CELL) === undefined);
  });

  it('a "did you mean" problem offers the change as a quick fix, and the fix clears it', async () => {
    const notebook = await openCopy('truth-quick-fix', [
      ...NOTEBOOK.cells.slice(0, 1),
      { kind: 'scenario', source: 'scenario: hot-famly\npartitons: 4\n' },
    ]);
    const document = notebook.cellAt(CELL).document;
    const problems = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'stressnb');
    await waitFor('two problems', () => problems().length === 2);
    for (const expected of ['hot-family', 'partitions']) {
      const diagnostic = problems().find((d) => d.message.includes(`did you mean "${expected}"`));
      assert.ok(
        diagnostic,
        `a problem suggesting ${expected}: ${problems()
          .map((d) => d.message)
          .join(' | ')}`,
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        diagnostic.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === `Change to "${expected}"`);
      assert.ok(fix?.edit, `the quick fix: ${actions.map((a) => a.title).join(', ')}`);
      assert.equal(fix.isPreferred, true);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
    }
    assert.equal(document.getText(), 'scenario: hot-family\npartitions: 4\n');
    await waitFor('the problems to clear', () => problems().length === 0);
  });

  it('live charts keep up with the transcript: never more than one update behind it', async () => {
    const settings = vscode.workspace.getConfiguration('stressnb');
    const notebook = await openCopy('truth-live', [
      ...NOTEBOOK.cells.slice(0, 1),
      {
        kind: 'scenario',
        source: 'scenario: steady\npartitions: 4\nmeasureS: 40\ncooldownS: 2\npace: 10x\nload: { families: 200, ratePerS: 400 }\n',
      },
    ]);
    const cell = notebook.cellAt(CELL);
    // Steady load: every chart has lines from the first tick (a chart of zeros is a note, which
    // says nothing of its time). A first run loads the chart compiler; the second is the one watched.
    await runCell(notebook, CELL, 60_000);
    const seen: { transcript: number; charts: number }[] = [];
    const lastT = (text: string) => Math.max(-1, ...[...text.matchAll(/t=(\d+\.\d+)/g)].map((m) => Number(m[1])));
    const watch = vscode.workspace.onDidChangeNotebookDocument((event) => {
      if (event.notebook !== notebook || !event.cellChanges.some((c) => c.cell === cell && c.outputs)) return;
      const transcript = cell.outputs.find((o) => outputKind(o) === 'transcript')?.items.find((i) => i.mime === 'text/plain');
      const charts = cell.outputs.find((o) => outputKind(o) === 'charts')?.items.find((i) => i.mime === CHARTS_MIME);
      if (!transcript || !charts || !/▶ running/.test(itemText(transcript))) return;
      // The charts' moment: the last time any line has a point at (a version-2 run payload).
      const payload = JSON.parse(itemText(charts)) as { t?: string };
      const times = decodeNumbers(payload.t ?? '');
      const chartT = times.length > 0 ? times[times.length - 1] : -1;
      seen.push({ transcript: lastT(itemText(transcript)), charts: chartT });
    });
    try {
      await settings.update('outputThrottleMs', 200, vscode.ConfigurationTarget.Global);
      const done = await startCell(notebook, CELL);
      await done(60_000);
    } finally {
      watch.dispose();
      await settings.update('outputThrottleMs', undefined, vscode.ConfigurationTarget.Global);
    }
    const transcripts = [...new Set(seen.map((s) => s.transcript))];
    assert.ok(transcripts.length >= 4, `the run was seen at ${transcripts.length} moments: ${JSON.stringify(seen)}`);
    for (const s of seen) {
      // The transcript shown one update before this one.
      const previous = transcripts[transcripts.indexOf(s.transcript) - 1] ?? -1;
      assert.ok(
        s.charts >= previous,
        `at t=${s.transcript} the charts showed t=${s.charts}, behind the update before (t=${previous}): ${JSON.stringify(seen)}`,
      );
    }
  });
});
