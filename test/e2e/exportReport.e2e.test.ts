// `stressnb export --run` as CI would use it (the built dist/cli.js), and the HTML it writes read
// the way a colleague opens an attachment: from file://, in Debian's Chromium, with JavaScript
// disabled and every network request blocked. The notes, the four verdicts and the charts must
// be there, and nothing may leave the file, even for a note that links a remote image or holds
// raw HTML. Screenshots in light and dark go to test-results/.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { repoRoot } from '../../scripts/lib/codeServerPaths.mjs';
import { parseStressnb, serializeStressnb } from '../../src/format/stressnbFile';
import { resultsDir } from './helpers/workbench';

const REMOTE_NOTE = [
  '## Shared from CI',
  '',
  'The build badge: ![build](https://example.invalid/badge.svg)',
  '',
  '<img src="https://example.invalid/pixel.png"> <script>document.title = "script ran"</script>',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'stressnb-export-e2e-'));
const reportPath = join(dir, 'session6.html');
let page: Page;
let close: () => Promise<void>;
const requests: string[] = [];
const blocked: string[] = [];

function exportSession(notebook: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'dist', 'cli.js'), 'export', notebook, '--run', '--format', 'html', '--out', reportPath],
      { cwd: dir },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

before(async () => {
  // session6 as it is in the repository, plus one note with a remote image and raw HTML.
  const parsed = parseStressnb(readFileSync(join(repoRoot, 'notebooks', 'session6.stressnb'), 'utf8'));
  assert.ok(parsed.ok);
  parsed.notebook.cells.splice(1, 0, { kind: 'markdown', source: REMOTE_NOTE });
  const notebook = join(dir, 'session6.stressnb');
  writeFileSync(notebook, serializeStressnb(parsed.notebook));
  const result = await exportSession(notebook);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /^wrote .*session6\.html$/m);

  ({ page, close } = await launchChromium({ viewport: { width: 1100, height: 1300 }, javaScriptEnabled: false }));
  page.on('request', (request) => requests.push(request.url()));
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file:')) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await page.goto(pathToFileURL(reportPath).href);
});

after(async () => {
  await close?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('stressnb export --run: session6 as HTML, in a browser with no JavaScript and no network', () => {
  test('the file is self-contained and small', () => {
    const html = readFileSync(reportPath, 'utf8');
    assert.ok(!/<script/i.test(html), 'the page has no script of its own');
    assert.ok(!/<(link|iframe|object|embed)\b/i.test(html) && !/\bsrc="(?!data:)/i.test(html), 'the page loads nothing from elsewhere');
    assert.ok(statSync(reportPath).size < 5 * 1024 * 1024);
  });

  test('the notes are rendered Markdown, raw HTML shown as text', async () => {
    assert.match(await page.locator('main h1').first().innerText(), /^Session 6/);
    assert.ok((await page.locator('main h2', { hasText: 'Step 4 — Scenario 1: hot family' }).count()) === 1);
    assert.ok((await page.locator('main table').count()) >= 3, "the notes' tables are tables");
    const note = page.locator('section.notes', { hasText: 'Shared from CI' });
    assert.match(await note.innerText(), /<script>document\.title = "script ran"<\/script>/);
    assert.equal(await note.locator('img').count(), 0);
    assert.equal(await note.locator('a.image-link').getAttribute('href'), 'https://example.invalid/badge.svg');
    assert.notEqual(await page.title(), 'script ran');
  });

  test('six scenario cells, each with its verdict first: a table of verdicts and one block per cell', async () => {
    const rows = page.locator('.verdicts tbody tr');
    assert.equal(await rows.count(), 6);
    assert.deepEqual(await rows.locator('.status').allInnerTexts(), ['PASS', 'PASS', 'PASS', 'PASS', 'PASS', 'PASS']);
    const cells = page.locator('article.scenario');
    assert.deepEqual(await cells.evaluateAll((els) => els.map((e) => e.id)), ['cell8', 'cell10', 'cell12', 'cell14', 'cell17', 'cell19']);
    for (let i = 0; i < 4; i++) {
      const cell = cells.nth(i);
      // The verdict is the first thing after the cell's title.
      assert.equal(await cell.locator(':scope > h3 + .verdict .status').first().innerText(), 'PASS');
      assert.match(
        await cell.locator('.verdict .headline').innerText(),
        /(hot-family|uncorrelated-burst|small-ring-burst|steady) \(seed 1\)/,
      );
      assert.match(await cell.locator('pre.spec').innerText(), /^# (Scenario|Control)/);
      assert.ok((await cell.locator('.report table').count()) >= 2, 'summary and checks tables');
      assert.match(await cell.locator('.transcript > pre').innerText(), /^config partitions=4/);
    }
  });

  test('the what-if sweep: its verdict, knee, heatmap and table of points', async () => {
    const sweep = page.locator('#cell17');
    assert.equal(await sweep.locator(':scope > h3 + .verdict .status').first().innerText(), 'PASS');
    assert.match(await sweep.locator('.verdict .headline').innerText(), /Sweep: 18 points/);
    assert.match(await sweep.locator('.verdict').innerText(), /Knee: rejects fall to 0 from ringBufferSize 512 with partitions 8/);
    assert.equal(await sweep.locator('figure[data-chart-id="sweep"] svg g.mark-rect').first().locator('path').count(), 18);
    assert.equal(await sweep.locator('.report table tbody tr').count(), 18);
  });

  test('the capacity search: the answer first, its chart with every probe, the table of probes', async () => {
    const search = page.locator('#cell19');
    assert.equal(await search.locator(':scope > h3 + .verdict .status').first().innerText(), 'PASS');
    assert.match(
      await search.locator('.verdict .headline').innerText(),
      /Sustains load\.ratePerS [\d,]+ tasks\/s \([\d,.]+\/s completed\); first fails at [\d,]+ tasks\/s: saturated, /,
    );
    const probes = await search.locator('.report table tbody tr').count();
    assert.ok(probes >= 4, `${probes} probes`);
    assert.equal(
      await search.locator('figure[data-chart-id="search"] svg g.mark-symbol.role-mark path').count(),
      probes,
      'a point per probe',
    );
    assert.match(await search.locator('figure[data-chart-id="search"] svg').innerHTML(), /sustains [\d,]+ · fails at [\d,]+/);
  });

  test('the charts are inline SVG with drawn marks: six per run cell (a chart of zeros as one line), lines for every partition, a heatmap for the sweep, two for the search', async () => {
    const figures = page.locator('article.scenario .charts figure');
    const notes = page.locator('article.scenario .charts p.chart-note');
    assert.equal((await figures.count()) + (await notes.count()), 4 * 6 + 1 + 2);
    assert.equal(await page.locator('article.scenario .charts figure svg').count(), await figures.count());
    assert.match(await page.locator('#cell8 .charts p.chart-note[data-chart-id="rejects"]').innerText(), /none, 0 on every partition/);
    for (const id of ['completed', 'enqueued', 'pendingDepth', 'inFlight']) {
      const lines = page.locator(`#cell8 figure[data-chart-id="${id}"] svg g.mark-line path`);
      assert.ok((await lines.count()) >= 4, `${id}: ${await lines.count()} lines`);
    }
    const box = await page.locator('#cell8 figure[data-chart-id="completed"] svg').boundingBox();
    assert.ok(box && box.width > 300 && box.height > 100, `the chart is drawn at a readable size: ${JSON.stringify(box)}`);
  });

  test('no request left the file', () => {
    assert.deepEqual(blocked, []);
    assert.deepEqual(requests, [pathToFileURL(reportPath).href]);
  });

  test('screenshots in light and dark', async () => {
    mkdirSync(resultsDir, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.equal(background, colorScheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
      await page.locator('header.report-header').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(resultsDir, `export-session6-${colorScheme}.png`) });
      await page.locator('#cell12').screenshot({ path: join(resultsDir, `export-session6-cell12-${colorScheme}.png`) });
      await page.locator('#cell17').screenshot({ path: join(resultsDir, `export-session6-sweep-${colorScheme}.png`) });
      await page.locator('#cell19').screenshot({ path: join(resultsDir, `export-session6-search-${colorScheme}.png`) });
    }
    assert.deepEqual(blocked, []);
  });
});
