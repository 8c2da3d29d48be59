// The processes of one command run, and how to end all of them. The command runs as the leader
// of its own process group; processes that left the group (setsid) are found by parent chains
// and by holding the run's stdout/stderr pipe, and remembered from earlier snapshots so a daemon
// whose parent already exited is still ended. PIDs are remembered with their start time, so a
// PID the system reused for an unrelated process is never signalled.
import { execFile } from 'node:child_process';
import { descendantsOf, isProcessGone, isRunning, listProcesses, pipeHolders, readProc, stdioPipesOf } from './processTree';
import type { ProcInfo } from './processTree';

const POLL_MS = 25;
const FREEZE_ROUNDS = 5;
const KILL_WAIT_MS = 2000;

export class RunProcessTree {
  /** Every process ever seen as part of the run: pid -> start time (undefined where unknown). */
  private readonly known = new Map<number, string | undefined>();
  private readonly pipes: Set<string>;

  constructor(readonly rootPid: number) {
    this.known.set(rootPid, readProc(rootPid)?.startTime);
    this.pipes = new Set(stdioPipesOf(rootPid));
  }

  /** Call when the command itself has exited: its process group is taken over from the table at once,
   *  while the group is certainly still the one it led (members left behind keep the group id in use). */
  rootExited(): void {
    this.snapshot(true);
  }

  /** Scans the process table, remembers new members of the run and returns those alive now. */
  snapshot(trustGroup = false): ProcInfo[] {
    if (process.platform === 'win32') return [];
    const procs = listProcesses();
    const byPid = new Map(procs.map((p) => [p.pid, p]));
    const alive = new Map<number, ProcInfo>();
    const isOurs = (p: ProcInfo | undefined): p is ProcInfo =>
      p !== undefined && isRunning(p) && this.known.has(p.pid) && (this.known.get(p.pid) ?? p.startTime) === p.startTime;
    for (const pid of this.known.keys()) {
      const p = byPid.get(pid);
      if (isOurs(p)) alive.set(pid, p);
    }
    for (const p of [...alive.values()]) for (const d of descendantsOf(procs, p.pid)) alive.set(d.pid, d);
    if (trustGroup || this.groupIsOurs(alive)) for (const p of procs) if (p.pgid === this.rootPid && isRunning(p)) alive.set(p.pid, p);
    for (const p of pipeHolders(procs, this.pipes)) alive.set(p.pid, p);
    alive.delete(process.pid);
    for (const p of alive.values()) if (!this.known.has(p.pid)) this.known.set(p.pid, p.startTime);
    return [...alive.values()];
  }

  /** Every PID that was part of the run at some point (for tests and diagnostics). */
  knownPids(): number[] {
    return [...this.known.keys()];
  }

  allGone(): boolean {
    for (const [pid, startTime] of this.known) if (!isProcessGone(pid, startTime)) return false;
    return true;
  }

  /** Sends `signal` to every live member and to the process group; synchronous, so usable at process exit. */
  signalAll(signal: NodeJS.Signals): ProcInfo[] {
    const alive = this.snapshot();
    if (this.groupIsOurs(new Map(alive.map((p) => [p.pid, p])))) trySignal(-this.rootPid, signal);
    for (const p of alive) trySignal(p.pid, signal);
    return alive;
  }

  /**
   * SIGTERM to everything, then after `graceMs` whatever is left is frozen with SIGSTOP (so it
   * cannot fork any more while it is being collected) and killed with SIGKILL. Resolves when every
   * process of the run is gone, or after a bounded wait; returns whether all are gone.
   */
  async terminate(graceMs: number): Promise<boolean> {
    if (process.platform === 'win32') return terminateOnWindows(this.rootPid);
    if (this.signalAll('SIGTERM').length === 0 && this.allGone()) return true;
    const graceEnd = Date.now() + graceMs;
    while (Date.now() < graceEnd) {
      await sleep(POLL_MS);
      if (this.snapshot().length === 0) return true;
    }
    let stopped = new Set<number>();
    for (let round = 0; round < FREEZE_ROUNDS; round++) {
      const alive = this.signalAll('SIGSTOP');
      const before = stopped.size;
      stopped = new Set([...stopped, ...alive.map((p) => p.pid)]);
      if (stopped.size === before) break;
    }
    this.signalAll('SIGKILL');
    const killEnd = Date.now() + KILL_WAIT_MS;
    while (!this.allGone()) {
      if (Date.now() >= killEnd) return false;
      await sleep(POLL_MS);
      this.signalAll('SIGKILL');
    }
    return true;
  }

  /** The group may be signalled as a whole only while it is certainly ours: its leader, or another
   *  process known from an earlier snapshot, is still in it (a PID in use as a group id is not reused). */
  private groupIsOurs(alive: Map<number, ProcInfo>): boolean {
    const root = readProc(this.rootPid);
    if (root && root.startTime === this.known.get(this.rootPid)) return true; // running, or a zombie not yet reaped
    for (const p of alive.values()) if (p.pgid === this.rootPid) return true;
    return false;
  }
}

function trySignal(pid: number, signal: NodeJS.Signals): void {
  if (pid === process.pid || pid === 0 || pid === 1 || pid === -1) return;
  try {
    process.kill(pid, signal);
  } catch {
    // already gone, or not ours
  }
}

function terminateOnWindows(pid: number): Promise<boolean> {
  return new Promise((resolve) => execFile('taskkill', ['/pid', String(pid), '/T', '/F'], () => resolve(true)));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
