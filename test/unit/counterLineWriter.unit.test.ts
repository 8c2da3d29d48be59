import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import { COUNTER_KEYS, type PartitionCounters, type RunEvent } from '../../src/format/runEvents';

// The analysis keeps copies of the shared sample logs in the fixtures.
const SAMPLES = existsSync('test/fixtures/samples') ? 'test/fixtures/samples' : '/work/shared/samples';

function counters(base: number): PartitionCounters {
  return Object.fromEntries(COUNTER_KEYS.map((k, i) => [k, base + i])) as PartitionCounters;
}

/** A deliberately small reader of the sample logs, independent of the analysis' parser. */
function sampleEvents(text: string): RunEvent[] {
  const events: RunEvent[] = [];
  let tick: Extract<RunEvent, { type: 'tick' }> | undefined;
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const fields = Object.fromEntries(
      line
        .split(' ')
        .filter((f) => f.includes('='))
        .map((f) => f.split('=') as [string, string]),
    );
    const value = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v);
    if (line.startsWith('config ')) {
      events.push({ type: 'config', config: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, value(v)])) });
    } else if ('phase' in fields) {
      tick = undefined;
      events.push({
        type: 'phase',
        t: Number(fields.t),
        phase: fields.phase as 'measure',
        ...(fields.reason ? { reason: fields.reason as 'drained' } : {}),
      });
    } else {
      const partition = Number(fields.partition);
      if (partition === 0 || !tick) {
        tick = { type: 'tick', t: Number(fields.t), partitions: [] };
        events.push(tick);
      }
      tick.partitions[partition] = Object.fromEntries(COUNTER_KEYS.map((k) => [k, Number(fields[k])])) as PartitionCounters;
    }
  }
  return events;
}

describe('formatRunEvent: counter lines', () => {
  test("the config line keeps the header's order", () => {
    const config = {
      partitions: 4,
      ringBufferSize: 1024,
      workersPerPartition: 1,
      workCostMs: 15,
      tickMs: 500,
      warmupS: 3,
      measureS: 30,
      cooldownS: 10,
      scenario: 'hot-family',
      seed: 1,
    };
    assert.deepEqual(formatRunEvent({ type: 'config', config }, 'lines'), [
      'config partitions=4 ringBufferSize=1024 workersPerPartition=1 workCostMs=15 tickMs=500 warmupS=3 measureS=30 cooldownS=10 scenario=hot-family seed=1',
    ]);
  });

  test('a value that is not logfmt-safe is quoted rather than breaking the line', () => {
    assert.deepEqual(formatRunEvent({ type: 'config', config: { scenario: 'my run', note: 'a="b"', empty: '' } }, 'lines'), [
      'config scenario="my run" note="a=\\"b\\"" empty=""',
    ]);
  });

  test('phase lines, with the reason on done', () => {
    assert.deepEqual(formatRunEvent({ type: 'phase', t: 3, phase: 'measure' }, 'lines'), ['t=3.000 phase=measure']);
    assert.deepEqual(formatRunEvent({ type: 'phase', t: 41.25, phase: 'done', reason: 'drained' }, 'lines'), [
      't=41.250 phase=done reason=drained',
    ]);
  });

  test('one line per partition, every counter key in COUNTER_KEYS order, t with three decimals', () => {
    const lines = formatRunEvent({ type: 'tick', t: 3.5, partitions: [counters(0), counters(100), counters(200)] }, 'lines');
    assert.equal(lines.length, 3);
    assert.equal(
      lines[0],
      't=3.500 partition=0 tasksIn=0 dispatched=1 completed=2 rejectsBusy=3 enqueuedDueToBusy=4 maxPendingDepthObserved=5 readyFamiliesCount=6 inFlightFamiliesCount=7',
    );
    lines.forEach((line, p) => {
      const keys = line.split(' ').map((f) => f.split('=')[0]);
      assert.deepEqual(keys, ['t', 'partition', ...COUNTER_KEYS]);
      assert.match(line, new RegExp(`^t=3\\.500 partition=${p} tasksIn=${p * 100} `));
    });
    assert.deepEqual(formatRunEvent({ type: 'tick', t: 0.0004, partitions: [counters(1)] }, 'lines')[0].slice(0, 8), 't=0.000 ');
  });

  test('re-writes every sample log byte for byte', () => {
    const files = readdirSync(SAMPLES).filter((f) => f.endsWith('.log'));
    assert.ok(files.length >= 4);
    for (const file of files) {
      const text = readFileSync(join(SAMPLES, file), 'utf8');
      const written = sampleEvents(text).flatMap((e) => formatRunEvent(e, 'lines'));
      assert.equal(`${written.join('\n')}\n`, text, file);
    }
  });
});

describe('formatRunEvent: JSON lines', () => {
  test('the same keys and values as the logfmt lines', () => {
    const text = readFileSync(join(SAMPLES, 'disruptor-hot-family.log'), 'utf8');
    const events = [...sampleEvents(text), { type: 'phase', t: 12.5, phase: 'done', reason: 'drained' } as RunEvent];
    for (const event of events) {
      const logfmt = formatRunEvent(event, 'lines');
      const json = formatRunEvent(event, 'jsonl');
      assert.equal(json.length, logfmt.length);
      json.forEach((line, i) => {
        const object = JSON.parse(line) as Record<string, unknown>;
        const expected = Object.fromEntries(logfmt[i].split(' ').map((f) => (f.includes('=') ? f.split('=') : [f, 'true'])));
        assert.deepEqual(Object.keys(object), Object.keys(expected));
        for (const [k, v] of Object.entries(object))
          assert.equal(k === 't' ? Number(v).toFixed(3) : String(v), expected[k], `${k} in ${line}`);
      });
    }
  });

  test('config is marked with "config": true and t is a number', () => {
    assert.deepEqual(formatRunEvent({ type: 'config', config: { partitions: 2, scenario: 'steady' } }, 'jsonl'), [
      '{"config":true,"partitions":2,"scenario":"steady"}',
    ]);
    assert.deepEqual(formatRunEvent({ type: 'phase', t: 1.0004, phase: 'warmup' }, 'jsonl'), ['{"t":1,"phase":"warmup"}']);
  });
});
