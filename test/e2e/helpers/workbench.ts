// A real VS Code (code-server) with the extension in development mode, driven through Debian's
// Chromium: open a workspace copy, open notebooks, run them, look into their outputs.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/lib/chromium.mjs';
import { releaseStuckServiceWorkers } from '../../../scripts/lib/webviewWorkers.mjs';
import { startCodeServer } from '../../../scripts/lib/codeServer.mjs';
import type { CodeServer } from '../../../scripts/lib/codeServer.mjs';
import { repoRoot } from '../../../scripts/lib/codeServerPaths.mjs';
import { createTestWorkspace } from '../../../scripts/lib/testWorkspace.mjs';

export const resultsDir = join(repoRoot, 'test-results');

const notebookList = '.notebook-editor .cell-list-container';
const notebookCell = `${notebookList} .monaco-list-row`;
const runAllButton = '.notebook-toolbar-container .action-label[aria-label="Run All"]';

export interface WorkbenchOptions {
  /** true: workspace trust enabled and the folder untrusted (restricted mode). */
  workspaceTrust?: boolean;
  /** Extra environment for code-server (the extension host inherits it). */
  env?: Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Where the extension runs: the Node extension host (default) or the web worker host of VS Code for the Web. */
  extensionHost?: 'node' | 'web';
  /** The browser window's size (default 1400×1000). */
  viewport?: { width: number; height: number };
}

export interface Workbench {
  readonly page: Page;
  readonly server: CodeServer;
  /** Absolute path of the workspace folder (a temporary copy laid out like the repository). */
  readonly workspaceFolder: string;
  /** Absolute path of a workspace file by its repository-relative path. */
  workspaceFile(relativePath: string): string;
  /** Opens a notebook by its repository-relative path and waits for the notebook editor to show a cell. */
  openNotebook(relativePath: string): Promise<void>;
  /** Runs a command from the command palette by its title, e.g. 'View: Close All Editors'. */
  runCommand(title: string): Promise<void>;
  /** Clicks the notebook toolbar's Run All. */
  runAll(): Promise<void>;
  /** The document inside the output webview (two iframes deep). */
  outputFrame(): FrameLocator;
  /** Saves the active editor (Ctrl+S) . */
  save(): Promise<void>;
  /** Screenshot of the whole page into test-results/<name>.png; returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const workspace = createTestWorkspace('stressnb-e2e-');
  let server: CodeServer | undefined;
  let browser: Awaited<ReturnType<typeof launchChromium>> | undefined;
  try {
    server = await startCodeServer({
      folder: workspace.folder,
      workspaceTrust: options.workspaceTrust,
      env: options.env,
      settings: options.settings,
      extensionHost: options.extensionHost,
    });
    const opened = await launchChromium(options.viewport ? { viewport: options.viewport } : undefined);
    browser = opened;
    const stopWatchdog = await releaseStuckServiceWorkers(opened.page);
    browser = { ...opened, close: () => stopWatchdog().then(() => opened.close()) };
    const page = browser.page;
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    // A busy machine (parallel test runs) can take well over 30 s to serve the workbench.
    await page.goto(server.workbenchUrl({ extensionDevelopmentPath: repoRoot }), { timeout: 120_000 });
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    return makeWorkbench(page, server, browser, workspace);
  } catch (e) {
    await browser?.close();
    await server?.stop();
    workspace.remove();
    throw e;
  }
}

function makeWorkbench(
  page: Page,
  server: CodeServer,
  browser: { close(): Promise<void> },
  workspace: { folder: string; remove(): void },
): Workbench {
  const workbench: Workbench = {
    page,
    server,
    workspaceFolder: workspace.folder,
    workspaceFile: (relativePath) => join(workspace.folder, ...relativePath.split('/')),

    async openNotebook(relativePath) {
      // Opened before the extension host has registered the notebook type, the file shows as
      // plain text: close it and open it again.
      for (let attempt = 1; attempt <= 4; attempt++) {
        await quickOpen(page, relativePath);
        try {
          await page.locator(notebookList).first().waitFor({ timeout: 10_000 });
        } catch {
          await workbench.runCommand('View: Close All Editors');
          continue;
        }
        // Markdown rows have no height of their own (the webview draws them): attached, not visible.
        await page.locator(notebookCell).first().waitFor({ state: 'attached', timeout: 20_000 });
        await page.locator(runAllButton).first().waitFor({ timeout: 20_000 });
        return;
      }
      throw new Error(`${relativePath} did not open in the notebook editor (see ${await workbench.screenshot('open-notebook-failure')})`);
    },

    runCommand: (title) => runCommand(page, title),

    async runAll() {
      await page.locator(runAllButton).first().click();
    },

    outputFrame: () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame'),

    async save() {
      await page.keyboard.press('Control+S');
    },

    async screenshot(name) {
      mkdirSync(resultsDir, { recursive: true });
      const file = join(resultsDir, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },

    async close() {
      await browser.close();
      await server.stop();
      workspace.remove();
    },
  };
  return workbench;
}

/** Runs a command from the command palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
  await input.press('Enter');
}

async function quickOpen(page: Page, relativePath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath);
  const fileName = relativePath.split('/').pop() ?? relativePath;
  await page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
  await input.press('Enter');
}
