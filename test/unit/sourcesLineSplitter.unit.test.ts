import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LineSplitter } from '../../src/sources/lineSplitter';
import { TailBuffer } from '../../src/sources/tailBuffer';

function splitAll(splitter: LineSplitter, chunks: (string | Buffer)[]) {
  const out = chunks.flatMap((c) => splitter.push(c));
  return [...out, ...splitter.end()];
}

describe('LineSplitter', () => {
  test('splits \\n and \\r\\n, keeps a final line without newline, keeps empty lines', () => {
    const lines = splitAll(new LineSplitter(), ['a\r\nb\n\nc', 'd']);
    assert.deepEqual(
      lines.map((l) => l.text),
      ['a', 'b', '', 'cd'],
    );
    assert.ok(lines.every((l) => !l.cut));
  });

  test('a \\r\\n split across chunks, and a line split at every byte, come out whole', () => {
    const text = 'config partitions=4\r\nt=0.500 phase=measure\r\nlast';
    const bytes = Buffer.from(text);
    const chunks = [...bytes].map((b) => Buffer.from([b]));
    assert.deepEqual(
      splitAll(new LineSplitter(), chunks).map((l) => l.text),
      ['config partitions=4', 't=0.500 phase=measure', 'last'],
    );
  });

  test('a UTF-8 character split across chunks is decoded once', () => {
    const bytes = Buffer.from('Größe=1\n');
    const lines = splitAll(new LineSplitter(), [bytes.subarray(0, 3), bytes.subarray(3)]);
    assert.deepEqual(
      lines.map((l) => l.text),
      ['Größe=1'],
    );
  });

  test('a line longer than the bound is cut to the bound, counted, and the next line is intact', () => {
    const s = new LineSplitter(10);
    const lines = splitAll(s, ['0123456789abc', 'def\nnext\n', 'x'.repeat(25)]);
    assert.deepEqual(lines, [
      { text: '0123456789', cut: true },
      { text: 'next', cut: false },
      { text: 'x'.repeat(10), cut: true },
    ]);
    assert.deepEqual(s.stats, { lines: 3, cutLines: 2 });
  });

  test('a line of exactly the bound is not cut, with or without \\r\\n split across chunks', () => {
    const s = new LineSplitter(4);
    const lines = splitAll(s, ['abcd\r', '\nefgh\n', 'ijklm\n']);
    assert.deepEqual(
      lines.map((l) => [l.text, l.cut]),
      [
        ['abcd', false],
        ['efgh', false],
        ['ijkl', true],
      ],
    );
  });

  test('flush() ends the unfinished line without losing what follows', () => {
    const s = new LineSplitter();
    assert.deepEqual(s.push('half'), []);
    assert.deepEqual(
      s.flush().map((l) => l.text),
      ['half'],
    );
    assert.deepEqual(
      splitAll(s, ['new\n']).map((l) => l.text),
      ['new'],
    );
  });

  test('rejects a bound that is not a positive integer', () => {
    assert.throws(() => new LineSplitter(0), /maxLineLength must be a positive integer/);
  });
});

describe('TailBuffer', () => {
  test('keeps the last lines within the line budget', () => {
    const b = new TailBuffer(3, 1000);
    for (let i = 1; i <= 10; i++) b.push(`line ${i}`);
    assert.equal(b.text(), 'line 8\nline 9\nline 10');
    assert.equal(b.droppedLines, 7);
  });

  test('keeps within the character budget, keeping the end of an overlong last line', () => {
    const b = new TailBuffer(50, 20);
    b.push('first line');
    b.push('second line');
    assert.equal(b.text(), 'second line');
    b.push('x'.repeat(30) + 'END');
    assert.equal(b.text(), 'x'.repeat(17) + 'END');
  });
});
