// Lint for the whole tree. The layer rules below are the architecture (docs/architecture.md):
// each folder may import only the folders beneath it.
//
//   cli, extension        (top: the two front ends; neither imports the other)
//   sources, sweep, export (Node side: processes, files, endpoints, worker pools, report files;
//                           export is pure except writeReport.ts, which writes the files)
//   report, charts        (presentation: text, Markdown, JUnit, headline, transcript; Vega-Lite specs)
//   analysis              (evaluation: rules, checks, verdicts, thresholds, baselines)
//   engine, series        (the scheduler model and simulation; stored tick series)
//   spec                  (the scenario spec, its presets, defaults and metric names)
//   format                (counter lines, run events, the .stressnb file)
//   contracts             (what the renderer and the extension exchange; imports nothing)
//   media                 (the notebook renderer: only src/contracts, and src/charts/chartsToDraw,
//                          the pure builder of the Vega of the charts it draws)
//
// Pure layers import neither vscode nor Node built-ins nor Node globals (process, Buffer, ...);
// tsconfig.pure.json typechecks them without Node's types. src/extension runs in two hosts,
// desktop (Node) and VS Code for the Web (a browser worker): only its *.node.ts files may use
// Node, src/sources or src/sweep, and tsconfig.web.json typechecks the others without Node's types.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const LAYERS = [
  'contracts',
  'format',
  'spec',
  'engine',
  'series',
  'analysis',
  'report',
  'charts',
  'sources',
  'sweep',
  'export',
  'cli',
  'extension',
];
const GROUND = ['contracts', 'format', 'spec'];
const ALLOWED = {
  contracts: [],
  format: ['contracts'],
  spec: ['contracts', 'format'],
  engine: GROUND,
  series: GROUND,
  analysis: [...GROUND, 'series'],
  report: [...GROUND, 'series', 'analysis'],
  charts: [...GROUND, 'series', 'analysis'],
  sources: GROUND,
  sweep: [...GROUND, 'engine', 'series', 'analysis', 'sources'],
  export: [...GROUND, 'series', 'analysis', 'report', 'charts'],
  cli: LAYERS.filter((l) => l !== 'cli' && l !== 'extension'),
  extension: LAYERS.filter((l) => l !== 'cli' && l !== 'extension'),
};
const PURE = ['contracts', 'format', 'spec', 'engine', 'series', 'analysis', 'report', 'charts', 'export'];
/** Files of a pure layer allowed Node built-ins: the one place that writes what the layer built. */
const NODE_FILES = { export: ['src/export/writeReport.ts'] };
/** Node's built-in modules by their bare names ('fs'); the node: prefix is a pattern of its own. */
const builtinPaths = (message) => builtinModules.filter((m) => !m.startsWith('_')).map((name) => ({ name, message }));
/** Node's own globals: pure and web code uses the web platform's (TextEncoder, setTimeout, atob). */
const NODE_GLOBALS = [
  'process',
  'Buffer',
  'global',
  '__dirname',
  '__filename',
  'require',
  'module',
  'exports',
  'setImmediate',
  'clearImmediate',
].map((name) => ({ name, message: 'Node only: this code also runs in the browser (docs/architecture.md).' }));

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
  const pureMessage = `src/${layer} is pure: no Node built-ins (it also runs in the browser).`;
  if (pure) patterns.push({ group: ['node:*'], message: pureMessage });
  const paths = [
    ...(layer === 'extension' ? [] : [{ name: 'vscode', message: `Only src/extension imports vscode.` }]),
    ...(pure ? builtinPaths(pureMessage) : []),
  ];
  const rule = (extra = [], extraPaths = []) => ({
    'no-restricted-imports': ['error', { paths: [...paths, ...extraPaths], patterns: [...patterns, ...extra] }],
  });
  const webGlobals = { 'no-restricted-globals': ['error', ...NODE_GLOBALS] };
  if (layer !== 'extension') return [{ files, ignores, rules: { ...rule(), ...(pure ? webGlobals : {}) } }];
  const desktopOnly =
    'shared by desktop and web: Node built-ins, src/sources and src/sweep only in src/extension/*.node.ts (docs/architecture.md).';
  return [
    { files: ['src/extension/**/*.node.ts'], rules: rule() },
    {
      files: ['src/extension/**/*.ts'],
      ignores: ['src/extension/**/*.node.ts'],
      rules: {
        ...webGlobals,
        ...rule(
          [
            { group: ['node:*'], message: `src/extension is ${desktopOnly}` },
            {
              group: ['**/sources/*', '**/sources', '**/sweep/*', '**/sweep', '*.node', './*.node', '**/export/writeReport'],
              message: `src/extension is ${desktopOnly}`,
            },
          ],
          builtinPaths(`src/extension is ${desktopOnly}`),
        ),
      },
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
    // The extension logs to its own output channel (src/extension/log.ts), which a user can find,
    // filter and copy; console output lands in the extension host's log among every extension's.
    files: ['src/extension/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    files: ['media/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-globals': ['error', ...NODE_GLOBALS],
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The renderer runs in the output webview: no vscode API.' }],
          patterns: [
            {
              regex: '^\\.\\./src/(?!contracts/|charts/chartsToDraw$)',
              message:
                'The renderer shares only src/contracts, and the pure builder of the charts it draws (src/charts/chartsToDraw), with the extension.',
            },
          ],
        },
      ],
    },
  },
);
