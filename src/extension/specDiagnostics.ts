// Live diagnostics on scenario cells: the spec parser's positioned problems, updated as the
// user types and cleared when the cell's document closes; plus why a command or file cell will
// not run here (restricted mode, or VS Code for the Web).

import * as vscode from 'vscode';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import { SCENARIO_LANGUAGE, VIEW_METADATA_KEY } from './extensionIds';
import { refusalDiagnostic, sourceRefusal } from './sourceRefusal';
import { toDiagnostic } from './specProblems';

/** A cell of a view (the run history): it shows charts, it holds no spec to check. */
function isViewCell(document: vscode.TextDocument): boolean {
  if (document.uri.scheme !== 'vscode-notebook-cell') return false;
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cell = notebook.getCells().find((c) => c.document === document);
    if (cell) return cell.metadata?.[VIEW_METADATA_KEY] !== undefined;
  }
  return false;
}

/** `externalSources`: whether this host runs command and file sources at all. */
export function registerSpecDiagnostics(externalSources: boolean): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('stressnb');
  const refresh = (document: vscode.TextDocument) => {
    if (document.languageId !== SCENARIO_LANGUAGE || isViewCell(document)) {
      collection.delete(document.uri);
      return;
    }
    const { spec, problems } = parseScenarioSpec(document.getText());
    const diagnostics = problems.map(toDiagnostic);
    const refusal = sourceRefusal(spec, externalSources);
    if (refusal) diagnostics.push(refusalDiagnostic(document, refusal));
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
