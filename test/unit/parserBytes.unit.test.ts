// CounterLineParser.pushBytes (plain partition lines read from bytes, as `stressnb analyze` reads a
// file) gives the same events, counts and problems as the text reader, on plain lines and on every
// variant it must decline (which then go through the text reader).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CounterLineParser, parseCounterLines } from '../../src/format/counterLineParser';
import type { CounterLineParserStats } from '../../src/format/counterLineParser';
import type { RunEvent } from '../../src/format/runEvents';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');

function plain(t: string, p: number | string, base: number, tail = ''): string {
  return (
    `t=${t} partition=${p} tasksIn=${base + 10} dispatched=${base + 8} completed=${base + 6} rejectsBusy=${base} ` +
    `enqueuedDueToBusy=${base + 1} maxPendingDepthObserved=3 readyFamiliesCount=1 inFlightFamiliesCount=2${tail}`
  );
}

/** Reads text as bytes, line by line, the way the CLI does; counts the lines read from bytes. */
function parseBytes(text: string): { events: RunEvent[]; stats: CounterLineParserStats; fromBytes: number } {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const parser = new CounterLineParser();
  const events: RunEvent[] = [];
  let fromBytes = 0;
  let from = 0;
  while (from < bytes.length) {
    let nl = bytes.indexOf(10, from);
    if (nl < 0) nl = bytes.length;
    if (parser.pushBytes(bytes, from, nl, events)) fromBytes++;
    else parser.pushInto(decoder.decode(bytes.subarray(from, nl)), events);
    from = nl + 1;
  }
  events.push(...parser.end());
  return { events, stats: parser.stats, fromBytes };
}

function assertSame(text: string, where: string): number {
  const byText = parseCounterLines(text);
  const byBytes = parseBytes(text);
  assert.deepEqual(byBytes.events, byText.events, where);
  assert.deepEqual(byBytes.stats, byText.stats, where);
  return byBytes.fromBytes;
}

describe('CounterLineParser.pushBytes', () => {
  test('reads plain partition lines from bytes, with the same events as the text reader', () => {
    const text = [
      'config partitions=2',
      't=0.000 phase=measure',
      plain('0.500', 0, 0),
      plain('0.500', 1, 100),
      plain('1.000', 0, 5),
      plain('1.000', 1, 105),
      plain('1.', 0, 9),
      plain('1.', 1, 109),
    ].join('\n');
    assert.equal(assertSame(text, 'plain lines'), 6);
  });

  test('declines every variant it cannot read exactly, and the text reader gives them their meaning', () => {
    const variants = [
      plain('0.500', 0, 0, ' extra=1'),
      plain('0.500', 0, 0, '\r'),
      `  ${plain('0.500', 0, 0)}  `,
      plain('0.500', 0, 0).replace(' dispatched', '   dispatched'),
      plain('0.500', 0, 0).replace(' dispatched', '\tdispatched'),
      plain('0.500', 0, 0).replace('tasksIn=10 dispatched=8', 'dispatched=8 tasksIn=10'),
      plain('0.500', 0, 0).replace('tasksIn=10', 'tasksIn="10"'),
      plain('0.500', 0, 0).replace('tasksIn=10', 'tasksIn=-10'),
      plain('0.500', 0, 0).replace('tasksIn=10', 'tasksIn=1e1'),
      plain('0.500', 0, 0).replace('tasksIn=10', 'tasksIn=99999999999999999999'),
      plain('0.500', 0, 0).replace('tasksIn=10', 'tasksIn='),
      plain('0.500', 0, 0).replace('tasksIn=10', 'tasksIn=10x'),
      plain('0.500', 0, 0).replace('tasksIn=10', 'tasksXn=10'),
      plain('0.500', 0, 0).replace(' inFlightFamiliesCount=2', ''),
      plain('0.500', 0, 0).replace('tasksIn=10', 'tasksIn=10 tasksIn=11'),
      plain('.', 0, 0),
      plain('.5', 0, 0),
      plain('0.5.0', 0, 0),
      plain('abc', 0, 0),
      plain('0.500', 'x', 0),
      plain('0.500', '01', 0),
      plain('0.500', 99999, 0),
      plain('0.500', 0, 0).replace('partition=0', 'partition=0 phase=measure'),
      `12:00:01 INFO Stats - ${plain('0.500', 0, 0)}`,
      plain('0.500', 0, 0).replace('completed', 'complétés'),
      't=0.500',
      't=',
      'tasksIn=1',
    ];
    for (const v of variants) assertSame([plain('0.000', 0, 0), v, plain('1.000', 0, 20)].join('\n'), v);
  });

  test('problems found on lines read from bytes quote the line and its number', () => {
    const text = [
      'config partitions=2',
      plain('0.500', 0, 10),
      plain('0.500', 1, 10),
      plain('1.000', 0, 0), // goes down: a warning
      plain('1.000', 0, 30), // twice at the same t
      plain('0.500', 1, 40), // after its tick was complete
      plain('1.000', 2, 0), // beyond the config's partitions
      ` ${plain('1.500', 0, 50)}\r`,
    ].join('\n');
    const fromBytes = assertSame(text, 'problems');
    assert.equal(fromBytes, 7);
    const { stats } = parseBytes(text);
    assert.equal(stats.warnings[0].line, 4);
    assert.equal(stats.warnings[0].text, plain('1.000', 0, 0));
    assert.deepEqual(
      stats.errors.map((e) => [e.line, e.text]),
      [
        [5, plain('1.000', 0, 30)],
        [6, plain('0.500', 1, 40)],
        [7, plain('1.000', 2, 0)],
      ],
    );
  });

  test('the samples read the same from bytes', () => {
    for (const name of readdirSync(SAMPLES).filter((f) => f.endsWith('.log'))) {
      assert.ok(assertSame(readFileSync(join(SAMPLES, name), 'utf8'), name) > 0, name);
    }
  });
});
