// One build script for every bundle: the extension host, the engine worker, the CLI,
// the notebook renderer (browser ES module), the bench and the in-VS Code test entry.
import * as esbuild from 'esbuild';
import { existsSync, statSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const node = { platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'] };
const bundles = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', ...node },
  { entryPoints: ['src/extension/runWorker.ts'], outfile: 'dist/runWorker.js', ...node },
  { entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', ...node, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['bench/bench.ts'], outfile: 'dist/bench.js', ...node },
  { entryPoints: ['test/vscode/index.ts'], outfile: 'dist/test/vscode/index.js', ...node },
  {
    entryPoints: ['media/renderer.ts'],
    outfile: 'dist/renderer.js',
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    metafile: true,
  },
].filter((b) => existsSync(b.entryPoints[0]));

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning' };

if (watch) {
  for (const b of bundles) await (await esbuild.context({ ...common, ...b })).watch();
} else {
  await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
  for (const b of bundles) {
    const kib = (statSync(b.outfile).size / 1024).toFixed(1);
    console.log(`built ${b.outfile} (${kib} KiB)`);
  }
}
