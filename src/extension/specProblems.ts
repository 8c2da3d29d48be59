// Scenario-spec problems as VS Code diagnostics, and as the text a failed run shows: the same
// messages in both places.

import * as vscode from 'vscode';
import type { SpecProblem } from '../spec/specProblem';

export function problemRange(problem: SpecProblem): vscode.Range {
  const start = new vscode.Position(Math.max(0, problem.line - 1), Math.max(0, problem.column - 1));
  const end = new vscode.Position(Math.max(0, problem.endLine - 1), Math.max(0, problem.endColumn - 1));
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}

export function toDiagnostic(problem: SpecProblem): vscode.Diagnostic {
  const severity = problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning;
  const diagnostic = new vscode.Diagnostic(problemRange(problem), problem.message, severity);
  diagnostic.source = 'stressnb';
  return diagnostic;
}

/** `line 3, column 5: message` per error, for a failed run. */
export function formatProblems(problems: readonly SpecProblem[]): string {
  return problems
    .filter((p) => p.severity === 'error')
    .map((p) => `line ${p.line}, column ${p.column}: ${p.message}`)
    .join('\n');
}
