// esbuild plugin: the virtual module `virtual:vscode-tests` lists every test/vscode/*.vscode.test.ts,
// each behind a lazy import, so that the bundled mocha runner loads them between its
// pre-require and post-require events (that is when mocha's `describe`/`it` globals exist).
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './codeServerPaths.mjs';

export const vscodeTestsModule = 'virtual:vscode-tests';

export function vscodeTestsPlugin(dir = 'test/vscode', suffix = '.vscode.test.ts') {
  const absDir = resolve(repoRoot, dir);
  return {
    name: 'vscode-tests',
    setup(build) {
      build.onResolve({ filter: /^virtual:vscode-tests$/ }, () => ({ path: vscodeTestsModule, namespace: 'vscode-tests' }));
      build.onLoad({ filter: /.*/, namespace: 'vscode-tests' }, () => {
        const files = readdirSync(absDir)
          .filter((f) => f.endsWith(suffix))
          .sort();
        const entries = files.map((f) => `  { file: ${JSON.stringify(f)}, load: () => import(${JSON.stringify(join(absDir, f))}) },`);
        return {
          contents: `export const testModules = [\n${entries.join('\n')}\n];\n`,
          resolveDir: absDir,
          loader: 'js',
          watchDirs: [absDir],
        };
      });
    },
  };
}
