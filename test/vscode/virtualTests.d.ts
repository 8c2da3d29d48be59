// The module generated at build time by scripts/lib/testGlobPlugin.mjs.
declare module 'virtual:vscode-tests' {
  export const testModules: ReadonlyArray<{ file: string; load: () => Promise<unknown> }>;
}
