// What differs between the extension's two hosts: desktop VS Code runs `main` (dist/extension.js,
// Node) and VS Code for the Web (vscode.dev, github.dev) runs `browser` (dist/extension.web.js, a
// web worker). Each entry (extension.node.ts, extension.web.ts) builds one of these and hands it to
// the shared activate (extension.ts); everything else is the same code on both.

import type * as vscode from 'vscode';
import type { ConfigHeader } from '../format/runEvents';
import type { ExternalSourceSpec } from '../spec/scenarioSpec';
import type { ReportWriter } from './exportReport';
import type { RunSource } from './runSource';
import type { EngineWorkerFactory } from './workerHost';

export type { ExternalSourceSpec };

export interface StressnbPlatform {
  /** Which host this is; the tests check it. */
  readonly host: 'node' | 'web';
  /** Starts an engine worker for a run (a worker thread, or a Web Worker from a Blob URL). */
  readonly engineWorkers: EngineWorkerFactory;
  /**
   * Runs `source: command` and `source: file` cells, which need a local process and file system;
   * absent on the web, where such cells are refused with an explanation.
   */
  readonly externalSources?: (spec: ExternalSourceSpec, notebook: vscode.NotebookDocument, fallbackConfig: ConfigHeader) => RunSource;
  /** Writes an exported session report: atomically to local files on desktop, through vscode.workspace.fs on the web. */
  readonly writeReport: ReportWriter;
  /** Released when the extension deactivates (running commands, worker sources). */
  dispose(): Promise<void> | void;
}
