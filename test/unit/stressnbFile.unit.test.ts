import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { findJsonSyntaxError } from '../../src/format/jsonSyntaxError';
import { outputItemFromBytes, outputItemToBytes } from '../../src/format/outputItemCodec';
import {
  MAX_STRESSNB_BYTES,
  emptyStressnb,
  parseStressnb,
  parseStressnbBytes,
  serializeStressnb,
  type StressnbNotebook,
} from '../../src/format/stressnbFile';

const CHARTS_MIME = 'application/vnd.stressnb.charts+json';

function sampleNotebook(): StressnbNotebook {
  return {
    version: 1,
    metadata: { title: 'Session 6', baseline: { cell: 2 } },
    cells: [
      { kind: 'markdown', source: '# Session 6\n\nStep 0: the fixed config.' },
      {
        kind: 'scenario',
        source: 'scenario: hot-family\nseed: 1\n',
        outputs: [
          {
            items: [
              { mime: 'text/plain', data: 'config partitions=4\nt=0.500 partition=0 tasksIn=0\n' },
              { mime: CHARTS_MIME, data: { zeta: 1, alpha: [1, 2, { b: true, a: null }] } },
              { mime: 'image/png', data: 'iVBORw0KGgo=', encoding: 'base64' },
            ],
            metadata: { run: 'completed' },
          },
        ],
        metadata: { collapsed: false },
      },
      { kind: 'scenario', source: 'scenario: steady\n' },
    ],
  };
}

function refusal(text: string) {
  const parsed = parseStressnb(text);
  assert.equal(parsed.ok, false, 'refused');
  if (parsed.ok) throw new Error('unreachable');
  return parsed.error;
}

describe('.stressnb serialization', () => {
  test('sorted keys, two-space indent, trailing newline, no churn fields', () => {
    const text = serializeStressnb(sampleNotebook());
    assert.ok(text.endsWith('}\n') && !text.endsWith('\n\n'));
    assert.match(text, /^\{\n {2}"cells": \[\n {4}\{\n {6}"kind": "markdown",/);
    const keysInOrder = [...text.matchAll(/^\s*"(\w+)":/gm)].map((m) => m[1]);
    assert.ok(
      keysInOrder.indexOf('cells') < keysInOrder.indexOf('metadata') &&
        keysInOrder.indexOf('metadata') < keysInOrder.lastIndexOf('version'),
    );
    assert.ok(text.indexOf('"zeta"') < text.indexOf('"alpha"'), 'output data keeps its own key order (its bytes must survive)');
    assert.ok(
      text.indexOf('"collapsed"') < text.indexOf('"outputs"') && text.indexOf('"outputs"') < text.indexOf('"source": "scenario'),
      'cell keys are sorted: kind, metadata, outputs, source',
    );
    assert.doesNotMatch(text, /executionOrder|executionCount|timing|startTime|endTime/);
  });

  test('round trip keeps everything, and the bytes are stable', () => {
    const notebook = sampleNotebook();
    const text = serializeStressnb(notebook);
    const parsed = parseStressnb(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.notebook, notebook);
    assert.equal(serializeStressnb(parsed.notebook), text);
  });

  test('key insertion order does not change the bytes', () => {
    const a = sampleNotebook();
    const b: StressnbNotebook = {
      cells: a.cells.map((c) => ({ metadata: c.metadata, outputs: c.outputs, source: c.source, kind: c.kind })),
      metadata: { baseline: { cell: 2 }, title: 'Session 6' },
      version: 1,
    };
    assert.equal(serializeStressnb(b), serializeStressnb(a));
  });

  test('empty outputs and metadata are left out, so clearing outputs leaves no trace', () => {
    const text = serializeStressnb({ version: 1, metadata: {}, cells: [{ kind: 'scenario', source: 'x', outputs: [], metadata: {} }] });
    assert.equal(
      text,
      '{\n  "cells": [\n    {\n      "kind": "scenario",\n      "source": "x"\n    }\n  ],\n  "metadata": {},\n  "version": 1\n}\n',
    );
  });

  test('property: any notebook round-trips to identical bytes', () => {
    const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<never>;
    const object = fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 });
    const item = fc.oneof(
      fc.record({ mime: fc.constant('text/plain'), data: fc.string() }),
      fc.record({ mime: fc.constant(CHARTS_MIME), data: json }),
      fc.record({
        mime: fc.constant('application/octet-stream'),
        data: fc.uint8Array({ maxLength: 20 }).map((b) => Buffer.from(b).toString('base64')),
        encoding: fc.constant('base64' as const),
      }),
    );
    const cell = fc.record(
      {
        kind: fc.constantFrom('markdown' as const, 'scenario' as const),
        source: fc.string(),
        outputs: fc.array(fc.record({ items: fc.array(item, { maxLength: 3 }) }), { minLength: 1, maxLength: 2 }),
        metadata: object,
      },
      { requiredKeys: ['kind', 'source'] },
    );
    const notebook = fc.record({ version: fc.constant(1 as const), metadata: object, cells: fc.array(cell, { maxLength: 4 }) });
    fc.assert(
      fc.property(notebook, (nb) => {
        const text = serializeStressnb(nb as StressnbNotebook);
        const parsed = parseStressnb(text);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
        assert.equal(serializeStressnb(parsed.notebook), text);
      }),
      { numRuns: 150 },
    );
  });
});

describe('.stressnb parsing and refusal', () => {
  test('empty or blank text is a new empty notebook', () => {
    assert.deepEqual(parseStressnb(''), { ok: true, notebook: emptyStressnb() });
    assert.deepEqual(parseStressnb(' \n'), { ok: true, notebook: emptyStressnb() });
    assert.deepEqual(parseStressnbBytes(new Uint8Array()), { ok: true, notebook: emptyStressnb() });
  });

  test('a byte-order mark is tolerated', () => {
    assert.ok(parseStressnb(`\ufeff${serializeStressnb(sampleNotebook())}`).ok);
  });

  test('truncated JSON is refused with its position', () => {
    const text = serializeStressnb(sampleNotebook());
    const cut = text.slice(0, Math.floor(text.length / 2));
    const error = refusal(cut);
    assert.match(error.message, /truncated/);
    const lastLine = cut.split('\n').length;
    assert.equal(error.line, lastLine);
    assert.equal(error.column, cut.length - cut.lastIndexOf('\n'));
    assert.match(error.message, new RegExp(`line ${lastLine}, column ${error.column}`));
  });

  test('invalid JSON is refused with its position', () => {
    const trailing = refusal('{\n  "version": 1,\n  "cells": [],\n}\n');
    assert.deepEqual([trailing.line, trailing.column], [4, 1]);
    assert.match(trailing.message, /trailing comma/);
    const bareWord = refusal('{"version": 1, "cells": [tru]}');
    assert.deepEqual([bareWord.line, bareWord.column], [1, 26]);
    const extra = refusal('{"version": 1, "cells": []} x');
    assert.match(extra.message, /after the end/);
    assert.deepEqual([extra.line, extra.column], [1, 29]);
  });

  test('a JSON syntax error names its line and column and what was expected there', () => {
    const cases: [text: string, line: number, column: number, message: string][] = [
      [
        '{\n  "version": 1\n  "cells": []\n}',
        3,
        3,
        'invalid JSON: expected "," or "}" after a property value, found "\\"cells\\"" at line 3, column 3',
      ],
      ['{"version": 1, "cells": [tru]}', 1, 26, 'invalid JSON: expected a value or "]", found "tru" at line 1, column 26'],
      ['{"version" 1}', 1, 12, 'invalid JSON: expected ":" after a property name, found "1" at line 1, column 12'],
      ["{'version': 1}", 1, 2, 'invalid JSON: expected a property name in double quotes or "}", found "\'version\'" at line 1, column 2'],
      [
        '{"cells": [{"kind": "markdown"} {"kind": "scenario"}]}',
        1,
        33,
        'invalid JSON: expected "," or "]" after an array element, found "{" at line 1, column 33',
      ],
      ['{"cells": [], "version": 1, }', 1, 29, 'invalid JSON: trailing comma before "}" at line 1, column 29'],
      ['{"a": "x\\qy"}', 1, 9, 'invalid JSON: invalid escape \\q in a string at line 1, column 9'],
      ['{"a": "two\nlines"}', 1, 11, 'invalid JSON: a line break inside a string (write it as \\n) at line 1, column 11'],
      ['{"a": 1.}', 1, 9, 'invalid JSON: the number "1." ends before its digits at line 1, column 9'],
      ['{"a": 1}\r\n\r\n x', 3, 2, 'invalid JSON: unexpected "x" after the end of the JSON value at line 3, column 2'],
      ['{"a": 1}\u00a0', 1, 9, 'invalid JSON: unexpected "\\u00a0" after the end of the JSON value at line 1, column 9'],
      [
        '{"a": 1',
        1,
        8,
        'the file ends before the JSON is complete (unexpected end of file: expected "," or "}" after a property value): it looks truncated at line 1, column 8',
      ],
    ];
    for (const [text, line, column, message] of cases) assert.deepEqual(refusal(text), { message, line, column }, text);
  });

  test('a .stressnb is strict JSON: comments and trailing commas are errors', () => {
    const comment = refusal('{\n  // the session\n  "version": 1, "cells": []\n}');
    assert.deepEqual([comment.line, comment.column], [2, 3]);
    assert.match(comment.message, /a comment: JSON has none/);
    assert.match(refusal('{"version": 1, "cells": [] /* done */}').message, /a comment/);
    assert.match(refusal('{"version": 1, "cells": [{"kind": "markdown", "source": "x"},]}').message, /trailing comma before "\]"/);
  });

  test('every text JSON.parse refuses has a syntax error, and no text it reads has one', () => {
    const significant = fc.constantFrom(
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"',
      '\\',
      '/',
      '*',
      '\n',
      '\r',
      '\t',
      '\u000b',
      '\u00a0',
      '\u2028',
      'a',
      'u',
      '0',
      '1',
      '-',
      '+',
      '.',
      'e',
      ' ',
      'x',
    );
    const mutated = fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.nat(3), fc.array(significant, { minLength: 1, maxLength: 3 }))
      .map(([json, at, remove, insert]) => {
        const i = at % (json.length + 1);
        return json.slice(0, i) + insert.join('') + json.slice(i + remove);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        assert.equal(findJsonSyntaxError(text) === undefined, valid, JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('a file cut anywhere looks truncated, at its end', () => {
    const notebook = sampleNotebook();
    // Every kind of token, to be cut inside: numbers, escapes (\u0001 and \n in the file), words.
    notebook.metadata.values = [-1.5e-3, 'a \u0001 \n "b"', true, false, null];
    const text = serializeStressnb(notebook);
    assert.match(text, /-0\.0015,\s+"a \\u0001 \\n \\"b\\"",\s+true,\s+false,\s+null/);
    for (let n = 1; n < text.trimEnd().length; n++) {
      const cut = text.slice(0, n);
      const found = findJsonSyntaxError(cut);
      assert.ok(found?.truncated, `${JSON.stringify(cut.slice(-20))}: ${found?.message}`);
      assert.equal(found.offset, cut.length);
    }
  });

  test('wrong types are refused with a JSON path', () => {
    const nb = JSON.parse(serializeStressnb(sampleNotebook()));
    nb.cells[1].outputs[0].items[1].mime = 42;
    const error = refusal(JSON.stringify(nb));
    assert.equal(error.path, 'cells[1].outputs[0].items[1].mime');
    assert.match(error.message, /^cells\[1\]\.outputs\[0\]\.items\[1\]\.mime: expected a string, got the number 42/);

    type ParsedJson = ReturnType<typeof JSON.parse>;
    const cases: [(n: ParsedJson) => void, string, RegExp][] = [
      [(n) => (n.cells = {}), 'cells', /expected an array, got an object/],
      [(n) => (n.cells[0].kind = 'code'), 'cells[0].kind', /expected "markdown" or "scenario", got the string "code"/],
      [(n) => delete n.cells[0].source, 'cells[0].source', /missing/],
      [
        (n) => (n.cells[2].outputs = [{ items: [{ mime: 'text/plain', data: 5 }] }]),
        'cells[2].outputs[0].items[0].data',
        /expected a string, got the number 5/,
      ],
      [(n) => (n.cells[1].outputs[0].items[2].data = 'not base64!'), 'cells[1].outputs[0].items[2].data', /not valid base64/],
      [
        (n) => (n.cells[1].outputs[0].items[2].encoding = 'hex'),
        'cells[1].outputs[0].items[2].encoding',
        /expected "base64", "text" or no encoding/,
      ],
      [(n) => (n.cells[0].executionCount = 3), 'cells[0].executionCount', /unknown key/],
      [(n) => (n.metadata = []), 'metadata', /expected an object, got an array/],
    ];
    for (const [mutate, path, message] of cases) {
      const copy = JSON.parse(serializeStressnb(sampleNotebook()));
      mutate(copy);
      const e = refusal(JSON.stringify(copy));
      assert.equal(e.path, path);
      assert.match(e.message, message);
    }
    assert.match(refusal('[]').message, /top level must be an object/);
  });

  test('an unknown or missing version is refused', () => {
    assert.match(refusal('{"version": 2, "metadata": {}, "cells": []}').message, /version 2 is newer than this stressnb understands \(1\)/);
    assert.match(refusal('{"version": "1", "cells": []}').message, /unknown version "1"/);
    assert.match(refusal('{"cells": []}').message, /^version: missing/);
  });

  test('a 50 MB input is refused before parsing, with its size', () => {
    const big = `{"version": 1, "metadata": {"pad": "${'x'.repeat(50 * 1024 * 1024)}"}, "cells": []}`;
    const error = refusal(big);
    assert.match(error.message, /the file is 50\.0 MB; the largest \.stressnb opened is 20\.0 MB/);
    const bytes = new Uint8Array(MAX_STRESSNB_BYTES + 1);
    const fromBytes = parseStressnbBytes(bytes);
    assert.ok(!fromBytes.ok && /20\.0 MB/.test(fromBytes.error.message));
  });

  test('invalid UTF-8 is refused', () => {
    const parsed = parseStressnbBytes(new Uint8Array([0x7b, 0xff, 0x7d]));
    assert.ok(!parsed.ok && /not valid UTF-8/.test(parsed.error.message));
  });
});

describe('output item codec', () => {
  const encode = (s: string) => new TextEncoder().encode(s);
  const vscodeJson = (v: unknown) => encode(JSON.stringify(v, undefined, '\t'));

  test('text as a string, JSON as a value, binary as base64, and back to the same bytes', () => {
    assert.deepEqual(outputItemFromBytes('text/plain', encode('a\nb')), { mime: 'text/plain', data: 'a\nb' });
    assert.deepEqual(outputItemFromBytes('application/vnd.code.notebook.stdout', encode('x')), {
      mime: 'application/vnd.code.notebook.stdout',
      data: 'x',
    });
    const charts = { z: 1, a: [1, 2, { y: true, b: null }] };
    const chartItem = outputItemFromBytes(CHARTS_MIME, vscodeJson(charts));
    assert.deepEqual(chartItem, { mime: CHARTS_MIME, data: charts });
    assert.deepEqual(outputItemToBytes(chartItem), vscodeJson(charts));
    assert.deepEqual(outputItemFromBytes('application/vnd.code.notebook.error', vscodeJson({ name: 'Error', message: 'm' })).data, {
      name: 'Error',
      message: 'm',
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255]);
    const item = outputItemFromBytes('image/png', png);
    assert.deepEqual(item, { mime: 'image/png', data: Buffer.from(png).toString('base64'), encoding: 'base64' });
    assert.deepEqual(outputItemToBytes(item), png);
    assert.equal(new TextDecoder().decode(outputItemToBytes({ mime: 'text/markdown', data: '# hi' })), '# hi');
  });

  test("bytes that do not fit their mime's natural form are kept exactly", () => {
    const compact = encode('{"b":1,"a":2}');
    const compactItem = outputItemFromBytes('application/json', compact);
    assert.deepEqual(compactItem, { mime: 'application/json', data: '{"b":1,"a":2}', encoding: 'text' });
    assert.deepEqual(outputItemToBytes(compactItem), compact);
    const notJson = encode('{not json');
    assert.deepEqual(outputItemToBytes(outputItemFromBytes('application/json', notJson)), notJson);
    const notUtf8 = new Uint8Array([0xc3, 0x28]);
    const item = outputItemFromBytes('text/plain', notUtf8);
    assert.equal(item.encoding, 'base64');
    assert.deepEqual(outputItemToBytes(item), notUtf8);
  });

  test('property: any bytes survive codec, save and reopen exactly', () => {
    const mime = fc.constantFrom('text/plain', CHARTS_MIME, 'application/json', 'image/png', 'application/vnd.code.notebook.stderr');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string().map(encode),
      fc.jsonValue({ maxDepth: 3 }).map((v) => vscodeJson(v)),
      fc.jsonValue({ maxDepth: 3 }).map((v) => encode(JSON.stringify(v))),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(mime, bytes), { maxLength: 5 }), (pairs) => {
        const items = pairs.map(([m, b]) => outputItemFromBytes(m, b));
        const text = serializeStressnb({ version: 1, metadata: {}, cells: [{ kind: 'scenario', source: '', outputs: [{ items }] }] });
        const parsed = parseStressnb(text);
        assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
        const reopened = parsed.notebook.cells[0].outputs?.[0]?.items ?? [];
        assert.deepEqual(
          reopened.map(outputItemToBytes),
          pairs.map(([, b]) => b),
        );
        assert.equal(serializeStressnb(parsed.notebook), text);
      }),
      { numRuns: 200 },
    );
  });
});
