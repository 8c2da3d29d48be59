// What differs between the extension's two hosts: desktop VS Code runs `main` (dist/extension.js,
// Node) and VS Code for the Web (vscode.dev, github.dev) runs `browser` (dist/extension.web.js, a
// web worker). Each entry (extension.node.ts, extension.web.ts) builds one of these and hands it to
// the shared activate (extension.ts); everything else is the same code on both.

import type * as vscode from 'vscode';
import type { RunSummary } from '../analysis/reportTypes';
import type { SearchState } from '../report/searchReport';
import type { SearchProbe } from '../analysis/searchTypes';
import type { SweepState } from '../report/sweepReport';
import type { SweepRow } from '../analysis/sweepTypes';
import type { ConfigHeader, StreamThresholds } from '../format/runEvents';
import type { SearchPlan } from '../spec/searchPlan';
import type { SweepPlan } from '../spec/sweepGrid';
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
  /** Starts an engine worker ahead, so the next run starts at once (desktop: a spare worker thread). */
  readonly prepareEngineWorker?: () => void;
  /**
   * Runs `source: command` and `source: file` cells, which need a local process and file system;
   * absent on the web, where such cells are refused with an explanation.
   */
  readonly externalSources?: (
    spec: ExternalSourceSpec,
    notebook: vscode.NotebookDocument,
    fallbackConfig: ConfigHeader,
    /** What judges the run, carried on its config event (the cell's scenario and thresholds). */
    judge?: { scenario?: string; expect?: StreamThresholds },
  ) => RunSource;
  /** The log files a repeated file source's path pattern matches (exactly `count`); absent on the web. */
  readonly logFilesOfPattern?: (
    pattern: string,
    notebook: vscode.NotebookDocument,
    count: number,
  ) => { files: string[] } | { error: string };
  /** Writes an exported session report: atomically to local files on desktop, through vscode.workspace.fs on the web. */
  readonly writeReport: ReportWriter;
  /**
   * Runs a sweep's points on worker threads, one per core (sweepHost.node.ts over src/sweep);
   * absent on the web, where a sweep cell explains that it needs desktop VS Code.
   */
  readonly sweeps?: SweepRunner;
  /** Released when the extension deactivates (running commands, worker sources). */
  dispose(): Promise<void> | void;
}

/** Starts sweeps (src/sweep/sweepPool.ts's startSweep, with the extension's worker threads). */
export interface SweepRunner extends vscode.Disposable {
  /** Worker threads a sweep of `points` points gets. */
  threadsFor(points: number): number;
  start(plan: SweepPlan, options: { onRow(row: SweepRow): void; baselines: Record<string, RunSummary> }): StartedSweep;
  /**
   * Starts a capacity search (src/sweep/searchRun.ts): engine probes on these worker threads, or a
   * command's probes one at a time, started in the notebook's folder.
   */
  search(plan: SearchPlan, options: SearchRunnerOptions): StartedSearch;
  /** Sweep worker threads alive right now (the tests read it). */
  readonly liveWorkers: number;
}

export interface StartedSweep {
  /** Every row done, in grid order, once the sweep has finished, was stopped or failed; never rejects. */
  readonly result: Promise<{ end: SweepState; rows: SweepRow[] }>;
  /** Stops every worker at once. */
  stop(): void;
}

export interface SearchRunnerOptions {
  onProbe(probe: SearchProbe): void;
  baselines: Record<string, RunSummary>;
  /** The search cell's notebook: a command's relative `cwd` resolves from its folder. */
  notebook: vscode.NotebookDocument;
}

export interface StartedSearch {
  /** Probes that run at once. */
  readonly slots: number;
  /** The probes done once the search has ended, was stopped or failed; never rejects. */
  readonly result: Promise<{ end: SearchState; probes: SearchProbe[] }>;
  /** Stops every probe at once (a command with its process tree); the probes done are kept. */
  stop(): void;
}
