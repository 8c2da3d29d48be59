// What a run leaves in the cell, in a real VS Code: the verdict first, then charts, report and
// transcript; a typo after a good run keeps that run's outputs; an edited cell's outputs are
// marked stale; the full transcript opens from the cell.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scenarioCellStatusItems, STALE_STATUS_TEXT } from '../../src/extension/cellStatusBar';
import { specHash } from '../../src/contracts/runOutputs';
import { workspaceFile } from './helpers/workspace';
import {
  activateExtension,
  CHARTS_MIME,
  closeAllEditors,
  errorMessage,
  fullTranscript,
  headline,
  HEADLINE_MIME,
  itemText,
  outputKind,
  runCell,
  showWithKernel,
  tickTimes,
  waitFor,
  setCellText,
} from './helpers/notebooks';

const PASSING = 1;
const FAILING = 2;

const NOTEBOOK = {
  version: 1,
  metadata: {},
  cells: [
    { kind: 'markdown', source: '# Run outputs' },
    {
      kind: 'scenario',
      source:
        'scenario: steady\npartitions: 2\ntickMs: 200\nwarmupS: 0.4\nmeasureS: 1\ncooldownS: 0.4\npace: fast\nload: { families: 20, ratePerS: 100 }\n',
    },
    { kind: 'scenario', source: 'scenario: hot-family\nfault: no-release\nmeasureS: 10\ncooldownS: 3\npace: fast\n' },
  ],
};

async function openCopy(name: string): Promise<vscode.NotebookDocument> {
  const uri = workspaceFile(`test/fixtures/notebooks/${name}.stressnb`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(NOTEBOOK, null, 2)));
  await activateExtension();
  return showWithKernel(await vscode.workspace.openNotebookDocument(uri));
}

/** The outputs' kinds and items, to compare a cell's outputs before and after something. */
function snapshot(cell: vscode.NotebookCell) {
  return cell.outputs.map((o) => ({ kind: outputKind(o), items: o.items.map((i) => `${i.mime}:${itemText(i)}`) }));
}

describe('run outputs', function () {
  this.timeout(90_000);
  after(closeAllEditors);

  it('put the verdict first, then the charts, the report and the transcript, each tagged with the text it ran', async () => {
    const notebook = await openCopy('outputs-order');
    assert.equal((await runCell(notebook, PASSING)).success, true);
    const cell = notebook.cellAt(PASSING);
    assert.deepEqual(cell.outputs.map(outputKind), ['headline', 'charts', 'report', 'transcript']);
    assert.equal(cell.outputs[0].items[0].mime, HEADLINE_MIME);
    assert.equal(cell.outputs[1].items[0].mime, CHARTS_MIME);
    const h = headline(cell)!;
    assert.equal(h.status, 'pass');
    assert.match(h.title, /^steady · seed 1$/);
    assert.match(itemText(cell.outputs[0].items[1]), /^✓ PASS · steady · seed 1 — /);
    const hash = specHash(cell.document.getText());
    for (const output of cell.outputs) assert.equal((output.metadata?.stressnbRun as { specHash: string }).specHash, hash);
    // The view is condensed; the kept transcript has every tick: 0.4 + 1 + up to 0.4 s at 200 ms.
    assert.ok(tickTimes(fullTranscript(cell)).length >= 7);
  });

  it("a failing run's headline says FAIL and names the hint's rule, partitions and window", async () => {
    const notebook = await openCopy('outputs-failing');
    assert.equal((await runCell(notebook, FAILING)).success, false);
    const h = headline(notebook.cellAt(FAILING))!;
    assert.equal(h.status, 'fail');
    assert.match(h.title, /hot-family · seed 1 · fault no-release/);
    assert.equal(h.look[0].label, 'release-missing');
    assert.match(h.look[0].where, /^partitions 0, 1, 2 and 3, [\d.]+ s to [\d.]+ s$/);
    assert.match(itemText(notebook.cellAt(FAILING).outputs[0].items[1]), /Where to look:\n {2}✗ release-missing: /);
  });

  it('a typo after a good run keeps its outputs below the error; the fixed cell runs afresh', async () => {
    const notebook = await openCopy('outputs-typo');
    assert.equal((await runCell(notebook, PASSING)).success, true);
    const cell = notebook.cellAt(PASSING);
    const good = cell.document.getText();
    const before = snapshot(cell);

    await setCellText(cell, good.replace('partitions: 2', 'partitions: two'));
    assert.equal((await runCell(notebook, PASSING)).success, false);
    assert.equal(outputKind(cell.outputs[0]), 'spec-error');
    assert.match(errorMessage(cell)!, /^Scenario spec error: line 2, column 13: .*partitions/);
    assert.match(errorMessage(cell)!, /The outputs below are from the cell's last run, of an earlier version of its text/);
    assert.deepEqual(snapshot(cell).slice(1), before, "the last run's outputs are kept as they were");
    // A second try does not stack errors.
    assert.equal((await runCell(notebook, PASSING)).success, false);
    assert.deepEqual(cell.outputs.map(outputKind), ['spec-error', 'headline', 'charts', 'report', 'transcript']);

    await setCellText(cell, good);
    assert.equal((await runCell(notebook, PASSING)).success, true);
    assert.deepEqual(cell.outputs.map(outputKind), ['headline', 'charts', 'report', 'transcript']);
  });

  it('marks the outputs stale in the cell status bar once the cell is edited, until it runs again', async () => {
    const notebook = await openCopy('outputs-stale');
    const cell = notebook.cellAt(PASSING);
    const staleMarks = () => scenarioCellStatusItems(cell, true).filter((i) => i.text === STALE_STATUS_TEXT).length;
    assert.equal(staleMarks(), 0, 'a cell that never ran is not stale');
    assert.equal((await runCell(notebook, PASSING)).success, true);
    assert.equal(staleMarks(), 0);
    await setCellText(cell, cell.document.getText().replace('pace: fast', 'pace: fast\nseed: 2'));
    assert.equal(staleMarks(), 1);
    assert.equal((await runCell(notebook, PASSING)).success, true);
    assert.equal(staleMarks(), 0);
  });

  it('Open Full Transcript shows every tick of the last run in an editor', async () => {
    const notebook = await openCopy('outputs-transcript');
    assert.equal((await runCell(notebook, FAILING)).success, false);
    const cell = notebook.cellAt(FAILING);
    await vscode.commands.executeCommand('stressnb.openTranscript', cell);
    const editor = await waitFor('the transcript editor', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'stressnb-transcript' ? e : undefined;
    });
    const text = editor.document.getText();
    assert.equal(text, fullTranscript(cell));
    // 10 s measure, 3 s cooldown, 3 s warmup at 500 ms per tick, 4 partitions each.
    assert.equal(tickTimes(text).length, 32);
    assert.equal(text.split('\n').filter((l) => / partition=\d /.test(l)).length, 32 * 4);
    assert.match(editor.document.uri.path, /outputs-transcript\.stressnb cell 3 transcript\.log$/);
  });
});
