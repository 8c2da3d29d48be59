// Desktop only: a cell whose spec says `source: command`, `file`, `metrics` or `prometheus` runs
// through the sources of src/sources (Node: processes, files, HTTP) instead of the engine worker;
// this adapts them to RunSource, and logs each source's start and end (log.ts). Relative `cwd`
// and `path` resolve from the notebook's folder.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigHeader, StreamThresholds } from '../format/runEvents';
import { errorMessage } from '../contracts/errorMessage';
import type { CounterSource, SourceResult } from '../sources/counterSource';
import { createSource, type ExternalSourceSpec } from '../sources/createSource';
import { logFilesOfPattern } from '../sources/logFilePattern';
import { log } from './log';
import type { RunEnd, RunListener, RunSource } from './runSource';

export function createExternalSource(
  spec: ExternalSourceSpec,
  notebook: vscode.NotebookDocument,
  fallbackConfig: ConfigHeader,
  judge?: { scenario?: string; expect?: StreamThresholds },
): RunSource {
  const baseDir = notebookDir(notebook);
  return new ExternalRunSource(createSource(spec, { baseDir, fallbackConfig, judge }), describeSource(spec, baseDir));
}

/** The files of a repeated file source's pattern, resolved from the notebook's folder. */
export function logFilesOfNotebookPattern(
  pattern: string,
  notebook: vscode.NotebookDocument,
  count: number,
): { files: string[] } | { error: string } {
  return logFilesOfPattern(pattern, notebookDir(notebook), count);
}

/** How the log names a source, in full: `command "node emit.js" in /work/project`, `file /logs/run.log (followed)`. */
function describeSource(spec: ExternalSourceSpec, baseDir: string): string {
  const command = (c: { command: string; args: string[]; cwd?: string }) =>
    `${JSON.stringify([c.command, ...c.args].join(' '))} in ${path.resolve(baseDir, c.cwd ?? '.')}`;
  switch (spec.kind) {
    case 'command':
      return `command ${command(spec)}`;
    case 'file':
      return `file ${path.resolve(baseDir, spec.path)}${spec.follow ? ' (followed)' : ''}`;
    case 'metrics':
      return `metrics endpoint ${spec.url}${spec.service ? `, service command ${command(spec.service)}` : ''}`;
    case 'prometheus':
      return `Prometheus server ${spec.url}`;
  }
}

/** The folder a source's relative `cwd` and `path` resolve from: the notebook's, else the workspace's. */
export function notebookDir(notebook: vscode.NotebookDocument): string {
  if (notebook.uri.scheme === 'file') return path.dirname(notebook.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}

class ExternalRunSource implements RunSource {
  constructor(
    private readonly source: CounterSource,
    private readonly name: string,
  ) {}

  async run(listener: RunListener): Promise<RunEnd> {
    try {
      this.source.start({
        onEvents: (events) => listener.onEvents(events),
        onActivity: (activity) => listener.onNote?.(activity.state === 'quiet' ? `source quiet for ${activity.silentForS} s` : undefined),
        onNote: (note) => listener.onNote?.(note),
      });
    } catch (error) {
      log.error(`source ${this.name} could not start`, error);
      return { kind: 'failed', message: errorMessage(error) };
    }
    log.info(`source started: ${this.name}`);
    const result = await this.source.result;
    if (result.status === 'failed') log.warn(`source ended: ${this.name}: ${endText(result)}${stderrText(result)}`);
    else log.info(`source ended: ${this.name}: ${endText(result)}`);
    return toRunEnd(result);
  }

  stop(): void {
    void this.source.stop();
  }
}

/** `exit code 0`, `signal SIGTERM (stopped)`, `failed: the file … does not exist`. */
function endText(result: SourceResult): string {
  const exit = result.signal ? `signal ${result.signal}` : result.exitCode !== undefined ? `exit code ${result.exitCode}` : undefined;
  const status = result.status === 'failed' ? `failed: ${result.message ?? 'the source failed'}` : result.status;
  const lines = `${result.stats.lines} lines, ${result.stats.parser.counterLines} counter lines`;
  return exit ? `${exit}, ${status}, ${lines}` : `${status}, ${lines}`;
}

function stderrText(result: SourceResult): string {
  const tail = result.stderrTail.trimEnd();
  return tail ? `\nstderr (last lines):\n${tail}` : '';
}

function toRunEnd(result: SourceResult): RunEnd {
  if (result.status === 'ended') return { kind: 'finished' };
  if (result.status === 'stopped') return { kind: 'interrupted' };
  const tail = result.stderrTail.trimEnd();
  const message = result.message ?? 'the source failed';
  return { kind: 'failed', message: tail ? `${message}\nstderr (last lines):\n${tail}` : message };
}
