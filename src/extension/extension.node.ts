// Desktop VS Code's entry (`main`: dist/extension.js, Node): the engine in worker threads, and
// command and file sources (src/sources).

import type * as vscode from 'vscode';
import { stopAllSources } from '../sources/liveSources';
import { activateStressnb, type StressnbTestApi } from './extension';
import { registerExportReport } from './exportReport.node';
import { createExternalSource } from './externalSource.node';
import { nodeEngineWorkers } from './workerHost.node';

export function activate(context: vscode.ExtensionContext): StressnbTestApi {
  // The session report is written with Node's file system (src/export/writeReport.ts).
  context.subscriptions.push(registerExportReport());
  return activateStressnb(context, {
    host: 'node',
    engineWorkers: nodeEngineWorkers(context.extensionUri),
    externalSources: createExternalSource,
    dispose: () => stopAllSources(),
  });
}

export async function deactivate(): Promise<void> {
  await stopAllSources();
}
