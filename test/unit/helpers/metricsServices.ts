// Real services for the metrics and Prometheus source tests: the scripted exporter fixture
// (prom-client on 127.0.0.1, a random free port) and a real Prometheus server (Debian's
// `prometheus` binary on a loopback port, with a temporary config and storage), each stopped by
// its `stop()`. Every wait is bounded, so a broken service fails the test instead of hanging it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SOURCE_FIXTURES } from './sourceTestHelpers';

export const EXPORTER = join(SOURCE_FIXTURES, 'metricsExporter.mjs');

/** Services still running; killed when this process exits, however a test ended. */
const running = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}
export const PROMETHEUS_BINARY = '/usr/bin/prometheus';

export interface RunningExporter {
  url: string;
  port: number;
  /** When the script started (its t = 0), epoch milliseconds. */
  startedAt: number;
  stop(): Promise<void>;
}

/** Starts metricsExporter.mjs with `args` (`--port` defaults to a free one) and waits until it serves. */
export async function startExporter(args: string[] = []): Promise<RunningExporter> {
  const child = track(spawn(process.execPath, [EXPORTER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }));
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the exporter did not start within 10 s; stderr: ${err}`)), 10_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const m = /listening port=\d+ startedAt=\d+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the exporter exited with ${code} before serving; stderr: ${err}`));
    });
  });
  const [, port, startedAt] = /port=(\d+) startedAt=(\d+)/.exec(line)!.map(Number);
  return { url: `http://127.0.0.1:${port}/metrics`, port, startedAt, stop: () => stopChild(child) };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
}

export function prometheusInstalled(): boolean {
  return spawnSync(PROMETHEUS_BINARY, ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Starts Prometheus scraping `targets` (host:port) every `scrapeMs`, and waits until it is ready. */
export async function startPrometheus(targets: string[], scrapeMs = 500): Promise<RunningPrometheus> {
  if (!prometheusInstalled()) {
    throw new Error(
      `${PROMETHEUS_BINARY} is missing: install Debian's prometheus package (npm run test:unit installs it when run as root)`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'stressnb-prometheus-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      `  scrape_interval: ${scrapeMs}ms`,
      `  scrape_timeout: ${Math.max(100, scrapeMs - 100)}ms`,
      'scrape_configs:',
      '  - job_name: scheduler',
      '    static_configs:',
      `      - targets: [${targets.map((t) => `'${t}'`).join(', ')}]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const child = track(
    spawn(
      PROMETHEUS_BINARY,
      [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    ),
  );
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => (err = (err + chunk).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${err}`);
        const r = await fetch(`${url}/-/ready`).catch(() => undefined);
        return r?.status === 200;
      },
      30_000,
      'Prometheus to be ready',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** Waits until Prometheus has a sample of `metric` for every target (its first scrapes are in). */
export async function waitForSamples(prometheusUrl: string, query: string, atLeast: number, giveUpMs = 20_000): Promise<void> {
  await waitUntil(
    async () => {
      const r = await fetch(`${prometheusUrl}/api/v1/query?${new URLSearchParams({ query })}`);
      const body = (await r.json()) as { data?: { result?: unknown[] } };
      return (body.data?.result?.length ?? 0) >= atLeast;
    },
    giveUpMs,
    `Prometheus samples of ${query}`,
  );
}

/** Waits until Prometheus scrapes `targets` targets successfully (its scrape manager takes up to 5 s to start them). */
export async function waitForTargetsUp(prometheusUrl: string, targets: number, giveUpMs = 30_000): Promise<void> {
  await waitForSamples(prometheusUrl, 'up == 1', targets, giveUpMs);
}

/** Resolves at epoch millisecond `at` (at once when it has passed). */
export function sleepUntil(at: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
}

async function waitUntil(probe: () => Promise<boolean>, giveUpMs: number, what: string): Promise<void> {
  const deadline = Date.now() + giveUpMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error(`gave up after ${giveUpMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100).unref());
  }
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process is gone. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
