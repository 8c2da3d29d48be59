// A repeated cell (`repeat: N`) in a real VS Code: the aggregate first in the headline, charts of
// the median with a min-max band, every repeat's report one click away, the whole transcript of
// every repeat; pinned, the baseline keeps every repeat's metrics, and a relative threshold
// against it is judged on all the repeats together with the Mann-Whitney test.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scenarioCellStatusItems } from '../../src/extension/cellStatusBar';
import {
  CHARTS_MIME,
  drawnChartIds,
  findItem,
  HEADLINE_MIME,
  itemText,
  runCell,
  TRANSCRIPT_MIME,
  waitFor,
  setCellText,
  openKernelCopy,
} from './helpers/notebooks';

const CELL = 1;
const SHORT = 'scenario: steady\npace: fast\nwarmupS: 1\nmeasureS: 4\ncooldownS: 2\n';

function jsonItem<T>(cell: vscode.NotebookCell, mime: string): T {
  const item = findItem(cell, mime);
  assert.ok(item, `an item of ${mime}`);
  return JSON.parse(itemText(item)) as T;
}

describe('repeated cells', function () {
  this.timeout(300_000);
  const RUN_BOUND_MS = 180_000;

  it('runs every repeat and shows the aggregate first, the band, and each repeat one click away', async () => {
    const notebook = await openKernelCopy('repeats-copy.stressnb');
    await setCellText(notebook.cellAt(CELL), `${SHORT}seed: 3\nrepeat: 3\n`);
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, true);
    const cell = notebook.cellAt(CELL);

    const headline = jsonItem<{ status: string; title: string; summary: string; facts: string[] }>(cell, HEADLINE_MIME);
    assert.equal(headline.status, 'pass');
    assert.match(headline.title, /^3\/3 · completed\/s \d+/);
    assert.equal(headline.summary, 'steady · 3 repeats · seeds 3–5');
    assert.ok(
      cell.outputs[0].items.some((i) => i.mime === HEADLINE_MIME),
      'the headline comes first',
    );
    assert.deepEqual(
      scenarioCellStatusItems(cell, true).map((i) => i.text),
      ['$(pulse) engine · steady · 3 repeats · seeds 3–5'],
    );

    assert.deepEqual(drawnChartIds(cell), ['repeats-completed']);
    const charts = jsonItem<{ charts: { id: string; title: string; note?: string }[] }>(cell, CHARTS_MIME);
    assert.equal(charts.charts[1].note, 'No rejects in any of the 3 repeats.');
    assert.ok(findItem(cell, CHARTS_MIME));

    const report = itemText(findItem(cell, 'text/markdown')!);
    assert.match(report, /^### ✓ PASS 3\/3 · completed\/s/);
    assert.equal((report.match(/<details>/g) ?? []).length, 3);
    assert.match(report, /<summary>Repeat 2 · seed 4 · PASS/);

    const transcript = jsonItem<{ lines: string[] }>(cell, TRANSCRIPT_MIME);
    assert.deepEqual(
      transcript.lines.filter((l) => /^── repeat/.test(l)),
      ['── repeat 1 of 3 ──', '── repeat 2 of 3 ──', '── repeat 3 of 3 ──'],
    );
  });

  it('pins the repeats as the baseline and judges a relative threshold on all the repeats with the test', async () => {
    const notebook = await openKernelCopy('repeats-baseline-copy.stressnb');
    const expect = 'expect:\n  completedPerS: ">= baseline - 10%"\n';
    await setCellText(notebook.cellAt(CELL), `${SHORT}repeat: 4\n${expect}`);
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, true);
    assert.match(
      itemText(findItem(notebook.cellAt(CELL), 'text/markdown')!),
      /\| – not evaluated \| completedPerS \| >= baseline - 10% \|/,
    );

    await vscode.commands.executeCommand('stressnb.pinBaseline', notebook.cellAt(CELL));
    const pinned = await waitFor(
      'the baseline in the metadata',
      () =>
        (notebook.metadata.stressnb as { baselines?: Record<string, { repeats?: unknown[]; label: string }> } | undefined)?.baselines
          ?.steady,
      RUN_BOUND_MS,
    );
    assert.equal(pinned.repeats?.length, 4, "every repeat's metrics are kept");
    assert.equal(pinned.label, 'baseline (steady, 4 repeats, seeds 1–4)');

    // Other seeds of the same config: within the noise, the threshold passes.
    await setCellText(notebook.cellAt(CELL), `${SHORT}seed: 11\nrepeat: 4\n${expect}`);
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, true);
    assert.match(itemText(findItem(notebook.cellAt(CELL), 'text/markdown')!), /\| ✓ pass \| completedPerS \| >= baseline - 10% \|/);

    // A saturated config: every repeat well below the bound, and the test says it is beyond the noise.
    await setCellText(notebook.cellAt(CELL), `${SHORT}handler: sync\nworkCostMs: 40\nrepeat: 4\n${expect}`);
    assert.equal((await runCell(notebook, CELL, RUN_BOUND_MS)).success, false);
    const md = itemText(findItem(notebook.cellAt(CELL), 'text/markdown')!);
    assert.match(
      md,
      /\| ✗ fail \| completedPerS \| >= baseline - 10% \| 100 \| completedPerS median 100 of 4 runs, expected >= baseline - 10%: baseline median 19\d\.\d+ of 4, so >= 17\d\.\d+: FAILED \(p = 0\.029 against the baseline's runs moved to the bound: beyond the noise\) \|/,
    );
    const headline = jsonItem<{ status: string; look: { label: string }[] }>(notebook.cellAt(CELL), HEADLINE_MIME);
    assert.equal(headline.status, 'fail');
    assert.equal(headline.look[0].label, 'completedPerS >= baseline - 10%');
  });
});
