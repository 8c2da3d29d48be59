// The .vsix holds every bundle the extension and the CLI load at run time: each bundle esbuild.mjs
// builds, but the bench's and the tests', is let through .vscodeignore (which ignores everything
// else). A worker bundle left out would build and test fine here and fail only once installed.
// And nothing for development ships: vsce's own file list (what `npm run package` zips) holds no
// editor settings (.vscode/), sources, tests, scripts or scratch folders.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');

describe('the packaged extension', () => {
  test('includes every bundle but the bench and the tests', async () => {
    const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'esbuild.mjs')).href)) as {
      bundleOptions: (o: { production: boolean }) => { outfile: string }[];
    };
    const shipped = bundleOptions({ production: true })
      .map((b) => b.outfile)
      .filter((f) => !f.startsWith('dist/test/') && !f.startsWith('dist/bench'));
    assert.ok(shipped.includes('dist/extension.js') && shipped.includes('dist/logSplitWorker.js'), shipped.join(', '));
    const allowed = readFileSync(join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('!'))
      .map((l) => l.slice(1).trim());
    assert.deepEqual(
      shipped.filter((f) => !allowed.includes(f)),
      [],
      'bundles .vscodeignore leaves out',
    );
  });

  test('ships nothing for development: no .vscode/, sources, tests or scratch copies', async () => {
    // @vscode/vsce's API (untyped): PackageManager.None is 2 (no node_modules, as `vsce package --no-dependencies`).
    const { listFiles } = (await import('@vscode/vsce')) as unknown as {
      listFiles(o: { cwd: string; packageManager: number }): Promise<string[]>;
    };
    const files = await listFiles({ cwd: ROOT, packageManager: 2 });
    assert.ok(files.includes('package.json') && files.includes('README.md'), files.join(', '));
    const development = files.filter(
      (f) =>
        /^(\.vscode|\.vscode-test|src|test|scripts|bench|media|scratch|test-results|node_modules)\//.test(f) ||
        /^(CONTRIBUTING\.md|tsconfig\.json|esbuild\.mjs|eslint\.config\.mjs)$/.test(f),
    );
    assert.deepEqual(development, [], 'development files in the package');
  });
});
