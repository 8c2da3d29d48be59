// Types for codeServerPaths.mjs (used by the TypeScript end-to-end helpers).
export const repoRoot: string;
export const extensionId: string;
export const codeServerVersion: string;
export const codeServerDir: string;
export const codeServerEntry: string;
export const installedMarker: string;
