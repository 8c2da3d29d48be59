// Soak scale: the analysis of a series kept in compressed columns (tickSeries.ts, counterColumns.ts)
// equals the analysis of the same series as plain objects, on the sample logs, every preset with
// every fault, logs with interleaved ticks, missing partitions and foreign lines, long runs that
// fill many chunks and counters that are not whole numbers; and a long generated soak log's stall
// near its end is found, read from a file by `stressnb analyze`, on the right partition and window.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSeries } from '../../src/analysis/analyzeRun';
import { buildRunChartsFromSeries } from '../../src/charts/buildRunCharts';
import { buildTickSeries, pointArray, TickSeriesBuilder } from '../../src/series/tickSeries';
import { ChartRows } from '../../src/charts/chartData';
import type { TickSeries } from '../../src/series/seriesTypes';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { CounterColumns } from '../../src/series/counterColumns';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import { parseCounterLines } from '../../src/format/counterLineParser';
import type { PartitionCounters, RunEvent } from '../../src/format/runEvents';
import { runToEnd } from '../../src/engine/simulation';
import { FAULT_NAMES, SCENARIO_NAMES } from '../../src/spec/scenarioSpec';
import { writeSoakLog } from '../../bench/soakLog';
import { plainTickSeries } from './helpers/plainTickSeries';
import { specFor } from './helpers/specFor';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');

/** The report and the charts of `events`, through the compressed series and through plain objects, must be equal. */
function assertSameAnalysis(events: readonly RunEvent[], where: string): void {
  const compressed = buildTickSeries(events);
  const plain = plainTickSeries(events);
  assertSamePoints(compressed, plain, where);
  assert.deepEqual(JSON.parse(JSON.stringify(analyzeSeries(compressed))), JSON.parse(JSON.stringify(analyzeSeries(plain))), where);
  assert.deepEqual(buildRunChartsFromSeries(compressed), buildRunChartsFromSeries(plain), where);
}

function assertSamePoints(a: TickSeries, b: TickSeries, where: string): void {
  assert.equal(a.partitions, b.partitions, where);
  for (let p = 0; p < a.partitions; p++) {
    const pa = JSON.parse(JSON.stringify(pointArray(a.byPartition[p])));
    const pb = JSON.parse(JSON.stringify(pointArray(b.byPartition[p])));
    assert.deepEqual(pa, pb, `${where}: partition ${p}`);
  }
  for (let i = 0; i < a.global.length; i++) assert.deepEqual(a.global.at(i), b.global.at(i), `${where}: global at tick ${i}`);
}

function linesOf(events: readonly RunEvent[]): string[] {
  return events.flatMap((e) => formatRunEvent(e, 'lines'));
}

describe('streaming analysis equals the analysis of plain points', () => {
  test('the sample logs', () => {
    for (const name of ['hot-family', 'small-ring-burst', 'steady', 'uncorrelated-burst']) {
      const { events } = parseCounterLines(readFileSync(join(SAMPLES, `disruptor-${name}.log`), 'utf8'));
      assertSameAnalysis(events, name);
    }
  });

  test('every preset with every fault', () => {
    for (const scenario of SCENARIO_NAMES.filter((s) => s !== 'custom')) {
      for (const fault of FAULT_NAMES) {
        const spec = specFor(scenario, { warmupS: 2, measureS: 12, cooldownS: 6, ...(fault === 'none' ? {} : { fault: { name: fault } }) });
        assertSameAnalysis(runToEnd(spec), `${scenario} with ${fault}`);
      }
    }
  });

  test('a long run that fills many chunks of the columns', () => {
    const spec = specFor('steady', {
      partitions: 3,
      tickMs: 50,
      warmupS: 5,
      measureS: 60,
      cooldownS: 10,
      fault: { name: 'dispatch-stall', atS: 50 },
    });
    const events = runToEnd(spec);
    assert.ok(events.filter((e) => e.type === 'tick').length > 1100, `${events.filter((e) => e.type === 'tick').length} ticks`);
    assertSameAnalysis(events, 'long steady run');
  });

  test('interleaved ticks, missing partitions and foreign lines', () => {
    const lines = linesOf(
      runToEnd(specFor('hot-family', { warmupS: 2, measureS: 20, cooldownS: 6, tickMs: 250, fault: { name: 'stuck-handler' } })),
    );
    const shuffled: string[] = [];
    let partition2 = 0;
    for (let i = 0; i < lines.length; i++) {
      // Swap neighbouring partition lines of two ticks now and then, drop one now and then, add JVM output.
      if (i % 37 === 5 && /partition=/.test(lines[i]) && /partition=/.test(lines[i + 1] ?? '')) {
        shuffled.push(lines[i + 1], lines[i]);
        i++;
        continue;
      }
      if (/partition=2 /.test(lines[i]) && ++partition2 % 9 === 4) continue;
      if (i % 11 === 0) shuffled.push(`2026-12-02 07:00:0${i % 10}.000 INFO [main] c.e.App - cache refreshed (${i})`);
      shuffled.push(lines[i]);
    }
    const { events, stats } = parseCounterLines(shuffled.join('\n'));
    assert.ok(stats.foreignLines > 10 && stats.carriedForward > 0, JSON.stringify(stats));
    assertSameAnalysis(events, 'interleaved, missing and foreign lines');
  });

  test('a partition that shows up late, and counters that are not whole numbers', () => {
    const c = (n: number, extra: Partial<PartitionCounters> = {}): PartitionCounters => ({
      tasksIn: n,
      dispatched: n,
      completed: n,
      rejectsBusy: 0,
      enqueuedDueToBusy: 0,
      maxPendingDepthObserved: 0,
      readyFamiliesCount: 0,
      inFlightFamiliesCount: 0,
      ...extra,
    });
    const events: RunEvent[] = [{ type: 'config', config: { partitions: 1, tickMs: 500 } }];
    for (let i = 1; i <= 1200; i++) {
      const partitions = [c(i * 10, i % 7 === 0 ? { readyFamiliesCount: 0.5 } : {})];
      if (i > 700) partitions.push(c((i - 700) * 3, { completed: (i - 700) * 3 - (i > 1100 ? 2 ** 40 : 0) }));
      events.push({ type: 'tick', t: i / 2, partitions });
    }
    events.push({ type: 'phase', t: 600, phase: 'done', reason: 'drained' });
    assertSameAnalysis(events, 'late partition, fractions, a huge drop');
  });
});

describe('compressed counter columns', () => {
  test('read back exactly what was pushed, whatever the values', () => {
    const cols = new CounterColumns();
    const rows: number[][] = [];
    for (let i = 0; i < 3000; i++) {
      const row = [
        i * 100,
        i * 37 + (i % 9),
        i % 3,
        0,
        i > 2000 ? 2 ** 45 + i : i,
        5 - i,
        i % 13 === 0 ? 0.25 : 1,
        i < 1000 ? 5 : 70000 * i,
      ];
      rows.push(row);
      cols.push(row);
    }
    assert.equal(cols.length, rows.length);
    for (let i = rows.length - 1; i >= 0; i -= 7)
      for (let k = 0; k < 8; k++) assert.equal(cols.value(i, k), rows[i][k], `row ${i}, column ${k}`);
    for (let i = 0; i < rows.length; i++) for (let k = 0; k < 8; k++) assert.equal(cols.value(i, k), rows[i][k], `row ${i}, column ${k}`);
  });

  test('the largest value of a column is read without decoding, the same as row by row', () => {
    const cols = new CounterColumns();
    const rows: number[][] = [];
    for (let i = 0; i < 1300; i++) {
      // Changing, constant, fractional, falling and late-growing columns; the last rows stay in the open chunk.
      const row = [i * 3, 7, i % 5 === 0 ? 0.5 : i, 900 - i, i > 1100 ? 5000 + i : 0, (i * 7919) % 613, 2 ** 40 + i, 0];
      rows.push(row);
      cols.push(row);
    }
    for (let k = 0; k < 8; k++) {
      for (const start of [0, 10_000])
        assert.equal(cols.columnMax(k, start), Math.max(start, ...rows.map((r) => r[k])), `column ${k} from ${start}`);
    }
  });
});

describe('a long soak log read from a file', () => {
  test('the stall near the end is found with the right partition and window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stressnb-soak-test-'));
    try {
      const log = join(dir, 'soak.log');
      // 64 partitions, 3,000 ticks: several reads of the file and many chunks of the columns.
      const facts = writeSoakLog(log, { lines: 192_000, partitions: 64, stallPartition: 41, stallTicksBeforeEnd: 50, stallTicks: 12 });
      const io = bufferIo();
      const status = await main(['analyze', log, '--format', 'json'], io);
      assert.equal(status, 1, io.stderr);
      const report = JSON.parse(io.stdout) as {
        hints: { rule: string; partitions: number[]; from: number; to: number }[];
        input: { counterLines: number; ticks: number };
      };
      assert.equal(report.input.counterLines, 192_000);
      assert.equal(report.input.ticks, facts.ticks);
      assert.deepEqual(
        report.hints.map((h) => ({ rule: h.rule, partitions: h.partitions, from: h.from, to: h.to })),
        [{ rule: 'dispatch-blocked', partitions: [41], from: facts.stallFrom, to: facts.stallTo }],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('live chart lines of a long run', () => {
  test('stay within their budget and keep a stall and a peak drawn', () => {
    const spec = specFor('steady', {
      partitions: 3,
      tickMs: 50,
      warmupS: 5,
      measureS: 60,
      cooldownS: 10,
      fault: { name: 'dispatch-stall', atS: 50 },
    });
    const series = buildTickSeries(runToEnd(spec));
    const full = new ChartRows().update(series);
    const thin = new ChartRows({ pointsPerLine: 64, totals: 64 });
    // Fed as a live run is: a few ticks at a time.
    const live = new TickSeriesBuilder();
    for (const e of runToEnd(spec)) {
      live.push(e);
      if (e.type === 'tick' && live.series.times.length % 25 === 0) thin.update(live.series);
    }
    thin.update(live.series);
    for (let p = 0; p < 3; p++) {
      const all = full.linesOf[p].completedPerS.v;
      const kept = thin.linesOf[p].completedPerS;
      assert.ok(all.length > 1000 && kept.v.length <= 64 && kept.v.length >= 16, `${all.length} points, ${kept.v.length} kept`);
      assert.equal(Math.min(...kept.v), Math.min(...all), `partition ${p}: the lowest point stays`);
      assert.equal(Math.max(...kept.v), Math.max(...all), `partition ${p}: the highest point stays`);
      assert.deepEqual(
        kept.t,
        [...kept.t].sort((a, b) => a - b),
        'in time order',
      );
      assert.equal(kept.t.at(-1), full.linesOf[p].completedPerS.t.at(-1), 'the last point stays');
    }
    assert.ok(thin.totals.length <= 64);
    // The stalled partition's drop to 0 is what a person looks for.
    assert.equal(Math.min(...thin.linesOf[2].completedPerS.v), 0);
  });
});

describe('limits that remain', () => {
  test('a log claiming millions of partitions is refused line by line with the reason, and the rest is analysed', () => {
    const row = (t: string, p: number) =>
      `t=${t} partition=${p} tasksIn=10 dispatched=10 completed=10 rejectsBusy=0 enqueuedDueToBusy=0 maxPendingDepthObserved=0 readyFamiliesCount=0 inFlightFamiliesCount=0`;
    const text = [
      'config partitions=5000000 scenario=steady',
      row('0.500', 0),
      row('0.500', 9_999_999),
      row('0.500', 1),
      row('1.000', 0),
      row('1.000', 1),
    ].join('\n');
    const { events, stats } = parseCounterLines(text);
    assert.equal(stats.errorCount, 2);
    assert.match(stats.errors[0].message, /config partitions=5000000 is more than the 4096 partitions a log may have/);
    assert.match(stats.errors[1].message, /partition 9999999 is beyond the 4096 partitions a log may have/);
    assert.equal(stats.errors[1].line, 3);
    const series = buildTickSeries(events);
    assert.equal(series.partitions, 2);
    assert.equal(analyzeSeries(series).summary.totals.tasksIn, 20);
  });
});

describe('reading a log file in pieces', () => {
  test('lines with multi-byte UTF-8 and lines longer than a piece are read whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stressnb-pieces-test-'));
    try {
      const log = join(dir, 'mixed.log');
      const facts = writeSoakLog(log, { lines: 40_000, partitions: 4, stallTicksBeforeEnd: 200, stallTicks: 12 });
      const text = readFileSync(log, 'utf8').split('\n');
      // A JVM line in French every 500 lines and one very long stack-trace line, none of them counter lines.
      const mixed = text.flatMap((line, i) => (i % 500 === 3 ? [`07:00:00 WARN température élevée ✓ ${'…'.repeat(i % 7)}`, line] : [line]));
      mixed.splice(1000, 0, `07:00:01 ERROR ${'at com.example.Worker.run(Worker.java:42) '.repeat(4000)}`);
      writeFileSync(log, mixed.join('\n'));
      const io = bufferIo();
      assert.equal(await main(['analyze', log, '--format', 'json'], io), 1, io.stderr);
      const report = JSON.parse(io.stdout) as {
        hints: { rule: string; from: number; to: number }[];
        input: { counterLines: number; malformedLines: number; foreignLines: number };
      };
      assert.equal(report.input.counterLines, 40_000);
      assert.equal(report.input.malformedLines, 0);
      // mixed ends with '' (the file's last line break); config, phase and done lines aside, every other line is foreign.
      assert.equal(report.input.foreignLines, mixed.length - 1 - 40_000 - 3);
      assert.deepEqual(
        report.hints.map((h) => [h.rule, h.from, h.to]),
        [['dispatch-blocked', facts.stallFrom, facts.stallTo]],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
