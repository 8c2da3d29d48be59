// The parser's tables that go by counter position (the logfmt scanner's key lookup, the values it
// fills, the JSON decoder's keys, the carried-forward zeros) must agree with COUNTER_KEYS: every
// counter gets its own value here, so a counter read under another key's name shows.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCounterLines } from '../../src/format/counterLineParser';
import { COUNTER_KEYS } from '../../src/format/runEvents';
import type { CounterKey, PartitionCounters, RunEvent } from '../../src/format/runEvents';

type Tick = Extract<RunEvent, { type: 'tick' }>;

/** A value of its own for each counter, and one the others cannot be mistaken for. */
function distinct(base = 0): PartitionCounters {
  return Object.fromEntries(COUNTER_KEYS.map((key, k) => [key, base + 1000 * (k + 1) + key.length])) as PartitionCounters;
}

function logfmt(
  c: PartitionCounters,
  keys: readonly CounterKey[] = COUNTER_KEYS,
  value = (n: number) => String(n),
  t = '1.000',
  p = 0,
): string {
  return [`t=${t}`, `partition=${p}`, ...keys.map((key) => `${key}=${value(c[key])}`)].join(' ');
}

function json(c: PartitionCounters, keys: readonly CounterKey[] = COUNTER_KEYS): string {
  return JSON.stringify({ t: 1, partition: 0, ...Object.fromEntries(keys.map((key) => [key, c[key]])) });
}

function onlyTick(text: string): PartitionCounters {
  const { events, stats } = parseCounterLines(text);
  assert.equal(stats.errorCount, 0, JSON.stringify(stats.errors));
  const ticks = events.filter((e): e is Tick => e.type === 'tick');
  assert.equal(ticks.length, 1);
  return ticks[0].partitions[0];
}

function assertSameCounters(actual: PartitionCounters, expected: PartitionCounters): void {
  assert.deepEqual(Object.keys(actual).sort(), [...COUNTER_KEYS].sort());
  for (const key of COUNTER_KEYS) assert.equal(actual[key], expected[key], key);
}

const REVERSED = [...COUNTER_KEYS].reverse();
const SHUFFLED = COUNTER_KEYS.map((_, k) => COUNTER_KEYS[(k * 3 + 1) % COUNTER_KEYS.length]);

describe('counter tables agree with COUNTER_KEYS', () => {
  test('the shuffle used below covers every key once', () => {
    assert.deepEqual([...SHUFFLED].sort(), [...COUNTER_KEYS].sort());
  });

  const logfmtCases: [string, () => string][] = [
    ['logfmt in the writer order', () => logfmt(distinct())],
    ['logfmt in reverse order', () => logfmt(distinct(), REVERSED)],
    ['logfmt in shuffled order', () => logfmt(distinct(), SHUFFLED)],
    ['logfmt with quoted values', () => logfmt(distinct(), COUNTER_KEYS, (n) => `"${n}"`)],
    ['logfmt with tabs as separators', () => logfmt(distinct(), SHUFFLED).replace(/ /g, '\t')],
    ['logfmt printed through a logger', () => `12:00:01 INFO Stats - ${logfmt(distinct(), REVERSED)}`],
    ['JSON in the writer order', () => json(distinct())],
    ['JSON in reverse order', () => json(distinct(), REVERSED)],
  ];
  for (const [name, make] of logfmtCases) {
    test(`${name}: each counter lands under its own key`, () => {
      assertSameCounters(onlyTick(make()), distinct());
    });
  }

  test('a missing counter is named (logfmt and JSON)', () => {
    for (const missing of COUNTER_KEYS) {
      const keys = COUNTER_KEYS.filter((key) => key !== missing);
      for (const text of [logfmt(distinct(), keys), json(distinct(), keys)]) {
        const { stats } = parseCounterLines(text);
        assert.equal(stats.errorCount, 1, text);
        assert.match(stats.errors[0].message, new RegExp(`^missing ${missing} \\(`), text);
      }
    }
  });

  test('a repeated or unreadable counter is named (logfmt and JSON)', () => {
    for (const key of COUNTER_KEYS) {
      const twice = `${logfmt(distinct(), REVERSED)} ${key}=1`;
      assert.equal(parseCounterLines(twice).stats.errors[0]?.message, `the key ${key} appears twice`);
      const bad = logfmt(distinct(), REVERSED).replace(`${key}=`, `${key}=x`);
      assert.match(parseCounterLines(bad).stats.errors[0]?.message ?? '', new RegExp(`^${key} is not a number`));
      const badJson = JSON.stringify({ ...JSON.parse(json(distinct())), [key]: -1 });
      assert.match(parseCounterLines(badJson).stats.errors[0]?.message ?? '', new RegExp(`^"${key}" is negative`));
    }
  });

  test('a partition missing from the first tick is carried forward as zero for every counter', () => {
    const text = ['config partitions=2', logfmt(distinct(), COUNTER_KEYS, String, '1.000', 1)].join('\n');
    const { events } = parseCounterLines(text);
    const tick = events.find((e): e is Tick => e.type === 'tick')!;
    assertSameCounters(tick.partitions[0], Object.fromEntries(COUNTER_KEYS.map((key) => [key, 0])) as PartitionCounters);
    assertSameCounters(tick.partitions[1], distinct());
  });

  test('a cumulative counter going down is named; the two gauges may go down', () => {
    const gauges: CounterKey[] = ['readyFamiliesCount', 'inFlightFamiliesCount'];
    for (const key of COUNTER_KEYS) {
      const later = { ...distinct(100), [key]: distinct()[key] - 1 };
      const { stats } = parseCounterLines([logfmt(distinct()), logfmt(later, COUNTER_KEYS, String, '2.000')].join('\n'));
      if (gauges.includes(key)) {
        assert.equal(stats.warningCount, 0, key);
      } else {
        assert.equal(stats.warningCount, 1, key);
        assert.match(stats.warnings[0].message, new RegExp(`^${key} of partition 0 went down`));
      }
    }
  });
});
