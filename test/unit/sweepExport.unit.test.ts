// A sweep cell in the session report: from its saved outputs (the headline, the heatmap, the table,
// as the notebook writes them) and from `stressnb export --run`, with its verdict, knee, heatmap
// and table, in HTML and in Markdown.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildSweepCharts } from '../../src/charts/sweepCharts';
import { compileCharts } from '../../src/charts/compileCharts';
import { formatSweepHeadlineMarkdown, type SweepFacts } from '../../src/report/sweepReport';
import { formatSweepTableMarkdown, sweepMetricColumns } from '../../src/report/sweepTable';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { buildReport } from '../../src/export/buildReport';
import { scenarioCells } from '../../src/export/exportModel';
import { runStatus } from '../../src/export/runStatus';
import { sessionOf } from '../../src/export/sessionOf';
import { CHARTS_MIME } from '../../src/contracts/chartsPayload';
import { serializeStressnb, type StressnbNotebook, type StressnbOutput } from '../../src/format/stressnbFile';
import { sweepOutputMetadata } from '../../src/contracts/sweepOutput';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { startSweep } from '../../src/sweep/sweepPool';
import { SMALL_RING_GRID } from './helpers/sweepGrids';

const SWEEP = SMALL_RING_GRID;

const dir = mkdtempSync(join(tmpdir(), 'stressnb-sweep-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The outputs the notebook saves at the end of a sweep (src/extension/liveSweepOutput.ts). */
async function savedSweepOutputs(
  text: string,
  state: SweepFacts['state'] = { state: 'finished' },
  keep?: number,
): Promise<StressnbOutput[]> {
  const { spec, sweep } = parseScenarioSpec(text);
  assert.ok(spec && sweep);
  const { rows: all } = await startSweep(sweep, { threads: 2 }).result;
  const rows = keep === undefined ? all : all.slice(0, keep);
  const metrics = sweepMetricColumns(spec.expect);
  const facts: SweepFacts = { axes: sweep.axes, total: sweep.size, rows, state, hasThresholds: true, scenario: spec.scenario };
  const charts = await compileCharts(buildSweepCharts(sweep.axes, rows, { metrics }));
  return [
    { items: [{ mime: 'text/markdown', data: formatSweepHeadlineMarkdown(facts) }], metadata: sweepOutputMetadata(text) },
    { items: [{ mime: CHARTS_MIME, data: JSON.parse(JSON.stringify(charts)) }] },
    {
      items: [
        {
          mime: 'text/markdown',
          data: `#### Points (${rows.length} of ${sweep.size})\n\n${formatSweepTableMarkdown(sweep.axes, rows, metrics)}`,
        },
      ],
    },
  ];
}

let notebook: StressnbNotebook;

before(async () => {
  notebook = {
    version: 1,
    metadata: {},
    cells: [
      { kind: 'markdown', source: '# What if' },
      { kind: 'scenario', source: SWEEP, outputs: await savedSweepOutputs(SWEEP) },
      { kind: 'scenario', source: SWEEP, outputs: await savedSweepOutputs(SWEEP, { state: 'interrupted' }, 2) },
      { kind: 'scenario', source: SWEEP.replace('[2, 4]', '[2, 8]'), outputs: await savedSweepOutputs(SWEEP) },
    ],
  };
});

describe('a sweep cell in the session report', () => {
  test('saved outputs: verdict, knee and findings to look at, heatmap, table', () => {
    const [done, interrupted, edited] = scenarioCells(sessionOf(notebook, 'whatif.stressnb'));
    assert.equal(done.run.state, 'finished');
    assert.equal(done.run.verdict, 'fail');
    assert.equal(runStatus(done.run).word, 'FAIL');
    assert.match(done.run.headline!, /^FAIL Sweep: \d of 6 points fails? a threshold$/);
    assert.ok(done.run.whereToLook.includes('Knee: rejects fall to 0 from ringBufferSize 2048'), done.run.whereToLook.join('\n'));
    assert.ok(done.run.whereToLook.some((l) => /^thresholds failed: rejectPct \(\d points?\)$/.test(l)));
    assert.deepEqual(
      done.run.charts!.charts.map((c) => c.id),
      ['sweep'],
    );
    assert.match(done.run.reportMarkdown!, /^ringBufferSize \(3\) × partitions \(2\) · small-ring-burst/);
    assert.match(done.run.reportMarkdown!, /#### Points \(6 of 6\)/);
    assert.doesNotMatch(done.run.reportMarkdown!, /Hover a point/);
    assert.equal(done.run.stale, undefined);
    assert.deepEqual(done.run.otherItems, []);

    assert.equal(interrupted.run.state, 'interrupted');
    assert.equal(runStatus(interrupted.run).word, 'INTERRUPTED');
    assert.match(interrupted.run.reportMarkdown!, /#### Points \(2 of 6\)/);
    assert.equal(edited.run.stale, 'the cell was edited after this sweep ran');
  });

  test('HTML: the verdict first, the heatmap drawn inline, the table', async () => {
    const html = (await buildReport(sessionOf(notebook, 'whatif.stressnb'), 'html', 'whatif.html')).main;
    const article = html.slice(
      html.indexOf('<article class="scenario" id="cell2"'),
      html.indexOf('</article>', html.indexOf('id="cell2"')),
    );
    assert.match(article, /data-verdict="FAIL"/);
    assert.match(article, /<figure data-chart-id="sweep"[^>]*>\s*<svg/);
    // A cell per point, and an outline per failing point.
    const failing = scenarioCells(sessionOf(notebook, 'whatif.stressnb'))[0].run.headline!.match(/(\d) of 6/)![1];
    assert.equal(article.match(/<path[^>]*aria-roledescription="rect mark"/g)?.length, 6 + Number(failing));
    assert.match(article, /<th[^>]*>ringBufferSize<\/th>/);
    const table = /<section class="report">[\s\S]*?<tbody>([\s\S]*?)<\/tbody>/.exec(article)![1];
    assert.equal(table.match(/<tr>/g)?.length, 6);
    assert.match(table, /<span class="mark fail">FAIL<\/span> rejectPct/);
    assert.match(article, /Knee: rejects fall to 0 from ringBufferSize 2048/);
  });

  test('Markdown: the heatmap as an SVG file beside the report', async () => {
    const bundle = await buildReport(sessionOf(notebook, 'whatif.stressnb'), 'md', 'whatif.md');
    assert.ok(bundle.files.some((f) => f.path === 'whatif-files/cell2-sweep.svg' && f.content.startsWith('<svg')));
    assert.match(bundle.main, /\]\(whatif-files\/cell2-sweep\.svg\)/);
    assert.match(bundle.main, /\| # \| ringBufferSize \| partitions \| verdict \|/);
  });

  test('stressnb export --run sweeps the cell (every point) and reports it', { timeout: 120_000 }, async () => {
    const file = join(dir, 'whatif.stressnb');
    const text = serializeStressnb({ version: 1, metadata: {}, cells: [{ kind: 'scenario', source: SWEEP }] });
    writeFileSync(file, text);
    const out = join(dir, 'report.html');
    const io = bufferIo();
    const status = await main(['export', file, '--run', '--out', out], io);
    assert.equal(status, 1, io.stderr);
    assert.match(io.stderr, /swept cell 1 \(6 points of small-ring-burst\): FAIL/);
    const html = readFileSync(out, 'utf8');
    assert.match(html, /<figure data-chart-id="sweep"/);
    assert.match(html, /#### Points|<h4>Points \(6 of 6\)<\/h4>/);
    assert.equal(readFileSync(file, 'utf8'), text, 'the notebook is unchanged');
  });
});
