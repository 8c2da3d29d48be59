// `npm start`: builds the extension, starts a real VS Code (code-server on 127.0.0.1) with the
// extension in development mode on a scratch copy of notebooks/ (scratch/, git-ignored, so the
// tracked samples never change), and prints the URL that opens session6.stressnb in the editor.
// Ctrl-C, or SIGTERM to this script or to `npm start`, stops code-server and everything it started.
//
// Usage: node scripts/start.mjs [--port N] [--fresh] [--scratch DIR] [--folder PATH] [--no-build] [--web]
//   --fresh         copy the samples again over the scratch copy (your edits there are replaced)
//   --scratch DIR   where the scratch copy lives (default: scratch/ in the repository)
//   --folder PATH   open PATH itself instead of a scratch copy (its files are edited in place)
//   --no-build      use the build that is there
//   --web           the extension runs in the browser's web worker extension host, as in VS Code for the Web
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from './lib/build.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { repoRoot } from './lib/codeServerPaths.mjs';
import { defaultScratchDir, scratchCopy } from './lib/scratchCopy.mjs';
import { ensureCodeServer } from './ensure-code-server.mjs';

const SAMPLE = 'session6.stressnb';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT },
    folder: { type: 'string' },
    scratch: { type: 'string', default: defaultScratchDir },
    fresh: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    web: { type: 'boolean', default: false },
  },
});

/**
 * `npm start` runs this script through a shell; if npm or that shell ends without passing the
 * signal on, this script is orphaned: notice it and stop, as after SIGTERM.
 */
function stopWhenOrphaned() {
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM');
  }, 500).unref();
}

try {
  stopWhenOrphaned();
  await ensureCodeServer();
  if (!values['no-build']) build();
  let folder;
  if (values.folder) {
    folder = resolve(values.folder);
  } else {
    folder = resolve(values.scratch);
    const kept = scratchCopy(folder, values.fresh);
    console.log(`\nWorking on a scratch copy of notebooks/ in ${folder} (notebooks/ itself stays unchanged).`);
    if (kept.length > 0)
      console.log(`Kept from an earlier session: ${kept.join(', ')} (\`npm start -- --fresh\` starts over from the samples).`);
  }
  const sample = join(folder, SAMPLE);
  // The extension opens it as a notebook once it starts (src/extension/openOnStart.node.ts; the
  // web worker host sees no environment: there, open it from the Explorer).
  const opensSample = existsSync(sample) && !values.web;
  const env = opensSample ? { STRESSNB_OPEN_NOTEBOOK: sample } : {};
  const server = await startCodeServer({
    folder,
    env,
    port: values.port ? Number(values.port) : undefined,
    extensionHost: values.web ? 'web' : 'node',
  });
  const url = server.workbenchUrl({ extensionDevelopmentPath: repoRoot });
  const where = values.web ? ' in the web worker extension host (as in VS Code for the Web)' : '';
  console.log(`\nstressnb is running in VS Code (code-server, process group ${server.pid})${where} with ${folder} open.`);
  console.log(`Open this URL in a browser on this machine${opensSample ? ` (it opens ${SAMPLE})` : ''}:\n\n  ${url}\n`);
  console.log('Run a cell with its ▶, Shift+Enter or Alt+Enter in the cell, or Run All in the notebook toolbar.');
  console.log('After changing the extension: `npm run build`, then "Developer: Reload Window". Ctrl-C stops the server.');
  console.log(`code-server log: ${server.logFile}`);
  // Ctrl-C and SIGTERM: scripts/lib/processCleanup.mjs stops code-server and removes its temporary folders.
  const { code, signal } = await server.exited;
  console.error(`code-server stopped unexpectedly (exit code ${code}, signal ${signal}); its log:\n${server.readLog()}`);
  await server.stop();
  process.exit(1);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
