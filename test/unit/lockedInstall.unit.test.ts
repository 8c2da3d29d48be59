// scripts/ensure-node-modules.mjs reinstalls only when node_modules does not hold what the lock
// locks: judged by content (node_modules/.package-lock.json), never by file times.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { staleReason } from '../../scripts/lib/lockedInstall.mjs';

const lock = JSON.stringify({
  packages: {
    '': { name: 'stressnb', devDependencies: { vega: '6.4.0' } },
    'node_modules/vega': { version: '6.4.0' },
    'node_modules/vega/node_modules/d3': { version: '3.0.0' },
    'node_modules/@esbuild/win32-x64': { version: '0.28.2', optional: true },
  },
});
const installed = (packages: Record<string, { version: string }>) => JSON.stringify({ packages });

describe('staleReason', () => {
  test('an install of every locked package at its version is up to date (optional ones for other platforms may be missing)', () => {
    assert.equal(
      staleReason(
        lock,
        installed({ 'node_modules/vega': { version: '6.4.0' }, 'node_modules/vega/node_modules/d3': { version: '3.0.0' } }),
      ),
      undefined,
    );
  });

  test('no record of an install, a missing package or another version is stale, and says which', () => {
    assert.match(staleReason(lock, undefined)!, /no record of an install/);
    assert.match(
      staleReason(lock, installed({ 'node_modules/vega': { version: '6.4.0' } }))!,
      /node_modules\/vega\/node_modules\/d3 is not installed/,
    );
    assert.match(
      staleReason(
        lock,
        installed({ 'node_modules/vega': { version: '6.3.0' }, 'node_modules/vega/node_modules/d3': { version: '3.0.0' } }),
      )!,
      /node_modules\/vega is 6\.3\.0, the lock wants 6\.4\.0/,
    );
  });
});
