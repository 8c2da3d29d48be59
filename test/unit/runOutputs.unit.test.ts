// What a run leaves in its outputs as data: output kinds and spec fingerprints, the full transcript item.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readRunOutputInfo, readTranscriptPayload, runOutputMetadata, specHash } from '../../src/contracts/runOutputs';

describe('run outputs', () => {
  test('specHash is FNV-1a 64 of the UTF-8 text (published test vectors)', () => {
    assert.equal(specHash(''), 'fnv1a64:cbf29ce484222325');
    assert.equal(specHash('a'), 'fnv1a64:af63dc4c8601ec8c');
    assert.equal(specHash('foobar'), 'fnv1a64:85944171f73967e8');
  });

  test('specHash tells texts apart, but not line endings', () => {
    const text = 'scenario: steady\nseed: 1\n';
    assert.equal(specHash(text), specHash(text));
    assert.notEqual(specHash(text), specHash(text.replace('1', '2')));
    assert.equal(specHash(text), specHash(text.replace(/\n/g, '\r\n')));
    assert.notEqual(specHash('é'), specHash('e'));
  });

  test('output metadata carries the kind and the fingerprint, and reads back', () => {
    const metadata = { other: 1, ...runOutputMetadata('headline', 'fnv1a64:0000000000000001') };
    assert.deepEqual(readRunOutputInfo(metadata), { kind: 'headline', specHash: 'fnv1a64:0000000000000001' });
    assert.equal(readRunOutputInfo(undefined), undefined);
    assert.equal(readRunOutputInfo({ stressnbRun: { kind: 'chart', specHash: 'x' } }), undefined);
    assert.equal(readRunOutputInfo({ stressnbRun: { kind: 'report' } }), undefined);
  });

  test('the transcript item is read back or refused with a reason', () => {
    assert.deepEqual(readTranscriptPayload({ version: 1, lines: ['a', 'b'] }), { version: 1, lines: ['a', 'b'] });
    assert.throws(() => readTranscriptPayload({ version: 2, lines: [] }), /version 2/);
    assert.throws(() => readTranscriptPayload({ version: 1, lines: [1] }), /"lines"/);
    assert.throws(() => readTranscriptPayload('text'), /not a JSON object/);
  });
});
