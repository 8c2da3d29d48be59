// When `stressnb run` lowers TurboFan's inlining limit (src/cli/engineInlining.ts): on the V8 it
// was measured with, unless node was started with the flag. That the flag is set before the run's
// bundle loads, so its code cache is checked against the same flags at every run, is what
// compileCache.unit.test.ts checks: the second run reads the cache without writing it again.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { lowersInlining } from '../../src/cli/engineInlining';

describe('the inlining limit of stressnb run', () => {
  test("is lowered on Node 20's V8", () => {
    assert.equal(lowersInlining('11.3.244.8-node.38', []), true);
    assert.equal(lowersInlining('11.3.244.8-node.38', ['--max-old-space-size=4096', '--enable-source-maps']), true);
  });

  test('is left to V8 on the V8 of other Node versions', () => {
    assert.equal(lowersInlining('12.4.254.21-node.33', []), false);
    assert.equal(lowersInlining('10.2.154.26-node.26', []), false);
  });

  test('is left as node was told, with dashes or underscores', () => {
    assert.equal(lowersInlining('11.3.244.8-node.38', ['--max-inlined-bytecode-size=300']), false);
    assert.equal(lowersInlining('11.3.244.8-node.38', ['--max_inlined_bytecode_size=300']), false);
    assert.equal(lowersInlining('11.3.244.8-node.38', ['--max-inlined-bytecode-size', '300']), false);
    // Another flag whose name starts the same is not this one.
    assert.equal(lowersInlining('11.3.244.8-node.38', ['--max-inlined-bytecode-size-cumulative=900']), true);
  });
});
