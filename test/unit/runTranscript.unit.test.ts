import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeRun, analyzeSeries } from '../../src/analysis/analyzeRun';
import { RunTranscript } from '../../src/report/runTranscript';
import { buildTickSeries } from '../../src/series/tickSeries';
import { runToEnd } from '../../src/engine/simulation';
import { COUNTER_KEYS, type PartitionCounters, type RunEvent } from '../../src/format/runEvents';
import { latePartitionsRun } from './helpers/chartsSampleEvents';
import { specFor } from './helpers/specFor';

const PARTITIONS = 3;

function run(ticks: number): RunEvent[] {
  const events: RunEvent[] = [
    { type: 'config', config: { partitions: PARTITIONS, tickMs: 500, warmupS: 1, measureS: 2, cooldownS: 1, scenario: 'steady', seed: 1 } },
    { type: 'phase', t: 0, phase: 'warmup' },
  ];
  for (let i = 1; i <= ticks; i++) {
    if (i === 3) events.push({ type: 'phase', t: 1, phase: 'measure' });
    const partitions = Array.from(
      { length: PARTITIONS },
      (_, p) => Object.fromEntries(COUNTER_KEYS.map((k) => [k, i * 10 + p])) as PartitionCounters,
    );
    events.push({ type: 'tick', t: i * 0.5, partitions });
  }
  events.push({ type: 'phase', t: ticks * 0.5, phase: 'done', reason: 'drained' });
  return events;
}

const tickLines = (text: string) => text.split('\n').filter((l) => / partition=\d/.test(l));
/** Rows of the view's table: lines that start with a tick time or a span of them. */
const tableRows = (text: string) => text.split('\n').filter((l) => /^\s*\d+\.\d+(–\d+\.\d+)?\s{2}/.test(l));

describe('run transcript', () => {
  test('the live view keeps the header and status and a row for each of the latest ticks that fit', () => {
    const transcript = new RunTranscript({ viewLines: 14, savedLines: 1000 });
    transcript.push(run(12));
    const live = transcript.liveText({ state: 'running', pace: 'realtime' }).split('\n');
    assert.match(live[0], /^config partitions=3 /);
    assert.ok(live.some((l) => l.startsWith('▶ running · phase=done')));
    assert.ok(live.some((l) => l.includes('pace=realtime')));
    assert.ok(live.length <= 14, `${live.length} lines`);
    const rows = tableRows(live.join('\n'));
    assert.equal(rows.length, 14 - 3 - 3);
    assert.match(rows.at(-1)!, /^\s*6\.0\s/, 'the latest tick is the last row');
    assert.ok(live.some((l) => l.includes(`${12 - rows.length} earlier ticks not shown while running`)));
    // The per-partition lines are not in the view: they are in the full transcript.
    assert.equal(tickLines(live.join('\n')).length, 0);
  });

  test('the live view shows a few rows even when the line budget is tiny', () => {
    const transcript = new RunTranscript({ viewLines: 2, savedLines: 1000 });
    transcript.push(run(8).slice(0, -1));
    assert.equal(tableRows(transcript.liveText()).length, 5);
  });

  test('the final view fits its line budget and its rows cover every tick in order', () => {
    const transcript = new RunTranscript({ viewLines: 20, savedLines: 1000 });
    transcript.push(run(40));
    const view = transcript.finalText({ state: 'finished' });
    const lines = view.split('\n');
    assert.ok(lines.length <= 20, `${lines.length} lines`);
    assert.match(view, /■ finished \(drained\) at t=20\.000 · 40 ticks/);
    assert.match(view, /^40 ticks in \d+ rows; a row of several ticks shows their average rates/m);
    assert.match(view, /per-partition lines: Open Full Transcript$/m);
    const spans = tableRows(view).map((l) => l.trim().split(/\s+/)[0].split('–').map(Number));
    assert.equal(spans[0][0], 0.5);
    assert.equal(spans.at(-1)!.at(-1), 20);
    for (let i = 1; i < spans.length; i++) assert.equal(spans[i][0], spans[i - 1].at(-1)! + 0.5, `row ${i} follows row ${i - 1}`);
  });

  test('a short run gets one row per tick', () => {
    const transcript = new RunTranscript({ viewLines: 30, savedLines: 1000 });
    transcript.push(run(8));
    const view = transcript.finalText({ state: 'finished' });
    assert.equal(tableRows(view).length, 8);
    assert.match(view, /^8 ticks, one row each/m);
  });

  test('the full transcript keeps every tick, one line per partition and the global line, with status and totals', () => {
    const transcript = new RunTranscript({ viewLines: 10, savedLines: 1000 });
    transcript.push(run(40));
    const full = transcript.fullLines({ state: 'finished' });
    const text = full.join('\n');
    assert.equal(tickLines(text).length, 40 * PARTITIONS);
    for (let i = 1; i <= 40; i++) {
      const t = (i * 0.5).toFixed(3);
      assert.deepEqual(
        tickLines(text)
          .filter((l) => l.startsWith(`t=${t} `))
          .map((l) => /partition=(\d)/.exec(l)![1]),
        ['0', '1', '2'],
        `tick ${t}`,
      );
      assert.ok(
        full.some((l) => l.startsWith(`t=${t} global `)),
        `global line of tick ${t}`,
      );
    }
    assert.match(text, /■ finished \(drained\) at t=20\.000 · 40 ticks/);
    assert.match(text, /^totals at t=20\.000: /m);
    assert.match(text, /^t=1\.000 phase=measure$/m);
    assert.doesNotMatch(text, /long run/);
  });

  test('a very long run keeps 1 tick in every k of the full transcript within the budget, the last tick and every phase line, and says so', () => {
    const transcript = new RunTranscript({ viewLines: 30, savedLines: 30 });
    transcript.push(run(40));
    const lines = transcript.fullLines({ state: 'finished' });
    const ticks = tickLines(lines.join('\n'));
    assert.ok(ticks.length / PARTITIONS < 40);
    assert.ok(ticks.length / PARTITIONS >= 2);
    assert.ok(
      ticks.some((l) => l.startsWith('t=20.000')),
      'the last tick is kept',
    );
    assert.ok(lines.some((l) => /^… long run: 1 tick in every \d+ is shown/.test(l)));
    assert.ok(lines.includes('t=1.000 phase=measure'));
    assert.ok(lines.includes('t=20.000 phase=done reason=drained'));
  });

  test('an interrupted or failed run says so in its status line', () => {
    const transcript = new RunTranscript();
    transcript.push(run(3).slice(0, -1));
    assert.match(transcript.finalText({ state: 'interrupted' }), /■ INTERRUPTED at t=1\.500 · partial run, 3 ticks/);
    assert.match(transcript.fullLines({ state: 'failed', message: 'boom' }).join('\n'), /■ FAILED at t=1\.500 · 3 ticks · boom/);
  });

  test('a run without a tick says so instead of an empty table', () => {
    const transcript = new RunTranscript();
    transcript.push(run(0));
    assert.match(transcript.finalText({ state: 'finished' }), /no tick was recorded$/);
  });

  test('the view wraps the config line to fit a narrow output; the full transcript keeps it whole', () => {
    const transcript = new RunTranscript();
    const config = {
      partitions: 4,
      ringBufferSize: 1024,
      workersPerPartition: 1,
      workCostMs: 15,
      handler: 'async',
      tickMs: 500,
      warmupS: 3,
      measureS: 30,
      cooldownS: 10,
      scenario: 'hot-family',
      seed: 1,
      fault: 'no-release',
      faultRate: 0.02,
    };
    transcript.push([{ type: 'config', config }]);
    const view = transcript.liveText().split('\n');
    assert.ok(view[0].startsWith('config partitions=4') && view[0].length <= 110, view[0]);
    assert.match(view[1], /^ {7}\S/);
    assert.equal(`${view[0]} ${view[1].trim()}`.split(' ').length, 1 + Object.keys(config).length);
    assert.match(transcript.fullLines({ state: 'finished' })[0], /^config partitions=4 .* faultRate=0\.02$/);
  });

  test('a provisional header is replaced by the config the source sends', () => {
    const transcript = new RunTranscript();
    transcript.setProvisionalHeader({ partitions: 9 });
    assert.match(transcript.liveText(), /^config partitions=9$/m);
    transcript.push(run(1));
    assert.match(transcript.liveText(), /^config partitions=3 /m);
    transcript.setProvisionalHeader({ partitions: 9 });
    assert.match(transcript.liveText(), /^config partitions=3 /m);
    assert.equal(transcript.ticks, run(1).filter((e) => e.type === 'tick').length);
  });
});

describe("run transcript's tick series", () => {
  const runs: [string, RunEvent[]][] = [
    ['an engine run', runToEnd(specFor('hot-family', { partitions: 4, measureS: 6 }))],
    ['a run whose partitions show up late', latePartitionsRun()],
  ];

  for (const [name, events] of runs) {
    for (const batch of [1, 5, 23]) {
      test(`${name}, pushed ${batch} event(s) at a time and read between batches, gives the series built in one go`, () => {
        const transcript = new RunTranscript();
        for (let end = batch; end < events.length + batch; end += batch) {
          transcript.push(events.slice(end - batch, end));
          assert.deepEqual(transcript.series, buildTickSeries(events.slice(0, end)), `after ${Math.min(end, events.length)} events`);
        }
        assert.deepEqual(transcript.series, buildTickSeries(events));
        assert.deepEqual(analyzeSeries(transcript.series), analyzeRun(events));
      });
    }
  }

  test('a provisional header is not part of the series (only events are)', () => {
    const transcript = new RunTranscript();
    transcript.setProvisionalHeader({ partitions: 9 });
    assert.equal(transcript.series.partitions, 0);
    transcript.push(run(2));
    assert.deepEqual(transcript.series, buildTickSeries(run(2)));
    assert.equal(transcript.series.partitions, PARTITIONS);
  });
});
