import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeRun, analyzeSeries } from '../../src/analysis/analyzeRun';
import { RunTranscript } from '../../src/analysis/runTranscript';
import { buildTickSeries } from '../../src/analysis/tickSeries';
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
    const partitions = Array.from({ length: PARTITIONS }, (_, p) =>
      Object.fromEntries(COUNTER_KEYS.map((k) => [k, i * 10 + p])) as PartitionCounters,
    );
    events.push({ type: 'tick', t: i * 0.5, partitions });
  }
  events.push({ type: 'phase', t: ticks * 0.5, phase: 'done', reason: 'drained' });
  return events;
}

const tickLines = (text: string) => text.split('\n').filter((l) => / partition=\d/.test(l));

describe('run transcript', () => {
  test('the live view keeps the header and status and only the most recent ticks that fit', () => {
    const transcript = new RunTranscript({ liveLines: 10, savedLines: 1000 });
    transcript.push(run(8));
    const live = transcript.liveText({ state: 'running', pace: 'realtime' }).split('\n');
    assert.match(live[0], /^config partitions=3 /);
    assert.ok(live.some((l) => l.startsWith('▶ running · phase=done')));
    assert.ok(live.some((l) => l.includes('pace=realtime')));
    const ticks = tickLines(live.join('\n'));
    // 10 lines: the done phase line and two ticks of 4 lines each.
    assert.equal(ticks.length, 2 * PARTITIONS);
    assert.ok(ticks.every((l) => l.startsWith('t=3.500') || l.startsWith('t=4.000')));
    assert.ok(live.some((l) => l.includes('6 earlier ticks hidden')));
  });

  test('the live view always shows the latest tick, even when it alone is over the budget', () => {
    const transcript = new RunTranscript({ liveLines: 2, savedLines: 1000 });
    transcript.push(run(4).slice(0, -1));
    assert.equal(tickLines(transcript.liveText()).length, PARTITIONS);
  });

  test('the final view keeps every tick when it fits, with the status and the totals', () => {
    const transcript = new RunTranscript({ liveLines: 5, savedLines: 1000 });
    transcript.push(run(8));
    const text = transcript.finalText({ state: 'finished' });
    assert.equal(tickLines(text).length, 8 * PARTITIONS);
    assert.match(text, /■ finished \(drained\) at t=4\.000 · 8 ticks/);
    assert.match(text, /^totals at t=4\.000: /m);
    assert.match(text, /^t=1\.000 phase=measure$/m);
    assert.doesNotMatch(text, /long run/);
  });

  test('a long run keeps 1 tick in every k within the budget, the last tick and every phase line, and says so', () => {
    const transcript = new RunTranscript({ liveLines: 5, savedLines: 30 });
    transcript.push(run(40));
    const text = transcript.finalText({ state: 'finished' });
    const lines = text.split('\n');
    const ticks = tickLines(text);
    assert.ok(ticks.length / PARTITIONS < 40);
    assert.ok(ticks.length / PARTITIONS >= 2);
    assert.ok(ticks.some((l) => l.startsWith('t=20.000')), 'the last tick is kept');
    assert.ok(lines.some((l) => /^… long run: 1 tick in every \d+ is shown/.test(l)));
    assert.ok(lines.includes('t=1.000 phase=measure'));
    assert.ok(lines.includes('t=20.000 phase=done reason=drained'));
  });

  test('an interrupted or failed run says so in its status line', () => {
    const transcript = new RunTranscript();
    transcript.push(run(3).slice(0, -1));
    assert.match(transcript.finalText({ state: 'interrupted' }), /■ INTERRUPTED at t=1\.500 · partial run, 3 ticks/);
    assert.match(transcript.finalText({ state: 'failed', message: 'boom' }), /■ FAILED at t=1\.500 · 3 ticks · boom/);
  });

  test('a provisional header is replaced by the config the source sends', () => {
    const transcript = new RunTranscript();
    transcript.setProvisionalHeader({ partitions: 9 });
    assert.match(transcript.liveText(), /^config partitions=9$/m);
    transcript.push(run(1));
    assert.match(transcript.liveText(), /^config partitions=3 /m);
    transcript.setProvisionalHeader({ partitions: 9 });
    assert.match(transcript.liveText(), /^config partitions=3 /m);
    assert.equal(transcript.events.length, run(1).length);
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
