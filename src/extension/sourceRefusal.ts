// Why a cell's source cannot run in this host, if it cannot: `source: command` and `source: file`
// need desktop VS Code (a local process and file system; VS Code for the Web has neither), and a
// command needs a trusted workspace. The diagnostic, the status bar and the run say the same.

import * as vscode from 'vscode';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { commandBlockedByTrust, UNTRUSTED_COMMAND_MESSAGE } from './commandTrust';

export interface SourceRefusal {
  /** The error's name on a refused run, e.g. "Needs desktop VS Code". */
  title: string;
  /** The whole explanation: diagnostic, tooltip and the run's error. */
  message: string;
  /** The cell status bar's text. */
  status: string;
  /** A command the status bar item runs (manage trust). */
  command?: string;
}

export const DESKTOP_ONLY_TITLE = 'Needs desktop VS Code';

export function desktopOnlyMessage(kind: 'command' | 'file'): string {
  const what =
    kind === 'command'
      ? 'This cell starts a command (source: command), which needs desktop VS Code: VS Code for the Web (vscode.dev, github.dev) cannot start programs.'
      : 'This cell reads a log file (source: file), which needs desktop VS Code: VS Code for the Web (vscode.dev, github.dev) cannot read files as a local process does.';
  return `${what} Open the notebook in desktop VS Code to run it; cells that use the built-in engine run here.`;
}

/** `externalSources`: whether this host runs command and file sources at all. */
export function sourceRefusal(spec: ScenarioSpec | undefined, externalSources: boolean): SourceRefusal | undefined {
  if (!spec || spec.source.kind === 'engine') return undefined;
  if (!externalSources) {
    return { title: DESKTOP_ONLY_TITLE, message: desktopOnlyMessage(spec.source.kind), status: `$(desktop-download) ${spec.source.kind} source: needs desktop VS Code` };
  }
  if (commandBlockedByTrust(spec)) {
    return {
      title: 'Command source needs a trusted workspace',
      message: UNTRUSTED_COMMAND_MESSAGE,
      status: '$(workspace-untrusted) Command source: needs a trusted workspace',
      command: 'workbench.trust.manage',
    };
  }
  return undefined;
}

/** A warning on the cell's `source:` line. */
export function refusalDiagnostic(document: vscode.TextDocument, refusal: SourceRefusal): vscode.Diagnostic {
  const match = /^source\s*:.*$/m.exec(document.getText());
  const start = match ? document.positionAt(match.index) : new vscode.Position(0, 0);
  const end = match ? document.positionAt(match.index + match[0].length) : start;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), refusal.message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'stressnb';
  return diagnostic;
}
