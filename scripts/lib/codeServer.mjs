// Starts code-server isolated from the machine's own configuration, and stops it again.
// Every folder it writes to lives under one fresh temporary root, removed by stop().
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, extensionId } from './codeServerPaths.mjs';
import { killGroupOnExit, removeOnExit, stopProcessGroup } from './processCleanup.mjs';

const defaultSettings = {
  'workbench.startupEditor': 'none',
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'chat.commandCenter.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

/**
 * An extension with both `main` and `browser` runs in the Node extension host by default; this
 * user setting puts stressnb in the browser's web worker extension host instead, the host of
 * VS Code for the Web (vscode.dev, github.dev), running its `browser` bundle.
 */
export const webExtensionHostSettings = { 'remote.extensionKind': { [extensionId]: ['web'] } };

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {object} options
 * @param {string} options.folder workspace folder to open
 * @param {boolean} [options.workspaceTrust] true: trust enabled and the folder untrusted (restricted mode)
 * @param {Record<string,string>} [options.env] extra environment (the extension host inherits it)
 * @param {Record<string,unknown>} [options.settings] extra user settings
 * @param {'node'|'web'} [options.extensionHost] where stressnb runs: the Node host (`main`, default) or the web worker host (`browser`)
 * @param {number} [options.port] fixed port (default: a free one)
 */
export async function startCodeServer({ folder, workspaceTrust = false, env = {}, settings = {}, extensionHost = 'node', port } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'stressnb-code-server-'));
  const unregister = removeOnExit(root);
  const dirs = {
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    config: join(root, 'xdg-config'),
    data: join(root, 'xdg-data'),
    cache: join(root, 'xdg-cache'),
    tmp: join(root, 'tmp'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  const hostSettings = extensionHost === 'web' ? webExtensionHostSettings : {};
  const allSettings = { ...defaultSettings, 'security.workspace.trust.enabled': workspaceTrust, ...hostSettings, ...settings };
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(allSettings, null, 2) + '\n');

  port ??= await freePort();
  const args = [
    codeServerEntry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    folder,
  ];
  const logFile = join(root, 'code-server.log');
  const logFd = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    detached: true, // its own process group, so stop() ends its children too
    stdio: ['ignore', logFd, logFd],
    env: {
      ...process.env,
      ...env,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
      XDG_CACHE_HOME: dirs.cache,
      TMPDIR: dirs.tmp,
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '', itemUrl: '' }),
    },
  });
  closeSync(logFd);
  const unregisterProcess = killGroupOnExit(child.pid);
  let exited = null;
  const exitedPromise = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      resolve(exited);
    });
  });

  const origin = `http://127.0.0.1:${port}`;
  const server = {
    origin,
    port,
    root,
    folder,
    logFile,
    pid: child.pid,
    /** Settles when the code-server process ends, however it ends. */
    exited: exitedPromise,
    readLog: () => readFileSync(logFile, 'utf8'),
    /** Workbench URL; extension paths are absolute paths on this machine. */
    workbenchUrl({ folder: openFolder = folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
      const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
      const payload = [];
      if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
      if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
      let url = `${origin}/?folder=${encodeURIComponent(openFolder)}`;
      if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return url;
    },
    async stop({ keep = false } = {}) {
      await stopProcessGroup(child.pid, { exited: () => exited !== null });
      unregisterProcess();
      if (!keep) rmSync(root, { recursive: true, force: true });
      unregister();
    },
  };

  try {
    await waitForHealth(origin, () => exited, 60_000);
  } catch (e) {
    const log = server.readLog().split('\n').slice(-30).join('\n');
    await server.stop();
    throw new Error(`${e.message}\ncode-server log (last lines):\n${log}`);
  }
  return server;
}

async function waitForHealth(origin, exited, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const gone = exited();
    if (gone) throw new Error(`code-server exited before it was ready (code ${gone.code}, signal ${gone.signal})`);
    try {
      const res = await fetch(`${origin}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${origin}/healthz within ${timeoutMs / 1000} s`);
}
