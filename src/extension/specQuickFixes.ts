// Quick fixes for scenario cells: a problem whose message says `did you mean "x"?` (an unknown key,
// a misspelled value or metric, "baselne" in a threshold) offers to change the word to x
// (src/spec/didYouMeanFix.ts), from the light bulb or Ctrl+. on the squiggle.

import * as vscode from 'vscode';
import { didYouMeanFix } from '../spec/didYouMeanFix';
import { SCENARIO_LANGUAGE } from './extensionIds';

export class SpecQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'stressnb') continue;
      const fix = didYouMeanFix(diagnostic.message, document.getText(diagnostic.range));
      if (!fix) continue;
      const base = document.offsetAt(diagnostic.range.start);
      const target = new vscode.Range(document.positionAt(base + fix.start), document.positionAt(base + fix.end));
      const action = new vscode.CodeAction(`Change to "${fix.replacement}"`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, target, fix.replacement);
      actions.push(action);
    }
    return actions;
  }
}

export function registerSpecQuickFixes(): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: SCENARIO_LANGUAGE }, new SpecQuickFixes(), {
    providedCodeActionKinds: SpecQuickFixes.kinds,
  });
}
