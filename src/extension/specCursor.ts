// Where the cursor is in a scenario cell's YAML, for completion and hover: which mapping (the
// path of enclosing keys, list items as '*') and whether a key or a value is being typed.
// Line-based on purpose: it has to work on half-typed text that no YAML parser accepts.
// Pure (no vscode import) so it is unit-tested directly.

import type { ScenarioName } from '../spec/scenarioSpec';
import { SCENARIO_NAMES } from '../spec/scenarioSpec';

export type CursorContext =
  | { kind: 'key'; path: string[]; prefix: string }
  | { kind: 'value'; path: string[]; key: string; prefix: string };

interface LineShape {
  indent: number;
  dash: boolean;
  /** Column where the line's key (or scalar) starts, after `- ` for a list item. */
  contentIndent: number;
  key?: string;
  /** Text after `key:`, without a trailing comment. */
  value?: string;
}

/** A key may be dotted: `load.burstTasks` under `sweep:`. */
const KEY_LINE = /^([A-Za-z_][\w.-]*)\s*:(?:\s+(.*))?$/;

function shapeOf(line: string): LineShape | undefined {
  const withoutComment = stripComment(line);
  if (withoutComment.trim() === '') return undefined;
  const indent = withoutComment.length - withoutComment.trimStart().length;
  let rest = withoutComment.slice(indent);
  let dash = false;
  if (rest === '-' || rest.startsWith('- ')) {
    dash = true;
    rest = rest.slice(1).trimStart();
  }
  const contentIndent = withoutComment.length - rest.length;
  const m = KEY_LINE.exec(rest.trimEnd());
  return { indent, dash, contentIndent, key: m?.[1], value: m ? (m[2] ?? '').trim() : undefined };
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return line.slice(0, i);
    }
  }
  return line;
}

/** The keys of the block mappings enclosing a line whose content starts at `indent` (`dash`: the line is a list item). */
function blockPath(lines: readonly string[], lineIndex: number, indent: number, dash: boolean): string[] {
  const path: string[] = [];
  let level = indent;
  let seekingSequenceParent = dash;
  if (dash) path.unshift('*');
  for (let i = lineIndex - 1; i >= 0 && (level > 0 || seekingSequenceParent); i--) {
    const shape = shapeOf(lines[i]);
    if (!shape) continue;
    if (seekingSequenceParent) {
      // A list's dashes may sit at the same column as its key (`streams:\n- a: 1`).
      const opensBlock = shape.key !== undefined && shape.value === '';
      if (opensBlock && (shape.contentIndent < level || (shape.contentIndent === level && !shape.dash))) {
        path.unshift(shape.key!);
        level = shape.indent;
        seekingSequenceParent = shape.dash;
        if (shape.dash) path.unshift('*');
      } else if (shape.indent < level) {
        break;
      }
      continue;
    }
    if (shape.dash && shape.indent < level && shape.contentIndent <= level) {
      path.unshift('*');
      level = shape.indent;
      seekingSequenceParent = true;
      continue;
    }
    if (shape.indent >= level) continue;
    if (shape.key !== undefined && shape.value === '') {
      path.unshift(shape.key);
      level = shape.indent;
    } else {
      break;
    }
  }
  return path;
}

interface FlowFrame {
  bracket: '{' | '[';
}

/** The cursor context for `text` at a 0-based line and character. */
export function cursorContext(text: string, line: number, character: number): CursorContext | undefined {
  const lines = text.split(/\r?\n/);
  const current = lines[line] ?? '';
  const before = current.slice(0, character);
  if (stripComment(before) !== before) return undefined;

  const indent = before.length - before.trimStart().length;
  let rest = before.slice(indent);
  let dash = false;
  if (rest.startsWith('- ')) {
    dash = true;
    rest = rest.slice(2).trimStart();
  }
  const contentIndent = before.length - rest.length;
  const outer = blockPath(lines, line, dash ? indent : contentIndent, dash);

  const lineKey = /^([A-Za-z_][\w.-]*)\s*:\s*/.exec(rest);
  if (!lineKey) {
    if (/^[A-Za-z_]?[\w.-]*$/.test(rest)) return { kind: 'key', path: outer, prefix: rest };
    return undefined;
  }
  const afterKey = rest.slice(lineKey[0].length);
  if (!afterKey.startsWith('{') && !afterKey.startsWith('[')) {
    if (!/^[^{}[\],:]*$/.test(afterKey)) return undefined;
    return { kind: 'value', path: outer, key: lineKey[1], prefix: afterKey.replace(/^["']/, '') };
  }
  return flowContext([...outer, lineKey[1]], afterKey);
}

/** Inside `{ ... }` / `[ ... ]` on one line: which key or value is being typed. */
function flowContext(path: string[], text: string): CursorContext | undefined {
  const frames: FlowFrame[] = [];
  const paths: string[][] = [];
  let segmentStart = 0;
  let pendingKey: string | undefined;
  let currentPath = path;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '{' || c === '[') {
      const top = frames[frames.length - 1];
      paths.push(currentPath);
      if (frames.length === 0) currentPath = path;
      else if (top.bracket === '[') currentPath = [...currentPath, '*'];
      else if (pendingKey !== undefined) currentPath = [...currentPath, pendingKey];
      frames.push({ bracket: c });
      pendingKey = undefined;
      segmentStart = i + 1;
    } else if (c === '}' || c === ']') {
      frames.pop();
      currentPath = paths.pop() ?? path;
      segmentStart = i + 1;
    } else if (c === ',') {
      pendingKey = undefined;
      segmentStart = i + 1;
    } else if (c === ':') {
      pendingKey = text.slice(segmentStart, i).trim();
    }
  }
  const top = frames[frames.length - 1];
  if (!top || quote) return undefined;
  const segment = text.slice(segmentStart);
  // An item of a list of values (`handler: [async, sy`): a value of the list's key.
  if (top.bracket === '[') {
    if (currentPath.length === 0 || /[:{}]/.test(segment)) return undefined;
    return {
      kind: 'value',
      path: currentPath.slice(0, -1),
      key: currentPath[currentPath.length - 1],
      prefix: segment.trim().replace(/^["']/, ''),
    };
  }
  const colon = segment.indexOf(':');
  if (colon < 0) return { kind: 'key', path: currentPath, prefix: segment.trim() };
  const key = segment.slice(0, colon).trim();
  return {
    kind: 'value',
    path: currentPath,
    key,
    prefix: segment
      .slice(colon + 1)
      .trim()
      .replace(/^["']/, ''),
  };
}

/** The `scenario:` of the cell, for `load:` keys. */
export function scenarioOf(text: string): ScenarioName | undefined {
  const m = /^scenario\s*:\s*["']?([\w-]+)/m.exec(text);
  return m && (SCENARIO_NAMES as readonly string[]).includes(m[1]) ? (m[1] as ScenarioName) : undefined;
}

/** The `dist:` of the cell's workCostMs mapping, for its keys. */
export function workCostDistOf(text: string): string | undefined {
  return /\bdist\s*:\s*["']?(\w+)/.exec(text)?.[1];
}

/** The word (key or value, a dotted key such as load.burstTasks included) under a position, with its 0-based character range. */
export function wordAt(lineText: string, character: number): { word: string; start: number; end: number } | undefined {
  const re = /[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*/g;
  for (let m = re.exec(lineText); m; m = re.exec(lineText)) {
    if (m.index <= character && character <= m.index + m[0].length) return { word: m[0], start: m.index, end: m.index + m[0].length };
  }
  return undefined;
}
