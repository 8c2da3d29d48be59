// Entry point: registers the serializer, the kernel, the language features and the commands.
// Everything is a subscription of the extension context, so deactivation releases it all.

import * as vscode from 'vscode';
import type { Pace } from '../spec/scenarioSpec';
import { stopAllSources } from '../sources/liveSources';
import type { RunSettings } from './cellRun';
import { registerCellStatusBar } from './cellStatusBar';
import { registerChartSaving } from './chartSaving';
import { registerCommands } from './commands';
import { registerExportReport } from './exportReport';
import { StressController } from './controller';
import { NOTEBOOK_TYPE } from './extensionIds';
import { StressnbSerializer, SERIALIZER_OPTIONS } from './serializer';
import { registerSpecCompletion } from './specCompletion';
import { registerSpecDiagnostics } from './specDiagnostics';
import { WorkerHost } from './workerHost';

/** What activate() returns: hooks for the integration tests, nothing a user needs. */
export interface StressnbTestApi {
  /** The next engine run's worker throws after this many ticks (exercises crash handling). */
  crashNextRunAfterTicks(ticks: number): void;
  liveWorkers(): number;
}

function readSettings(): RunSettings {
  const config = vscode.workspace.getConfiguration('stressnb');
  const pace = config.get<string>('defaultPace');
  const throttle = config.get<number>('outputThrottleMs', 200);
  return {
    defaultPace: (pace === 'fast' ? 'fast' : 'realtime') satisfies Pace,
    throttleMs: Number.isFinite(throttle) ? Math.min(5000, Math.max(50, throttle)) : 200,
  };
}

export function activate(context: vscode.ExtensionContext): StressnbTestApi {
  const workerHost = new WorkerHost(context.extensionUri);
  let crashAfterTicks: number | undefined;
  const controller = new StressController({
    workerHost,
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
    registerSpecDiagnostics(),
    registerSpecCompletion(),
    registerCommands(),
    registerExportReport(),
    registerCellStatusBar(),
    registerChartSaving(),
    { dispose: () => void stopAllSources() },
  );
  return {
    crashNextRunAfterTicks: (ticks) => (crashAfterTicks = ticks),
    liveWorkers: () => workerHost.liveWorkers,
  };
}

export async function deactivate(): Promise<void> {
  await stopAllSources();
}
