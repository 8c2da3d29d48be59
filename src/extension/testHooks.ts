// The extension's test hooks: what activate() hands to the extension's own tests (test/vscode,
// test/web) so they can reach inside, and the crash a test can arm for the next engine run. They
// exist only in test mode (ExtensionMode.Test: VS Code was started with an extensionTestsPath) of a
// development build; the production bundle has none of it (STRESSNB_TEST_HOOKS is false there,
// buildFlags.d.ts), which test/unit/productionBundle.unit.test.ts checks.

import type * as vscode from 'vscode';
import type { StressnbPlatform } from './platform';

/** What activate() returns in test mode; undefined otherwise. */
export interface StressnbTestApi {
  /** Which bundle runs: `node` (main) or `web` (browser). */
  readonly host: StressnbPlatform['host'];
  /** The next engine run's worker throws after this many ticks (exercises crash handling). */
  crashNextRunAfterTicks(ticks: number): void;
  /** Engine and sweep workers alive right now. */
  liveWorkers(): number;
  /** The file the stressnb output channel (log.ts) writes to. */
  readonly logFile: vscode.Uri;
}

export class TestHooks {
  private crashAfterTicks: number | undefined;

  /** The crash armed for the next engine run, if any; disarms it. */
  takeCrashAfterTicks(): number | undefined {
    const ticks = this.crashAfterTicks;
    this.crashAfterTicks = undefined;
    return ticks;
  }

  api(parts: Omit<StressnbTestApi, 'crashNextRunAfterTicks'>): StressnbTestApi {
    return { ...parts, crashNextRunAfterTicks: (ticks) => (this.crashAfterTicks = ticks) };
  }
}
