// Desktop VS Code's entry (`main`: dist/extension.js, Node): the engine in worker threads,
// command and file sources (src/sources), and sweeps on worker threads (src/sweep).

import type * as vscode from 'vscode';
import { stopAllSources } from '../sources/liveSources';
import { activateStressnb, type StressnbTestApi } from './extension';
import { registerExportReport } from './exportReport.node';
import { createExternalSource } from './externalSource.node';
import { nodeSweeps } from './sweepHost.node';
import { nodeEngineWorkers } from './workerHost.node';

export function activate(context: vscode.ExtensionContext): StressnbTestApi {
  // The session report is written with Node's file system (src/export/writeReport.ts).
  context.subscriptions.push(registerExportReport());
  return activateStressnb(context, {
    host: 'node',
    engineWorkers: nodeEngineWorkers(context.extensionUri),
    externalSources: createExternalSource,
    sweeps: nodeSweeps(context.extensionUri),
    dispose: () => stopAllSources(),
  });
}

export async function deactivate(): Promise<void> {
  await stopAllSources();
}
