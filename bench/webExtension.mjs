// The web extension's figures, for `npm run bench` (bench/webBench.ts runs this). The extension is
// built as it is packaged (minified, no source maps; the files .vscodeignore ships) into a
// temporary folder, and measured there: the size of the `browser` bundle beside the desktop
// bundles, and its cold start in the web worker extension host of a real VS Code (code-server +
// Chromium), with the Node host for comparison: from activation (loading the bundle) to the first
// output, the first tick line and the end of a fast engine cell. One sample per host (a cold start
// is once per page load); prints figures, asserts nothing. STRESSNB_BENCH_VERBOSE=1 shows the
// workbench's log (when a probe fails).
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { bundleOptions } from '../esbuild.mjs';
import { repoRoot } from '../scripts/lib/codeServerPaths.mjs';
import { runInExtensionHost } from '../scripts/lib/extensionHostRun.mjs';
import { removeOnExit } from '../scripts/lib/processCleanup.mjs';
import { ensureCodeServer } from '../scripts/ensure-code-server.mjs';

const SHIPPED = ['dist/extension.web.js', 'dist/extension.js', 'dist/runWorker.js', 'dist/renderer.js'];
/** The probe (bench/coldStart.host.ts), built by `npm run bench`'s build. */
const PROBE = 'dist/bench/coldStart.host.js';

/** The extension as packaged, in a temporary folder. */
async function buildPackaged(folder) {
  const bundles = bundleOptions({ production: true }).filter((b) => SHIPPED.includes(b.outfile));
  await Promise.all(
    bundles.map((b) =>
      esbuild.build({
        ...b,
        bundle: true,
        minify: true,
        sourcemap: false,
        logLevel: 'silent',
        absWorkingDir: repoRoot,
        outfile: join(folder, b.outfile),
      }),
    ),
  );
  for (const part of ['package.json', 'syntaxes']) cpSync(join(repoRoot, part), join(folder, part), { recursive: true });
  // VS Code runs a test entry in the extension host of the extension folder that holds it.
  cpSync(join(repoRoot, PROBE), join(folder, PROBE));
}

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`.padStart(8);
function sizeOf(folder, files) {
  const contents = files.map((f) => readFileSync(join(folder, f)));
  return {
    bytes: files.reduce((n, f) => n + statSync(join(folder, f)).size, 0),
    gzip: contents.reduce((n, c) => n + gzipSync(c).byteLength, 0),
  };
}

async function printSizes(folder) {
  const web = sizeOf(folder, ['dist/extension.web.js']);
  const desktop = sizeOf(folder, ['dist/extension.js', 'dist/runWorker.js']);
  const worker = await esbuild.build({
    ...bundleOptions({ production: true }).find((b) => b.outfile === 'dist/extension.web.js'),
    entryPoints: ['src/extension/runWorker.web.ts'],
    format: 'iife',
    plugins: [],
    bundle: true,
    minify: true,
    write: false,
    logLevel: 'silent',
    absWorkingDir: repoRoot,
  });
  const workerBytes = worker.outputFiles[0].contents;
  console.log('bundle sizes as packaged (minified)                 size     gzip');
  console.log(`web: dist/extension.web.js                       ${kib(web.bytes)} ${kib(web.gzip)}`);
  console.log(`  of which the inlined engine worker             ${kib(workerBytes.byteLength)} ${kib(gzipSync(workerBytes).byteLength)}`);
  console.log(`desktop: dist/extension.js + dist/runWorker.js   ${kib(desktop.bytes)} ${kib(desktop.gzip)}`);
}

/** Renames every notebook under `dir` to NAME.stressnb.hidden. */
function hideNotebooks(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hideNotebooks(path);
    else if (entry.name.endsWith('.stressnb')) renameSync(path, `${path}.hidden`);
  }
}

async function coldStart(folder, extensionHost) {
  const run = await runInExtensionHost({
    entry: join(folder, PROBE),
    extensionPath: folder,
    extensionHost,
    timeoutSeconds: 300,
    silent: !process.env.STRESSNB_BENCH_VERBOSE,
    // A workspace holding notebooks activates stressnb at start-up (workspaceContains:**/*.stressnb),
    // before the probe could time it: the notebooks wait under another name; the probe renames its own
    // back (coldStart.host.ts).
    prepareWorkspace: hideNotebooks,
  });
  if (!run.result) throw new Error(`the cold-start probe in the ${extensionHost} host gave no result: ${run.reason || 'no result.json'}`);
  if (run.result.host !== extensionHost) throw new Error(`the ${extensionHost} run activated the ${run.result.host} bundle`);
  return run.result;
}

async function printColdStarts(folder) {
  await ensureCodeServer();
  console.log('');
  console.log('cold start in code-server 4.100.3 (kernel.stressnb cell 2: steady, 3 partitions, pace fast), ms since activation began');
  console.log('host       activated   notebook+kernel open   first output   first tick   cell ended');
  for (const host of ['web', 'node']) {
    const r = await coldStart(folder, host);
    const col = (v, w) => String(v ?? '—').padStart(w);
    console.log(
      `${host.padEnd(8)} ${col(r.activateMs, 11)} ${col(r.activateMs + r.openMs, 22)} ${col(r.firstOutput, 14)} ${col(r.firstTick, 12)} ${col(r.end, 12)}${r.success ? '' : '  (the cell failed)'}`,
    );
  }
  console.log(
    "(activated: the bundle fetched, evaluated and activate() returned; first output: the header; first tick: the engine worker's first tick line)",
  );
}

const folder = mkdtempSync(join(tmpdir(), 'stressnb-packaged-'));
const unregister = removeOnExit(folder);
try {
  await buildPackaged(folder);
  await printSizes(folder);
  await printColdStarts(folder);
} finally {
  rmSync(folder, { recursive: true, force: true });
  unregister();
}
