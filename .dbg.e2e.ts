import { openWorkbench } from './test/e2e/helpers/workbench';
async function main() {
  const wb = await openWorkbench();
  try {
    const page = wb.page;
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('notebooks/session6.stressnb');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'session6.stressnb' }).first().waitFor();
    await page.locator('.quick-input-widget input').press('Enter');
    await page.locator('.notebook-editor .cell-list-container').first().waitFor({ timeout: 20000 });
    const row = page.locator('.notebook-editor .cell-list-container .monaco-list-row', { hasText: 'Scenario 1: one hot family' }).first();
    const list = page.locator('.notebook-editor .cell-list-container').first();
    const box = await list.boundingBox(); if (box) await page.mouse.move(box.x + box.width/2, box.y + box.height/2);
    for (let i = 0; i < 60 && (await row.count()) === 0; i++) { await page.mouse.wheel(0, 500); await page.waitForTimeout(150); }
    await row.hover();
    const btn = row.locator('.run-button-container .action-label[aria-label^="Execute Cell"]');
    console.log('box', JSON.stringify(await btn.boundingBox()), await btn.isVisible());
    console.log('style', await btn.evaluate((e) => { const cs = getComputedStyle(e); const p = getComputedStyle(e.closest('.run-button-container')!); return [cs.visibility, cs.display, cs.opacity, p.visibility, p.display, p.opacity, JSON.stringify(e.getBoundingClientRect())].join(' '); }));
    const html = await row.evaluate((r) => [...r.querySelectorAll('.run-button-container, [class*=execute]')].map((e) => e.outerHTML.slice(0, 400) + ' VIS=' + ((e as HTMLElement).offsetParent !== null)).join('\n---\n'));
    console.log(html);
    console.log(await row.getAttribute('class'));
  } finally { await wb.close(); }
}
main();
