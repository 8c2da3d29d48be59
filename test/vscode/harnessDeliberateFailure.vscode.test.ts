// HARNESS check that a failing test turns `npm test` red; removed right after the check.
import * as assert from 'node:assert/strict';
describe('harness deliberate failure', () => {
  it('fails on purpose', () => {
    assert.equal(1 + 1, 3);
  });
});
