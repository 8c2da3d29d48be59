// The run history drawn: a trend per metric (a repeated run's min-max as a band, the pinned
// baseline as a rule, a constant metric as a note) and two runs overlaid partition by partition.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOverlayChart, buildTrendCharts, trendRows } from '../../src/charts/historyCharts';
import { compileCharts } from '../../src/charts/compileCharts';
import type { HistoryEntry } from '../../src/format/historyEntry';
import { formatHistoryMarkdown } from '../../src/report/historyText';

function entry(over: Partial<HistoryEntry>): HistoryEntry {
  return {
    version: 1,
    time: '2025-03-01T10:00:00.000Z',
    source: 'editor',
    scenario: 'steady',
    seeds: [1],
    verdict: 'pass',
    runs: 1,
    metrics: { completedPerS: 200, rejectPct: 0 },
    ...over,
  };
}

const entries = [
  entry({ metrics: { completedPerS: 200, rejectPct: 0 }, git: { commit: 'a'.repeat(40) } }),
  entry({
    runs: 3,
    seeds: [1, 2, 3],
    metrics: { completedPerS: 198, rejectPct: 0 },
    repeats: [
      { completedPerS: 190, rejectPct: 0 },
      { completedPerS: 198, rejectPct: 0 },
      { completedPerS: 205, rejectPct: 0 },
    ],
  }),
  entry({
    verdict: 'fail',
    metrics: { completedPerS: 100, rejectPct: 0 },
    series: {
      t: [1, 2],
      completedPerS: [
        [50, 52],
        [48, 50],
      ],
    },
  }),
];

describe('history charts', () => {
  test('trend rows: a point per run, a repeated run with its min and max, numbered as in the file', () => {
    const rows = trendRows(entries, [4, 5, 6], 'completedPerS');
    assert.deepEqual(
      rows.map((r) => [r.n, r.value, r.min, r.max, r.runs, r.verdict, r.commit]),
      [
        [4, 200, 200, 200, 1, 'pass', 'aaaaaaaaaa'],
        [5, 198, 190, 205, 3, 'pass', '—'],
        [6, 100, 100, 100, 1, 'fail', '—'],
      ],
    );
  });

  test('a chart per metric that varies, a note for one that does not; the baseline drawn; it compiles', async () => {
    const charts = buildTrendCharts(entries, [1, 2, 3], {
      baseline: { label: 'baseline (steady, seed 1)', metrics: { completedPerS: 199 } },
    });
    assert.deepEqual(
      charts.map((c) => c.id),
      ['trend-rejectPct', 'trend-completedPerS'],
    );
    assert.equal(charts[0].note, 'rejectPct is 0 in all 3 runs.');
    const datasets = (charts[1].spec as { datasets: Record<string, unknown[]> }).datasets;
    assert.deepEqual(datasets.baseline, [{ value: 199, label: 'baseline (steady, seed 1)' }]);
    const warnings: string[] = [];
    const payload = await compileCharts(charts, { onWarning: (w) => warnings.push(w) });
    assert.ok('vega' in payload.charts[1]);
    assert.deepEqual(warnings, []);
  });

  test('the overlay: each partition of both runs, the base dashed; a run without a series is left out', async () => {
    const chart = buildOverlayChart({ label: '#3', entry: entries[2] }, { label: '#3 again', entry: entries[2] });
    const lines = (chart.spec as unknown as { datasets: { lines: { run: string; partition: string }[] } }).datasets.lines;
    assert.equal(lines.length, 8);
    assert.deepEqual([...new Set(lines.map((l) => l.run))], ['base: #3', 'candidate: #3 again']);
    const enc = (chart.spec as { encoding: { strokeDash: { scale: { range: number[][] } } } }).encoding.strokeDash.scale.range;
    assert.deepEqual(
      enc,
      [
        [6, 4],
        [1, 0],
      ],
      'base dashed, candidate solid',
    );
    assert.ok('vega' in (await compileCharts([chart])).charts[0]);
    assert.equal(
      buildOverlayChart({ label: 'a', entry: entries[0] }, { label: 'b', entry: entries[1] }).note,
      'Neither run kept its series in the history.',
    );
  });

  test('the table in Markdown', () => {
    const md = formatHistoryMarkdown(entries, [1, 2, 3]);
    assert.match(
      md,
      /^\| # \| time \(UTC\) \| runs \| verdict \| completed\/s \| reject % \| drain s \| peak pending \| commit \| where \|/,
    );
    assert.match(md, /\n\| 2 \| 2025-03-01 10:00 \| 3 \| ✓ PASS \| 198 \[190–205\] \| 0 \| — \| — \| — \| editor \|/);
    assert.match(md, /\n\| 1 \| .* \| `aaaaaaaaaa` \| editor \|/);
  });
});
