// Why a cell's source cannot run in this host, if it cannot: every source but the engine needs
// desktop VS Code (a local process, file system or network client; VS Code for the Web has none of
// them), and a command, a metrics endpoint or a Prometheus server needs a trusted workspace. The
// diagnostic, the status bar and the run say the same.

import * as vscode from 'vscode';
import type { ExternalSourceKind, ScenarioSpec } from '../spec/scenarioSpec';
import { sourceBlockedByTrust, untrustedSourceMessage } from './commandTrust';

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

const DESKTOP_ONLY: Record<ExternalSourceKind, string> = {
  command:
    'This cell starts a command (source: command), which needs desktop VS Code: VS Code for the Web (vscode.dev, github.dev) cannot start programs.',
  file: 'This cell reads a log file (source: file), which needs desktop VS Code: VS Code for the Web (vscode.dev, github.dev) cannot read files as a local process does.',
  metrics:
    'This cell scrapes a metrics endpoint (source: metrics), which needs desktop VS Code: VS Code for the Web (vscode.dev, github.dev) cannot start a service, and its browser sandbox blocks requests to an endpoint that does not allow them (CORS).',
  prometheus:
    'This cell asks a Prometheus server for recorded metrics (source: prometheus), which needs desktop VS Code: VS Code for the Web (vscode.dev, github.dev) runs in a browser sandbox that blocks requests to a server that does not allow them (CORS).',
};

export function desktopOnlyMessage(kind: ExternalSourceKind): string {
  return `${DESKTOP_ONLY[kind]} Open the notebook in desktop VS Code to run it (or run it with stressnb run); cells that use the built-in engine run here.`;
}

/** `externalSources`: whether this host runs command and file sources at all. */
export function sourceRefusal(spec: ScenarioSpec | undefined, externalSources: boolean): SourceRefusal | undefined {
  if (!spec || spec.source.kind === 'engine') return undefined;
  if (!externalSources) {
    return {
      title: DESKTOP_ONLY_TITLE,
      message: desktopOnlyMessage(spec.source.kind),
      status: `$(desktop-download) ${spec.source.kind} source: needs desktop VS Code`,
    };
  }
  if (sourceBlockedByTrust(spec)) {
    const name = `${spec.source.kind[0].toUpperCase()}${spec.source.kind.slice(1)} source`;
    return {
      title: `${name} needs a trusted workspace`,
      message: untrustedSourceMessage(spec.source.kind),
      status: `$(workspace-untrusted) ${name}: needs a trusted workspace`,
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
