// Types for lockedInstall.mjs (used by the unit tests).
/** Why node_modules does not match package-lock.json (both given as their text), or undefined when it does. */
export function staleReason(lockText: string, installedText: string | undefined): string | undefined;
