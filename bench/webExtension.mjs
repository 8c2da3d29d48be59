// The web extension's figures, for `npm run bench` (bench/webBench.ts runs this): the size of the
// `browser` bundle as it is packaged (minified; the engine worker inlined) beside the desktop
// bundles, and its cold start in the web worker extension host of a real VS Code (code-server +
// Chromium), with the Node host for comparison: from activation (loading the bundle) to the first
// output, the first tick line and the end of a fast engine cell. One sample per host (a cold start
// is once per page load); prints figures, asserts nothing.
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { webExtensionBundle } from '../esbuild.mjs';
import { repoRoot } from '../scripts/lib/codeServerPaths.mjs';
import { runInExtensionHost } from '../scripts/lib/extensionHostRun.mjs';
import { ensureCodeServer } from '../scripts/ensure-code-server.mjs';

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

async function packagedSize(options) {
  const out = await esbuild.build({ ...options, bundle: true, minify: true, sourcemap: false, write: false, logLevel: 'silent', absWorkingDir: repoRoot });
  const bytes = out.outputFiles[0].contents;
  return { bytes: bytes.byteLength, gzip: gzipSync(bytes).byteLength };
}

async function sizes() {
  const web = await packagedSize(webExtensionBundle({ production: true }));
  const worker = await packagedSize({ ...webExtensionBundle({ production: true }), entryPoints: ['src/extension/runWorker.web.ts'], format: 'iife', plugins: [] });
  const node = { platform: 'node', format: 'cjs', external: ['vscode'], alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' } };
  const main = await packagedSize({ ...node, entryPoints: ['src/extension/extension.node.ts'] });
  const nodeWorker = await packagedSize({ ...node, entryPoints: ['src/extension/runWorker.node.ts'] });
  console.log('bundle sizes as packaged (minified)                 size     gzip');
  console.log(`web: dist/extension.web.js                       ${kib(web.bytes).padStart(8)} ${kib(web.gzip).padStart(8)}`);
  console.log(`  of which the inlined engine worker             ${kib(worker.bytes).padStart(8)} ${kib(worker.gzip).padStart(8)}`);
  console.log(`desktop: dist/extension.js + dist/runWorker.js   ${kib(main.bytes + nodeWorker.bytes).padStart(8)} ${kib(main.gzip + nodeWorker.gzip).padStart(8)}`);
}

async function coldStart(extensionHost) {
  const run = await runInExtensionHost({ entry: join(repoRoot, 'dist', 'bench', 'coldStart.host.js'), extensionHost, timeoutSeconds: 300, silent: true });
  if (!run.result) throw new Error(`the cold-start probe in the ${extensionHost} host gave no result: ${run.reason || 'no result.json'}`);
  return run.result;
}

async function coldStarts() {
  await ensureCodeServer();
  console.log('');
  console.log('cold start in code-server 4.100.3 (kernel.stressnb cell 2: steady, 3 partitions, pace fast), ms since activation began');
  console.log('host       activated   notebook+kernel open   first output   first tick   cell ended');
  for (const host of ['web', 'node']) {
    const r = await coldStart(host);
    if (r.host !== host) throw new Error(`the ${host} run activated the ${r.host} bundle`);
    const col = (v, w) => String(v ?? '—').padStart(w);
    console.log(`${host.padEnd(8)} ${col(r.activateMs, 11)} ${col(r.activateMs + r.openMs, 22)} ${col(r.firstOutput, 14)} ${col(r.firstTick, 12)} ${col(r.end, 12)}${r.success ? '' : '  (the cell failed)'}`);
  }
  console.log('(activated: the bundle loaded and activate() returned; first output: the header; first tick: the engine worker\'s first tick line)');
}

await sizes();
await coldStarts();
