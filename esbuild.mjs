// One build script for every bundle: the extension for desktop (`main`, Node) and for the web
// (`browser`, a web worker, with its engine worker inlined), the engine and sweep worker threads, the CLI,
// the notebook renderer (browser ES module), the bench and the in-VS Code test entries (Node and web).
// `--production`: minified, no source maps, no test hooks (what `npm run package` ships);
// `--watch`: rebuilds each bundle when its sources change.
// Imported (bench/webExtension.mjs), it only exports the bundle options (`bundleOptions`).
import * as esbuild from 'esbuild';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vscodeTestsPlugin } from './scripts/lib/testGlobPlugin.mjs';
import { engineWorkerSource, noNodeBuiltins } from './scripts/lib/webBundlePlugins.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// vega-canvas's Node build has a top-level await (an optional `canvas` import), which a CJS
// bundle cannot hold; its browser build behaves the same in Node (no canvas), so use it.
// jsonc-parser's Node build (UMD) requires its own parts in a way esbuild cannot follow (the
// bundle fails with "Cannot find module './impl/format'"); its ES module build bundles cleanly.
const nodeAliases = {
  'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js',
  'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
};
const node = { platform: 'node', target: 'node20', format: 'cjs', external: ['vscode'], alias: nodeAliases };
// Each `stressnb` command is a bundle of its own, which dist/cli.js (the dispatcher) loads when
// that command runs: `stressnb --help` compiles none of them, and a command compiles only its own
// code. `stressnb export` loads its work (src/cli/exportRun.ts, the report's vega rendering) from
// a bundle of its own too.
const CLI_BUNDLES = {
  './runCommand': 'cliRun.js',
  './sweepCommand': 'cliSweep.js',
  './searchCommand': 'cliSearch.js',
  './analyzeCommand': 'cliAnalyze.js',
  './compareCommand': 'cliCompare.js',
  './historyCommand': 'cliHistory.js',
  './exportRun': 'cliExport.js',
};
const cliApart = {
  name: 'cli-commands-apart',
  setup(build) {
    build.onResolve(
      { filter: /^\.\/(runCommand|sweepCommand|searchCommand|analyzeCommand|compareCommand|historyCommand|exportRun)$/ },
      (args) =>
        // Only the dispatcher's and exportCommand's own imports (the command bundles import each other's files normally).
        /src[\\/]cli[\\/](cli|exportCommand)\.ts$/.test(args.importer)
          ? { path: `./${CLI_BUNDLES[args.path]}`, external: true }
          : undefined,
    );
  },
};
// The CLI's bundles are minified (with a source map): less to parse at every start.
const cli = { ...node, minify: true };
// The web worker extension host (vscode.dev, github.dev): no Node built-ins, checked by a plugin.
const web = (name, ...plugins) => ({
  platform: 'browser',
  target: 'es2022',
  format: 'cjs',
  external: ['vscode'],
  plugins: [noNodeBuiltins(name), ...plugins],
});
/**
 * Every bundle, by its options; `production` minifies the inlined web engine worker too, and leaves
 * the test hooks out (src/extension/testHooks.ts): with STRESSNB_TEST_HOOKS false, every branch
 * behind it is dead code, which esbuild drops.
 */
export const bundleOptions = ({ production }) => {
  const define = { STRESSNB_TEST_HOOKS: String(!production) };
  return [
    { entryPoints: ['src/extension/extension.node.ts'], outfile: 'dist/extension.js', ...node },
    { entryPoints: ['src/extension/runWorker.node.ts'], outfile: 'dist/runWorker.js', ...node },
    {
      entryPoints: ['src/extension/extension.web.ts'],
      outfile: 'dist/extension.web.js',
      ...web('dist/extension.web.js', engineWorkerSource({ production, define })),
    },
    { entryPoints: ['src/sweep/sweepWorker.ts'], outfile: 'dist/sweepWorker.js', ...node },
    { entryPoints: ['src/sources/logSplitWorker.ts'], outfile: 'dist/logSplitWorker.js', ...node },
    { entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', ...cli, banner: { js: '#!/usr/bin/env node' }, plugins: [cliApart] },
    { entryPoints: ['src/cli/runCommand.ts'], outfile: 'dist/cliRun.js', ...cli },
    { entryPoints: ['src/cli/sweepCommand.ts'], outfile: 'dist/cliSweep.js', ...cli },
    { entryPoints: ['src/cli/searchCommand.ts'], outfile: 'dist/cliSearch.js', ...cli },
    { entryPoints: ['src/cli/analyzeCommand.ts'], outfile: 'dist/cliAnalyze.js', ...cli },
    { entryPoints: ['src/cli/compareCommand.ts'], outfile: 'dist/cliCompare.js', ...cli },
    { entryPoints: ['src/cli/historyCommand.ts'], outfile: 'dist/cliHistory.js', ...cli },
    { entryPoints: ['src/cli/exportRun.ts'], outfile: 'dist/cliExport.js', ...cli },
    { entryPoints: ['bench/bench.ts'], outfile: 'dist/bench.js', ...node },
    {
      entryPoints: ['test/vscode/index.ts'],
      outfile: 'dist/test/vscode/index.js',
      ...node,
      external: ['vscode', 'mocha'],
      plugins: [vscodeTestsPlugin()],
    },
    {
      entryPoints: ['test/web/index.ts'],
      outfile: 'dist/test/web/index.js',
      ...web('the web test entry', vscodeTestsPlugin('test/web', '.web.test.ts')),
    },
    { entryPoints: ['bench/coldStart.host.ts'], outfile: 'dist/bench/coldStart.host.js', ...web('the cold-start probe') },
    {
      entryPoints: ['media/renderer.ts'],
      outfile: 'dist/renderer.js',
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      metafile: true,
    },
  ]
    .filter((b) => existsSync(b.entryPoints[0]))
    .map((b) => ({ ...b, define }));
};
const bundles = bundleOptions({ production });

const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning' };

/**
 * In watch mode, one line when a rebuild starts and one when every bundle is done again: the
 * begin and end of the background task `watch` in .vscode/tasks.json (errors come between them,
 * in esbuild's own format, which that task's problem matcher reads).
 */
function watchProgress() {
  let building = 0;
  let errors = 0;
  return {
    name: 'watch-progress',
    setup(build) {
      build.onStart(() => {
        if (building++ > 0) return;
        errors = 0;
        console.log('[watch] build started');
      });
      build.onEnd((result) => {
        errors += result.errors.length;
        if (--building === 0) console.log(`[watch] build finished${errors > 0 ? ' with errors' : ''}`);
      });
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (watch) {
    const progress = watchProgress();
    for (const b of bundles) await (await esbuild.context({ ...common, ...b, plugins: [...(b.plugins ?? []), progress] })).watch();
  } else {
    await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b })));
    for (const b of bundles) {
      const kib = (statSync(b.outfile).size / 1024).toFixed(1);
      console.log(`built ${b.outfile} (${kib} KiB)`);
    }
  }
}
