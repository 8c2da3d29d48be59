// The shared activate: registers the serializer, the kernel, the language features and the
// commands, the same on desktop and on the web. The entries (extension.node.ts: `main`,
// extension.web.ts: `browser`) pass what differs as a StressnbPlatform (platform.ts).
// Everything is a subscription of the extension context, so deactivation releases it all.
// In test mode (and only there, testHooks.ts) it returns hooks for the extension's own tests.

import * as vscode from 'vscode';
import { preloadChartCompiler } from '../charts/compileCharts';
import { DEFAULT_EDITOR_PACE, readPace } from '../spec/pace';
import { hasSweep } from '../spec/sweepPointSpec';
import type { RunSettings } from './cellRun';
import { registerCellStatusBar } from './cellStatusBar';
import { registerChartSaving } from './chartSaving';
import { registerCommands } from './commands';
import { StressController } from './controller';
import { log, openExtensionLog } from './log';
import { registerExportReport } from './exportReport';
import { registerFullTranscripts } from './fullTranscript';
import { registerHeadlineMessaging } from './headlineMessaging';
import { NOTEBOOK_TYPE } from './extensionIds';
import { openNotebookOnStart } from './openOnStart';
import type { StressnbPlatform } from './platform';
import { registerHistoryView } from './historyView';
import { registerViewDocuments } from './viewDocuments';
import { TestHooks, type StressnbTestApi } from './testHooks';
import { StressnbSerializer, SERIALIZER_OPTIONS } from './serializer';
import { registerSpecCompletion } from './specCompletion';
import { registerSpecDiagnostics } from './specDiagnostics';
import { registerSpecQuickFixes } from './specQuickFixes';
import { registerSweepPoints } from './sweepPoints';
import { WorkerHost } from './workerHost';

function readSettings(): RunSettings {
  const config = vscode.workspace.getConfiguration('stressnb');
  const pace = readPace(String(config.get<string>('defaultPace') ?? DEFAULT_EDITOR_PACE));
  const throttle = config.get<number>('outputThrottleMs', 200);
  return {
    // The setting's schema offers valid choices; a hand-written bad value falls back to the default.
    defaultPace: 'pace' in pace ? pace.pace : DEFAULT_EDITOR_PACE,
    throttleMs: Number.isFinite(throttle) ? Math.min(5000, Math.max(50, throttle)) : 200,
  };
}

export function activateStressnb(context: vscode.ExtensionContext, platform: StressnbPlatform): StressnbTestApi | undefined {
  context.subscriptions.push(openExtensionLog());
  const mode = vscode.ExtensionMode[context.extensionMode].toLowerCase();
  log.info(`stressnb ${String(context.extension.packageJSON.version)} activated (${platform.host} extension host, ${mode} mode)`);
  const workerHost = new WorkerHost(platform.engineWorkers, platform.prepareEngineWorker);
  const externalSources = platform.externalSources !== undefined;
  const testHooks = STRESSNB_TEST_HOOKS && context.extensionMode === vscode.ExtensionMode.Test ? new TestHooks() : undefined;
  const controller = new StressController({
    workerHost,
    externalSources: platform.externalSources,
    ...(platform.logFilesOfPattern ? { logFilesOfPattern: platform.logFilesOfPattern } : {}),
    ...(platform.sweeps ? { sweeps: platform.sweeps } : {}),
    settings: readSettings,
    ...(testHooks ? { testHooks } : {}),
  });
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new StressnbSerializer(), SERIALIZER_OPTIONS),
    controller,
    workerHost,
    registerSpecDiagnostics(externalSources),
    registerSpecCompletion(),
    registerSpecQuickFixes(),
    registerCommands(),
    registerCellStatusBar(externalSources),
    registerChartSaving(),
    registerExportReport(platform.writeReport),
    registerHeadlineMessaging(),
    registerFullTranscripts(),
    registerSweepPoints(),
    registerViewDocuments(),
    registerHistoryView(),
    { dispose: () => platform.sweeps?.dispose() },
    { dispose: () => void platform.dispose() },
  );
  // A stress notebook open in a trusted workspace means runs are in sight: have a worker ready,
  // and for a sweep cell the chart compiler (run charts need none), so a first run (and each cell
  // of Run All) starts at once.
  const getReady = (notebook: vscode.NotebookDocument) => {
    if (notebook.notebookType !== NOTEBOOK_TYPE || !vscode.workspace.isTrusted) return;
    workerHost.prepareSpare();
    if (platform.sweeps && notebook.getCells().some((cell) => hasSweep(cell.document.getText()))) preloadChartCompiler();
  };
  vscode.workspace.notebookDocuments.forEach(getReady);
  context.subscriptions.push(vscode.workspace.onDidOpenNotebookDocument(getReady));
  void openNotebookOnStart();
  return testHooks?.api({
    host: platform.host,
    liveWorkers: () => workerHost.liveWorkers + (platform.sweeps?.liveWorkers ?? 0),
    // Where VS Code keeps an extension's log channel: its log folder, the channel's name.
    logFile: vscode.Uri.joinPath(context.logUri, 'stressnb.log'),
  });
}
