// Command sources start programs, and metrics and Prometheus sources start a service or talk to a
// server over the network, so they need a trusted workspace. VS Code itself runs no notebook cell
// in restricted mode; sourceRefusal.ts explains, in the cell, why such a cell will not run.

import * as vscode from 'vscode';
import type { ExternalSourceKind, ScenarioSpec } from '../spec/scenarioSpec';

const NEEDS_TRUST: readonly ExternalSourceKind[] = ['command', 'metrics', 'prometheus'];

const WHAT: Record<string, string> = {
  command: 'This cell starts a command (source: command), and commands run only in a trusted workspace.',
  metrics:
    'This cell scrapes a metrics endpoint (source: metrics), maybe after starting a service, and such cells run only in a trusted workspace.',
  prometheus:
    'This cell asks a Prometheus server for recorded metrics (source: prometheus), and such cells run only in a trusted workspace.',
};

export function untrustedSourceMessage(kind: ExternalSourceKind): string {
  return (
    `${WHAT[kind] ?? WHAT.command} ` +
    'This workspace is in restricted mode: trust it (Workspaces: Manage Workspace Trust) to run the cell. ' +
    'Cells that use the built-in engine or read a log file (source: file) need no such trust, but VS Code runs notebook cells only in a trusted workspace too.'
  );
}

export function sourceBlockedByTrust(spec: ScenarioSpec | undefined): boolean {
  const kind = spec?.source.kind;
  return kind !== undefined && kind !== 'engine' && NEEDS_TRUST.includes(kind) && !vscode.workspace.isTrusted;
}
