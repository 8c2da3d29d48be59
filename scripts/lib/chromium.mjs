// Debian's Chromium driven by playwright-core, headless, with a private profile and home.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { removeOnExit } from './processCleanup.mjs';

export const chromiumPath = '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {object} [options]
 * @param {{ width: number, height: number }} [options.viewport]
 * @param {boolean} [options.javaScriptEnabled] false: pages run no script (default true)
 * @param {'light' | 'dark'} [options.colorScheme] the prefers-color-scheme pages see
 * @returns {Promise<{ context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, close(): Promise<void> }>}
 */
export async function launchChromium({ viewport = { width: 1400, height: 1000 }, javaScriptEnabled = true, colorScheme } = {}) {
  const root = mkdtempSync(join(tmpdir(), 'stressnb-chromium-'));
  const unregister = removeOnExit(root);
  const home = join(root, 'home');
  const dirs = { profile: join(root, 'profile'), tmp: join(root, 'tmp'), home };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  let context;
  try {
    context = await chromium.launchPersistentContext(dirs.profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      viewport,
      javaScriptEnabled,
      ...(colorScheme ? { colorScheme } : {}),
      env: {
        ...process.env,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_CACHE_HOME: join(home, '.cache'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
        TMPDIR: dirs.tmp,
      },
    });
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    unregister();
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => {});
      rmSync(root, { recursive: true, force: true });
      unregister();
    },
  };
}
