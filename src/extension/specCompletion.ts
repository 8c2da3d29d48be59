// Completion of scenario-spec keys and enum values, and hover documentation for each key.

import * as vscode from 'vscode';
import type { SpecKeyInfo } from '../spec/specKeys';
import type { ThresholdExample } from '../spec/thresholdExamples';
import { keysAt } from '../spec/keysAt';
import { SCENARIO_SELECTOR } from './extensionIds';
import { cursorContext, scenarioOf, wordAt, workCostDistOf } from './specCursor';

function keysFor(path: string[], text: string): Readonly<Record<string, SpecKeyInfo>> | undefined {
  return keysAt(path, { scenario: scenarioOf(text), dist: workCostDistOf(text), search: /^search\s*:/m.test(text) });
}

export function keyDocumentation(key: string, info: SpecKeyInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${key}** (${info.type.replace(/-/g, ' ')})\n\n${info.doc}`);
  const facts: string[] = [];
  if (info.required) facts.push('required');
  if (info.default !== undefined) facts.push(`default \`${info.default}\``);
  if (info.min !== undefined) facts.push(`min ${info.min}`);
  if (info.max !== undefined) facts.push(`max ${info.max}`);
  if (info.values) facts.push(`one of ${info.values.map((v) => `\`${v}\``).join(', ')}${info.moreValues ? `, ${info.moreValues}` : ''}`);
  if (facts.length > 0) md.appendMarkdown(`\n\n${facts.join(' · ')}`);
  return md;
}

function valuesOf(info: SpecKeyInfo): readonly string[] {
  if (info.values) return info.values;
  if (info.type === 'boolean') return ['true', 'false'];
  return [];
}

/** Keys already written at the top level, so completion does not offer them twice. */
function topLevelKeys(text: string): Set<string> {
  return new Set([...text.matchAll(/^([A-Za-z_][\w-]*)\s*:/gm)].map((m) => m[1]));
}

const completionProvider: vscode.CompletionItemProvider = {
  provideCompletionItems(document, position) {
    const text = document.getText();
    const context = cursorContext(text, position.line, position.character);
    if (!context) return undefined;
    const keys = keysFor(context.path, text);
    if (!keys) return undefined;
    if (context.kind === 'key') {
      const taken = context.path.length === 0 ? topLevelKeys(text) : new Set<string>();
      const inFlow = /[{,]\s*[\w.-]*$/.test(document.lineAt(position.line).text.slice(0, position.character));
      return Object.entries(keys)
        .filter(([key]) => !taken.has(key))
        .map(([key, info]) => {
          const item = new vscode.CompletionItem(key, vscode.CompletionItemKind.Property);
          item.insertText = `${key}: `;
          item.detail = info.type + (info.default !== undefined ? ` = ${info.default}` : '');
          item.documentation = keyDocumentation(key, info);
          if (!inFlow && (info.type === 'enum' || info.type === 'boolean' || info.examples)) {
            item.command = { command: 'editor.action.triggerSuggest', title: 'values' };
          }
          return item;
        });
    }
    const info = keys[context.key];
    if (!info) return undefined;
    if (info.examples) return comparisonItems(info.examples, document.lineAt(position.line).text, position);
    return valuesOf(info).map((value) => {
      const item = new vscode.CompletionItem(value, vscode.CompletionItemKind.EnumMember);
      const doc = info.valueDocs?.[value];
      if (doc) item.documentation = new vscode.MarkdownString(doc);
      return item;
    });
  },
};

/**
 * Ready-made comparisons (`">= baseline - 10%"`), quoted, replacing what was typed of the value
 * so far (and the closing quote the editor may have added).
 */
function comparisonItems(examples: readonly ThresholdExample[], lineText: string, position: vscode.Position): vscode.CompletionItem[] {
  const typed = /:\s*(["']?[^:,{}"']*)$/.exec(lineText.slice(0, position.character))?.[1] ?? '';
  const closing = /^["']/.test(typed) && lineText[position.character] === typed[0] ? 1 : 0;
  const range = new vscode.Range(position.line, position.character - typed.length, position.line, position.character + closing);
  return examples.map((example, i) => {
    const quoted = `"${example.text}"`;
    const item = new vscode.CompletionItem(quoted, vscode.CompletionItemKind.Value);
    item.range = range;
    item.filterText = quoted;
    item.sortText = String(i).padStart(3, '0');
    item.detail = 'compare with the pinned baseline';
    item.documentation = new vscode.MarkdownString(example.doc);
    return item;
  });
}

const hoverProvider: vscode.HoverProvider = {
  provideHover(document, position) {
    const lineText = document.lineAt(position.line).text;
    const word = wordAt(lineText, position.character);
    if (!word) return undefined;
    const text = document.getText();
    const context = cursorContext(text, position.line, word.end);
    if (!context) return undefined;
    const keys = keysFor(context.path, text);
    if (!keys) return undefined;
    const range = new vscode.Range(position.line, word.start, position.line, word.end);
    const isKey = /^\s*:/.test(lineText.slice(word.end));
    if (isKey) {
      const info = keys[word.word];
      return info ? new vscode.Hover(keyDocumentation(word.word, info), range) : undefined;
    }
    if (context.kind !== 'value') return undefined;
    const info = keys[context.key];
    const doc = info?.valueDocs?.[word.word];
    return doc ? new vscode.Hover(new vscode.MarkdownString(`**${context.key}: ${word.word}**\n\n${doc}`), range) : undefined;
  },
};

export function registerSpecCompletion(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider(SCENARIO_SELECTOR, completionProvider, ':', '{', ',', '['),
    vscode.languages.registerHoverProvider(SCENARIO_SELECTOR, hoverProvider),
  );
}
