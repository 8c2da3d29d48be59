// The service worker watchdog of the test harness (scripts/lib/webviewWorkers.mjs) in Debian's
// Chromium, on the pattern of VS Code for the Web's webviews: one scope, a worker script per
// webview, a request of a closed webview that its worker never answers. Without the watchdog the
// next webview's worker waits for that request (in VS Code: 30 s, or Chromium's 5-minute limit).

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { launchChromium } from '../../scripts/lib/chromium.mjs';
import { releaseStuckServiceWorkers } from '../../scripts/lib/webviewWorkers.mjs';

const WORKER = `
self.addEventListener('install', (e) => e.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (new URL(e.request.url).pathname === '/never-answered') e.respondWith(new Promise(() => {}));
});`;

function serve(): Promise<Server> {
  const server = createServer((request, response) => {
    const isWorker = new URL(request.url ?? '/', 'http://localhost').pathname === '/worker.js';
    response.writeHead(200, { 'content-type': isWorker ? 'text/javascript' : 'text/html' });
    response.end(isWorker ? WORKER : '<!doctype html><body></body>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('the service worker watchdog', () => {
  let server: Server;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  before(async () => {
    server = await serve();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
  });

  test("stops an old worker whose closed webview's request keeps the new worker waiting", { timeout: 60_000 }, async () => {
    const { page } = browser;
    const logged: string[] = [];
    const stopWatchdog = await releaseStuckServiceWorkers(page, (line) => logged.push(line));
    try {
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      // The first "webview": its worker takes control; a frame of it asks for what is never answered, then closes.
      await page.evaluate(async () => {
        await navigator.serviceWorker.register('/worker.js?id=first');
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller)
          await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        const frame = document.createElement('iframe');
        frame.src = '/frame';
        document.body.append(frame);
        await new Promise((r) => (frame.onload = r));
        void frame.contentWindow!.fetch('/never-answered').catch(() => {});
        await new Promise((r) => setTimeout(r, 300));
        frame.remove();
      });
      // The next "webview" registers its own worker and waits for it to take control.
      const tookControlAfterMs = await page.evaluate(async () => {
        const started = performance.now();
        const changed = new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
        await navigator.serviceWorker.register('/worker.js?id=second');
        await changed;
        return performance.now() - started;
      });
      assert.match(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? ''), /worker\.js\?id=second$/);
      assert.equal(logged.length, 1, logged.join('\n'));
      assert.match(
        logged[0],
        /a webview's service worker waited \d+\.\d s for the old one's unanswered request; stopping the old one, worker\.js\?id=first/,
      );
      console.log(`the new worker took control after ${(tookControlAfterMs / 1000).toFixed(1)} s`);
    } finally {
      await stopWatchdog();
    }
  });
});
