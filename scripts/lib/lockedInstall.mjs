// Whether node_modules holds what package-lock.json locks, judged by content: npm records what it
// installed in node_modules/.package-lock.json, and every package the lock names must be there at
// its locked version. File times say nothing (a checkout or a rebase touches package-lock.json).

/** Why node_modules does not match package-lock.json, or undefined when it does. */
export function staleReason(lockText, installedText) {
  if (installedText === undefined) return 'node_modules has no record of an install (node_modules/.package-lock.json)';
  const locked = JSON.parse(lockText).packages ?? {};
  const present = JSON.parse(installedText).packages ?? {};
  for (const [path, entry] of Object.entries(locked)) {
    if (path === '' || !path.includes('node_modules/') || entry.link) continue;
    const have = present[path];
    // Optional packages for other platforms (esbuild's binaries) are not installed: that is fine.
    if (!have) {
      if (entry.optional) continue;
      return `${path} is not installed`;
    }
    if (entry.version && have.version !== entry.version) return `${path} is ${have.version}, the lock wants ${entry.version}`;
  }
  return undefined;
}
