// Finding, scrolling to and running one cell of the open notebook editor, and polling for a
// condition: what the end-to-end tests do with a notebook's cells.
import type { Locator, Page } from 'playwright-core';
import type { Workbench } from './workbench';

/** The notebook editor's row of the cell whose text contains `marker`. */
export const cellRow = (page: Page, marker: string): Locator =>
  page.locator('.notebook-editor .cell-list-container .monaco-list-row', { hasText: marker }).first();

/** Opens the notebook and brings the row of the cell containing `marker` into view. */
export async function openNotebookAt(workbench: Workbench, notebook: string, marker: string): Promise<void> {
  await workbench.openNotebook(notebook);
  await scrollToRow(workbench.page, marker);
}

/** The cell list is virtualised: scroll down until the row is rendered. */
export async function scrollToRow(page: Page, marker: string): Promise<void> {
  const list = page.locator('.notebook-editor .cell-list-container').first();
  const box = await list.boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 60 && (await cellRow(page, marker).count()) === 0; i++) {
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(150);
  }
  await cellRow(page, marker).waitFor({ state: 'attached', timeout: 5_000 });
  // Then bring its top (where the run button sits) into the upper part of the editor.
  for (let i = 0; i < 20; i++) {
    const top = (await cellRow(page, marker).boundingBox())?.y ?? 0;
    if (top < 400) break;
    await page.mouse.wheel(0, Math.min(400, top - 300));
    await page.waitForTimeout(150);
  }
}

/**
 * Scrolls the notebook (outputs live in a webview over it) until `target` is in the upper part
 * of the editor, clear of the notebook toolbar.
 */
export async function scrollIntoView(page: Page, target: Locator): Promise<void> {
  for (let i = 0; i < 30; i++) {
    const top = (await target.boundingBox())?.y;
    if (top === undefined || (top > 160 && top < 460)) return;
    await page.mouse.wheel(0, top < 160 ? -200 : Math.min(600, top - 260));
    await page.waitForTimeout(150);
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
