// `npm start`: builds the extension, starts a real VS Code (code-server on 127.0.0.1) with the
// extension in development mode and notebooks/ open, and prints the URL. Ctrl-C stops it.
// Usage: node scripts/start.mjs [--port N] [--folder PATH] [--web]
// --web: the extension runs in the browser's web worker extension host, as in VS Code for the Web.
import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from './lib/build.mjs';
import { startCodeServer } from './lib/codeServer.mjs';
import { repoRoot } from './lib/codeServerPaths.mjs';
import { ensureCodeServer } from './ensure-code-server.mjs';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT },
    folder: { type: 'string', default: join(repoRoot, 'notebooks') },
    web: { type: 'boolean', default: false },
  },
});

try {
  await ensureCodeServer();
  build();
  const server = await startCodeServer({
    folder: resolve(values.folder),
    port: values.port ? Number(values.port) : undefined,
    extensionHost: values.web ? 'web' : 'node',
  });
  const url = server.workbenchUrl({ extensionDevelopmentPath: repoRoot });
  const where = values.web ? ' in the web worker extension host (as in VS Code for the Web)' : '';
  console.log(`\nstressnb is running in VS Code (code-server)${where} with ${resolve(values.folder)} open.`);
  console.log(`Open this URL in a browser on this machine:\n\n  ${url}\n`);
  console.log('After changing the extension: `npm run build`, then "Developer: Reload Window". Ctrl-C stops the server.');
  console.log(`code-server log: ${server.logFile}`);
  // Ctrl-C: scripts/lib/processCleanup.mjs stops code-server and removes its temporary folders.
  const { code, signal } = await server.exited;
  console.error(`code-server stopped unexpectedly (exit code ${code}, signal ${signal}); its log:\n${server.readLog()}`);
  await server.stop();
  process.exit(1);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
