// Nothing of the test harness ships: the bundles `npm run package` puts in the .vsix, built as it
// builds them (`node esbuild.mjs --production`), hold none of the test hooks of
// src/extension/testHooks.ts. The same bundles built for development (what the tests load) do hold
// them, so the names searched for are the right ones. Only the CLI's bundles change V8's flags,
// never one that VS Code loads. And the production CLI bundle runs: a dependency esbuild bundles
// wrongly fails only when the bundle is loaded.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = join(__dirname, '..', '..');
/** Names and texts that exist only for the extension's own tests. */
const HOOKS = ['crashNextRunAfterTicks', 'crashAfterTicks', 'simulated worker crash'];
/** The bundles the hooks live in: the extension on both hosts, the engine worker (inlined into the web one). */
const HOOKED = ['dist/extension.js', 'dist/extension.web.js', 'dist/runWorker.js'];

type BundleOptions = esbuild.BuildOptions & { outfile: string };

async function bundles(production: boolean, only?: string[]): Promise<Map<string, string>> {
  const { bundleOptions } = (await import(pathToFileURL(join(ROOT, 'esbuild.mjs')).href)) as {
    bundleOptions: (o: { production: boolean }) => BundleOptions[];
  };
  // What the package ships: package.json's files (npm pack and vsce read the same list).
  const shipped = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files.filter((f) =>
    f.startsWith('dist/'),
  );
  const options = bundleOptions({ production }).filter((b) => shipped.includes(b.outfile) && (!only || only.includes(b.outfile)));
  const built = await Promise.all(
    options.map((b) =>
      esbuild.build({ ...b, bundle: true, minify: production, sourcemap: false, write: false, logLevel: 'silent', absWorkingDir: ROOT }),
    ),
  );
  return new Map(options.map((b, i) => [b.outfile, built[i].outputFiles!.map((f) => f.text).join('\n')]));
}

const found = (text: string) => HOOKS.filter((hook) => text.includes(hook));
let productionBuild: Promise<Map<string, string>> | undefined;
/** The shipped bundles as `npm run package` builds them, built once for this file. */
const production = () => (productionBuild ??= bundles(true));

describe('the production bundle', () => {
  test('holds no test hook, in any bundle the .vsix ships', async () => {
    const built = await production();
    for (const outfile of HOOKED) assert.ok(built.has(outfile), `${outfile} is shipped and was built`);
    const leaks = [...built].flatMap(([outfile, text]) => found(text).map((hook) => `${outfile}: ${hook}`));
    assert.deepEqual(leaks, [], 'test hooks in the production bundles');
  });

  test('the development build, which the tests load, has them', async () => {
    const development = await bundles(false, HOOKED);
    const expected: Record<string, string[]> = {
      'dist/extension.js': ['crashNextRunAfterTicks', 'crashAfterTicks'],
      'dist/runWorker.js': ['crashAfterTicks', 'simulated worker crash'],
      'dist/extension.web.js': HOOKS,
    };
    for (const outfile of HOOKED) assert.deepEqual(found(development.get(outfile)!), expected[outfile], outfile);
  });

  test("changes V8's flags only in the CLI's process, never in a bundle VS Code loads", async () => {
    const built = await production();
    const changing = [...built].filter(([, text]) => text.includes('setFlagsFromString')).map(([outfile]) => outfile);
    // src/cli/engineInlining.ts, as `stressnb run` starts.
    assert.deepEqual(changing, ['dist/cli.js']);
  });

  test('its CLI runs, and reads a .stressnb file (jsonc-parser bundled whole)', async () => {
    const built = await production();
    const folder = mkdtempSync(join(tmpdir(), 'stressnb-production-'));
    try {
      for (const [outfile, text] of built) {
        mkdirSync(dirname(join(folder, outfile)), { recursive: true });
        writeFileSync(join(folder, outfile), text);
      }
      const notebook = join(folder, 'broken.stressnb');
      writeFileSync(notebook, '{"version": 1, "cells": [tru]}');
      const run = spawnSync(process.execPath, [join(folder, 'dist', 'cli.js'), 'run', notebook], { encoding: 'utf8' });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /invalid JSON: expected a value or "\]", found "tru" at line 1, column 26/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
