// The build's guard for VS Code for the Web (scripts/lib/webBundlePlugins.mjs): a web bundle that
// imports a Node built-in or desktop-only code fails to build, naming the import; the real
// `browser` entry builds with its engine worker inlined.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { engineWorkerSource, noNodeBuiltins } from '../../scripts/lib/webBundlePlugins.mjs';

const repoRoot = join(__dirname, '..', '..');
const extensionDir = join(repoRoot, 'src', 'extension');

async function buildErrors(contents: string): Promise<string[]> {
  try {
    await esbuild.build({
      stdin: { contents, resolveDir: extensionDir, sourcefile: 'probe.web.ts', loader: 'ts' },
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'silent',
      plugins: [noNodeBuiltins('the probe bundle')],
    });
    return [];
  } catch (error) {
    return (error as esbuild.BuildFailure).errors.map((e) => e.text);
  }
}

describe('web bundle check', () => {
  test('fails on a node: built-in, naming it', async () => {
    const [error] = await buildErrors("import { readFileSync } from 'node:fs'; console.log(readFileSync);");
    assert.match(error ?? '', /imports the Node built-in "node:fs", but the probe bundle runs in a browser worker/);
  });

  test('fails on a built-in without the node: prefix', async () => {
    const [error] = await buildErrors("import * as path from 'path'; console.log(path);");
    assert.match(error ?? '', /Node built-in "path"/);
  });

  test('fails on desktop-only code: a *.node.ts file or src/sources', async () => {
    const [nodeFile] = await buildErrors(
      "import { createExternalSource } from './externalSource.node'; console.log(createExternalSource);",
    );
    assert.match(nodeFile ?? '', /imports src\/extension\/externalSource\.node\.ts, which is desktop-only/);
    const [sources] = await buildErrors("import { stopAllSources } from '../sources/liveSources'; console.log(stopAllSources);");
    assert.match(sources ?? '', /imports src\/sources\/liveSources\.ts, which is desktop-only/);
  });

  test('the browser entry builds, with the engine worker inlined as a script', async () => {
    const define = { STRESSNB_TEST_HOOKS: 'true' };
    const out = await esbuild.build({
      entryPoints: [join(extensionDir, 'extension.web.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'browser',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'silent',
      define,
      plugins: [noNodeBuiltins('dist/extension.web.js'), engineWorkerSource({ production: false, define })],
    });
    const inputs = Object.keys(out.metafile.inputs);
    assert.ok(inputs.includes('src/extension/extension.web.ts'));
    assert.ok(
      !inputs.some((p) => p.includes('src/sources/') || p.endsWith('.node.ts')),
      inputs.filter((p) => p.startsWith('src/')).join(', '),
    );
    assert.match(out.outputFiles[0].text, /engine-worker-source/);
    assert.match(out.outputFiles[0].text, /simulated worker crash after/, 'the worker source (its run loop) is in the bundle');
  });
});
