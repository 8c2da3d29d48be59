// Desktop VS Code's entry (`main`: dist/extension.js, Node): the engine in worker threads,
// command and file sources (src/sources), sweeps on worker threads (src/sweep), and reports
// written atomically to local files.

import type * as vscode from 'vscode';
import { stopAllSources } from '../sources/liveSources';
import { activateStressnb } from './extension';
import type { StressnbTestApi } from './testHooks';
import { createExternalSource, logFilesOfNotebookPattern } from './externalSource.node';
import { writeReportNode } from './reportWriter.node';
import { nodeSweeps } from './sweepHost.node';
import { nodeEngineWorkers } from './workerHost.node';

export function activate(context: vscode.ExtensionContext): StressnbTestApi | undefined {
  const workers = nodeEngineWorkers(context.extensionUri);
  return activateStressnb(context, {
    host: 'node',
    engineWorkers: workers.start,
    prepareEngineWorker: workers.prepare,
    externalSources: createExternalSource,
    logFilesOfPattern: logFilesOfNotebookPattern,
    writeReport: writeReportNode,
    sweeps: nodeSweeps(context.extensionUri),
    dispose: () => {
      workers.dispose();
      return stopAllSources();
    },
  });
}

export async function deactivate(): Promise<void> {
  await stopAllSources();
}
