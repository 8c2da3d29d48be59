import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cursorContext, scenarioOf, wordAt, workCostDistOf } from '../../src/extension/specCursor';

/** The context at the `|` in `text` (the bar is removed). */
function at(textWithBar: string) {
  const offset = textWithBar.indexOf('|');
  const text = textWithBar.slice(0, offset) + textWithBar.slice(offset + 1);
  const before = text.slice(0, offset).split('\n');
  return cursorContext(text, before.length - 1, before[before.length - 1].length);
}

describe('scenario cell cursor context', () => {
  test('a key at the top level', () => {
    assert.deepEqual(at('scenario: steady\nmea|'), { kind: 'key', path: [], prefix: 'mea' });
    assert.deepEqual(at('|'), { kind: 'key', path: [], prefix: '' });
  });

  test('a value of a top-level key', () => {
    assert.deepEqual(at('scenario: hot|'), { kind: 'value', path: [], key: 'scenario', prefix: 'hot' });
    assert.deepEqual(at('pace: |'), { kind: 'value', path: [], key: 'pace', prefix: '' });
  });

  test('keys and values inside block mappings', () => {
    assert.deepEqual(at('scenario: hot-family\nload:\n  hotTasks: 5\n  oth|'), { kind: 'key', path: ['load'], prefix: 'oth' });
    assert.deepEqual(at('fault:\n  name: no|'), { kind: 'value', path: ['fault'], key: 'name', prefix: 'no' });
    assert.deepEqual(at('load:\n  x: 1\nseed|'), { kind: 'key', path: [], prefix: 'seed' });
  });

  test('list items of custom streams, with the dash indented or not', () => {
    const indented = 'scenario: custom\nload:\n  streams:\n    - families: 10\n      rate|';
    assert.deepEqual(at(indented), { kind: 'key', path: ['load', 'streams', '*'], prefix: 'rate' });
    const newItem = 'load:\n  streams:\n    - families: 10\n    - |';
    assert.deepEqual(at(newItem), { kind: 'key', path: ['load', 'streams', '*'], prefix: '' });
    const compact = 'load:\n  streams:\n  - families: 10\n    uncorrelated: t|';
    assert.deepEqual(at(compact), { kind: 'value', path: ['load', 'streams', '*'], key: 'uncorrelated', prefix: 't' });
  });

  test('flow mappings on one line', () => {
    assert.deepEqual(at('load: { hotTasks: 5000, oth|'), { kind: 'key', path: ['load'], prefix: 'oth' });
    assert.deepEqual(at('fault: { name: stu|'), { kind: 'value', path: ['fault'], key: 'name', prefix: 'stu' });
    assert.deepEqual(at('workCostMs: { dist: lognormal, |'), { kind: 'key', path: ['workCostMs'], prefix: '' });
    assert.deepEqual(at('load: { streams: [ { families: 3, rat|'), { kind: 'key', path: ['load', 'streams', '*'], prefix: 'rat' });
    assert.equal(at('load: { a: 1 }|'), undefined);
  });

  test('values in a list, and dotted keys, under sweep:', () => {
    assert.deepEqual(at('sweep:\n  handler: [async, sy|'), { kind: 'value', path: ['sweep'], key: 'handler', prefix: 'sy' });
    assert.deepEqual(at('sweep:\n  handler: [|'), { kind: 'value', path: ['sweep'], key: 'handler', prefix: '' });
    assert.deepEqual(at('sweep: { fault: [none, no|'), { kind: 'value', path: ['sweep'], key: 'fault', prefix: 'no' });
    assert.deepEqual(at('sweep:\n  load.burst|'), { kind: 'key', path: ['sweep'], prefix: 'load.burst' });
    assert.deepEqual(at('sweep:\n  load.burstTasks: [1000, 2000]\n  ring|'), { kind: 'key', path: ['sweep'], prefix: 'ring' });
    assert.deepEqual(at('sweep:\n  fault: [none, { name: st|'), {
      kind: 'value',
      path: ['sweep', 'fault', '*'],
      key: 'name',
      prefix: 'st',
    });
    assert.deepEqual(wordAt('  load.burstTasks: [1000]', 5), { word: 'load.burstTasks', start: 2, end: 17 });
  });

  test('nothing inside a comment', () => {
    assert.equal(at('# scen|'), undefined);
    assert.equal(at('seed: 1 # a comm|'), undefined);
  });

  test('the scenario and the work-cost distribution of the cell', () => {
    assert.equal(scenarioOf('seed: 1\nscenario: small-ring-burst\n'), 'small-ring-burst');
    assert.equal(scenarioOf('scenario: nope\n'), undefined);
    assert.equal(workCostDistOf('workCostMs: { dist: uniform, minMs: 1 }'), 'uniform');
  });

  test('the word under a position', () => {
    assert.deepEqual(wordAt('  hotTasks: 5000', 4), { word: 'hotTasks', start: 2, end: 10 });
    assert.deepEqual(wordAt('scenario: hot-family', 12), { word: 'hot-family', start: 10, end: 20 });
    assert.equal(wordAt('    ', 2), undefined);
  });
});
