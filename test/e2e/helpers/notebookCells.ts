// Finding, scrolling to and running one cell of the open notebook editor, and polling for a
// condition: what the end-to-end tests do with a notebook's cells. The cell list is virtualised (a
// row exists only near the viewport) and outputs live in a webview over it, so tests scroll to them.
import type { Locator, Page } from 'playwright-core';
import { runCommand, type Workbench } from './workbench';

/** The notebook editor's row of the cell whose text contains `marker`. */
export const cellRow = (page: Page, marker: string): Locator =>
  page.locator('.notebook-editor .cell-list-container .monaco-list-row', { hasText: marker }).first();

/** Opens the notebook and brings the row of the cell containing `marker` into view. */
export async function openNotebookAt(workbench: Workbench, notebook: string, marker: string): Promise<void> {
  await workbench.openNotebook(notebook);
  await scrollToRow(workbench.page, marker);
}

/** The cell list is virtualised: scroll until the row is rendered. */
export async function scrollToRow(page: Page, marker: string): Promise<void> {
  const list = page.locator('.notebook-editor .cell-list-container').first();
  const box = await list.boundingBox();
  // The cell list's left margin: over an output the wheel goes to the output webview first.
  if (box) await page.mouse.move(box.x + 8, box.y + box.height / 2);
  // Down first, then (for a row above the viewport) back up.
  for (const step of [500, -500]) {
    for (let i = 0; i < 80 && (await cellRow(page, marker).count()) === 0; i++) {
      await page.mouse.wheel(0, step);
      await page.waitForTimeout(200);
    }
  }
  await cellRow(page, marker).waitFor({ state: 'attached', timeout: 5_000 });
  // Then bring its top (where the run button sits) into the upper part of the editor.
  for (let i = 0; i < 20; i++) {
    const top = (await cellRow(page, marker).boundingBox())?.y ?? 0;
    if (top > 100 && top < 400) break;
    await page.mouse.wheel(0, top <= 100 ? -300 : Math.min(400, top - 300));
    await page.waitForTimeout(150);
  }
}

/**
 * Scrolls the notebook (outputs live in a webview over it) until `target` is in the upper part
 * of the editor, clear of the notebook toolbar.
 */
export async function scrollIntoView(page: Page, target: Locator): Promise<void> {
  const box = await page.locator('.notebook-editor .cell-list-container').first().boundingBox();
  if (box) await page.mouse.move(box.x + 8, box.y + box.height / 2);
  for (let i = 0; i < 40; i++) {
    // No box yet: the output is not drawn until it comes near the viewport; it is further down.
    const top = (await target.boundingBox().catch(() => null))?.y;
    if (top !== undefined && top > 160 && top < 460) return;
    await page.mouse.wheel(0, top === undefined ? 400 : top < 160 ? -200 : Math.min(600, top - 260));
    await page.waitForTimeout(200);
  }
}

/** Clicks the run button of the cell containing `marker`. */
export async function runCell(workbench: Workbench, marker: string): Promise<void> {
  const row = cellRow(workbench.page, marker);
  await row.hover();
  await row.locator('.run-button-container .action-label[aria-label^="Execute Cell"]').first().click();
}

/** Polls `read` until `done` holds for its value; returns that value. */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read().catch(() => undefined as T);
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(value)?.slice(0, 300)})`);
    await new Promise((r) => setTimeout(r, 200));
    value = await read().catch(() => undefined as T);
  }
  return value;
}

/**
 * Selects cell `index` (0-based) with the keyboard, which also reveals it: sure-footed where the
 * wheel is not (over large outputs, or on a busy machine that drops wheel events). Follows the
 * status bar's "Cell N of M". Leaves the cell selected, not in edit mode.
 */
export async function revealCell(page: Page, index: number): Promise<void> {
  const status = page
    .locator('.statusbar-item')
    .filter({ hasText: /^Cell \d+ of \d+$/ })
    .first();
  const current = async () => Number((await status.textContent({ timeout: 5_000 }).catch(() => ''))?.match(/^Cell (\d+)/)?.[1] ?? NaN) - 1;
  await page.keyboard.press('Escape');
  await runCommand(page, 'Notebook: Focus First Cell');
  for (let step = 0; step < 100; step++) {
    const at = await current();
    if (at === index) return;
    await page.keyboard.press(Number.isNaN(at) || at < index ? 'ArrowDown' : 'ArrowUp');
    await waitFor('the selection to move', current, (now) => now !== at, 5_000).catch(() => undefined);
  }
  throw new Error(`cell ${index} could not be selected (the status bar says ${await status.textContent().catch(() => 'nothing')})`);
}
