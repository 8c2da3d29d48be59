// The shape of the code (docs/architecture.md): no file-level import cycle in src/ or media/, and
// no folder of src/ holding more than 30 % of its lines (one concern per folder). The layer
// directions themselves are ESLint's (eslint.config.mjs); this reads the import graph as a whole.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const root = resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
}

/** Every file's relative imports (static, type-only and dynamic alike: each is an edge). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(
      file,
      importedFiles.flatMap((i) => resolveImport(file, i.fileName) ?? []),
    );
  }
  return graph;
}

/** The cycles of a directed graph, each once, as the files along it (Tarjan's strongly connected components). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

test('no file in src/ or media/ takes part in an import cycle', () => {
  const files = [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'media'))];
  const found = cycles(importGraph(files)).map((c) =>
    c
      .map((f) => relative(root, f))
      .sort()
      .join(' <-> '),
  );
  assert.deepEqual(found, []);
});

test('the cycle finder finds a cycle when there is one', () => {
  const graph = new Map([
    ['a', ['b']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['a']],
  ]);
  assert.deepEqual(
    cycles(graph).map((c) => c.sort()),
    [['a', 'b', 'c']],
  );
});

test('no folder of src/ holds more than 30 % of its lines', () => {
  const lines = new Map<string, number>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const folder = relative(join(root, 'src'), file).split('/')[0];
    lines.set(folder, (lines.get(folder) ?? 0) + readFileSync(file, 'utf8').split('\n').length);
  }
  const total = [...lines.values()].reduce((a, b) => a + b, 0);
  const over = [...lines].filter(([, n]) => n / total > 0.3).map(([folder, n]) => `src/${folder}: ${Math.round((100 * n) / total)} %`);
  assert.deepEqual(over, []);
});
