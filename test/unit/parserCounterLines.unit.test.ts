import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CounterLineParser, parseCounterLines } from '../../src/format/counterLineParser';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import type { PartitionCounters, RunEvent } from '../../src/format/runEvents';

type Tick = Extract<RunEvent, { type: 'tick' }>;

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');

function counters(base: number): PartitionCounters {
  return {
    tasksIn: base + 10,
    dispatched: base + 8,
    completed: base + 6,
    rejectsBusy: base,
    enqueuedDueToBusy: base + 1,
    maxPendingDepthObserved: 3,
    readyFamiliesCount: 1,
    inFlightFamiliesCount: 2,
  };
}

function line(t: string, p: number | string, c: PartitionCounters): string {
  return (
    `t=${t} partition=${p} tasksIn=${c.tasksIn} dispatched=${c.dispatched} completed=${c.completed} rejectsBusy=${c.rejectsBusy} ` +
    `enqueuedDueToBusy=${c.enqueuedDueToBusy} maxPendingDepthObserved=${c.maxPendingDepthObserved} readyFamiliesCount=${c.readyFamiliesCount} inFlightFamiliesCount=${c.inFlightFamiliesCount}`
  );
}

const CONFIG2 = 'config partitions=2 ringBufferSize=64 scenario=small-ring-burst seed=7';

function ticks(events: RunEvent[]): Tick[] {
  return events.filter((e): e is Tick => e.type === 'tick');
}

describe('CounterLineParser: the contract', () => {
  test('reads config, phase and partition lines into events, one tick per t', () => {
    const text = [
      CONFIG2,
      't=0.000 phase=warmup',
      line('0.500', 0, counters(0)),
      line('0.500', 1, counters(100)),
      't=1.000 phase=measure',
      line('1.000', 0, counters(5)),
      line('1.000', 1, counters(105)),
      't=1.001 phase=done reason=drained',
    ].join('\n');
    const { events, stats } = parseCounterLines(text);
    assert.deepEqual(events, [
      { type: 'config', config: { partitions: 2, ringBufferSize: 64, scenario: 'small-ring-burst', seed: 7 } },
      { type: 'phase', t: 0, phase: 'warmup' },
      { type: 'tick', t: 0.5, partitions: [counters(0), counters(100)] },
      { type: 'phase', t: 1, phase: 'measure' },
      { type: 'tick', t: 1, partitions: [counters(5), counters(105)] },
      { type: 'phase', t: 1.001, phase: 'done', reason: 'drained' },
    ]);
    assert.equal(stats.errorCount, 0);
    assert.equal(stats.counterLines, 4);
    assert.equal(stats.ticks, 2);
    assert.equal(stats.partitions, 2);
  });

  test('a tick is emitted when a line with another t arrives, or at end()', () => {
    const parser = new CounterLineParser();
    assert.deepEqual(parser.push(line('0.5', 0, counters(0))), []);
    assert.deepEqual(parser.push(line('0.5', 1, counters(1))), []);
    const out = parser.push(line('1.0', 0, counters(2)));
    assert.equal(out.length, 1);
    assert.equal((out[0] as Tick).t, 0.5);
    const rest = parser.end();
    assert.equal(rest.length, 1);
    assert.equal((rest[0] as Tick).t, 1);
  });

  test('with partitions= in the config, a tick is emitted as soon as its last partition line arrives', () => {
    const parser = new CounterLineParser();
    parser.push(CONFIG2);
    assert.deepEqual(parser.push(line('0.5', 1, counters(1))), []);
    const out = parser.push(line('0.5', 0, counters(0)));
    assert.deepEqual(out, [{ type: 'tick', t: 0.5, partitions: [counters(0), counters(1)] }]);
    assert.deepEqual(parser.end(), []);
  });

  test('reads back exactly what the writer writes, in both formats, for a whole run', () => {
    const original: RunEvent[] = [
      {
        type: 'config',
        config: { partitions: 3, ringBufferSize: 1024, workCostMs: 'lognormal(15,0.5)', scenario: 'hot-family', seed: 12, fault: 'none' },
      },
      { type: 'phase', t: 0, phase: 'warmup' },
      { type: 'tick', t: 0.5, partitions: [counters(0), counters(7), counters(70)] },
      { type: 'phase', t: 3, phase: 'measure' },
      { type: 'tick', t: 3.5, partitions: [counters(1), counters(8), counters(71)] },
      { type: 'tick', t: 4, partitions: [counters(2), counters(9), counters(72)] },
      { type: 'phase', t: 4, phase: 'done', reason: 'cooldown-timeout' },
    ];
    for (const format of ['lines', 'jsonl'] as const) {
      const text = original.flatMap((e) => formatRunEvent(e, format)).join('\n');
      const { events, stats } = parseCounterLines(text);
      assert.deepEqual(events, original, format);
      assert.equal(stats.errorCount, 0, format);
    }
  });

  test('the four sample logs parse without a malformed or foreign line', () => {
    for (const name of [
      'disruptor-hot-family.log',
      'disruptor-small-ring-burst.log',
      'disruptor-steady.log',
      'disruptor-uncorrelated-burst.log',
    ]) {
      const text = readFileSync(join(SAMPLES, name), 'utf8');
      const { events, stats } = parseCounterLines(text);
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      assert.equal(stats.errorCount, 0, name);
      assert.equal(stats.foreignLines, 0, name);
      assert.equal(stats.carriedForward, 0, name);
      assert.equal(stats.counterLines, lines.filter((l) => l.includes('partition=')).length, name);
      assert.equal(events[0].type, 'config', name);
      assert.equal(events[events.length - 1].type, 'phase', name);
      for (const t of ticks(events)) assert.equal(t.partitions.length, 4, name);
    }
  });
});

describe('CounterLineParser: foreign lines and garbage', () => {
  test('skips and counts JVM log output, blank lines, global lines and binary garbage', () => {
    const foreign = [
      '',
      '   ',
      '2024-05-01 12:00:00.123 INFO  [main] c.e.Scheduler - started with 4 partitions',
      'Exception in thread "worker-2" java.lang.IllegalStateException: boom',
      '\tat com.example.Worker.run(Worker.java:42)',
      't=5ms GC pause (G1 Evacuation Pause)',
      't=3.500 global    completed/s=1234.0 rejects/s=0.0',
      '{"level":"INFO","msg":"hello"}',
      '[1, 2, 3]',
      '{not json at all',
      '\u0000\u0001\u0002\ufffd\ufffd',
      'configuration loaded from /etc/app.conf',
    ];
    const text = [CONFIG2, line('1', 0, counters(0)), ...foreign, line('1', 1, counters(1))].join('\n');
    const { events, stats } = parseCounterLines(text);
    assert.equal(stats.errorCount, 0, JSON.stringify(stats.errors));
    assert.equal(stats.foreignLines, foreign.length);
    assert.equal(stats.blankLines, 2);
    assert.deepEqual(ticks(events), [{ type: 'tick', t: 1, partitions: [counters(0), counters(1)] }]);
  });

  test('reads counter lines printed through a logger prefix', () => {
    const text = [
      CONFIG2,
      `12:00:01.000 INFO Stats - ${line('1.000', 0, counters(0))}`,
      `12:00:01.000 INFO Stats - ${line('1.000', 1, counters(1))}`,
      '12:00:01.500 INFO Stats - t=1.500 phase=cooldown',
    ].join('\n');
    const { events, stats } = parseCounterLines(text);
    assert.equal(stats.errorCount, 0);
    assert.deepEqual(events.slice(1), [
      { type: 'tick', t: 1, partitions: [counters(0), counters(1)] },
      { type: 'phase', t: 1.5, phase: 'cooldown' },
    ]);
  });

  test('ignores unknown keys, accepts quoted values, CRLF line ends and tabs', () => {
    const c = counters(4);
    const text = `${CONFIG2}\r\n${line('2.0', 0, c)} host=node-1 extra="a b c"\r\n\t${line('2.0', 1, c).replace('tasksIn=14', 'tasksIn="14"')}\r\n`;
    const { events, stats } = parseCounterLines(text);
    assert.equal(stats.errorCount, 0, JSON.stringify(stats.errors));
    assert.deepEqual(ticks(events), [{ type: 'tick', t: 2, partitions: [c, c] }]);
  });
});

describe('CounterLineParser: malformed counter lines are reported, never misread', () => {
  const good = line('1.0', 1, counters(50));
  const cases: [string, string, RegExp][] = [
    ['negative counter', good.replace('completed=56', 'completed=-56'), /completed is negative/],
    ['non-numeric counter', good.replace('dispatched=58', 'dispatched=5x8'), /dispatched is not a number/],
    ['fractional counter', good.replace('tasksIn=60', 'tasksIn=60.5'), /tasksIn is not a whole number/],
    ['empty value', good.replace('rejectsBusy=50', 'rejectsBusy='), /rejectsBusy is empty/],
    [
      'missing keys',
      good.replace(/ readyFamiliesCount=\d+ inFlightFamiliesCount=\d+/, ''),
      /missing readyFamiliesCount, inFlightFamiliesCount/,
    ],
    ['repeated key', `${good} completed=99`, /completed appears twice/],
    ['bad partition', good.replace('partition=1', 'partition=one'), /partition is not a number/],
    ['negative partition', good.replace('partition=1', 'partition=-1'), /partition is negative/],
    ['bad t', good.replace('t=1.0', 't=1.0s'), /t is not a number/],
    ['partition out of range', good.replace('partition=1', 'partition=5'), /partition 5 is out of range/],
    ['another program interleaved into the line', good.replace('completed=56', 'completed=56[GC pause 12ms]'), /completed is not a number/],
    ['phase and partition on one line', `${good} phase=measure`, /both a phase line/],
  ];
  for (const [name, bad, message] of cases) {
    test(name, () => {
      const text = [
        CONFIG2,
        line('0.5', 0, counters(0)),
        line('0.5', 1, counters(10)),
        line('1.0', 0, counters(40)),
        bad,
        line('1.5', 0, counters(60)),
        line('1.5', 1, counters(70)),
      ].join('\n');
      const { events, stats } = parseCounterLines(text);
      assert.equal(stats.errorCount, 1, JSON.stringify(stats.errors));
      assert.equal(stats.errors[0].line, 5);
      assert.match(stats.errors[0].message, message);
      assert.equal(stats.errors[0].text, bad);
      const t1 = ticks(events).find((t) => t.t === 1)!;
      // Partition 1 at t=1.0 keeps its previous values (carried forward), not the bad line's.
      assert.deepEqual(t1.partitions, [counters(40), counters(10)]);
      assert.equal(stats.carriedForward, 1);
      assert.equal(stats.counterLines, 5);
    });
  }

  test('an unknown phase is an error and emits no phase', () => {
    const { events, stats } = parseCounterLines([CONFIG2, 't=1.0 phase=meassure'].join('\n'));
    assert.equal(stats.errorCount, 1);
    assert.match(stats.errors[0].message, /unknown phase "meassure"/);
    assert.equal(events.filter((e) => e.type === 'phase').length, 0);
  });

  test('a truncated last line is reported with its line number; the earlier ticks stand', () => {
    const full = [
      CONFIG2,
      line('0.5', 0, counters(0)),
      line('0.5', 1, counters(1)),
      line('1.0', 0, counters(2)),
      line('1.0', 1, counters(3)),
    ].join('\n');
    const cut = full.slice(0, full.length - 40);
    const { events, stats } = parseCounterLines(cut);
    assert.equal(stats.errorCount, 1);
    assert.equal(stats.errors[0].line, 5);
    assert.match(stats.errors[0].message, /missing .*inFlightFamiliesCount|is empty|not a number/);
    const all = ticks(events);
    assert.equal(all.length, 2);
    assert.deepEqual(all[1].partitions, [counters(2), counters(1)]);
  });

  test('a truncated JSON counter line is an error, other JSON is foreign', () => {
    const json = formatRunEvent({ type: 'tick', t: 1, partitions: [counters(0)] }, 'jsonl')[0];
    const { stats } = parseCounterLines([json.slice(0, 60), '{"msg":"x"}', '{"t":1,"partition":0,"tasksIn":-1}'].join('\n'));
    assert.equal(stats.foreignLines, 1);
    assert.equal(stats.errorCount, 2);
    assert.match(stats.errors[0].message, /malformed JSON counter line/);
    assert.match(stats.errors[1].message, /"tasksIn" is negative/);
  });

  test('a bad partitions= in the config is reported and the highest partition seen is used', () => {
    const { events, stats } = parseCounterLines(
      ['config partitions=four', line('1', 0, counters(0)), line('1', 2, counters(2))].join('\n'),
    );
    assert.equal(stats.errorCount, 1);
    assert.match(stats.errors[0].message, /partitions=four is not a partition count/);
    assert.equal(ticks(events)[0].partitions.length, 3);
  });

  test('a counter that goes down is kept but warned about', () => {
    const { stats } = parseCounterLines(
      [CONFIG2, line('1', 0, counters(50)), line('1', 1, counters(50)), line('2', 0, counters(3)), line('2', 1, counters(51))].join('\n'),
    );
    assert.equal(stats.errorCount, 0);
    assert.equal(stats.warningCount, 1);
    assert.equal(stats.warnings[0].line, 4);
    assert.match(stats.warnings[0].message, /went down from 60 to 13/);
  });
});

describe('CounterLineParser: missing and interleaved lines', () => {
  test('a partition missing from a tick carries its last values forward and is counted', () => {
    const text = [
      CONFIG2,
      line('1', 0, counters(0)),
      line('1', 1, counters(1)),
      line('2', 0, counters(2)),
      line('3', 0, counters(3)),
      line('3', 1, counters(4)),
    ].join('\n');
    const { events, stats } = parseCounterLines(text);
    assert.deepEqual(
      ticks(events).map((t) => t.partitions),
      [
        [counters(0), counters(1)],
        [counters(2), counters(1)],
        [counters(3), counters(4)],
      ],
    );
    assert.equal(stats.carriedForward, 1);
  });

  test('a partition never seen before starts from zeros', () => {
    const { events } = parseCounterLines([CONFIG2, line('1', 0, counters(0))].join('\n'));
    assert.deepEqual(ticks(events)[0].partitions[1], {
      tasksIn: 0,
      dispatched: 0,
      completed: 0,
      rejectsBusy: 0,
      enqueuedDueToBusy: 0,
      maxPendingDepthObserved: 0,
      readyFamiliesCount: 0,
      inFlightFamiliesCount: 0,
    });
  });

  test('lines of two ticks arriving interleaved land in their own ticks', () => {
    const text = [
      CONFIG2,
      line('1.0', 0, counters(0)),
      line('1.5', 0, counters(2)),
      line('1.0', 1, counters(1)),
      line('1.5', 1, counters(3)),
      line('2.0', 0, counters(4)),
      line('2.0', 1, counters(5)),
    ].join('\n');
    const { events, stats } = parseCounterLines(text);
    assert.equal(stats.errorCount, 0, JSON.stringify(stats.errors));
    assert.deepEqual(
      ticks(events).map((t) => [t.t, t.partitions]),
      [
        [1, [counters(0), counters(1)]],
        [1.5, [counters(2), counters(3)]],
        [2, [counters(4), counters(5)]],
      ],
    );
    assert.equal(stats.carriedForward, 0);
  });

  test('partition lines in any order within a tick, foreign lines in between', () => {
    const text = [CONFIG2, line('1', 1, counters(1)), 'INFO something happened', line('1', 0, counters(0))].join('\n');
    const { events } = parseCounterLines(text);
    assert.deepEqual(ticks(events)[0].partitions, [counters(0), counters(1)]);
  });

  test('a line for a tick that was already emitted is reported as out of order', () => {
    const text = [
      CONFIG2,
      line('1', 0, counters(0)),
      line('1', 1, counters(1)),
      line('2', 0, counters(2)),
      line('2', 1, counters(3)),
      line('3', 0, counters(4)),
      line('1', 1, counters(9)),
    ].join('\n');
    const { stats } = parseCounterLines(text);
    assert.equal(stats.errorCount, 1);
    assert.equal(stats.errors[0].line, 7);
    assert.match(stats.errors[0].message, /out of order/);
  });

  test('a repeated partition line within a tick keeps the first and reports the second', () => {
    const text = [CONFIG2, line('1', 0, counters(0)), line('1', 0, counters(9)), line('1', 1, counters(1))].join('\n');
    const { events, stats } = parseCounterLines(text);
    assert.equal(stats.errorCount, 1);
    assert.match(stats.errors[0].message, /appears twice/);
    assert.deepEqual(ticks(events)[0].partitions, [counters(0), counters(1)]);
  });

  test('without a config line the partition count is the highest partition seen', () => {
    const { events, stats } = parseCounterLines([line('1', 0, counters(0)), line('1', 3, counters(3))].join('\n'));
    assert.equal(ticks(events)[0].partitions.length, 4);
    assert.equal(stats.partitions, 4);
    assert.equal(stats.carriedForward, 2);
  });

  test('a phase line closes the open tick before it', () => {
    const parser = new CounterLineParser();
    parser.push(CONFIG2);
    parser.push(line('1', 0, counters(0)));
    const out = parser.push('t=1.2 phase=cooldown');
    assert.deepEqual(
      out.map((e) => e.type),
      ['tick', 'phase'],
    );
  });
});
