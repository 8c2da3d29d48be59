// Lint for the whole tree. The layer rules below are the architecture (docs/architecture.md):
// each folder may import only the folders beneath it.
//
//   cli, extension        (top: adapters; neither imports the other)
//   export                (the session report: pure, except writeReport.ts, which writes the files)
//   sweep                 (Node only: a sweep's points on worker threads)
//   sources               (Node only: commands, log files, our worker threads)
//   engine, analysis      (pure; neither imports the other)
//   spec                  (pure: the scenario spec, its presets, defaults and metric names)
//   format                (pure: run events, counter lines, the .stressnb file, the charts output item)
//   media                 (the notebook renderer: only the charts and headline contracts of format)
//
// src/extension runs in two hosts: desktop (Node) and VS Code for the Web (a browser worker).
// Only its *.node.ts files may import Node built-ins or src/sources; esbuild.mjs checks the web
// bundle too.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = ['format', 'spec', 'engine', 'analysis', 'sources', 'sweep', 'export', 'cli', 'extension'];
const ALLOWED = {
  format: [],
  spec: ['format'],
  engine: ['format', 'spec'],
  analysis: ['format', 'spec'],
  sources: ['format', 'spec'],
  sweep: ['format', 'spec', 'engine', 'analysis', 'sources'],
  export: ['format', 'spec', 'analysis'],
  cli: ['format', 'spec', 'engine', 'analysis', 'sources', 'sweep', 'export'],
  extension: ['format', 'spec', 'engine', 'analysis', 'sources', 'sweep', 'export'],
};
const PURE = ['format', 'spec', 'engine', 'analysis', 'export'];
/** Files of a pure layer allowed Node built-ins: the one place that writes what the layer built. */
const NODE_FILES = { export: ['src/export/writeReport.ts'] };

function layerRules(layer) {
  const nodeFiles = NODE_FILES[layer] ?? [];
  return [
    ...layerBlock(layer, [`src/${layer}/**/*.ts`], PURE.includes(layer), nodeFiles),
    ...nodeFiles.flatMap((file) => layerBlock(layer, [file], false, [])),
  ];
}

function layerBlock(layer, files, pure, ignores) {
  const forbidden = LAYERS.filter((other) => other !== layer && !ALLOWED[layer].includes(other));
  const patterns = forbidden.map((other) => ({
    group: [`**/${other}/*`, `**/${other}`],
    message: ALLOWED[layer].length
      ? `src/${layer} may import only ${ALLOWED[layer].map((l) => `src/${l}`).join(', ')} (docs/architecture.md).`
      : `src/${layer} is the ground layer: it imports no other src folder (docs/architecture.md).`,
  }));
  if (pure) {
    patterns.push({ group: ['node:*'], message: `src/${layer} is pure: no Node built-ins (it also runs in the browser).` });
  }
  const paths = layer === 'extension' ? [] : [{ name: 'vscode', message: `Only src/extension imports vscode.` }];
  const rule = (extra = []) => ({ 'no-restricted-imports': ['error', { paths, patterns: [...patterns, ...extra] }] });
  if (layer !== 'extension') return [{ files, ignores, rules: rule() }];
  const desktopOnly = 'shared by desktop and web: Node built-ins, src/sources and src/sweep only in src/extension/*.node.ts (docs/architecture.md).';
  return [
    { files: ['src/extension/**/*.node.ts'], rules: rule() },
    {
      files: ['src/extension/**/*.ts'],
      ignores: ['src/extension/**/*.node.ts'],
      rules: rule([
        { group: ['node:*'], message: `src/extension is ${desktopOnly}` },
        { group: ['**/sources/*', '**/sources', '**/sweep/*', '**/sweep', '*.node', './*.node', '**/export/writeReport'], message: `src/extension is ${desktopOnly}` },
      ]),
    },
  ];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // Browser-side callbacks of playwright's page.evaluate reach into untyped workbench objects.
    files: ['test/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...LAYERS.flatMap(layerRules),
  {
    files: ['media/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The renderer runs in the output webview: no vscode API.' }],
          patterns: [
            {
              regex: '^\\.\\./src/(?!format/(chartsPayload|chartSaveMessage|openPointMessage|errorMessage|headlinePayload|outputRef|statusContrast)$)',
              message: 'The renderer shares only its contracts (src/format/chartsPayload, chartSaveMessage, openPointMessage, errorMessage, headlinePayload, outputRef, statusContrast) with the extension.',
            },
          ],
        },
      ],
    },
  },
);
