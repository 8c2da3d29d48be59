// VS Code for the Web's entry (`browser`: dist/extension.web.js, the web worker extension host of
// vscode.dev and github.dev): the engine in Web Workers from a Blob URL; no command or file source
// (no processes, no local files), so such cells explain that they need desktop VS Code; reports
// are written through the workspace's file system.
// esbuild.mjs fails the build if anything here pulls in a Node built-in.

import type * as vscode from 'vscode';
import { activateStressnb } from './extension';
import type { StressnbTestApi } from './testHooks';
import { writeReportWithWorkspaceFs } from './reportWriter';
import { webEngineWorkers } from './workerHost.web';

export function activate(context: vscode.ExtensionContext): StressnbTestApi | undefined {
  const workers = webEngineWorkers();
  return activateStressnb(context, {
    host: 'web',
    engineWorkers: workers.start,
    writeReport: writeReportWithWorkspaceFs,
    dispose: () => workers.dispose(),
  });
}

export function deactivate(): void {}
