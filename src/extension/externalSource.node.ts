// Desktop only: a cell whose spec says `source: command` or `source: file` runs through the
// sources of src/sources (Node: processes and files) instead of the engine worker; this adapts
// them to RunSource. Relative `cwd` and `path` resolve from the notebook's folder.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ConfigHeader } from '../format/runEvents';
import { errorMessage } from '../contracts/errorMessage';
import type { CounterSource, SourceResult } from '../sources/counterSource';
import { createSource, type ExternalSourceSpec } from '../sources/createSource';
import { logFilesOfPattern } from '../sources/logFilePattern';
import type { RunEnd, RunListener, RunSource } from './runSource';

export function createExternalSource(spec: ExternalSourceSpec, notebook: vscode.NotebookDocument, fallbackConfig: ConfigHeader): RunSource {
  return new ExternalRunSource(createSource(spec, { baseDir: notebookDir(notebook), fallbackConfig }));
}

/** The files of a repeated file source's pattern, resolved from the notebook's folder. */
export function logFilesOfNotebookPattern(pattern: string, notebook: vscode.NotebookDocument, count: number): { files: string[] } | { error: string } {
  return logFilesOfPattern(pattern, notebookDir(notebook), count);
}

function notebookDir(notebook: vscode.NotebookDocument): string {
  if (notebook.uri.scheme === 'file') return path.dirname(notebook.uri.fsPath);
  return vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
}

class ExternalRunSource implements RunSource {
  constructor(private readonly source: CounterSource) {}

  async run(listener: RunListener): Promise<RunEnd> {
    try {
      this.source.start({
        onEvents: (events) => listener.onEvents(events),
        onActivity: (activity) =>
          listener.onNote?.(activity.state === 'quiet' ? `source quiet for ${activity.silentForS} s` : undefined),
      });
    } catch (error) {
      return { kind: 'failed', message: errorMessage(error) };
    }
    return toRunEnd(await this.source.result);
  }

  stop(): void {
    void this.source.stop();
  }
}

function toRunEnd(result: SourceResult): RunEnd {
  if (result.status === 'ended') return { kind: 'finished' };
  if (result.status === 'stopped') return { kind: 'interrupted' };
  const tail = result.stderrTail.trimEnd();
  const message = result.message ?? 'the source failed';
  return { kind: 'failed', message: tail ? `${message}\nstderr (last lines):\n${tail}` : message };
}
