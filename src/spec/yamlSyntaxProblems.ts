// YAML syntax errors and warnings as spec problems, with plainer words for the common mistakes.

import type { Document, YAMLError } from 'yaml';
import type { YamlSpecReader } from './yamlSpecReader';

/** Reports the document's YAML errors and warnings; returns the 1-based lines that have errors. */
export function reportYamlSyntax(r: YamlSpecReader, doc: Document, text: string, lineOf: (offset: number) => number): Set<number> {
  const errorLines = new Set<number>();
  for (const error of doc.errors) {
    const line = lineOf(error.pos[0]);
    if (errorLines.has(line)) continue; // one error per line: the rest is usually its echo
    errorLines.add(line);
    const end = error.code === 'DUPLICATE_KEY' ? error.pos[0] + keyLength(text, error.pos[0]) : error.pos[1];
    r.reportRange(error.pos[0], Math.max(end, error.pos[0] + 1), explain(error, text));
  }
  for (const warning of doc.warnings) {
    r.reportRange(warning.pos[0], Math.max(warning.pos[1], warning.pos[0] + 1), `YAML: ${warning.message}`, 'warning');
  }
  return errorLines;
}

function explain(error: YAMLError, text: string): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return `duplicate key "${text.slice(error.pos[0], error.pos[0] + keyLength(text, error.pos[0]))}": each key may appear once`;
    case 'TAB_AS_INDENT':
      return 'YAML does not allow tabs for indentation; indent with spaces';
    case 'MULTIPLE_DOCS':
      return 'a spec is one YAML document; remove the "---" separator and what follows';
    case 'UNEXPECTED_TOKEN': {
      const bareGreater = /^(\s*)([^:#]+):\s*(>[^#]*?)\s*$/.exec(lineAt(text, error.pos[0]));
      if (bareGreater) {
        return `YAML reads a bare ">" as the start of a folded text block: quote the comparison, ${bareGreater[2].trim()}: "${bareGreater[3]}"`;
      }
      break;
    }
  }
  return `YAML syntax error: ${error.message.replace(/\s+at line \d+, column \d+:[\s\S]*$/, '')}`;
}

function keyLength(text: string, offset: number): number {
  return /^[^:\n]*/.exec(text.slice(offset))![0].trimEnd().length;
}

function lineAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end === -1 ? undefined : end);
}
