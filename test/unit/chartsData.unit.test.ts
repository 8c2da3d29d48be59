import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChartRows, deriveChartData } from '../../src/charts/chartData';
import { pickHotPartition } from '../../src/charts/hotPartition';
import { DEFAULT_CHART_POINT_BUDGET, downsampleMinMax, dropFlatRuns } from '../../src/charts/downsample';
import { buildTickSeries, TickSeriesBuilder } from '../../src/series/tickSeries';
import { buildRunCharts, buildRunChartsFromSeries } from '../../src/charts/buildRunCharts';
import { chartPoints } from '../../src/charts/chartsToDraw';
import type { LinePoint } from '../../src/charts/runChartVega';
import type { PartitionCounters, RunEvent } from '../../src/format/runEvents';
import { latePartitionsRun, noisyRun, sampleEvents, syntheticRun } from './helpers/chartsSampleEvents';

const counters = (over: Partial<PartitionCounters>): PartitionCounters => ({
  tasksIn: 0,
  dispatched: 0,
  completed: 0,
  rejectsBusy: 0,
  enqueuedDueToBusy: 0,
  maxPendingDepthObserved: 0,
  readyFamiliesCount: 0,
  inFlightFamiliesCount: 0,
  ...over,
});

/** The points of a drawn chart, each with the name of its line (its colour series, or a grey line's label). */
function seriesOf(events: RunEvent[], chartId: string, options = {}): (LinePoint & { name: string })[] {
  const points = chartPoints(buildRunCharts(events, options), chartId);
  assert.ok(points, `chart ${chartId} is drawn`);
  return points.map((p) => ({ ...p, name: p.series ?? p.label }));
}

describe('deriveChartData', () => {
  test('rates are deltas over elapsed time, the first tick measured from t = 0', () => {
    const data = deriveChartData([
      { type: 'tick', t: 0.5, partitions: [counters({ completed: 10, rejectsBusy: 5 })] },
      { type: 'tick', t: 1.5, partitions: [counters({ completed: 40, rejectsBusy: 5 })] },
    ]);
    assert.deepEqual(
      data.rows.map((r) => [r.t, r.completedPerS, r.rejectsPerS]),
      [
        [0.5, 20, 10],
        [1.5, 30, 0],
      ],
    );
    assert.deepEqual(
      data.totals.map((r) => r.completedPerS),
      [20, 30],
    );
  });

  test('a tick at the same time adds no row but becomes the base of the next delta', () => {
    const data = deriveChartData([
      { type: 'tick', t: 1, partitions: [counters({ completed: 10 })] },
      { type: 'tick', t: 1, partitions: [counters({ completed: 12 })] },
      { type: 'tick', t: 2, partitions: [counters({ completed: 20 })] },
    ]);
    assert.deepEqual(
      data.rows.map((r) => [r.t, r.completedPerS]),
      [
        [1, 10],
        [2, 8],
      ],
    );
  });

  test('a counter that goes back (a restarted scheduler) gives a rate of 0, not a negative one', () => {
    const data = deriveChartData([
      { type: 'tick', t: 1, partitions: [counters({ completed: 100 })] },
      { type: 'tick', t: 2, partitions: [counters({ completed: 5 })] },
    ]);
    assert.equal(data.rows[1].completedPerS, 0);
  });

  test('phase windows run from one phase to the next; the running phase ends at the last event', () => {
    const full = deriveChartData(sampleEvents('disruptor-hot-family.log'));
    assert.deepEqual(full.phases, [
      { phase: 'warmup', start: 0.001, end: 1 },
      { phase: 'measure', start: 1, end: 9 },
      { phase: 'cooldown', start: 9, end: 12.001 },
    ]);
    const live = deriveChartData(syntheticRun({ ticks: 30, partitions: 2 }).slice(0, 10));
    assert.deepEqual(live.phases.at(-1), { phase: 'measure', start: 1.5, end: live.endT });
    assert.ok(live.endT > 1.5);
  });

  test('rows and phases are read off the tick series: its rates, rounded, never below 0', () => {
    const events = sampleEvents('disruptor-small-ring-burst.log');
    const series = buildTickSeries(events);
    const data = deriveChartData(events);
    assert.equal(data.rows.length, series.times.length * series.partitions);
    for (const row of data.rows) {
      const point = series.byPartition[row.partition].at(series.times.indexOf(row.t));
      assert.equal(row.completedPerS, Math.max(0, Math.round(point.rate.completed * 100) / 100));
      assert.equal(row.rejectsPerS, Math.max(0, Math.round(point.rate.rejectsBusy * 100) / 100));
      assert.equal(row.enqueuedDueToBusy, point.counters.enqueuedDueToBusy);
    }
    assert.deepEqual(
      data.phases,
      series.phases.map((w) => ({ phase: w.phase, start: w.from, end: w.to })),
    );
  });

  test('a partition a tick does not list counts as zeros there, as in the tick series', () => {
    const data = deriveChartData([
      { type: 'config', config: { partitions: 2 } },
      { type: 'tick', t: 1, partitions: [counters({ completed: 10 })] },
      { type: 'tick', t: 2, partitions: [counters({ completed: 20 }), counters({ completed: 6, tasksIn: 6 })] },
    ]);
    assert.deepEqual(
      data.rows.map((r) => [r.t, r.partition, r.completedPerS, r.tasksIn]),
      [
        [1, 0, 10, 0],
        [1, 1, 0, 0],
        [2, 0, 10, 0],
        [2, 1, 6, 6],
      ],
    );
    assert.deepEqual(
      data.totals.map((r) => r.completedPerS),
      [10, 16],
    );
  });

  test('completed/s integrates back to the completed counter of every partition', () => {
    const events = sampleEvents('disruptor-uncorrelated-burst.log');
    const data = deriveChartData(events);
    for (let p = 0; p < data.partitions; p++) {
      let previousT = 0;
      let sum = 0;
      for (const row of data.rows.filter((r) => r.partition === p)) {
        sum += row.completedPerS * (row.t - previousT);
        previousT = row.t;
      }
      assert.ok(Math.abs(sum - data.last[p].completed) < 1, `partition ${p}: ${sum} vs ${data.last[p].completed}`);
    }
  });
});

describe('hot partition', () => {
  test('the partition with a standing-out backlog is hot; balanced runs have none', () => {
    assert.equal(pickHotPartition(deriveChartData(sampleEvents('disruptor-hot-family.log')).last), 3);
    for (const balanced of ['disruptor-steady.log', 'disruptor-uncorrelated-burst.log', 'disruptor-small-ring-burst.log']) {
      assert.equal(pickHotPartition(deriveChartData(sampleEvents(balanced)).last), undefined, balanced);
    }
  });

  test('routing skew (one partition takes most tasks) makes that partition hot', () => {
    const last = [counters({ tasksIn: 200 }), counters({ tasksIn: 5000 }), counters({ tasksIn: 180 })];
    assert.equal(pickHotPartition(last), 1);
    assert.equal(pickHotPartition([counters({ tasksIn: 3 }), counters({ tasksIn: 0 })]), undefined, 'too few tasks to tell');
  });

  test('the hot partition is labelled and drawn thicker; a forced one wins', () => {
    const events = sampleEvents('disruptor-hot-family.log');
    const points = seriesOf(events, 'completed');
    assert.deepEqual([...new Set(points.map((p) => p.series))], ['p0', 'p1', 'p2', 'p3 (hot)']);
    const forced = seriesOf(events, 'completed', { hotPartition: 0 });
    assert.deepEqual([...new Set(forced.map((p) => p.series))], ['p0 (hot)', 'p1', 'p2', 'p3']);
  });

  test('a forced hot partition outside the run is refused with a message', () => {
    assert.throws(() => buildRunCharts(sampleEvents('disruptor-steady.log'), { hotPartition: 4 }), /hotPartition 4 .*4 partitions: 0 to 3/);
  });
});

describe('downsampling', () => {
  test('keeps the budget, the first and last points, and the spikes', () => {
    const points = Array.from({ length: 10_000 }, (_, i) => ({ t: i, v: Math.sin(i / 50) }));
    points[4321].v = 99;
    points[777].v = -99;
    const kept = downsampleMinMax(points, 300, (p) => p.v);
    assert.ok(kept.length <= 300 && kept.length >= 250, `kept ${kept.length}`);
    assert.equal(kept[0], points[0]);
    assert.equal(kept.at(-1), points.at(-1));
    assert.ok(kept.includes(points[4321]) && kept.includes(points[777]));
    assert.deepEqual(
      kept.map((p) => p.t),
      [...kept.map((p) => p.t)].sort((a, b) => a - b),
      'time order kept',
    );
  });

  test('a series within the budget is kept whole', () => {
    const points = [1, 5, 2].map((v, t) => ({ t, v }));
    assert.deepEqual(
      downsampleMinMax(points, 4, (p) => p.v),
      points,
    );
  });

  test('a long run stays within the point budget per line and keeps a one-tick spike', () => {
    const events = syntheticRun({ ticks: 5000, partitions: 3, spike: { partition: 2, tick: 3333, extra: 5000 } });
    const points = seriesOf(events, 'completed', { pointBudget: 120 });
    for (const series of ['p0', 'p1', 'p2']) assert.ok(points.filter((x) => x.name === series).length <= 120);
    const peak = Math.max(...points.filter((x) => x.name === 'p2').map((x) => x.value));
    assert.equal(peak, (10 + 5000) / 0.5);
  });

  test('a bad point budget is refused with a message', () => {
    assert.throws(() => buildRunCharts([], { pointBudget: 2 }), /pointBudget must be an integer of at least 4, got 2/);
    assert.throws(() => buildRunCharts([], { chartPointBudget: 1.5 }), /chartPointBudget must be an integer of at least 4, got 1.5/);
  });

  test('flat stretches keep only their ends: the line draws the same, an all-zero line costs two points', () => {
    const values = [0, 0, 0, 5, 5, 5, 5, 2, 2, 7];
    const points = values.map((v, t) => ({ t, v }));
    assert.deepEqual(
      dropFlatRuns(points, (p) => p.v).map((p) => p.t),
      [0, 2, 3, 6, 7, 8, 9],
    );
    assert.equal(
      dropFlatRuns(
        Array.from({ length: 500 }, (_, t) => ({ t, v: 0 })),
        (p) => p.v,
      ).length,
      2,
    );
    // Partition 1 completes nothing at all: its line is two points.
    const events = syntheticRun({ ticks: 60, partitions: 2 }).map((e) =>
      e.type === 'tick' ? { ...e, partitions: e.partitions.map((c, p) => (p === 1 ? { ...c, completed: 0 } : c)) } : e,
    );
    const idle = seriesOf(events, 'completed').filter((p) => p.name === 'p1');
    assert.deepEqual(
      idle.map((p) => p.value),
      [0, 0],
      'an all-zero line: two points',
    );
  });

  test('with many partitions each chart keeps to its total budget, and a one-tick spike survives', () => {
    const spike = { partition: 41, tick: 777, extra: 50_000 };
    const events = noisyRun({ ticks: 1200, partitions: 64, spike });
    const payload = buildRunCharts(events, { baseline: { events } });
    for (const chart of payload.charts) {
      const points = chartPoints(payload, chart.id);
      assert.ok(points, `${chart.id} is drawn`);
      assert.ok(points.length <= DEFAULT_CHART_POINT_BUDGET, `${chart.id}: ${points.length} points`);
      assert.ok(
        points.length >= DEFAULT_CHART_POINT_BUDGET / 2 || chart.id === 'baseline',
        `${chart.id} uses its budget: ${points.length} points`,
      );
    }
    const completed = seriesOf(events, 'completed');
    const ticks = events.filter((e) => e.type === 'tick');
    const spikeRate = (ticks[spike.tick - 1].partitions[41].completed - ticks[spike.tick - 2].partitions[41].completed) / 0.1;
    const peak = (name: string) => Math.max(...completed.filter((p) => p.name === name).map((p) => p.value));
    assert.ok(Math.abs(peak('p41') - spikeRate) < 0.1, `p41 peaks at ${peak('p41')}, the spike is ${spikeRate}`);
    assert.ok(peak('p40') < spikeRate / 2);
  });

  test('with few partitions the per-line budget still applies', () => {
    const points = seriesOf(noisyRun({ ticks: 2000, partitions: 4 }), 'completed');
    for (const series of ['p0', 'p1', 'p2', 'p3']) {
      const n = points.filter((p) => p.name === series).length;
      assert.ok(n <= 300 && n >= 250, `${series}: ${n} points`);
    }
  });
});

describe('baseline input', () => {
  test('a baseline given as points is drawn as its own line; a bad point is refused', () => {
    const events = sampleEvents('disruptor-steady.log');
    const points = seriesOf(events, 'baseline', {
      baseline: {
        label: 'pinned',
        totals: [
          { t: 1, completedPerS: 100 },
          { t: 2, completedPerS: 120 },
        ],
      },
    });
    assert.deepEqual(
      points.filter((p) => p.series === 'pinned').map((p) => p.value),
      [100, 120],
    );
    assert.ok(points.some((p) => p.series === 'this run'));
    assert.throws(
      () => buildRunCharts(events, { baseline: { totals: [{ t: 1, completedPerS: Number.NaN }] } }),
      /baseline point 0 must have numeric t and completedPerS/,
    );
  });

  test('without a baseline there is no baseline chart', () => {
    assert.deepEqual(
      buildRunCharts(sampleEvents('disruptor-steady.log')).charts.map((c) => c.id),
      ['completed', 'rejects', 'enqueued', 'pendingDepth', 'ready', 'inFlight'],
    );
  });
});

describe('charts of a live series', () => {
  const pinned = {
    label: 'pinned',
    totals: [
      { t: 0.5, completedPerS: 100 },
      { t: 3, completedPerS: 90 },
    ],
  };
  const runs: [string, RunEvent[]][] = [
    ['a run with many partitions and a spike', noisyRun({ ticks: 400, partitions: 16, spike: { partition: 5, tick: 250, extra: 40_000 } })],
    ['a run whose partitions show up late', latePartitionsRun()],
  ];

  for (const [name, events] of runs) {
    test(`${name}: each update of one growing series, with its rows kept, equals the charts of the events so far`, () => {
      const builder = new TickSeriesBuilder();
      const rows = new ChartRows();
      const batch = 37;
      for (let end = batch; end < events.length + batch; end += batch) {
        for (const e of events.slice(end - batch, end)) builder.push(e);
        const sofar = events.slice(0, end);
        const options = { baseline: pinned, chartPointBudget: 600 };
        assert.deepEqual(
          buildRunChartsFromSeries(builder.series, { ...options, rows }),
          buildRunCharts(sofar, options),
          `after ${Math.min(end, events.length)} events`,
        );
        assert.deepEqual(rows.totals, deriveChartData(sofar).totals);
      }
    });
  }

  test('rows kept for one series start over for a series with fewer ticks', () => {
    const rows = new ChartRows();
    const long = syntheticRun({ ticks: 40, partitions: 2 });
    const short = syntheticRun({ ticks: 10, partitions: 2, perTick: 3 });
    buildRunChartsFromSeries(buildTickSeries(long), { rows });
    assert.deepEqual(buildRunChartsFromSeries(buildTickSeries(short), { rows }), buildRunCharts(short));
    assert.deepEqual(rows.totals, deriveChartData(short).totals);
  });
});
