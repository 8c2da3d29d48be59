// The shared activate: registers the serializer, the kernel, the language features and the
// commands, the same on desktop and on the web. The entries (extension.node.ts: `main`,
// extension.web.ts: `browser`) pass what differs as a StressnbPlatform (platform.ts).
// Everything is a subscription of the extension context, so deactivation releases it all.

import * as vscode from 'vscode';
import { preloadChartCompiler } from '../charts/compileCharts';
import { DEFAULT_EDITOR_PACE, readPace } from '../spec/pace';
import type { RunSettings } from './cellRun';
import { registerCellStatusBar } from './cellStatusBar';
import { registerChartSaving } from './chartSaving';
import { registerCommands } from './commands';
import { StressController } from './controller';
import { registerExportReport } from './exportReport';
import { registerFullTranscripts } from './fullTranscript';
import { registerHeadlineMessaging } from './headlineMessaging';
import { NOTEBOOK_TYPE } from './extensionIds';
import type { StressnbPlatform } from './platform';
import { registerHistoryView } from './historyView';
import { registerViewDocuments } from './viewDocuments';
import { StressnbSerializer, SERIALIZER_OPTIONS } from './serializer';
import { registerSpecCompletion } from './specCompletion';
import { registerSpecDiagnostics } from './specDiagnostics';
import { registerSweepPoints } from './sweepPoints';
import { WorkerHost } from './workerHost';

/** What activate() returns: hooks for the integration tests, nothing a user needs. */
export interface StressnbTestApi {
  /** Which bundle runs: `node` (main) or `web` (browser). */
  readonly host: StressnbPlatform['host'];
  /** The next engine run's worker throws after this many ticks (exercises crash handling). */
  crashNextRunAfterTicks(ticks: number): void;
  /** Engine and sweep workers alive right now. */
  liveWorkers(): number;
}

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

export function activateStressnb(context: vscode.ExtensionContext, platform: StressnbPlatform): StressnbTestApi {
  const workerHost = new WorkerHost(platform.engineWorkers, platform.prepareEngineWorker);
  const externalSources = platform.externalSources !== undefined;
  let crashAfterTicks: number | undefined;
  const controller = new StressController({
    workerHost,
    externalSources: platform.externalSources,
    ...(platform.logFilesOfPattern ? { logFilesOfPattern: platform.logFilesOfPattern } : {}),
    ...(platform.sweeps ? { sweeps: platform.sweeps } : {}),
    settings: readSettings,
    takeCrashAfterTicks: () => {
      const ticks = crashAfterTicks;
      crashAfterTicks = undefined;
      return ticks;
    },
  });
  context.subscriptions.push(
    vscode.workspace.registerNotebookSerializer(NOTEBOOK_TYPE, new StressnbSerializer(), SERIALIZER_OPTIONS),
    controller,
    workerHost,
    registerSpecDiagnostics(externalSources),
    registerSpecCompletion(),
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
  // A stress notebook open in a trusted workspace means runs are in sight: have a worker and the
  // chart compiler ready, so a first run (and each cell of Run All) starts at once.
  const getReady = (notebook: vscode.NotebookDocument) => {
    if (notebook.notebookType !== NOTEBOOK_TYPE || !vscode.workspace.isTrusted) return;
    workerHost.prepareSpare();
    preloadChartCompiler();
  };
  vscode.workspace.notebookDocuments.forEach(getReady);
  context.subscriptions.push(vscode.workspace.onDidOpenNotebookDocument(getReady));
  return {
    host: platform.host,
    crashNextRunAfterTicks: (ticks) => (crashAfterTicks = ticks),
    liveWorkers: () => workerHost.liveWorkers + (platform.sweeps?.liveWorkers ?? 0),
  };
}
