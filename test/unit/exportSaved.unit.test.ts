// A notebook's saved outputs as a session report: every state a scenario cell can be in (never
// run, passed, failed, interrupted, errored, stale, unknown outputs) is read from the outputs by
// mime type and shown in words, in HTML and in Markdown.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chartsToDraw } from '../../src/charts/chartsToDraw';
import { buildReport } from '../../src/export/buildReport';
import type { ScenarioExportCell, SessionExport } from '../../src/export/exportModel';
import { scenarioCells } from '../../src/export/exportModel';
import { readSavedRun } from '../../src/export/readSavedRun';
import { specHash } from '../../src/contracts/runOutputs';
import { runStatus } from '../../src/export/runStatus';
import { sessionOf } from '../../src/export/sessionOf';
import { CHARTS_MIME } from '../../src/contracts/chartsPayload';
import type { StressnbCell, StressnbNotebook } from '../../src/format/stressnbFile';
import { errorOutput, savedRunOutputs, textOutput } from './helpers/savedRunOutputs';

const SHORT =
  'scenario: steady\npartitions: 3\ntickMs: 200\nwarmupS: 0.4\nmeasureS: 2\ncooldownS: 0.4\nseed: 1\nload: { families: 20, ratePerS: 100 }\n';
const STALLED = 'scenario: steady\npartitions: 3\ntickMs: 500\nwarmupS: 1\nmeasureS: 12\ncooldownS: 1\nseed: 1\nfault: dispatch-stall\n';
const NOTES =
  '# Session notes\n\nA table:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert("x")</script> ![remote](https://example.invalid/x.png)';

let notebook: StressnbNotebook;
let session: SessionExport;
const cell = (number: number): ScenarioExportCell => scenarioCells(session).find((c) => c.number === number)!;
/** The charts of a cell's saved run that are drawn (the others, all zeros, are one-line notes). */
const drawnCharts = (c: ScenarioExportCell) => (c.run.charts ? chartsToDraw(c.run.charts) : []).filter((chart) => chart.vega);

before(async () => {
  const cells: StressnbCell[] = [
    { kind: 'markdown', source: NOTES },
    { kind: 'scenario', source: SHORT },
    { kind: 'scenario', source: SHORT, outputs: await savedRunOutputs(SHORT) },
    { kind: 'scenario', source: STALLED, outputs: await savedRunOutputs(STALLED) },
    { kind: 'scenario', source: SHORT, outputs: await savedRunOutputs(SHORT, { stopAfterTicks: 6 }) },
    { kind: 'scenario', source: SHORT, outputs: await savedRunOutputs(SHORT, { stopAfterTicks: 4, failWith: 'the engine failed: boom' }) },
    {
      kind: 'scenario',
      source: 'scenario: steady\npartitions: zero\n',
      outputs: [errorOutput('Scenario spec error', 'line 2, column 13: partitions must be a whole number')],
    },
    { kind: 'scenario', source: SHORT.replace('seed: 1', 'seed: 2'), outputs: await savedRunOutputs(SHORT) },
    {
      kind: 'scenario',
      source: SHORT,
      outputs: [
        textOutput('image/png', 'not really a png'),
        { items: [{ mime: 'application/x-future', data: 'AAAA', encoding: 'base64' }] },
      ],
    },
    {
      kind: 'scenario',
      source: SHORT,
      outputs: [
        ...(await savedRunOutputs(SHORT)).filter((o) => o.items[0].mime !== CHARTS_MIME),
        { items: [{ mime: CHARTS_MIME, data: { version: 99, charts: [] } }] },
      ],
    },
  ];
  notebook = { version: 1, metadata: {}, cells };
  session = sessionOf(notebook, 'session.stressnb');
});

describe('reading saved outputs', () => {
  test('a cell with no outputs was never run', () => {
    assert.equal(cell(2).run.state, 'not-run');
    assert.equal(runStatus(cell(2).run).word, 'NOT RUN');
  });

  test('a finished, passing run: verdict, headline, charts, report body and transcript', () => {
    const { run } = cell(3);
    assert.equal(run.state, 'finished');
    assert.equal(run.verdict, 'pass');
    assert.match(run.headline!, /^PASS steady · seed 1: no triage hint/);
    assert.deepEqual(
      run.charts!.charts.map((c) => c.id),
      ['completed', 'rejects', 'enqueued', 'pendingDepth', 'ready', 'inFlight'],
    );
    // A steady run rejects nothing: that chart is a one-line note.
    assert.deepEqual(
      run.charts!.charts.find((c) => c.id === 'rejects'),
      { id: 'rejects', title: run.charts!.charts[1].title, note: 'none, 0 on every partition' },
    );
    assert.match(run.reportMarkdown!, /^#### Summary/);
    assert.match(run.transcript!, /^config partitions=3/);
    assert.equal(run.stale, undefined);
    assert.equal(runStatus(run).word, 'PASS');
    assert.equal(cell(3).scenario, 'steady');
  });

  test('a failing run says where to look', () => {
    const { run } = cell(4);
    assert.equal(run.verdict, 'fail');
    assert.equal(runStatus(run).word, 'FAIL');
    assert.ok(
      run.whereToLook.some((l) => /^dispatch-blocked: partition 2, /.test(l)),
      run.whereToLook.join('\n'),
    );
  });

  test('an interrupted run is marked so, with its partial-run notice', () => {
    const { run } = cell(5);
    assert.equal(run.state, 'interrupted');
    assert.equal(runStatus(run).word, 'INTERRUPTED');
    assert.ok(
      run.notices.some((n) => /^Partial run \(interrupted/.test(n)),
      run.notices.join('\n'),
    );
  });

  test('a failed run keeps what it showed and says why', () => {
    const { run } = cell(6);
    assert.equal(run.state, 'failed');
    assert.equal(runStatus(run).word, 'ERROR');
    assert.match(runStatus(run).detail, /Run failed: the engine failed: boom/);
    assert.ok(run.transcript && run.charts, 'the evidence before the failure is kept');
  });

  test('a spec error is an error, not stale (it is about the spec as it is)', () => {
    const { run } = cell(7);
    assert.equal(runStatus(run).word, 'ERROR');
    assert.match(runStatus(run).detail, /^Scenario spec error: line 2, column 13/);
    assert.equal(run.stale, undefined);
  });

  test('outputs of an earlier version of the cell are stale, saying what changed', () => {
    assert.match(cell(8).run.stale!, /seed 1 → 2/);
    const edited = readSavedRun({ ...notebook.cells[2], source: 'scenario: steady\npartitions: [\n' });
    assert.match(edited.stale!, /spec has errors now/);
  });

  test('unknown output types are listed, never fatal; a charts item of another version is reported, the rest kept', () => {
    assert.equal(cell(9).run.state, 'unknown');
    assert.deepEqual(cell(9).run.otherItems, ['image/png', 'application/x-future']);
    const { run } = cell(10);
    assert.match(run.chartsError!, /version 99/);
    assert.equal(run.verdict, 'pass');
  });
});

describe('outputs that carry the run as data (a headline item, the whole transcript as an item)', () => {
  const headline = (status: string) => ({
    items: [
      {
        mime: 'application/vnd.stressnb.headline+json',
        data: {
          version: 1,
          status,
          title: 'steady · seed 1',
          summary: '1 triage hint',
          facts: [],
          look: [{ kind: 'hint', label: 'dispatch-blocked', where: 'partition 2, 5.5 s to 14.0 s' }],
          more: 2,
        },
      },
      { mime: 'text/plain', data: '✗ FAIL · steady · seed 1 — 1 triage hint' },
    ],
    metadata: { stressnbRun: { kind: 'headline', specHash: 'fnv1a64:0000000000000000' } },
  });
  const transcript = {
    items: [
      {
        mime: 'text/plain',
        data: 'config partitions=3 scenario=steady seed=1\n■ finished (drained) at t=2.600 · 13 ticks\n t    completed/s',
      },
      {
        mime: 'application/vnd.stressnb.transcript+json',
        data: {
          version: 1,
          lines: ['config partitions=3 scenario=steady seed=1', 't=0.200 partition=0 tasksIn=10', 't=0.200 global    completed/s=1.0'],
        },
      },
    ],
  };

  test('the headline item gives the verdict and where to look; the transcript item the whole transcript; fallbacks are not "other"', () => {
    const run = readSavedRun({ kind: 'scenario', source: SHORT, outputs: [headline('fail'), transcript] });
    assert.equal(run.state, 'finished');
    assert.equal(run.verdict, 'fail');
    assert.equal(run.headline, 'FAIL steady · seed 1: 1 triage hint');
    assert.deepEqual(run.whereToLook, ['dispatch-blocked: partition 2, 5.5 s to 14.0 s', '… and 2 more in the report']);
    assert.match(run.transcript!, /^config partitions=3/);
    assert.match(run.fullTranscript!, /t=0\.200 partition=0 tasksIn=10/);
    assert.deepEqual(run.otherItems, []);
  });

  test("a spec error shown above the earlier run's evidence: ERROR, and the evidence is stale", () => {
    const run = readSavedRun({
      kind: 'scenario',
      source: 'scenario: steady\npartitions: zero\n',
      outputs: [errorOutput('Scenario spec error', 'line 2, column 13: partitions must be a whole number'), headline('pass'), transcript],
    });
    assert.equal(runStatus(run).word, 'ERROR');
    assert.match(run.stale!, /spec has errors now/);
  });

  test("outputs tagged with the fingerprint of the text they ran are stale once the cell's text changes", () => {
    const tagged = { ...headline('pass'), metadata: { stressnbRun: { kind: 'headline', specHash: specHash(SHORT) } } };
    assert.equal(readSavedRun({ kind: 'scenario', source: SHORT, outputs: [tagged, transcript] }).stale, undefined);
    // A comment changes no config key, but the cell is not the one that ran.
    const edited = readSavedRun({ kind: 'scenario', source: `# a note\n${SHORT}`, outputs: [tagged, transcript] });
    assert.match(edited.stale!, /edited after this run/);
  });

  test('a headline item in a shape this reader does not know is listed, not fatal', () => {
    const run = readSavedRun({
      kind: 'scenario',
      source: SHORT,
      outputs: [{ items: [{ mime: 'application/vnd.stressnb.headline+json', data: { version: 7 } }] }, transcript],
    });
    assert.deepEqual(run.otherItems, ['application/vnd.stressnb.headline+json']);
    assert.equal(run.state, 'finished');
  });
});

describe('the HTML report of saved outputs', () => {
  let html: string;
  before(async () => {
    html = (await buildReport(session, 'html', 'session.html')).main;
  });

  test('every scenario cell has its status in words, in the verdicts table and first in its block', () => {
    const table = html.slice(html.indexOf('<section class="verdicts"'), html.indexOf('</section>'));
    const words = [...table.matchAll(/<span class="status (\w+)"[^>]*>([^<]+)<\/span>/g)].map((m) => `${m[2]}:${m[1]}`);
    assert.deepEqual(words, [
      'NOT RUN:none',
      'PASS:pass',
      'FAIL:fail',
      'INTERRUPTED:warn',
      'ERROR:fail',
      'ERROR:fail',
      'PASS:pass',
      'STALE:warn',
      'UNKNOWN:none',
      'PASS:pass',
    ]);
    for (const c of scenarioCells(session)) {
      const block = html.slice(html.indexOf(`<article class="scenario" id="cell${c.number}"`));
      assert.match(
        block,
        new RegExp(
          `^<article[^>]*>\\n<h3>Cell ${c.number}[^<]*</h3>\\n<div class="verdict tone-\\w+">\\n<p class="headline"><span class="status \\w+">${runStatus(c.run).word}</span>`,
        ),
      );
    }
  });

  test('notes are rendered Markdown; raw HTML is text and remote images are links', () => {
    assert.match(html, /<h1>Session notes<\/h1>/);
    assert.match(html, /<table>\n<thead>/);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(html, /<a class="image-link" href="https:\/\/example.invalid\/x.png">\[image: remote\]<\/a>/);
    assert.ok(!/<script/i.test(html) && !/<img/i.test(html));
  });

  test("charts are inline SVG, the report's marks are words, the transcript is condensed with the whole one collapsed", () => {
    const cell3 = html.slice(html.indexOf('id="cell3"'), html.indexOf('id="cell4"'));
    assert.ok(drawnCharts(cell(3)).length > 0);
    assert.equal(cell3.match(/<svg /g)?.length, drawnCharts(cell(3)).length);
    assert.match(cell3, /<p class="chart-note" data-chart-id="rejects"><strong>Rejects\/s[^<]*<\/strong>: none, 0 on every partition<\/p>/);
    assert.ok(!/stressnbHover|role="graphics-symbol"[^>]*aria-roledescription="voronoi/.test(cell3), 'no hover layer in a picture');
    assert.match(cell3, /<strong>Recovered after the burst:<\/strong> <span class="mark pass">yes<\/span>/);
    const cell4 = html.slice(html.indexOf('id="cell4"'), html.indexOf('id="cell5"'));
    assert.match(cell4, /<li><span class="mark fail">FAIL<\/span> <strong>dispatch-blocked<\/strong> on partition 2/);
    // (The transcripts, in <pre>, keep their own marks.)
    const left = html.replace(/<pre[\s\S]*?<\/pre>/g, '').match(/.{0,60}[✓✗✅❌➖].{0,60}/);
    assert.ok(!left, `no status mark left: ${left?.[0]}`);
    const condensed = cell3.slice(cell3.indexOf('<h4>Transcript</h4>'), cell3.indexOf('<details>'));
    assert.ok(!/partition=/.test(condensed.split('\n').slice(3).join('\n')), 'no per-partition lines in the condensed view');
    assert.match(condensed, /t \(s\) +phase +offered\/s +completed\/s/);
    assert.match(cell3, /<details><summary>Full transcript \(\d+ lines\)<\/summary>\n<pre>config partitions=3[\s\S]*partition=2 /);
    assert.match(html, /The saved charts could not be read: charts output has version 99/);
    assert.match(html, /Not shown here: output items of type <code>image\/png<\/code>, <code>application\/x-future<\/code>/);
  });
});

describe('the Markdown report of saved outputs', () => {
  test('verdicts first, chart links that all resolve to the SVG files written with it', async () => {
    const bundle = await buildReport(session, 'md', 'my session.md');
    const md = bundle.main;
    assert.ok(md.indexOf('## Verdicts') < md.indexOf('# Session notes'));
    assert.match(md, /\| 3 \| steady \| ✓ \*\*PASS\*\* \| — \|/);
    assert.match(md, /\| 4 \| steady \| ✗ \*\*FAIL\*\* \| dispatch-blocked: partition 2, /);
    assert.match(md, /\| 8 \| steady \| ✓ \*\*PASS\*\* ⚠ \*\*STALE\*\* \|/);
    const links = [...md.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)].map((m) => m[2]).filter((href) => !href.startsWith('https:'));
    const drawn = scenarioCells(session).reduce((n, c) => n + drawnCharts(c).length, 0);
    assert.ok(drawn >= 2 * 5, 'at least two charts drawn for each of the five runs with charts');
    assert.equal(links.length, drawn, 'a file for each chart drawn');
    assert.match(md, /^\*\*Rejects\/s[^*]*\*\*: none, 0 on every partition$/m, 'a chart of zeros is one line');
    assert.equal(bundle.filesDir, 'my session-files');
    const files = new Map(bundle.files.map((f) => [f.path, f.content]));
    for (const link of links) {
      const svg = files.get(decodeURIComponent(link));
      assert.ok(svg, `${link} resolves`);
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*><style>/);
    }
    assert.ok(links.includes('my%20session-files/cell3-completed.svg'));
    assert.equal(files.size, links.length);
  });
});
