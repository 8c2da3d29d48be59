// The notebook in a real VS Code: opening .stressnb files, the kernel, streaming, interrupt,
// spec errors, worker crashes, saving, and refusing corrupt files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COUNTER_KEYS } from '../../src/format/runEvents';
import { workspaceFile } from './helpers/workspace';
import {
  activateExtension,
  CHARTS_MIME,
  closeAllEditors,
  errorMessage,
  findItem,
  fullTranscript,
  HEADLINE_MIME,
  itemText,
  linesText,
  liveTickTimes,
  openNotebook,
  runCell,
  saveNotebook,
  showWithKernel,
  startCell,
  tickTimes,
  TRANSCRIPT_MIME,
  waitFor,
} from './helpers/notebooks';

const KERNEL_NOTEBOOK = 'test/fixtures/notebooks/kernel.stressnb';
const FAST_CELL = 1;
const LONG_CELL = 2;
const SPEC_ERROR_CELL = 3;
const LANGUAGE_CELL = 4;

interface TestApi {
  crashNextRunAfterTicks(ticks: number): void;
  liveWorkers(): number;
  logFile: vscode.Uri;
}

/** The stressnb output channel's lines so far (the channel writes its file a moment after each line). */
async function logText(api: TestApi): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(api.logFile));
}

/** Partition lines of one tick time. */
function partitionLines(text: string, t: string): string[] {
  return text.split('\n').filter((l) => l.startsWith(`t=${t} partition=`));
}

describe('stressnb notebook', function () {
  this.timeout(90_000);
  // Editors stay open between tests: each notebook editor opened anew is a webview to set up.
  after(closeAllEditors);

  it('opens session6.stressnb as a notebook of notes and scenario cells', async () => {
    const notebook = await openNotebook('notebooks/session6.stressnb');
    assert.equal(notebook.notebookType, 'stressnb');
    const code = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
    const markup = notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Markup);
    assert.equal(code.length, 6);
    assert.ok(markup.length >= 10);
    for (const cell of code) assert.equal(cell.document.languageId, 'stressnb-scenario');
  });

  it('streams the header and a line per partition per tick with every counter', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const summary = await runCell(notebook, FAST_CELL);
    assert.equal(summary.success, true);
    assert.ok(summary.timing && summary.timing.endTime >= summary.timing.startTime);
    const cell = notebook.cellAt(FAST_CELL);
    const text = fullTranscript(cell);

    // The config header (Step 0) with the meaning of "completed".
    for (const key of [
      'partitions=3',
      'ringBufferSize=',
      'workersPerPartition=',
      'workCostMs=',
      'tickMs=200',
      'warmupS=',
      'measureS=',
      'cooldownS=',
      'scenario=steady',
      'seed=',
    ]) {
      assert.ok(text.split('\n')[0].includes(key), `header has ${key}: ${text.split('\n')[0]}`);
    }
    assert.match(text, /completeSink#onComplete/);

    const ticks = tickTimes(text);
    // 0.4 + 1 + up to 0.4 s at 200 ms per tick.
    assert.ok(ticks.length >= 7, `ticks: ${ticks.join(' ')}`);
    for (const t of ticks) {
      const lines = partitionLines(text, t);
      assert.deepEqual(
        lines.map((l) => /partition=(\d+)/.exec(l)?.[1]),
        ['0', '1', '2'],
        `tick ${t}`,
      );
      for (const line of lines) for (const key of COUNTER_KEYS) assert.match(line, new RegExp(`\\b${key}=\\s*\\d+`), line);
      assert.match(text, new RegExp(`^t=${t.replace('.', '\\.')} global\\s+completed/s=[\\d.]+ rejects/s=[\\d.]+`, 'm'));
    }

    // Verdict first, then the charts, the report and the transcript (its view and the whole of it).
    const mimes = cell.outputs.map((o) => o.items.map((i) => i.mime).join(','));
    assert.deepEqual(mimes, [`${HEADLINE_MIME},text/plain`, CHARTS_MIME, 'text/markdown', `text/plain,${TRANSCRIPT_MIME}`]);
    const charts = JSON.parse(itemText(findItem(cell, CHARTS_MIME)!)) as { charts: { id: string }[] };
    assert.ok(charts.charts.some((c) => c.id === 'completed'));
  });

  it('interrupts a long run at once, keeps its partial output and marks it interrupted; the next run works', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const api = await activateExtension<TestApi>();
    const done = await startCell(notebook, LONG_CELL);
    const seen = await waitFor('a few ticks', () => {
      const times = liveTickTimes(linesText(notebook.cellAt(LONG_CELL)));
      return times.length >= 3 ? times : undefined;
    });
    assert.equal(notebook.cellAt(LONG_CELL).executionSummary?.timing?.endTime, undefined, 'still running');

    const asked = Date.now();
    await vscode.commands.executeCommand('notebook.cancelExecution', notebook.uri);
    const summary = await done(5_000);
    // How soon it stops is a figure, not a test (tests do not time things): printed here.
    console.log(`    the run ended ${summary.timing!.endTime - asked} ms after the interrupt`);
    assert.equal(summary.success, false);

    const cell = notebook.cellAt(LONG_CELL);
    const text = fullTranscript(cell);
    const stoppedAt = Number(/■ INTERRUPTED at t=([\d.]+)/.exec(linesText(cell))?.[1]);
    // The cell plans 602 s of run; it stopped where it was, long before that.
    assert.ok(stoppedAt < 60, `stopped at t=${stoppedAt}`);
    assert.match(text, /phase=done reason=interrupted/);
    for (const t of seen) assert.equal(partitionLines(text, t.toFixed(3)).length, 4, `tick ${t} kept`);
    const report = findItem(cell, 'text/markdown');
    assert.ok(report, 'a (partial) report');
    assert.match(itemText(report), /partial|interrupted/i);
    await waitFor('the worker to be gone', () => api.liveWorkers() === 0, 2_000);

    const next = await runCell(notebook, FAST_CELL);
    assert.equal(next.success, true);
  });

  it('shows spec errors as diagnostics and fails the run with the same message', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const cell = notebook.cellAt(SPEC_ERROR_CELL);
    const diagnostics = await waitFor('diagnostics', () => {
      const found = vscode.languages.getDiagnostics(cell.document.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostics[0].message, /partitions/);
    assert.equal(diagnostics[0].range.start.line, 1);

    const summary = await runCell(notebook, SPEC_ERROR_CELL);
    assert.equal(summary.success, false);
    const message = errorMessage(cell);
    assert.ok(message, 'an error output');
    for (const d of diagnostics) assert.ok(message.includes(d.message), `${message} includes ${d.message}`);
    assert.ok(message.includes(`line 2, column ${diagnostics[0].range.start.character + 1}`), message);

    // Fixing the cell clears the diagnostics.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(cell.document.uri, new vscode.Range(1, 0, 1, cell.document.lineAt(1).text.length), 'partitions: 2');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('diagnostics to clear', () => vscode.languages.getDiagnostics(cell.document.uri).length === 0);
  });

  it('ends a run whose worker crashes as an error with a readable message; the next run works', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const api = await activateExtension<TestApi>();
    api.crashNextRunAfterTicks(2);
    const summary = await runCell(notebook, FAST_CELL);
    assert.equal(summary.success, false);
    const cell = notebook.cellAt(FAST_CELL);
    assert.match(errorMessage(cell) ?? '', /engine worker crashed: simulated worker crash/);
    assert.match(linesText(cell), /■ FAILED at t=/);
    assert.ok(tickTimes(fullTranscript(cell)).length >= 1, 'the ticks shown before the crash are kept');

    const next = await runCell(notebook, FAST_CELL);
    assert.equal(next.success, true);
    assert.equal(errorMessage(notebook.cellAt(FAST_CELL)), undefined);

    // The stressnb output channel tells the story: both runs, the crash with its stack, the new worker.
    const ran = 'run started: kernel.stressnb cell 2, scenario steady, engine source';
    const deadline = Date.now() + 10_000;
    let log = await logText(api);
    while (!/run ended: kernel\.stressnb cell 2, scenario steady: pass/.test(log.slice(log.lastIndexOf(ran))) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      log = await logText(api);
    }
    const crashed = log.slice(log.lastIndexOf('[error] engine worker failed'));
    assert.match(
      crashed,
      /^\[error\] engine worker failed: the engine worker crashed: simulated worker crash after 2 ticks \(test hook\)\n.*Error: simulated worker crash.*\n\s+at /,
      log,
    );
    assert.match(
      crashed,
      /\[info\] run ended: kernel\.stressnb cell 2, scenario steady: incomplete \(the run failed: the engine worker crashed: simulated worker crash/,
      log,
    );
    assert.match(
      crashed,
      /\[info\] run started: kernel\.stressnb cell 2, scenario steady, engine source.*\n.*\[info\] engine worker started again after a failure\n/,
      log,
    );
    assert.match(crashed, /\[info\] run ended: kernel\.stressnb cell 2, scenario steady: pass after [\d.]+ m?s, \d+ ticks/, log);
  });

  it('saves outputs in stable bytes, and reopening keeps them byte for byte', async () => {
    // A copy, so the fixture stays clean for the other tests.
    const original = workspaceFile(KERNEL_NOTEBOOK);
    const copy = workspaceFile('test/fixtures/notebooks/saved-copy.stressnb');
    await vscode.workspace.fs.copy(original, copy, { overwrite: true });
    await activateExtension();
    const notebook = await showWithKernel(await vscode.workspace.openNotebookDocument(copy));
    assert.equal((await runCell(notebook, FAST_CELL)).success, true);
    const before = notebook.cellAt(FAST_CELL).outputs.map((o) => o.items.map((i) => ({ mime: i.mime, data: itemText(i) })));
    await saveNotebook(notebook);
    const saved = await vscode.workspace.fs.readFile(copy);
    assert.match(new TextDecoder().decode(saved), /"outputs": \[/);
    assert.doesNotMatch(new TextDecoder().decode(saved), /executionOrder|startTime|endTime/);

    // Reopen from disk (as a second file, so it is read afresh) and compare.
    const reopenedUri = workspaceFile('test/fixtures/notebooks/saved-reopened.stressnb');
    await vscode.workspace.fs.writeFile(reopenedUri, saved);
    const reopened = await vscode.workspace.openNotebookDocument(reopenedUri);
    const after = reopened.cellAt(FAST_CELL).outputs.map((o) => o.items.map((i) => ({ mime: i.mime, data: itemText(i) })));
    assert.deepEqual(after, before);

    // Running the same cell (same seed) again and saving changes no byte.
    await showWithKernel(reopened);
    assert.equal((await runCell(reopened, FAST_CELL)).success, true);
    await saveNotebook(reopened);
    const resaved = await vscode.workspace.fs.readFile(reopenedUri);
    assert.equal(new TextDecoder().decode(resaved), new TextDecoder().decode(saved));
  });

  it('pins a run as the baseline in the notebook metadata, compares later runs with it, and clears it', async () => {
    const copy = workspaceFile('test/fixtures/notebooks/baseline-copy.stressnb');
    await vscode.workspace.fs.copy(workspaceFile(KERNEL_NOTEBOOK), copy, { overwrite: true });
    await activateExtension();
    const notebook = await showWithKernel(await vscode.workspace.openNotebookDocument(copy));
    assert.equal((await runCell(notebook, FAST_CELL)).success, true);
    assert.doesNotMatch(itemText(findItem(notebook.cellAt(FAST_CELL), 'text/markdown')!), /Compared with/);

    await vscode.commands.executeCommand('stressnb.pinBaseline', notebook.cellAt(FAST_CELL));
    const pinned = await waitFor(
      'the baseline in the metadata',
      () =>
        (notebook.metadata.stressnb as { baselines?: Record<string, { label: string; summary: { totals: object } }> } | undefined)
          ?.baselines?.steady,
    );
    assert.match(pinned.label, /steady, seed 1/);
    assert.equal(typeof pinned.summary.totals, 'object');

    // It travels with the file.
    await saveNotebook(notebook);
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(copy)), /"baselines": \{\n\s+"steady": \{/);

    assert.equal((await runCell(notebook, FAST_CELL)).success, true);
    const cell = notebook.cellAt(FAST_CELL);
    assert.match(itemText(findItem(cell, 'text/markdown')!), /#### Compared with baseline \(steady, seed 1\)/);
    const charts = JSON.parse(itemText(findItem(cell, CHARTS_MIME)!)) as { charts: { id: string }[] };
    assert.ok(
      charts.charts.some((c) => c.id === 'baseline'),
      charts.charts.map((c) => c.id).join(','),
    );

    await vscode.commands.executeCommand('stressnb.clearBaseline', cell);
    await waitFor('the baseline to be cleared', () => notebook.metadata.stressnb == null);
    await saveNotebook(notebook);
    assert.doesNotMatch(new TextDecoder().decode(await vscode.workspace.fs.readFile(copy)), /"stressnb"|baselines/);
  });

  it('refuses to pin a run whose counters broke integrity, and its report says why', async () => {
    // A real scheduler's log in which partition 1 counts every completion twice.
    const sample = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(workspaceFile('test/fixtures/samples/disruptor-uncorrelated-burst.log')),
    );
    const doubled = sample.replace(/^(t=\S+ partition=1 .*\bcompleted=)(\d+)/gm, (_, head: string, v: string) => `${head}${Number(v) * 2}`);
    await vscode.workspace.fs.writeFile(workspaceFile('test/fixtures/notebooks/doubled-completed.log'), new TextEncoder().encode(doubled));
    const copy = workspaceFile('test/fixtures/notebooks/integrity-copy.stressnb');
    await vscode.workspace.fs.copy(workspaceFile(KERNEL_NOTEBOOK), copy, { overwrite: true });
    await activateExtension();
    const notebook = await showWithKernel(await vscode.workspace.openNotebookDocument(copy));
    const edit = new vscode.WorkspaceEdit();
    const spec = 'source: file\npath: doubled-completed.log\nscenario: uncorrelated-burst\n';
    edit.set(notebook.uri, [
      vscode.NotebookEdit.insertCells(notebook.cellCount, [
        new vscode.NotebookCellData(vscode.NotebookCellKind.Code, spec, 'stressnb-scenario'),
      ]),
    ]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const index = notebook.cellCount - 1;

    assert.equal((await runCell(notebook, index)).success, false, 'broken counters fail the run');
    const report = itemText(findItem(notebook.cellAt(index), 'text/markdown')!);
    assert.match(report, /^### ✗ FAIL uncorrelated-burst \(seed 1\): counter integrity broken/);
    assert.match(report, /\*\*Where to look:\*\*\n\n- counter-integrity: partition 1, /);
    assert.doesNotMatch(report, /\*\*release-missing\*\*/);

    await vscode.commands.executeCommand('stressnb.pinBaseline', notebook.cellAt(index));
    assert.equal(notebook.metadata.stressnb ?? undefined, undefined, 'nothing was pinned');
  });

  it('refuses to open a corrupt .stressnb and leaves the file unchanged', async () => {
    await activateExtension();
    const uri = workspaceFile('test/fixtures/notebooks/corrupt.stressnb');
    const before = await vscode.workspace.fs.readFile(uri);
    await assert.rejects(Promise.resolve(vscode.workspace.openNotebookDocument(uri)), (error: Error) => {
      assert.match(error.message, /not a valid \.stressnb notebook/);
      assert.match(error.message, /truncated|line \d+/);
      return true;
    });
    const after = await vscode.workspace.fs.readFile(uri);
    assert.deepEqual(after, before);
  });

  it('opens a new untitled session notebook with a note and a runnable scenario cell', async () => {
    await activateExtension();
    await vscode.commands.executeCommand('stressnb.newNotebook');
    const notebook = await waitFor('the new notebook', () => vscode.window.activeNotebookEditor?.notebook);
    assert.equal(notebook.notebookType, 'stressnb');
    assert.equal(notebook.isUntitled, true);
    assert.deepEqual(
      notebook.getCells().map((c) => c.kind),
      [vscode.NotebookCellKind.Markup, vscode.NotebookCellKind.Code],
    );
    assert.equal(notebook.cellAt(1).document.languageId, 'stressnb-scenario');
    assert.match(notebook.cellAt(1).document.getText(), /^scenario: steady$/m);
  });

  it('completes keys and enum values and shows hover documentation in scenario cells', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const uri = notebook.cellAt(LANGUAGE_CELL).document.uri;
    const labels = (list: vscode.CompletionList) => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));

    const values = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(1, 6),
    );
    assert.ok(labels(values).includes('realtime') && labels(values).includes('fast'), labels(values).join(','));
    const loadKeys = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(2, 8),
    );
    assert.ok(labels(loadKeys).includes('otherFamilies'), labels(loadKeys).join(','));
    const topKeys = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(3, 0),
    );
    assert.ok(labels(topKeys).includes('partitions'), labels(topKeys).join(','));
    assert.ok(!labels(topKeys).includes('scenario'), 'keys already present are not offered again');

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 10));
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(hoverText, /hotTasks/);
    assert.match(hoverText, /hot family/i);
  });

  it('runs a scenario cell of session6 and streams its lines while it runs', async () => {
    const notebook = await openNotebook('notebooks/session6.stressnb');
    const index = notebook.getCells().findIndex((c) => /^scenario: steady$/m.test(c.document.getText()));
    // Shorten the steady control so the test stays quick, and play it at realtime pace (not the
    // default 10x) so the test sees it running.
    const edit = new vscode.WorkspaceEdit();
    const cell = notebook.cellAt(index);
    const text = cell.document
      .getText()
      .replace(/^warmupS: .*$/m, 'warmupS: 0.5')
      .replace(/^measureS: .*$/m, 'measureS: 2')
      .replace(/^cooldownS: .*$/m, 'cooldownS: 0.5')
      .replace(/^tickMs: .*$/m, 'tickMs: 250\npace: realtime');
    edit.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit));

    const done = await startCell(notebook, index);
    // While it runs, the one lines output grows tick by tick.
    // (The cell may still show an earlier run's outputs until this run's first update replaces them.)
    const early = await waitFor('a first tick of this run', () => {
      const text = linesText(notebook.cellAt(index));
      return /▶ running/.test(text) && liveTickTimes(text).length >= 1 && text;
    });
    await waitFor('more ticks', () => liveTickTimes(linesText(notebook.cellAt(index))).length >= 3);
    const summary = await done();
    assert.equal(summary.success, true);
    const final = fullTranscript(notebook.cellAt(index));
    assert.match(final, /^config partitions=4 ringBufferSize=1024 .*tickMs=250 warmupS=0.5 measureS=2 cooldownS=0.5 /m);
    assert.match(linesText(notebook.cellAt(index)), /■ finished/);
    assert.ok(tickTimes(final).length >= liveTickTimes(early).length + 2);
  });
});
