// Live diagnostics on scenario cells: the spec parser's positioned problems, updated as the
// user types and cleared when the cell's document closes.

import * as vscode from 'vscode';
import { parseScenarioSpec } from '../format/parseScenarioSpec';
import { SCENARIO_LANGUAGE } from './scenarioLanguage';
import { toDiagnostic } from './specProblems';

export function registerSpecDiagnostics(): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('stressnb');
  const refresh = (document: vscode.TextDocument) => {
    if (document.languageId !== SCENARIO_LANGUAGE) {
      collection.delete(document.uri);
      return;
    }
    const { problems } = parseScenarioSpec(document.getText());
    collection.set(document.uri, problems.map(toDiagnostic));
  };
  vscode.workspace.textDocuments.forEach(refresh);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((e) => refresh(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => collection.delete(d.uri)),
  );
}
