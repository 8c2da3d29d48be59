// Soak scale in a real VS Code (issue 14): a `source: file` cell with `follow: true` on a log that
// grows by thousands of lines a second for a minute keeps the extension host's heap flat and
// shows the live charts. The tests run in the extension host's own process, so its heap is this
// process's (process.memoryUsage). Prints the figures; the bound is generous, never a timing.
import * as assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { workspaceFile } from './helpers/workspace';
import {
  activateExtension,
  CHARTS_MIME,
  closeAllEditors,
  errorMessage,
  findItem,
  itemText,
  linesText,
  liveTickTimes,
  showWithKernel,
  sleep,
  startCell,
  waitFor,
} from './helpers/notebooks';

const CELL = 1;
const PARTITIONS = 32;
/** Ticks appended every WRITE_EVERY_MS: 32 partitions × 10 ticks every 100 ms = 3,200 lines a second. */
const TICKS_PER_WRITE = 10;
const WRITE_EVERY_MS = 100;
const FOLLOW_MS = 60_000;
const HEAP_GROWTH_BOUND_MB = 100;

function ticksText(from: number, count: number): string {
  const lines: string[] = [];
  for (let i = from; i < from + count; i++) {
    const t = ((i + 1) * 0.05).toFixed(3);
    for (let p = 0; p < PARTITIONS; p++) {
      const n = (i + 1) * (50 + p);
      lines.push(
        `t=${t} partition=${p} tasksIn=${n} dispatched=${n - (i % 3)} completed=${n - (i % 3) - 1} rejectsBusy=0 enqueuedDueToBusy=${i} ` +
          `maxPendingDepthObserved=4 readyFamiliesCount=0 inFlightFamiliesCount=1`,
      );
    }
    if (i % 100 === 0) lines.push(`2026-12-02 07:00:00.000 INFO [main] c.e.Soak - still soaking at tick ${i}`);
  }
  return `${lines.join('\n')}\n`;
}

function heapMb(): number {
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/**
 * The heap the extension host keeps: heapUsed right after a full garbage collection (V8 lets
 * garbage pile up to hundreds of MB before it collects, so heapUsed alone rises and falls).
 */
function retainedHeapMb(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return heapMb();
}

describe('a followed log that grows for a minute @soak', function () {
  this.timeout(FOLLOW_MS + 120_000);
  after(closeAllEditors);

  it('keeps the extension host heap flat and shows the live charts', async () => {
    const log = workspaceFile('test/fixtures/notebooks/soak-follow.log');
    writeFileSync(log.fsPath, `config partitions=${PARTITIONS} tickMs=50 scenario=steady seed=1\nt=0.000 phase=measure\n`);
    const copy = workspaceFile('test/fixtures/notebooks/soak-follow.stressnb');
    await vscode.workspace.fs.copy(workspaceFile('test/fixtures/notebooks/kernel.stressnb'), copy, { overwrite: true });
    await activateExtension();
    const notebook = await showWithKernel(await vscode.workspace.openNotebookDocument(copy));
    const edit = new vscode.WorkspaceEdit();
    const cellDoc = notebook.cellAt(CELL).document;
    edit.replace(
      cellDoc.uri,
      new vscode.Range(0, 0, cellDoc.lineCount, 0),
      'source: file\npath: soak-follow.log\nfollow: true\nscenario: steady\n',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));

    const done = await startCell(notebook, CELL);
    let tick = 0;
    const append = (): void => {
      appendFileSync(log.fsPath, ticksText(tick, TICKS_PER_WRITE));
      tick += TICKS_PER_WRITE;
    };
    // Warm up: the first ticks in, the charts drawn once (vega-lite loaded, caches filled).
    for (let k = 0; k < 50; k++) {
      append();
      await sleep(WRITE_EVERY_MS);
    }
    await waitFor('the live charts', () => findItem(notebook.cellAt(CELL), CHARTS_MIME), 30_000);
    const startHeap = retainedHeapMb();
    const started = Date.now();
    const samples: string[] = [];
    let peakHeap = startHeap;
    while (Date.now() - started < FOLLOW_MS) {
      append();
      await sleep(WRITE_EVERY_MS);
      const heap = heapMb();
      peakHeap = Math.max(peakHeap, heap);
      if (tick % 1000 === 0) samples.push(`${((Date.now() - started) / 1000).toFixed(0)} s: ${heap.toFixed(0)} MB`);
    }
    const lines = tick * PARTITIONS;
    const endHeap = retainedHeapMb();
    console.log(
      `    followed ${lines.toLocaleString('en-US')} partition lines (${tick} ticks) in ${((Date.now() - started) / 1000).toFixed(0)} s; ` +
        `extension host heap kept ${startHeap.toFixed(0)} MB at the start, ${endHeap.toFixed(0)} MB at the end (after a full GC); ` +
        `heapUsed peak ${peakHeap.toFixed(0)} MB, garbage included (${samples.join(', ')})`,
    );
    assert.ok(endHeap - startHeap < HEAP_GROWTH_BOUND_MB, `the kept heap grew by ${(endHeap - startHeap).toFixed(0)} MB`);

    // The live view keeps up: the latest ticks and the charts are there while it runs.
    const cell = notebook.cellAt(CELL);
    const live = liveTickTimes(linesText(cell));
    assert.ok(
      live.length > 0 && live[live.length - 1] > 0.05 * (tick - 400),
      `the live view shows recent ticks (${live.at(-1)} s of ${(tick * 0.05).toFixed(1)} s)`,
    );
    const charts = JSON.parse(itemText(findItem(cell, CHARTS_MIME)!)) as { charts: { id: string; note?: string }[] };
    const drawn = charts.charts.filter((c) => c.note === undefined).map((c) => c.id);
    assert.ok(
      ['completed', 'enqueued', 'inFlight'].every((id) => drawn.includes(id)),
      `live charts drawn: ${drawn.join(', ')}`,
    );

    await vscode.commands.executeCommand('notebook.cancelExecution', notebook.uri);
    const summary = await done(60_000);
    assert.equal(summary.success, false, errorMessage(notebook.cellAt(CELL)));
    assert.match(linesText(notebook.cellAt(CELL)), /■ INTERRUPTED/);
  });
});
