// Types for chromium.mjs (used by the TypeScript end-to-end helpers).
import type { BrowserContext, Page } from 'playwright-core';

export const chromiumPath: string;
export function launchChromium(options?: {
  viewport?: { width: number; height: number };
  javaScriptEnabled?: boolean;
  colorScheme?: 'light' | 'dark';
}): Promise<{
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}>;
