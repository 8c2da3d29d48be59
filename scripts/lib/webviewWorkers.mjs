// A watchdog for the workbench page's service workers, through the Chrome DevTools Protocol.
//
// VS Code for the Web registers one service worker per webview: the same scope, a script URL of its
// own (`service-worker.js?id=<webview>`), so every new webview (the back layer of a notebook editor
// being opened) replaces the worker. Chromium activates the new worker only once the old one has no
// request in flight, and a resource request of a webview closed meanwhile is never answered: the old
// worker holds it until its own 30 s timeout, or until Chromium's 5-minute limit on a request, and
// the notebook editor being opened waits as long (showNotebookDocument answered after 31 s or 301 s
// in CI). Stopping the old worker ends its requests (a client still there sends them again), and the
// new one takes over at once.

/** How long a new worker may wait for the old one before the old one is stopped. */
const WAIT_LIMIT_MS = 3_000;
const CHECK_EVERY_MS = 500;

/**
 * @param {import('playwright-core').Page} page
 * @param {(line: string) => void} [log]
 * @returns {Promise<() => Promise<void>>} stops the watchdog
 */
export async function releaseStuckServiceWorkers(page, log = console.log) {
  const cdp = await page.context().newCDPSession(page);
  /** @type {Map<string, { versionId: string, registrationId: string, status: string, runningStatus: string, scriptURL: string }>} */
  const versions = new Map();
  /** @type {Map<string, number>} versionId of a waiting worker -> when it was first seen waiting */
  const waitingSince = new Map();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions: updated }) => {
    for (const version of updated) {
      if (version.status === 'redundant') versions.delete(version.versionId);
      else versions.set(version.versionId, version);
    }
  });
  await cdp.send('ServiceWorker.enable');

  const check = async () => {
    const now = Date.now();
    for (const waiting of versions.values()) {
      if (waiting.status !== 'installed') {
        waitingSince.delete(waiting.versionId);
        continue;
      }
      const since = waitingSince.get(waiting.versionId) ?? now;
      waitingSince.set(waiting.versionId, since);
      if (now - since < WAIT_LIMIT_MS) continue;
      for (const old of versions.values()) {
        if (old.registrationId !== waiting.registrationId || old.status !== 'activated' || old.runningStatus !== 'running') continue;
        log(
          `    (a webview's service worker waited ${((now - since) / 1000).toFixed(1)} s for the old one's unanswered request; stopping the old one, ${workerName(old.scriptURL)})`,
        );
        await cdp.send('ServiceWorker.stopWorker', { versionId: old.versionId }).catch(() => {});
      }
      waitingSince.set(waiting.versionId, now);
    }
  };
  let checking = Promise.resolve();
  const timer = setInterval(() => {
    checking = checking.then(check).catch(() => {});
  }, CHECK_EVERY_MS);
  return async () => {
    clearInterval(timer);
    await checking;
    await cdp.detach().catch(() => {});
  };
}

function workerName(scriptURL) {
  const url = new URL(scriptURL);
  return `${url.pathname.split('/').pop()}?id=${url.searchParams.get('id') ?? ''}`;
}
