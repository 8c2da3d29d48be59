// A log file of counter lines: read once to its end, or followed (`follow: true`) while another
// process still writes it, like `tail -F`: fs.watch on its directory plus polling as a fallback,
// a truncated file is read again from its start, a replaced file (rotation) is read from the
// start once the old one is read to its end. Following ends on stop(), or when the log prints its
// `done` phase (`endOnDone`).
import { watch } from 'node:fs';
import type { FSWatcher } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { CounterLineFeed } from './counterLineFeed';
import type { CounterSource, SourceListener, SourceOptions, SourceResult, SourceStatus } from './counterSource';
import { registerLiveSource } from './liveSources';
import { errorMessage } from '../contracts/errorMessage';

export interface FileSourceOptions extends SourceOptions {
  path: string;
  follow?: boolean;
  /** Following: how often the file is checked besides fs.watch events. Default 250 ms. */
  pollMs?: number;
  /** Following: end (status `ended`) once the log prints its `done` phase. Default true. */
  endOnDone?: boolean;
  /** Bytes per read. Default 64 KiB; tests use tiny reads to split lines across them. */
  readChunkBytes?: number;
}

const CHUNK_BYTES = 64 * 1024;

export class FileSource implements CounterSource {
  readonly result: Promise<SourceResult>;
  private resolveResult!: (result: SourceResult) => void;
  private started = false;
  private over = false;
  private feed: CounterLineFeed | undefined;
  private handle: FileHandle | undefined;
  private ino = 0;
  private position = 0;
  private readonly buffer: Buffer;
  private watcher: FSWatcher | undefined;
  private poller: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private failure: string | undefined;
  private unregister: (() => void) | undefined;
  /** The read in progress, so finish() closes the file only after it. */
  private inFlight: Promise<void> | undefined;

  constructor(readonly options: FileSourceOptions) {
    this.result = new Promise((resolve) => (this.resolveResult = resolve));
    this.buffer = Buffer.alloc(options.readChunkBytes ?? CHUNK_BYTES);
  }

  start(listener: SourceListener): void {
    if (this.started) throw new Error('file source already started');
    this.started = true;
    this.feed = new CounterLineFeed(listener, this.options, (error) => {
      this.failure = `the source's consumer failed: ${errorMessage(error)}`;
      void this.finish('failed');
    });
    void this.run().catch((error) => this.fail(error));
  }

  async stop(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.feed = new CounterLineFeed({}, this.options, () => undefined);
    }
    await this.finish('stopped');
  }

  private async run(): Promise<void> {
    const { path } = this.options;
    try {
      this.handle = await open(path, 'r');
    } catch (error) {
      return this.fail(error);
    }
    const st = await this.handle.stat();
    if (this.over) return void (await this.handle.close()); // stopped while opening
    if (st.isDirectory()) {
      this.failure = `cannot read log file ${path}: it is a directory`;
      return this.finish('failed');
    }
    this.ino = st.ino;
    if (!this.options.follow) {
      await this.readToEnd();
      return this.finish('ended');
    }
    this.feed!.startQuietWatch();
    this.unregister = registerLiveSource({ stop: () => this.stop(), killNowSync: () => undefined });
    this.watchFile();
    await this.catchUp();
  }

  private watchFile(): void {
    const name = basename(this.options.path);
    try {
      this.watcher = watch(dirname(this.options.path), { persistent: false }, (_event, file) => {
        if (!file || file === name) void this.catchUp();
      });
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      // no fs.watch here (some network file systems): polling alone does it
    }
    this.poller = setInterval(() => void this.catchUp(), this.options.pollMs ?? 250);
  }

  /** Reads whatever is new; calls that arrive during a read make it look once more afterwards. */
  private catchUp(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        await this.readNew();
      } while (this.readAgain && !this.over);
    })()
      .catch((error) => this.fail(error))
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  private async readNew(): Promise<void> {
    if (this.over || !this.handle) return;
    const named = await stat(this.options.path).catch(() => undefined);
    if (named && named.ino !== this.ino) {
      // Rotated: the old file first, to its end, then the new one from its start. When the new
      // one cannot be opened yet (gone again, not readable yet), the next check tries again.
      const next = await open(this.options.path, 'r').catch(() => undefined);
      if (!next) return this.readToEnd();
      await this.readToEnd();
      if (this.over) return void (await next.close());
      await this.handle.close();
      this.handle = next;
      this.ino = (await next.stat()).ino;
      this.position = 0;
      this.feed!.flushPartialLine();
    } else if ((await this.handle.stat()).size < this.position) {
      this.position = 0; // truncated in place (copytruncate)
      this.feed!.flushPartialLine();
    }
    await this.readToEnd();
  }

  private readToEnd(): Promise<void> {
    const read = this.readLoop();
    this.inFlight = read.catch(() => undefined);
    return read;
  }

  private async readLoop(): Promise<void> {
    const feed = this.feed!;
    const endOnDone = this.options.follow && (this.options.endOnDone ?? true);
    while (!this.over && this.handle) {
      const { bytesRead } = await this.handle.read(this.buffer, 0, this.buffer.length, this.position);
      if (bytesRead === 0 || this.over) return;
      this.position += bytesRead;
      feed.pushChunk(this.buffer.subarray(0, bytesRead));
      if (endOnDone && feed.sawDone) {
        void this.finish('ended');
        return;
      }
    }
  }

  /** A read failed; after stop() that is only the closed file, not a failure. */
  private fail(error: unknown): void {
    if (this.over) return;
    this.failure = `cannot read log file ${this.options.path}: ${describe(error)}`;
    void this.finish('failed');
  }

  private async finish(status: SourceStatus): Promise<void> {
    if (this.over) return this.result.then(() => undefined);
    this.over = true;
    this.unregister?.();
    this.watcher?.close();
    if (this.poller) clearInterval(this.poller);
    await this.inFlight;
    await this.reading;
    await this.handle?.close().catch(() => undefined);
    const feed = this.feed!;
    feed.finish(this.failure ? 'failed' : status);
    this.resolveResult({
      status: this.failure ? 'failed' : status,
      message: this.failure,
      stderrTail: '',
      stats: feed.stats(),
    });
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return errorMessage(error);
}
