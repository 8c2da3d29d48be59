// The notebook renderer bundle (dist/renderer.js) in Debian's Chromium, outside VS Code: a page
// that mimics the output webview (VS Code's theme variables and body classes) under a content
// security policy without 'unsafe-eval', so any eval or new Function in the drawing path fails.
// Checks drawing (a run's charts from its figures, payload version 2, and charts saved before as
// compiled Vega, version 1, alike), in-place live updates, width and columns, theme, values on
// hover, hint bands, one-line notes, Save SVG/PNG and readable errors.
// (charts.e2e.test.ts covers the same renderer inside a real VS Code.)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { repoRoot } from '../../scripts/lib/codeServerPaths.mjs';
import { analyzeSeries } from '../../src/analysis/analyzeRun';
import { buildRunCharts, buildRunChartsFromSeries } from '../../src/charts/buildRunCharts';
import { chartsToDraw } from '../../src/charts/chartsToDraw';
import { RunTranscript } from '../../src/report/runTranscript';
import { createRun } from '../../src/engine/simulation';
import { CHARTS_MIME, type RunChartsPayload } from '../../src/contracts/chartsPayload';
import { parseStressnb } from '../../src/format/stressnbFile';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { syntheticRun } from '../unit/helpers/chartsSampleEvents';

const ORIGIN = 'http://stressnb-renderer.test';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:";
const DARK = { fg: '#d4d4d4', bg: '#1e1e1e', cls: 'vscode-dark' };
const LIGHT = { fg: '#333333', bg: '#ffffff', cls: 'vscode-light' };

const PAGE = `<!doctype html>
<html style="--vscode-editor-foreground:${DARK.fg};--vscode-editor-background:${DARK.bg};--vscode-charts-blue:#3794ff;--vscode-charts-orange:#d18616;--vscode-charts-green:#89d185;--vscode-charts-red:#f14c4c;--vscode-charts-purple:#b180d7;--vscode-charts-yellow:#cca700;--vscode-charts-lines:#ffffff33;--vscode-font-family:sans-serif">
<head><meta charset="utf-8"></head>
<body class="${DARK.cls}" style="background:${DARK.bg};margin:8px"><div id="out" style="width:760px"></div><div id="vscode" style="width:600px"></div><div id="nobody" style="width:600px"></div>
<script type="module" src="/harness.js"></script></body></html>`;

// Registers the CSP listener before the renderer is loaded, then renders each payload posted to
// the page the way VS Code calls the renderer (same element, same output id for every update).
// Payloads arrive as messages, as in VS Code, so the drawing runs in the page's own tasks
// (code run from playwright's evaluate is not held to the page's CSP).
const HARNESS = `
window.violations = [];
window.rendered = 0;
window.sent = [];
document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
const { activate } = await import('/renderer.js');
// A host without messaging (a plain page), and two with: one where the extension answers a
// save request, one where nobody listens.
const listeners = new Set();
const messaging = (answers) => ({
  workspace: { isTrusted: true },
  postMessage: (m) => {
    window.sent.push(m);
    if (!answers) return;
    setTimeout(() => {
      for (const l of listeners) l({ type: 'stressnb.saveChart.received', requestId: m.requestId });
      for (const l of listeners) l({ type: 'stressnb.saveChart.result', requestId: m.requestId, savedTo: '/saved/' + m.fileName });
    }, 10);
  },
  onDidReceiveMessage: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }),
});
const apis = {
  plain: await activate({ workspace: { isTrusted: true } }),
  answering: await activate(messaging(true)),
  silent: await activate(messaging(false)),
};
window.addEventListener('message', async (event) => {
  const { payload, host = 'plain', target = 'out' } = event.data;
  const item = { id: 'output-' + target, mime: 'application/vnd.stressnb.charts+json', metadata: {}, json: () => payload, text: () => JSON.stringify(payload) };
  try {
    await apis[host].renderOutputItem(item, document.getElementById(target), new AbortController().signal);
  } finally {
    window.rendered++;
  }
});
window.ready = true;
`;

let page: Page;
let close: () => Promise<void>;
let early: RunChartsPayload;
let late: RunChartsPayload;
/** `late` with partition 1 rejecting from t = 50 s: its rejects chart is drawn, no longer a note. */
let rejecting: RunChartsPayload;

const firstLinePath = () => page.locator('#out figure[data-chart-id="completed"] .mark-line path').first();
async function render(payload: unknown, host = 'plain', target = 'out'): Promise<void> {
  const count = await page.evaluate(() => (window as any).rendered as number);
  await page.evaluate((message) => window.postMessage(message, '*'), { payload, host, target });
  await page.waitForFunction((n) => (window as any).rendered > n, count);
}

before(async () => {
  const run = syntheticRun({ ticks: 200, partitions: 4, spike: { partition: 2, tick: 150, extra: 300 } });
  early = buildRunCharts(run.slice(0, 80));
  const hints = [{ rule: 'handler-stuck' as const, partitions: [2], from: 60, to: 80, message: 'the business handler is stuck' }];
  late = buildRunCharts(run, { hints });
  const withRejects = run.map((e) =>
    e.type === 'tick' && e.t >= 50
      ? { ...e, partitions: e.partitions.map((c, p) => (p === 1 ? { ...c, rejectsBusy: Math.round((e.t - 50) * 4) } : c)) }
      : e,
  );
  rejecting = buildRunCharts(withRejects, { hints });
  const bundle = readFileSync(join(repoRoot, 'dist', 'renderer.js'), 'utf8');
  ({ page, close } = await launchChromium({ viewport: { width: 820, height: 1400 } }));
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.route(`${ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const files: Record<string, [string, string]> = {
      '/': [PAGE, 'text/html'],
      '/harness.js': [HARNESS, 'text/javascript'],
      '/renderer.js': [bundle, 'text/javascript'],
    };
    const file = files[path];
    if (!file) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, body: file[0], contentType: file[1], headers: { 'content-security-policy': CSP } });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => (window as any).ready === true, undefined, { timeout: 20_000 });
});

after(async () => close?.());

describe('notebook renderer in Chromium (strict CSP, no eval)', { timeout: 120_000 }, () => {
  test('draws every chart as SVG with one line per partition, a chart of zeros as one line, without a CSP violation', async () => {
    await render(early);
    const figures = page.locator('#out figure.stressnb-chart');
    const drawnFirst = [...early.charts.filter((c) => c.note === undefined), ...early.charts.filter((c) => c.note !== undefined)].map(
      (c) => c.id,
    );
    assert.deepEqual(await figures.evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.chartId)), drawnFirst);
    const notes = page.locator('#out figure.stressnb-chart-note');
    assert.deepEqual(await notes.evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.chartId)), ['rejects', 'enqueued', 'ready']);
    assert.match(
      (await notes.first().textContent()) ?? '',
      /^Rejects\/s per partition \(rejectsBusy\): none, 0 on every partition so far$/,
    );
    assert.ok(((await notes.first().boundingBox())?.height ?? 99) < 24, 'a note is one line');
    assert.equal(await page.locator('#out figure[data-chart-id="completed"] .mark-line').count(), 4);
    const strokes = await page
      .locator('#out figure[data-chart-id="completed"] .mark-line path')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')));
    assert.deepEqual(strokes, ['#3794ff', '#d18616', '#89d185', '#f14c4c'], "the partitions take the editor's chart colours");
    assert.equal(await page.locator('#out .stressnb-chart-error').count(), 0);
    assert.deepEqual(await page.evaluate(() => (window as any).violations), []);
  });

  test('a new payload for the same output updates the drawn SVG in place', async () => {
    await firstLinePath().evaluate((p) => p.closest('svg')!.setAttribute('data-probe', 'kept'));
    const before = await firstLinePath().getAttribute('d');
    await render(late);
    assert.equal(await page.locator('#out svg[data-probe="kept"]').count(), 1, 'the svg was rebuilt instead of updated');
    assert.notEqual(await firstLinePath().getAttribute('d'), before);
  });

  test('a note that becomes a chart (and back) is redrawn alone: the other charts stay drawn', async () => {
    const ids = (selector: string) => page.locator(selector).evaluateAll((fs) => fs.map((f) => (f as HTMLElement).dataset.chartId));
    const notesBefore = await ids('#out figure.stressnb-chart-note');
    assert.ok(notesBefore.includes('rejects'));
    await render(rejecting);
    assert.equal(await page.locator('#out svg[data-probe="kept"]').count(), 1, 'the completed/s chart was redrawn');
    assert.deepEqual(
      await ids('#out .stressnb-chart-grid figure'),
      rejecting.charts.filter((c) => c.note === undefined).map((c) => c.id),
      'charts in payload order',
    );
    assert.deepEqual(
      await ids('#out figure.stressnb-chart-note'),
      notesBefore.filter((id) => id !== 'rejects'),
    );
    assert.equal(await page.locator('#out figure[data-chart-id="rejects"] .mark-line').count(), 4);
    await render(late);
    assert.equal(await page.locator('#out svg[data-probe="kept"]').count(), 1);
    assert.deepEqual(await ids('#out figure.stressnb-chart-note'), notesBefore);
    assert.equal(await page.locator('#out .stressnb-chart-error').count(), 0);
  });

  test('shows the values of the point under the pointer, and the hint of a band label', async () => {
    const tooltip = page.locator('.stressnb-tooltip');
    const plot = page.locator('#out figure[data-chart-id="completed"] .mark-line path').first();
    const box = (await plot.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width * 0.3 + 2, box.y + box.height / 2);
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    const text = (await tooltip.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /partition p\d t \(s\) [\d.]+ completed\/s [\d.,]+/);
    assert.equal(
      await page.locator('#out figure[data-chart-id="completed"] .mark-symbol.role-mark path[opacity="1"]').count(),
      1,
      'the hovered point is marked',
    );

    const label = page.locator('#out figure[data-chart-id="completed"] .mark-text text', { hasText: 'handler-stuck · p2' });
    const at = (await label.boundingBox())!;
    await page.mouse.move(at.x + 4, at.y + at.height / 2);
    await page.waitForFunction(() => /likely cause/.test(document.querySelector('.stressnb-tooltip')?.textContent ?? ''));
    assert.match(await tooltip.innerText(), /handler-stuck[\s\S]*the business handler is stuck/);
    await page.mouse.move(2, 2);
    await tooltip.waitFor({ state: 'hidden', timeout: 5_000 });
  });

  test('follows the width of its container: two columns where two charts fit, else one', async () => {
    const svgWidth = () => page.locator('#out figure[data-chart-id="completed"] svg').getAttribute('width').then(Number);
    assert.ok(Math.abs((await svgWidth()) - 760) <= 2, `svg width ${await svgWidth()}`);
    await page.evaluate(() => ((document.getElementById('out') as HTMLElement).style.width = '1200px'));
    await page.waitForFunction(() => Math.abs(Number(document.querySelector('#out svg')?.getAttribute('width')) - 592) <= 2);
    const tops = await page
      .locator('#out .stressnb-chart-grid figure')
      .evaluateAll((fs) => fs.map((f) => Math.round(f.getBoundingClientRect().top)));
    assert.equal(tops[0], tops[1], 'the first two charts side by side');
    await page.evaluate(() => ((document.getElementById('out') as HTMLElement).style.width = '520px'));
    await page.waitForFunction(() => Math.abs(Number(document.querySelector('#out svg')?.getAttribute('width')) - 520) <= 2);
  });

  test('follows the editor theme when VS Code switches it', async () => {
    const labelFill = () => page.locator('#out figure[data-chart-id="completed"] .role-axis-label text').first().getAttribute('fill');
    assert.equal(await labelFill(), DARK.fg);
    await page.evaluate((t) => {
      document.documentElement.style.setProperty('--vscode-editor-foreground', t.fg);
      document.documentElement.style.setProperty('--vscode-editor-background', t.bg);
      document.body.style.background = t.bg;
      document.body.className = t.cls;
    }, LIGHT);
    await page.waitForFunction((fg) => document.querySelector('#out .role-axis-label text')?.getAttribute('fill') === fg, LIGHT.fg);
    await render(late); // and an update after a re-theme still draws
    assert.equal(await page.locator('#out .stressnb-chart-error').count(), 0);
  });

  test('each chart saves as SVG and as PNG', async () => {
    const figure = page.locator('#out figure[data-chart-id="completed"]');
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Save SVG' }).click()]);
    assert.equal(svgDownload.suggestedFilename(), 'stressnb-completed.svg');
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    assert.match(svg, /^<svg[^>]*>/);
    assert.match(svg, /mark-line/);
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), figure.getByRole('button', { name: 'Save PNG' }).click()]);
    assert.equal(pngDownload.suggestedFilename(), 'stressnb-completed.png');
    const png = readFileSync((await pngDownload.path())!);
    assert.deepEqual([...png.subarray(1, 4)], [...Buffer.from('PNG')]);
    assert.ok(png.length > 5000, `png of ${png.length} bytes`);
  });

  test('in VS Code, Save hands the exported chart to the extension; with nobody listening it downloads', async () => {
    await render(late, 'answering', 'vscode');
    const figure = page.locator('#vscode figure[data-chart-id="inFlight"]');
    const svgButton = figure.getByRole('button', { name: 'Save SVG' });
    await svgButton.click();
    await page.waitForFunction(() =>
      document.querySelector('#vscode figure[data-chart-id="inFlight"] button')?.getAttribute('title')?.startsWith('Saved to'),
    );
    assert.equal(await svgButton.getAttribute('title'), 'Saved to /saved/stressnb-inFlight.svg');
    await figure.getByRole('button', { name: 'Save PNG' }).click();
    await page.waitForFunction(() => (window as any).sent.length === 2);
    const sent = await page.evaluate(() => (window as any).sent.map((m: any) => ({ ...m, data: m.data.slice(0, 30) })));
    assert.deepEqual(
      sent.map((m: any) => [m.type, m.format, m.fileName]),
      [
        ['stressnb.saveChart', 'svg', 'stressnb-inFlight.svg'],
        ['stressnb.saveChart', 'png', 'stressnb-inFlight.png'],
      ],
    );
    assert.match(sent[0].data, /^<svg/);
    assert.match(sent[1].data, /^data:image\/png;base64,/);

    await render(late, 'silent', 'nobody');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.locator('#nobody figure[data-chart-id="inFlight"]').getByRole('button', { name: 'Save SVG' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'stressnb-inFlight.svg');
  });

  test('a bad payload or a broken chart shows a readable message, not a blank box', async () => {
    await render({ version: 3, charts: [] });
    assert.match(
      (await page.locator('#out .stressnb-chart-error').textContent()) ?? '',
      /version 3.*Update stressnb, or run the cell again/,
    );
    const cut = {
      ...late,
      charts: late.charts.map((c) =>
        c.note === undefined ? { ...c, lines: c.lines.map((l) => ({ ...l, v: l.v.replace(/ \S+$/, '') })) } : c,
      ),
    };
    await render(cut);
    assert.match(
      (await page.locator('#out .stressnb-chart-error').textContent()) ?? '',
      /chart "completed", line 1 has \d+ values for \d+ times/,
    );

    // Compiled Vega (a version-1 payload) with one spec Vega cannot parse.
    const broken = {
      version: 1,
      charts: [{ id: 'broken', title: 'Broken', vega: { marks: [{ type: 'nonsense' }] } }, ...chartsToDraw(late)],
    };
    await render(broken);
    const error = page.locator('#out figure[data-chart-id="broken"] .stressnb-chart-error');
    assert.match((await error.textContent()) ?? '', /could not draw "Broken"/);
    assert.equal(await page.locator('#out figure[data-chart-id="completed"] .mark-line').count(), 4, 'the other charts still draw');

    await render(late);
    assert.equal(await page.locator('#out .stressnb-chart-error').count(), 0);
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-results', 'charts-renderer.png'), fullPage: true });
  });

  test('a run saved before payload version 2 (compiled Vega) draws the very picture its figures draw now', async () => {
    const parsed = parseStressnb(readFileSync(join(repoRoot, 'test', 'fixtures', 'notebooks', 'charts-v1.stressnb'), 'utf8'));
    assert.ok(parsed.ok);
    const cell = parsed.notebook.cells.find((c) => c.kind === 'scenario')!;
    const saved = cell.outputs!.flatMap((o) => o.items).find((i) => i.mime === CHARTS_MIME)!.data as { version: number };
    assert.equal(saved.version, 1);
    // The same run charted now, as the kernel charts a finished run (with its report's hints).
    const { spec } = parseScenarioSpec(cell.source);
    const transcript = new RunTranscript();
    const run = createRun({ ...spec!, pace: 'fast' });
    while (!run.finished) transcript.push(run.step());
    const now = buildRunChartsFromSeries(transcript.series, { hints: analyzeSeries(transcript.series, { expect: spec!.expect }).hints });

    const pictures = async (payload: unknown) => {
      await render(payload, 'plain', 'nobody');
      assert.equal(await page.locator('#nobody .stressnb-chart-error').count(), 0);
      // Clip paths are numbered by a page-wide counter.
      return page
        .locator('#nobody figure')
        .evaluateAll((fs) => fs.map((f) => f.querySelector('svg')?.outerHTML.replace(/clip\d+/g, 'clip') ?? f.textContent));
    };
    const before = await pictures(saved);
    assert.equal(before.filter((p) => p?.startsWith('<svg')).length, 4);
    assert.ok(
      before.some((p) => p?.includes('release-missing · every partition')),
      'the hint band',
    );
    await render({ version: 1, charts: [] }, 'plain', 'nobody'); // a fresh draw, not an update in place
    assert.deepEqual(await pictures(now), before);
    await page.locator('#nobody').screenshot({ path: join(repoRoot, 'test-results', 'charts-renderer-saved-v1.png') });
  });
});
