// A command that prints counter lines on stdout: the user's stress harness. It runs in its own
// process group (spawn `detached`) so the whole tree can be ended; stdout goes through the
// counter-line feed, stderr into a bounded tail shown when the command fails. When the run ends,
// for whatever reason, every process it started is ended too (see RunProcessTree).
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { CounterLineFeed } from './counterLineFeed';
import type { CounterSource, SourceListener, SourceOptions, SourceResult, SourceStatus } from './counterSource';
import { registerLiveSource } from './liveSources';
import { RunProcessTree } from './runProcessTree';
import { errorMessage } from '../contracts/errorMessage';

export interface CommandSourceOptions extends SourceOptions {
  command: string;
  args?: string[];
  /** Working directory (absolute, or relative to this process's cwd). */
  cwd?: string;
  /** Merged over this process's environment. */
  env?: Record<string, string>;
  /** Between SIGTERM and SIGKILL when the tree is ended. Default 300 ms. */
  stopGraceMs?: number;
  /** After the command exits, how long processes it left behind may keep its output open
   *  before they are ended. Default 1000 ms. */
  drainAfterExitMs?: number;
  /** How often the process table is scanned for new processes of the run. Default 500 ms on Linux
   *  (reading /proc is cheap); elsewhere 0 = never (it would run `ps`), the tree is scanned when it ends. */
  trackEveryMs?: number;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

export class CommandSource implements CounterSource {
  readonly result: Promise<SourceResult>;
  private resolveResult!: (result: SourceResult) => void;
  private phase: 'idle' | 'running' | 'ending' | 'over' = 'idle';
  private feed: CounterLineFeed | undefined;
  private child: ChildProcess | undefined;
  private tree: RunProcessTree | undefined;
  private exit: Exit | undefined;
  private exited: Promise<void> | undefined;
  private openStreams = 0;
  private streamsClosed: Promise<void> | undefined;
  private stopRequested = false;
  private failure: string | undefined;
  private timers: NodeJS.Timeout[] = [];
  private unregister: (() => void) | undefined;
  private ending: Promise<void> | undefined;

  constructor(readonly options: CommandSourceOptions) {
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
  }

  /** Every PID seen as part of the run so far (the tests check each is gone after stop()). */
  knownPids(): number[] {
    return this.tree?.knownPids() ?? [];
  }

  start(listener: SourceListener): void {
    if (this.phase !== 'idle') throw new Error('command source already started');
    this.phase = 'running';
    const feed = new CounterLineFeed(listener, this.options, (error) => {
      this.failure = `the source's consumer failed: ${errorMessage(error)}`;
      void this.end();
    });
    this.feed = feed;
    const { command, args = [], cwd, env } = this.options;

    const problem = checkCommand(command, cwd);
    if (problem) {
      this.failure = problem;
      void this.end();
      return;
    }

    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd,
        env: { ...process.env, ...env },
        detached: true,
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      this.failure = startFailure(command, error);
      void this.end();
      return;
    }
    this.child = child;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        this.onExit();
        resolve();
      });
      child.once('error', (error) => {
        if (child.pid !== undefined) return; // a failed kill(); the exit event still comes
        this.failure = startFailure(command, error);
        resolve();
        void this.end();
      });
    });
    if (child.pid === undefined) return; // the 'error' event follows

    this.tree = new RunProcessTree(child.pid);
    const tree = this.tree;
    this.unregister = registerLiveSource({ stop: () => this.stop(), killNowSync: () => void tree.signalAll('SIGKILL') });
    const trackEveryMs = this.options.trackEveryMs ?? (process.platform === 'linux' ? 500 : 0);
    if (trackEveryMs > 0) this.every(trackEveryMs, () => tree.snapshot());

    this.openStreams = 2;
    this.streamsClosed = new Promise((resolve) => {
      const closed = () => {
        if (--this.openStreams === 0) resolve();
      };
      child.stdout!.on('data', (chunk: Buffer) => feed.pushChunk(chunk)).once('close', closed);
      child.stderr!.on('data', (chunk: Buffer) => feed.pushStderr(chunk)).once('close', closed);
    });
    void this.streamsClosed.then(() => this.onStreamsClosed());
    feed.startQuietWatch();
  }

  stop(): Promise<void> {
    if (this.phase === 'idle') {
      this.phase = 'running';
      this.feed = new CounterLineFeed({}, this.options, () => undefined);
      this.stopRequested = true;
      void this.end();
    } else if (this.phase === 'running') {
      // Once the command has exited, its own exit status decides; stop() only ends what it left behind.
      if (this.exit === undefined) this.stopRequested = true;
      void this.end();
    }
    return this.result.then(() => undefined);
  }

  private onExit(): void {
    this.tree?.rootExited();
    // Output may still be buffered, or held open by processes the command left behind.
    if (this.openStreams > 0) this.after(this.options.drainAfterExitMs ?? 1000, () => void this.end());
  }

  private onStreamsClosed(): void {
    if (this.exit !== undefined) void this.end();
    else void this.exited?.then(() => this.end());
  }

  /** Ends every process of the run, reads what is left of the output and settles the result. */
  private end(): Promise<void> {
    this.ending ??= this.runEnd();
    return this.ending;
  }

  private async runEnd(): Promise<void> {
    this.phase = 'ending';
    for (const t of this.timers) clearTimeout(t);
    if (this.tree) await this.tree.terminate(this.options.stopGraceMs ?? 300);
    if (this.child) {
      // Every writer is gone now, so the pipes close once their last bytes are read.
      await withTimeout(this.streamsClosed, 1000);
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
      await withTimeout(this.exited, 1000);
    }
    const status = this.status();
    const feed = this.feed!;
    feed.finish(status);
    if (feed.failedListener !== undefined && status !== 'failed') {
      this.failure = `the source's consumer failed: ${String(feed.failedListener)}`;
    }
    this.unregister?.();
    this.phase = 'over';
    this.resolveResult({
      status: this.failure ? 'failed' : status,
      message: this.failure ?? this.exitMessage(status),
      exitCode: this.exit?.code ?? undefined,
      signal: this.exit?.signal ?? undefined,
      stderrTail: feed.stderrTail(),
      stats: feed.stats(),
    });
  }

  private status(): SourceStatus {
    if (this.failure) return 'failed';
    if (this.stopRequested) return 'stopped';
    if (this.exit?.code === 0) return 'ended';
    return 'failed';
  }

  private exitMessage(status: SourceStatus): string | undefined {
    if (status !== 'failed' || !this.exit) return undefined;
    const what = `command \`${this.options.command}\``;
    if (this.exit.signal) return `${what} was ended by signal ${this.exit.signal}`;
    return `${what} exited with status ${this.exit.code}`;
  }

  private every(ms: number, fn: () => void): void {
    const t = setInterval(fn, ms);
    t.unref();
    this.timers.push(t);
  }

  private after(ms: number, fn: () => void): void {
    if (this.phase === 'running') this.timers.push(setTimeout(fn, ms));
  }
}

function checkCommand(command: string, cwd: string | undefined): string | undefined {
  if (!command || command.trim() === '') return 'no command given';
  if (cwd === undefined) return undefined;
  try {
    if (!statSync(cwd).isDirectory()) return `cwd is not a directory: ${cwd}`;
  } catch {
    return `cwd does not exist: ${cwd}`;
  }
  return undefined;
}

function startFailure(command: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `cannot start \`${command}\`: no such command (not on PATH, and no such file relative to cwd)`;
  if (code === 'EACCES') return `cannot start \`${command}\`: permission denied (is it executable?)`;
  return `cannot start \`${command}\`: ${errorMessage(error)}`;
}

async function withTimeout(promise: Promise<void> | undefined, ms: number): Promise<void> {
  if (!promise) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
