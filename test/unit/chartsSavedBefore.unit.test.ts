// A notebook saved before run charts were saved as figures (test/fixtures/notebooks/charts-v1.stressnb:
// run and saved by stressnb in code-server, its charts output a version-1 payload of compiled
// Vega specs) still opens with its charts and exports them: its saved charts are the very Vega
// specs, and draw the very pictures, that the same run charted now as a version-2 payload gives.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyzeSeries } from '../../src/analysis/analyzeRun';
import { buildRunChartsFromSeries } from '../../src/charts/buildRunCharts';
import { chartsToDraw } from '../../src/charts/chartsToDraw';
import { RunTranscript } from '../../src/report/runTranscript';
import { configHeaderOf } from '../../src/engine/configHeader';
import { createRun } from '../../src/engine/simulation';
import { buildReport } from '../../src/export/buildReport';
import { renderChartSvgs } from '../../src/export/chartSvg';
import { scenarioCells } from '../../src/export/exportModel';
import { sessionOf } from '../../src/export/sessionOf';
import { CHARTS_MIME, readChartsPayload, VEGA_CHARTS_VERSION } from '../../src/contracts/chartsPayload';
import { parseStressnb, serializeStressnb } from '../../src/format/stressnbFile';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';

const FIXTURE = new URL('../fixtures/notebooks/charts-v1.stressnb', import.meta.url);
const text = readFileSync(FIXTURE, 'utf8');

function fixture() {
  const parsed = parseStressnb(text);
  assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
  return parsed.notebook;
}

/** The fixture's cell run now, its charts built as the kernel builds a run's final charts (with the report's hints). */
function chartedNow(source: string) {
  const { spec } = parseScenarioSpec(source);
  assert.ok(spec);
  const transcript = new RunTranscript();
  transcript.setProvisionalHeader(configHeaderOf(spec));
  const run = createRun({ ...spec, pace: 'fast' });
  while (!run.finished) transcript.push(run.step());
  const report = analyzeSeries(transcript.series, { expect: spec.expect });
  return buildRunChartsFromSeries(transcript.series, { hints: report.hints });
}

describe('a notebook saved with version-1 charts', () => {
  test('opens: its charts output is a version-1 payload of Vega specs, read and kept byte for byte', () => {
    const notebook = fixture();
    assert.equal(serializeStressnb(notebook), text, 'saved again unchanged');
    const cell = notebook.cells.find((c) => c.kind === 'scenario')!;
    const item = cell.outputs!.flatMap((o) => o.items).find((i) => i.mime === CHARTS_MIME)!;
    const payload = readChartsPayload(item.data);
    assert.equal(payload.version, VEGA_CHARTS_VERSION);
    const charts = chartsToDraw(payload);
    assert.deepEqual(
      charts.map((c) => (c.vega ? c.id : `${c.id}: ${c.note}`)),
      ['completed', 'rejects: none, 0 on every partition', 'enqueued', 'pendingDepth', 'ready: none, 0 at every tick', 'inFlight'],
    );
  });

  test('its saved charts draw the same pictures as the same run charted as figures now', async () => {
    const notebook = fixture();
    const [cell] = scenarioCells(sessionOf(notebook, 'charts-v1.stressnb'));
    assert.equal(cell.run.verdict, 'fail');
    assert.equal(cell.run.charts?.version, VEGA_CHARTS_VERSION);
    const now = chartedNow(notebook.cells.find((c) => c.kind === 'scenario')!.source);
    assert.equal(now.hints.length, 1, 'the run has its triage hint');
    const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));
    assert.deepEqual(asJson(chartsToDraw(now)), asJson(chartsToDraw(cell.run.charts!)), 'the same Vega specs, data and all');
    // Clip paths are numbered by a process-wide counter: the pictures are compared without their numbers.
    const unnumbered = (pictures: Awaited<ReturnType<typeof renderChartSvgs>>) =>
      pictures.map((p) => ('svg' in p ? { ...p, svg: p.svg.replace(/clip\d+/g, 'clip') } : p));
    const saved = unnumbered(await renderChartSvgs(cell.run.charts!, 'cell'));
    const fresh = unnumbered(await renderChartSvgs(now, 'cell'));
    assert.deepEqual(
      fresh.map((p) => p.id),
      saved.map((p) => p.id),
    );
    for (const [i, picture] of saved.entries()) {
      assert.ok(!('error' in picture), `${picture.id} draws: ${'error' in picture ? picture.error : ''}`);
      assert.deepEqual(fresh[i], picture, `${picture.id}: the same picture`);
    }
    assert.equal(saved.filter((p) => 'svg' in p).length, 4);
    assert.ok(
      saved.some((p) => 'svg' in p && p.svg.includes('release-missing · every partition')),
      'the hint band is drawn',
    );
  });

  test('exports to HTML with its charts', async () => {
    const bundle = await buildReport(sessionOf(fixture(), 'charts-v1.stressnb'), 'html', 'charts-v1.html');
    assert.equal(bundle.main.match(/<svg /g)?.length, 4);
    assert.match(bundle.main, /Rejects\/s per partition \(rejectsBusy\)[^]*none, 0 on every partition/);
  });
});
