// The transcript view's table: which rows a finished run gets (the story) and what they say.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeSeries } from '../../src/analysis/analyzeRun';
import { buildTickSeries } from '../../src/series/tickSeries';
import type { TickSeries } from '../../src/series/seriesTypes';
import { formatTable, recentRows, shortPartitions, storyMarks, storyRows, type TableRow } from '../../src/report/transcriptTable';
import { runToEnd } from '../../src/engine/simulation';
import { specFor } from './helpers/specFor';
import { steadyCounters, syntheticRun } from './helpers/syntheticRun';

function assertCoversEveryTick(series: TickSeries, rows: TableRow[]): void {
  assert.equal(rows[0].first, 0);
  assert.equal(rows.at(-1)!.last, series.times.length - 1);
  for (let i = 0; i < rows.length; i++) {
    assert.ok(rows[i].first <= rows[i].last, `row ${i} is not empty`);
    if (i > 0) assert.equal(rows[i].first, rows[i - 1].last + 1, `row ${i} starts where row ${i - 1} ends`);
  }
}

const noRelease = buildTickSeries(runToEnd(specFor('hot-family', { fault: { name: 'no-release' } })));
const noReleaseReport = analyzeSeries(noRelease);

describe('story rows', () => {
  const runs: [string, TickSeries][] = [
    ['steady', buildTickSeries(runToEnd(specFor('steady')))],
    ['hot-family no-release', noRelease],
    ['small-ring-burst', buildTickSeries(runToEnd(specFor('small-ring-burst')))],
    [
      'uncorrelated-burst with stuck-handler',
      buildTickSeries(runToEnd(specFor('uncorrelated-burst', { fault: { name: 'stuck-handler' } }))),
    ],
  ];
  for (const [name, series] of runs) {
    for (const maxRows of [8, 23, 60]) {
      test(`${name}: at most ${maxRows} rows, covering every tick once and in order`, () => {
        const marks = storyMarks(analyzeSeries(series));
        const rows = storyRows(series, marks, maxRows);
        assert.ok(rows.length <= maxRows, `${rows.length} rows`);
        assertCoversEveryTick(series, rows);
        // Rows of several ticks never mix phases.
        for (const r of rows)
          for (let i = r.first; i <= r.last; i++) assert.equal(series.global.at(i).phase, series.global.at(r.last).phase);
      });
    }
  }

  test("a hint's window opens on a row of its own, after a row for the tick before it, with a note naming the rule", () => {
    const hint = noReleaseReport.hints.find((h) => h.rule === 'release-missing');
    assert.ok(hint, 'the no-release run has a release-missing hint');
    const rows = storyRows(noRelease, storyMarks(noReleaseReport), 23);
    const at = noRelease.times.indexOf(hint.from);
    const opening = rows.find((r) => r.first === at && r.last === at);
    assert.ok(opening, 'the tick where the window opens is a row');
    assert.ok(
      opening.notes.some((n) => n === '▶ release-missing p0–3'),
      opening.notes.join('; '),
    );
    assert.ok(
      rows.some((r) => r.first === at - 1 && r.last === at - 1),
      'the tick before is a row',
    );
  });

  test('a short run gets one row per tick', () => {
    const series = buildTickSeries(syntheticRun({ partitions: 2, ticks: 6, counters: (_, i) => steadyCounters(i) }));
    assert.deepEqual(
      storyRows(series, [], 10).map((r) => [r.first, r.last]),
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
      ],
    );
  });

  test('a stretch whose rates do not change is one row, however many rows are allowed', () => {
    const series = buildTickSeries(syntheticRun({ partitions: 2, ticks: 50, counters: (_, i) => steadyCounters(i) }));
    assert.deepEqual(
      storyRows(series, [], 30).map((r) => [r.first, r.last]),
      [
        [0, 48],
        [49, 49],
      ],
    );
  });

  test('a change of rate gets more rows than the flat stretches around it', () => {
    // 10 tasks per tick, then 100 per tick for ticks 30 to 34, then 10 again.
    const perTick = (i: number) => (i >= 30 && i < 35 ? 100 : 10);
    const cumulative = (i: number) => Array.from({ length: i + 1 }, (_, k) => perTick(k)).reduce((a, b) => a + b, 0);
    const series = buildTickSeries(
      syntheticRun({
        partitions: 1,
        ticks: 60,
        counters: (_, i) => ({ ...steadyCounters(i), tasksIn: cumulative(i), dispatched: cumulative(i), completed: cumulative(i) }),
      }),
    );
    const rows = storyRows(series, [], 12);
    assertCoversEveryTick(series, rows);
    const burstRows = rows.filter((r) => r.last >= 29 && r.first <= 35);
    assert.ok(burstRows.length >= 3, `the burst is told in ${burstRows.length} rows: ${JSON.stringify(rows)}`);
    assert.ok(
      rows.some((r) => r.last - r.first >= 10),
      'a flat stretch stays one row',
    );
  });

  test('the live view takes the latest ticks', () => {
    const series = buildTickSeries(syntheticRun({ partitions: 2, ticks: 20, counters: (_, i) => steadyCounters(i) }));
    assert.deepEqual(
      recentRows(series, 3).map((r) => r.first),
      [17, 18, 19],
    );
    assert.equal(recentRows(series, 50).length, 20);
  });
});

describe('story table', () => {
  test('a row of several ticks shows their average rates and the counters at its last tick', () => {
    // Partition 0 completes 10 per 0.5 s tick, partition 1 only 4.
    const series = buildTickSeries(
      syntheticRun({
        partitions: 2,
        ticks: 4,
        counters: (p, i) => ({
          ...steadyCounters(i, p === 0 ? 10 : 4),
          readyFamiliesCount: i,
          inFlightFamiliesCount: 2,
          maxPendingDepthObserved: 3 + p,
        }),
      }),
    );
    const [header, row] = formatTable(series, [{ first: 1, last: 3, notes: ['a note'] }]);
    assert.match(
      header,
      /^\s*t \(s\)\s+phase\s+offered\/s\s+completed\/s\s+rejects\/s\s+outstanding\s+readyFam\s+inFlightFam\s+maxPending\s+slowest$/,
    );
    const cells = row.trim().split(/\s{2,}/);
    assert.deepEqual(cells, ['1.0–2.0', '-', '28', '28', '0', '0', '6', '4', '4', '8 (p1)', 'a note']);
  });

  test('fits a 1,200 px output (about 140 characters): rows within 120, with their notes within 140', () => {
    for (const line of formatTable(noRelease, storyRows(noRelease, [], 23))) assert.ok(line.length <= 120, `${line.length}: ${line}`);
    const withNotes = formatTable(noRelease, storyRows(noRelease, storyMarks(noReleaseReport), 23));
    assert.ok(withNotes.some((l) => l.includes('▶ release-missing')));
    for (const line of withNotes) assert.ok(line.length <= 140, `${line.length}: ${line}`);
  });

  test("a row's notes take at most 26 characters: whole notes while they fit, then how many more", () => {
    const series = buildTickSeries(syntheticRun({ partitions: 1, ticks: 2, counters: (_, i) => steadyCounters(i) }));
    const notesOf = (notes: string[]) =>
      formatTable(series, [{ first: 0, last: 1, notes }])[1]
        .split(/\s{2,}/)
        .at(-1)!;
    assert.equal(notesOf(['production ends', 'drained']), 'production ends; drained');
    assert.equal(notesOf(['▶ release-missing p0–3', '✗ hot-progress p0', 'production ends']), '▶ release-missing p0–3 +2');
    assert.equal(notesOf(['▶ uncorrelated-serialized p0–63']), '▶ uncorrelated-serialized…');
  });

  test('partitions are named in few characters', () => {
    assert.equal(shortPartitions([0, 1, 2, 3]), 'p0–3');
    assert.equal(shortPartitions([3, 1]), 'p1,3');
    assert.equal(shortPartitions([0, 1, 2, 5, 7, 8]), 'p0–2,5,7–8');
    assert.equal(shortPartitions([4]), 'p4');
  });

  test('the story marks name hints, failed checks, the end of production and the drain', () => {
    const labels = storyMarks(noReleaseReport).map((m) => m.label);
    assert.ok(labels.includes('▶ release-missing p0–3'), labels.join(' | '));
    assert.ok(labels.includes('production ends'), labels.join(' | '));
    assert.ok(
      labels.some((l) => l.startsWith('✗ hot-progress')),
      labels.join(' | '),
    );
    const steady = analyzeSeries(buildTickSeries(runToEnd(specFor('steady'))));
    assert.ok(storyMarks(steady).some((m) => m.label === 'drained'));
  });
});
