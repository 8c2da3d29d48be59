// The git commit a workspace is at, read from its .git folder without running git (the editor may
// be VS Code for the Web, where there is no process; the CLI need not find git on the PATH):
// HEAD names a branch (`ref: refs/heads/main`) whose commit is in its ref file or in
// packed-refs, or HEAD is the commit itself (detached). A worktree's `.git` is a file naming its
// git folder; the branch refs live in the common folder it names.

export type ReadText = (path: string) => Promise<string | undefined>;

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

/** The commit and branch of the repository whose work tree is `root` (a path joined with "/"), or undefined. */
export async function gitHead(root: string, read: ReadText): Promise<{ commit: string; branch?: string } | undefined> {
  let gitDir = `${root}/.git`;
  const dotGit = await read(gitDir);
  if (dotGit !== undefined) {
    // A file: `gitdir: /path/to/repo/.git/worktrees/x` (absolute, or relative to root).
    const m = /^gitdir:\s*(.+)$/m.exec(dotGit);
    if (!m) return undefined;
    gitDir = m[1].trim().startsWith('/') || /^[A-Za-z]:/.test(m[1].trim()) ? m[1].trim() : `${root}/${m[1].trim()}`;
  }
  const head = (await read(`${gitDir}/HEAD`))?.trim();
  if (!head) return undefined;
  if (COMMIT.test(head)) return { commit: head };
  const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const common = (await read(`${gitDir}/commondir`))?.trim();
  const refDirs = [gitDir, ...(common ? [common.startsWith('/') ? common : `${gitDir}/${common}`] : [])];
  const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
  for (const dir of refDirs) {
    const loose = (await read(`${dir}/${ref}`))?.trim();
    if (loose && COMMIT.test(loose)) return { commit: loose, ...(branch ? { branch } : {}) };
    const packed = await read(`${dir}/packed-refs`);
    const line = packed?.split('\n').find((l) => l.endsWith(` ${ref}`));
    const commit = line?.split(' ')[0];
    if (commit && COMMIT.test(commit)) return { commit, ...(branch ? { branch } : {}) };
  }
  return undefined;
}
