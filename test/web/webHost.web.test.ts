// The extension in VS Code for the Web's extension host: a web worker of the browser, running the
// `browser` bundle (dist/extension.web.js). code-server runs it there when the user setting
// remote.extensionKind puts the extension in the web host (scripts/vscode-test.mjs --host web).
// Shared notebooks open with their outputs and charts; engine cells run, stream and interrupt
// in a Blob URL worker; command and file cells explain that they need desktop VS Code.
import * as vscode from 'vscode';
import { workspaceFile } from '../vscode/helpers/workspace';
import {
  activateExtension,
  CHARTS_MIME,
  errorMessage,
  findItem,
  fullTranscript,
  itemText,
  linesText,
  liveTickTimes,
  openNotebook,
  runCell,
  saveNotebook,
  showWithKernel,
  startCell,
  tickTimes,
  waitFor,
} from '../vscode/helpers/notebooks';
import * as assert from './helpers/assert';

const SESSION6 = 'notebooks/session6.stressnb';
const KERNEL_NOTEBOOK = 'test/fixtures/notebooks/kernel.stressnb';
const FAST_CELL = 1;
const LONG_CELL = 2;
const SPEC_ERROR_CELL = 3;
const LANGUAGE_CELL = 4;
const COMMAND_CELL = 6;

interface TestApi {
  host: string;
  crashNextRunAfterTicks(ticks: number): void;
  liveWorkers(): number;
  logFile: vscode.Uri;
}

const scenarioCells = (notebook: vscode.NotebookDocument) => notebook.getCells().filter((c) => c.kind === vscode.NotebookCellKind.Code);
const reportOf = (cell: vscode.NotebookCell) => {
  const item = findItem(cell, 'text/markdown');
  return item ? itemText(item) : '';
};
const drawnChartIds = (cell: vscode.NotebookCell) => {
  const item = findItem(cell, CHARTS_MIME);
  // A drawn chart has its figures (or, saved before charts payload version 2, its Vega spec); the others a note.
  return item
    ? (JSON.parse(itemText(item)) as { charts: { id: string; note?: string }[] }).charts
        .filter((c) => c.note === undefined)
        .map((c) => c.id)
    : [];
};
const chartIds = (cell: vscode.NotebookCell) => {
  const item = findItem(cell, CHARTS_MIME);
  return item ? (JSON.parse(itemText(item)) as { charts: { id: string }[] }).charts.map((c) => c.id) : [];
};
const isSweep = (cell: vscode.NotebookCell) => /^sweep:/m.test(cell.document.getText());
const isSearch = (cell: vscode.NotebookCell) => /^search:/m.test(cell.document.getText());
const diagnosticsOf = (cell: vscode.NotebookCell) =>
  waitFor(`diagnostics of cell ${cell.index}`, () => {
    const found = vscode.languages.getDiagnostics(cell.document.uri);
    return found.length > 0 ? found : undefined;
  });

/** Replaces a cell's whole text. */
async function setCellText(cell: vscode.NotebookCell, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(cell.document.uri, new vscode.Range(0, 0, cell.document.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'cell edit applied');
}

describe('VS Code for the Web: the web worker extension host', function () {
  this.timeout(120_000);

  it('runs the browser bundle in a web worker, with no Node', async () => {
    assert.equal(typeof process, 'undefined', 'no process global: this is not Node');
    assert.equal((globalThis as { constructor: { name: string } }).constructor.name, 'DedicatedWorkerGlobalScope');
    const api = await activateExtension<TestApi>();
    assert.equal(api.host, 'web', 'the extension runs its browser entry (dist/extension.web.js)');
  });

  it('runs a scenario cell of session6, streaming its lines, and ends with the verdict', async () => {
    const notebook = await openNotebook(SESSION6);
    const index = notebook.getCells().findIndex((c) => /^scenario: steady$/m.test(c.document.getText()));
    const cell = notebook.cellAt(index);
    // Shortened so the test stays quick; the run stays at realtime pace.
    await setCellText(
      cell,
      cell.document
        .getText()
        .replace(/^warmupS: .*$/m, 'warmupS: 0.5')
        .replace(/^measureS: .*$/m, 'measureS: 2')
        .replace(/^cooldownS: .*$/m, 'cooldownS: 0.5')
        .replace(/^tickMs: .*$/m, 'tickMs: 250'),
    );

    const done = await startCell(notebook, index);
    const early = await waitFor(
      'a first tick',
      () => liveTickTimes(linesText(notebook.cellAt(index))).length >= 1 && linesText(notebook.cellAt(index)),
    );
    assert.match(early, /▶ running/);
    await waitFor('more ticks', () => liveTickTimes(linesText(notebook.cellAt(index))).length >= 3);
    const summary = await done();
    assert.equal(summary.success, true, errorMessage(notebook.cellAt(index)));
    const final = fullTranscript(notebook.cellAt(index));
    assert.match(final, /^config partitions=4 ringBufferSize=1024 .*tickMs=250 warmupS=0.5 measureS=2 cooldownS=0.5 /m);
    assert.match(linesText(notebook.cellAt(index)), /■ finished/);
    assert.ok(tickTimes(final).length >= liveTickTimes(early).length + 2, 'the lines grew while it ran');
    assert.ok(chartIds(notebook.cellAt(index)).includes('completed'), 'charts');
    assert.match(reportOf(notebook.cellAt(index)), /^### ✓ /);
  });

  it('interrupts a long run at once, keeps its partial output, and the next run works', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const api = await activateExtension<TestApi>();
    const done = await startCell(notebook, LONG_CELL);
    await waitFor('a few ticks', () => liveTickTimes(linesText(notebook.cellAt(LONG_CELL))).length >= 3);
    assert.equal(api.liveWorkers(), 1, 'the run has its own worker');
    await vscode.commands.executeCommand('notebook.cancelExecution', notebook.uri);
    const summary = await done(5_000);
    assert.equal(summary.success, false);
    assert.match(linesText(notebook.cellAt(LONG_CELL)), /■ INTERRUPTED at t=/);
    assert.match(fullTranscript(notebook.cellAt(LONG_CELL)), /phase=done reason=interrupted/);
    assert.match(reportOf(notebook.cellAt(LONG_CELL)), /partial|interrupted/i);
    await waitFor('the worker to be gone', () => api.liveWorkers() === 0, 2_000);

    assert.equal((await runCell(notebook, FAST_CELL)).success, true);
  });

  it('ends a run whose worker crashes as an error with a readable message', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const api = await activateExtension<TestApi>();
    api.crashNextRunAfterTicks(2);
    assert.equal((await runCell(notebook, FAST_CELL)).success, false);
    assert.match(errorMessage(notebook.cellAt(FAST_CELL)) ?? '', /engine worker crashed: .*simulated worker crash/);
    assert.match(linesText(notebook.cellAt(FAST_CELL)), /■ FAILED at t=/);
    assert.equal((await runCell(notebook, FAST_CELL)).success, true);

    // The stressnb output channel works here too: the crash, then a new worker for the next run.
    const deadline = Date.now() + 10_000;
    const read = async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(api.logFile));
    let log = await read();
    while (
      !/engine worker started again after a failure\n.*\n?.*run ended: kernel\.stressnb cell 2, scenario steady: pass/.test(log) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      log = await read();
    }
    assert.match(log, /\[info\] stressnb [\d.]+ activated \(web extension host, test mode\)/);
    assert.match(log, /\[error\] engine worker failed: the engine worker crashed: .*simulated worker crash after 2 ticks/);
    assert.match(
      log,
      /\[info\] engine worker started again after a failure\n.*\[info\] run ended: kernel\.stressnb cell 2, scenario steady: pass/,
    );
  });

  it('refuses command, file, metrics and Prometheus cells with why, on their source: line and when run', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const command = notebook.cellAt(COMMAND_CELL);
    const [warning] = await diagnosticsOf(command);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(warning.range.start.line, 0, 'on the source: line');
    assert.match(warning.message, /source: command.*needs desktop VS Code/);
    assert.equal((await runCell(notebook, COMMAND_CELL)).success, false);
    assert.match(errorMessage(command) ?? '', /^Needs desktop VS Code: .*source: command/);

    const edit = new vscode.WorkspaceEdit();
    const fileCell = new vscode.NotebookCellData(
      vscode.NotebookCellKind.Code,
      'source: file\npath: ../samples/disruptor-steady.log\n',
      'stressnb-scenario',
    );
    edit.set(notebook.uri, [vscode.NotebookEdit.insertCells(notebook.cellCount, [fileCell])]);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const file = notebook.cellAt(notebook.cellCount - 1);
    assert.match((await diagnosticsOf(file))[0].message, /source: file.*needs desktop VS Code/);
    assert.equal((await runCell(notebook, file.index)).success, false);
    assert.match(errorMessage(file) ?? '', /^Needs desktop VS Code: .*source: file/);

    // Metrics endpoints and Prometheus servers too: the browser sandbox (CORS), no service to start.
    for (const [kind, text] of [
      ['metrics', 'source: metrics\nurl: http://127.0.0.1:9404/metrics\n'],
      ['prometheus', 'source: prometheus\nurl: http://127.0.0.1:9090\nfrom: -30m\n'],
    ]) {
      const add = new vscode.WorkspaceEdit();
      add.set(notebook.uri, [
        vscode.NotebookEdit.insertCells(notebook.cellCount, [
          new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, 'stressnb-scenario'),
        ]),
      ]);
      assert.ok(await vscode.workspace.applyEdit(add));
      const cell = notebook.cellAt(notebook.cellCount - 1);
      assert.match((await diagnosticsOf(cell))[0].message, new RegExp(`source: ${kind}.*needs desktop VS Code.*CORS`));
      assert.equal((await runCell(notebook, cell.index)).success, false);
      assert.match(errorMessage(cell) ?? '', new RegExp(`^Needs desktop VS Code: .*source: ${kind}`));
    }

    // The kernel is still fine.
    assert.equal((await runCell(notebook, FAST_CELL)).success, true);
  });

  it('pins a run as the baseline and compares the next run with it', async () => {
    const copy = workspaceFile('test/fixtures/notebooks/web-baseline.stressnb');
    await vscode.workspace.fs.copy(workspaceFile(KERNEL_NOTEBOOK), copy, { overwrite: true });
    const notebook = await showWithKernel(await vscode.workspace.openNotebookDocument(copy));
    assert.equal((await runCell(notebook, FAST_CELL)).success, true);
    await vscode.commands.executeCommand('stressnb.pinBaseline', notebook.cellAt(FAST_CELL));
    await waitFor('the baseline in the metadata', () => (notebook.metadata.stressnb as { baselines?: object } | undefined)?.baselines);
    assert.equal((await runCell(notebook, FAST_CELL)).success, true);
    assert.match(reportOf(notebook.cellAt(FAST_CELL)), /#### Compared with baseline \(steady, seed 1\)/);
    assert.ok(chartIds(notebook.cellAt(FAST_CELL)).includes('baseline'));
  });

  it('exports the session report as HTML and as Markdown with its charts, through the workspace file system', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    assert.equal((await runCell(notebook, FAST_CELL)).success, true);
    const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));

    const htmlTarget = workspaceFile('reports/web-session.html');
    assert.equal(await vscode.commands.executeCommand('stressnb.exportReport', { format: 'html', path: htmlTarget.path }), htmlTarget.path);
    const html = await read(htmlTarget);
    assert.match(html, /<article class="scenario" id="cell2" data-verdict="PASS">/);
    const cell2 = html.slice(html.indexOf('<article class="scenario" id="cell2"'), html.indexOf('</article>', html.indexOf('id="cell2"')));
    const drawn = drawnChartIds(notebook.cellAt(FAST_CELL));
    assert.ok(drawn.includes('completed'), drawn.join(','));
    assert.equal(cell2.match(/<svg /g)?.length, drawn.length, 'the charts cell 2 draws, drawn in the web worker');

    const mdTarget = workspaceFile('reports/web-session.md');
    assert.equal(await vscode.commands.executeCommand('stressnb.exportReport', { path: mdTarget.path }), mdTarget.path);
    const links = [...(await read(mdTarget)).matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    // Cell 3 has charts too when the interrupt test ran before.
    assert.deepEqual(
      links.filter((l) => l.includes('/cell2-')),
      drawn.map((id) => `web-session-files/cell2-${id}.svg`),
    );
    assert.match(await read(workspaceFile(`reports/${links[0]}`)), /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('shows spec diagnostics, completion and hover in scenario cells', async () => {
    const notebook = await openNotebook(KERNEL_NOTEBOOK);
    const [error] = await diagnosticsOf(notebook.cellAt(SPEC_ERROR_CELL));
    assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
    assert.match(error.message, /partitions/);

    const uri = notebook.cellAt(LANGUAGE_CELL).document.uri;
    const labels = (list: vscode.CompletionList) => list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    const values = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(1, 6),
    );
    assert.ok(labels(values).includes('fast'), labels(values).join(','));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 10));
    assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n'), /hotTasks/);
  });

  // Last: it leaves a notebook with every session6 run open in an editor.
  it('opens a shared session6 with its saved outputs and charts', async () => {
    // Make the shared file: session6 with every scenario run (fast pace) and saved.
    const made = workspaceFile('notebooks/session6-run.stressnb');
    await vscode.workspace.fs.copy(workspaceFile(SESSION6), made, { overwrite: true });
    const running = await showWithKernel(await vscode.workspace.openNotebookDocument(made));
    const pace = vscode.workspace.getConfiguration('stressnb');
    await pace.update('defaultPace', 'fast', vscode.ConfigurationTarget.Global);
    try {
      for (const cell of scenarioCells(running)) {
        const summary = await runCell(running, cell.index, 60_000);
        // A sweep runs its points on worker threads of desktop VS Code: here it says so.
        if (isSweep(cell)) {
          assert.equal(summary.success, false);
          assert.match(errorMessage(cell) ?? '', /^Needs desktop VS Code: This cell is a sweep \(sweep:\)/);
        }
        // So does a capacity search.
        if (isSearch(cell)) {
          assert.equal(summary.success, false);
          assert.match(errorMessage(cell) ?? '', /^Needs desktop VS Code: This cell is a capacity search \(search:\)/);
        }
      }
    } finally {
      await pace.update('defaultPace', undefined, vscode.ConfigurationTarget.Global);
    }
    await saveNotebook(running);

    // Open it afresh, as a file someone shared: every scenario cell shows its saved run.
    const shared = workspaceFile('notebooks/session6-shared.stressnb');
    await vscode.workspace.fs.writeFile(shared, await vscode.workspace.fs.readFile(made));
    // Read through the serializer; not shown, so the workbench is not busy drawing 16 charts.
    const notebook = await vscode.workspace.openNotebookDocument(shared);
    const cells = scenarioCells(notebook).filter((c) => !isSweep(c) && !isSearch(c));
    assert.equal(cells.length, 4);
    for (const cell of cells) {
      assert.match(linesText(cell), /^config partitions=4 /m, `cell ${cell.index} lines`);
      assert.match(linesText(cell), /■ finished/, `cell ${cell.index} finished`);
      const charts = chartIds(cell);
      for (const id of ['completed', 'rejects', 'enqueued', 'pendingDepth', 'ready', 'inFlight'])
        assert.ok(charts.includes(id), `cell ${cell.index} chart ${id}: ${charts.join(',')}`);
      assert.match(reportOf(cell), /^### (✓|✗) /, `cell ${cell.index} verdict`);
      assert.match(reportOf(cell), /#### Scenario checks/, `cell ${cell.index} checks`);
    }
  });
});
