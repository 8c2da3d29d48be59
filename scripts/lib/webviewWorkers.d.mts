import type { Page } from 'playwright-core';

/** Stops an old service worker that keeps a new webview's worker waiting; resolves to a function that stops the watchdog. */
export function releaseStuckServiceWorkers(page: Page, log?: (line: string) => void): Promise<() => Promise<void>>;
