import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CounterLineParser, parseCounterLines } from '../../src/format/counterLineParser';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import { COUNTER_KEYS } from '../../src/format/runEvents';
import type { PartitionCounters, RunEvent } from '../../src/format/runEvents';

const FOREIGN = [
  '2024-05-01 12:00:00 INFO [main] Scheduler started',
  'WARN  [worker-1] slow handler: 1234 ms',
  '   ', // blank (a bare '' at the very end would be the text's final newline)
  '\tat java.base/java.lang.Thread.run(Thread.java:840)',
  '{"level":"DEBUG","message":"tick"}',
  't=12ms pause',
];

const countersArb = fc
  .record(
    Object.fromEntries(COUNTER_KEYS.map((k) => [k, fc.integer({ min: 0, max: 2 ** 40 })])) as Record<
      keyof PartitionCounters,
      fc.Arbitrary<number>
    >,
  )
  .map((c): PartitionCounters => ({ ...c }));

/** A run: config, then ticks at strictly increasing times with a phase event now and then. */
const runArb = fc
  .record({
    partitions: fc.integer({ min: 1, max: 6 }),
    steps: fc.array(
      fc.record({ dtMs: fc.integer({ min: 1, max: 5000 }), phase: fc.constantFrom(undefined, 'warmup', 'measure', 'cooldown') }),
      { minLength: 1, maxLength: 20 },
    ),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .chain(({ partitions, steps, seed }) =>
    fc.tuple(
      fc.constant({ partitions, steps, seed }),
      fc.array(fc.array(countersArb, { minLength: partitions, maxLength: partitions }), {
        minLength: steps.length,
        maxLength: steps.length,
      }),
    ),
  )
  .map(([{ partitions, steps, seed }, values]) => {
    const events: RunEvent[] = [{ type: 'config', config: { partitions, scenario: 'custom', seed } }];
    let ms = 0;
    steps.forEach((s, i) => {
      ms += s.dtMs;
      if (s.phase) events.push({ type: 'phase', t: ms / 1000, phase: s.phase as 'warmup' });
      events.push({ type: 'tick', t: ms / 1000, partitions: values[i] });
    });
    events.push({ type: 'phase', t: ms / 1000, phase: 'done', reason: 'drained' });
    return events;
  });

describe('CounterLineParser properties', () => {
  test('what the writer writes is read back exactly, with foreign lines anywhere in between', () => {
    fc.assert(
      fc.property(
        runArb,
        fc.constantFrom('lines' as const, 'jsonl' as const),
        fc.array(fc.nat(), { maxLength: 30 }),
        (events, format, noise) => {
          const lines = events.flatMap((e) => formatRunEvent(e, format));
          for (const n of noise) lines.splice(n % (lines.length + 1), 0, FOREIGN[n % FOREIGN.length]);
          const parsed = parseCounterLines(lines.join('\n'));
          assert.deepEqual(parsed.events, events);
          assert.equal(parsed.stats.errorCount, 0);
          assert.equal(parsed.stats.foreignLines, noise.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  test('arbitrary text never throws, and every line is counted exactly once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(...FOREIGN), fc.constant('t=1 partition=0 tasksIn=')), { maxLength: 40 }),
        (lines) => {
          const parser = new CounterLineParser();
          for (const l of lines) parser.push(l);
          parser.end();
          const s = parser.stats;
          assert.equal(s.lines, lines.length);
          assert.equal(s.counterLines + s.phaseLines + s.configLines + s.foreignLines + s.errorCount, lines.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
