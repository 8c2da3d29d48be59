// Stops the processes this run started (by their process group id) and removes its temporary
// folders, also when the run ends early: on exit, Ctrl-C or SIGTERM.
import { rmSync } from 'node:fs';

const cleanups = new Map();
let installed = false;

function runAll() {
  for (const fn of [...cleanups.values()].reverse()) {
    try {
      fn();
    } catch {
      // best effort while exiting
    }
  }
  cleanups.clear();
}

function install() {
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.once(signal, () => {
      runAll();
      process.exit(code);
    });
  }
}

/** Runs fn (synchronously) if the process exits before the returned unregister function is called. */
export function onExitCleanup(fn) {
  install();
  const key = Symbol();
  cleanups.set(key, fn);
  return () => cleanups.delete(key);
}

export const removeOnExit = (path) => onExitCleanup(() => rmSync(path, { recursive: true, force: true }));

export const killGroupOnExit = (pid) => onExitCleanup(() => signalGroup(pid, 'SIGKILL'));

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // already gone
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group led by pid (started with detached: true), SIGKILL after timeoutMs. */
export async function stopProcessGroup(pid, { timeoutMs = 5000, exited = () => !isAlive(pid) } = {}) {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + timeoutMs;
  while (!exited() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  signalGroup(pid, 'SIGKILL'); // whatever of the group is left (extension hosts, watchers)
}
