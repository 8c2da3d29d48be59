// Lint for the whole tree. The layer rules below are the architecture (docs/architecture.md):
// each folder may import only the folders beneath it.
//
//   cli, extension        (top: adapters; neither imports the other)
//   sources               (Node only: commands and log files)
//   engine, analysis      (pure; neither imports the other)
//   spec                  (pure: the scenario spec, its presets, defaults and metric names)
//   format                (pure: run events, counter lines, the .stressnb file, the charts output item)
//   media                 (the notebook renderer: only the charts contracts of format)
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = ['format', 'spec', 'engine', 'analysis', 'sources', 'cli', 'extension'];
const ALLOWED = {
  format: [],
  spec: ['format'],
  engine: ['format', 'spec'],
  analysis: ['format', 'spec'],
  sources: ['format', 'spec'],
  cli: ['format', 'spec', 'engine', 'analysis', 'sources'],
  extension: ['format', 'spec', 'engine', 'analysis', 'sources'],
};
const PURE = ['format', 'spec', 'engine', 'analysis'];

function layerRules(layer) {
  const forbidden = LAYERS.filter((other) => other !== layer && !ALLOWED[layer].includes(other));
  const patterns = forbidden.map((other) => ({
    group: [`**/${other}/*`, `**/${other}`],
    message: ALLOWED[layer].length
      ? `src/${layer} may import only ${ALLOWED[layer].map((l) => `src/${l}`).join(', ')} (docs/architecture.md).`
      : `src/${layer} is the ground layer: it imports no other src folder (docs/architecture.md).`,
  }));
  if (PURE.includes(layer)) {
    patterns.push({ group: ['node:*'], message: `src/${layer} is pure: no Node built-ins (it also runs in the browser).` });
  }
  const paths = layer === 'extension' ? [] : [{ name: 'vscode', message: `Only src/extension imports vscode.` }];
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
  };
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
  ...LAYERS.map(layerRules),
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
              regex: '^\\.\\./src/(?!format/(chartsPayload|chartSaveMessage|errorMessage)$)',
              message: 'The renderer shares only the charts contracts (src/format/chartsPayload, chartSaveMessage, errorMessage) with the extension.',
            },
          ],
        },
      ],
    },
  },
);
