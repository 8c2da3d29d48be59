// Reads the process table to find every process that belongs to a command's run: descendants by
// parent chains (a child that called setsid is still a descendant), members of its process group,
// and processes that still hold its stdout/stderr pipe (daemons that escaped their parent).
// Processes are never signalled here; see RunProcessTree.
// Linux reads /proc; other Unix systems ask `ps` (without pipe holders and start times).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ProcInfo {
  pid: number;
  ppid: number;
  pgid: number;
  /** One-letter state; `Z` (zombie) and `X` (dead) mean the process no longer runs. */
  state: string;
  /** Clock ticks since boot when the process started (Linux); tells a reused PID from the original. */
  startTime?: string;
}

const hasProc = process.platform === 'linux';

/** `/proc/<pid>/stat`; the command name may contain spaces and parentheses, so fields are read after the last `)`. */
export function readProc(pid: number): ProcInfo | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, state: f[0], ppid: Number(f[1]), pgid: Number(f[2]), startTime: f[19] };
}

export function listProcesses(): ProcInfo[] {
  if (hasProc) {
    const out: ProcInfo[] = [];
    for (const name of readdirSync('/proc')) {
      if (name.charCodeAt(0) < 48 || name.charCodeAt(0) > 57) continue;
      const info = readProc(Number(name));
      if (info) out.push(info);
    }
    return out;
  }
  if (process.platform === 'win32') return [];
  try {
    const text = execFileSync('ps', ['-A', '-o', 'pid=', '-o', 'ppid=', '-o', 'pgid=', '-o', 'stat='], { encoding: 'utf8' });
    return text
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((f) => f.length >= 4)
      .map((f) => ({ pid: Number(f[0]), ppid: Number(f[1]), pgid: Number(f[2]), state: f[3].charAt(0) }));
  } catch {
    return [];
  }
}

export function isRunning(info: ProcInfo): boolean {
  return info.state !== 'Z' && info.state !== 'X';
}

/** Every live process below `rootPid` in the parent tree (not including the root). */
export function descendantsOf(procs: ProcInfo[], rootPid: number): ProcInfo[] {
  const children = new Map<number, ProcInfo[]>();
  for (const p of procs) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const out: ProcInfo[] = [];
  const queue = [rootPid];
  const seen = new Set(queue);
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      queue.push(child.pid);
      if (isRunning(child)) out.push(child);
    }
  }
  return out;
}

/** The identities of a process's stdout and stderr when they are pipes (`pipe:[inode]`; Node's
 *  spawn makes them socket pairs, `socket:[inode]`), read right after the process starts. */
export function stdioPipesOf(pid: number): string[] {
  if (!hasProc) return [];
  const out: string[] = [];
  for (const fd of [1, 2]) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      if (target.startsWith('pipe:') || target.startsWith('socket:')) out.push(target);
    } catch {
      // gone already, or not ours to read
    }
  }
  return out;
}

/** Live processes whose stdout or stderr is one of `pipes` (Linux only; others give none). */
export function pipeHolders(procs: ProcInfo[], pipes: ReadonlySet<string>): ProcInfo[] {
  if (!hasProc || pipes.size === 0) return [];
  return procs.filter((p) => p.pid !== process.pid && isRunning(p) && stdioPipesOf(p.pid).some((t) => pipes.has(t)));
}

/** True when `pid` no longer runs: no such process, a zombie (an orphan whose reaper never reaps
 *  it still answers `kill(pid, 0)`), or the PID now belongs to a later process. */
export function isProcessGone(pid: number, startTime?: string): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  if (!hasProc) return false;
  const info = readProc(pid);
  if (!info) return true;
  return !isRunning(info) || (startTime !== undefined && info.startTime !== startTime);
}
