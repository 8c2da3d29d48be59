// Live diagnostics on scenario cells: the spec parser's positioned problems, updated as the
// user types and cleared when the cell's document closes; plus, in restricted mode, why a
// command cell will not run.

import * as vscode from 'vscode';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { commandBlockedByTrust, untrustedCommandDiagnostic } from './commandTrust';
import { SCENARIO_LANGUAGE } from './extensionIds';
import { toDiagnostic } from './specProblems';

export function registerSpecDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('stressnb');
  const refresh = (document: vscode.TextDocument) => {
    if (document.languageId !== SCENARIO_LANGUAGE) {
      collection.delete(document.uri);
      return;
    }
    const { spec, problems } = parseScenarioSpec(document.getText());
    const diagnostics = problems.map(toDiagnostic);
    if (commandBlockedByTrust(spec)) diagnostics.push(untrustedCommandDiagnostic(document));
    collection.set(document.uri, diagnostics);
  };
  vscode.workspace.textDocuments.forEach(refresh);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.workspace.textDocuments.forEach(refresh)),
  );
}
