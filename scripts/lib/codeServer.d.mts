// Types for codeServer.mjs (used by the TypeScript end-to-end helpers).
export interface CodeServer {
  readonly origin: string;
  readonly port: number;
  readonly root: string;
  readonly folder: string;
  readonly logFile: string;
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: string | null }>;
  readLog(): string;
  workbenchUrl(options?: { folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  stop(options?: { keep?: boolean }): Promise<void>;
}

export interface StartCodeServerOptions {
  folder: string;
  workspaceTrust?: boolean;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  /** Where stressnb runs: the Node extension host (`main`, default) or the web worker host (`browser`). */
  extensionHost?: 'node' | 'web';
  port?: number;
}

export const webExtensionHostSettings: Record<string, unknown>;
export function freePort(): Promise<number>;
export function startCodeServer(options: StartCodeServerOptions): Promise<CodeServer>;
