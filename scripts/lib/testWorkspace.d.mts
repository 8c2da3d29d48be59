// Types for testWorkspace.mjs (used by the TypeScript end-to-end helpers).
export const workspaceContents: string[];
export function createTestWorkspace(prefix?: string): { root: string; folder: string; remove(): void };
export function fillTestWorkspace(folder: string): void;
