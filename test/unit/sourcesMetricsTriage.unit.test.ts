// Issue 26's "what it must show": a scripted scheduler whose partition 1 stops completing after
// 10 s, exposed by a real exporter (prom-client) and scraped by a real Prometheus server. Read
// three ways through the CLI (`stressnb run spec.yaml`, then `stressnb analyze --format json`):
// the script's own counter-line log, `source: metrics` scraping the exporter as the run goes, and
// `source: prometheus` asking Prometheus afterwards for the same window. All three give the same
// triage: the rule, the partition, and the window within one tick. This takes the run's real
// 20 seconds (the sources scrape and step on the wall clock).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { EXIT_FAIL } from '../../src/cli/exitCodes';
import {
  freePort,
  sleepUntil,
  startExporter,
  startPrometheus,
  waitForSamples,
  waitForTargetsUp,
  type RunningExporter,
  type RunningPrometheus,
} from './helpers/metricsServices';
import { tempFiles } from './helpers/tempFiles';

const { dir, file } = tempFiles('stressnb-metrics-triage-');
const TICK_MS = 500;
const PHASES = { warmupS: 2, measureS: 16, cooldownS: 2 };
const RUN_S = PHASES.warmupS + PHASES.measureS + PHASES.cooldownS;

interface Hint {
  rule: string;
  partitions: number[];
  from: number;
  to: number;
}

async function cli(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = bufferIo();
  const status = await main(argv, io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

/** `stressnb run spec` into a log, then `stressnb analyze log --format json`: the triage hints. */
async function runAndAnalyze(name: string, spec: string): Promise<{ hints: Hint[]; log: string; verdict: string }> {
  const run = await cli('run', file(`${name}.yaml`, spec));
  assert.equal(run.status, 0, `stressnb run ${name}: ${run.stderr}`);
  return analyze(name, run.stdout);
}

async function analyze(name: string, log: string): Promise<{ hints: Hint[]; log: string; verdict: string }> {
  const path = join(dir, `${name}.log`);
  writeFileSync(path, log);
  const analysis = await cli('analyze', path, '--format', 'json');
  assert.equal(analysis.status, EXIT_FAIL, `a hint fails the run: ${analysis.stderr}`);
  const report = JSON.parse(analysis.stdout) as { hints: Hint[]; verdict: string };
  return { hints: report.hints, log, verdict: report.verdict };
}

const timing = `tickMs: ${TICK_MS}\nwarmupS: ${PHASES.warmupS}\nmeasureS: ${PHASES.measureS}\ncooldownS: ${PHASES.cooldownS}\n`;

test(
  'a stuck partition reads the same from the counter-line log, source: metrics and source: prometheus',
  { timeout: 120_000 },
  async (t) => {
    const port = await freePort();
    let prometheus: RunningPrometheus | undefined;
    let exporter: RunningExporter | undefined;
    try {
      // The scheduler's clock starts 8 s after the exporter serves, so Prometheus (whose scrape
      // manager starts new targets within 5 s) records it from its first second on.
      prometheus = await startPrometheus([`127.0.0.1:${port}`], TICK_MS);
      const logPath = join(dir, 'script.log');
      exporter = await startExporter([
        `--port=${port}`,
        '--start-in-s=8',
        '--stall-partition=1',
        '--stall-at-s=10',
        `--tick-ms=${TICK_MS}`,
        `--warmup-s=${PHASES.warmupS}`,
        `--measure-s=${PHASES.measureS}`,
        `--cooldown-s=${PHASES.cooldownS}`,
        `--log=${logPath}`,
      ]);
      await waitForTargetsUp(prometheus.url, 1);
      assert.ok(Date.now() < exporter.startedAt, 'Prometheus scrapes the exporter before its clock starts');
      await sleepUntil(exporter.startedAt);

      const scraped = await runAndAnalyze('metrics', `source: metrics\nurl: ${exporter.url}\n${timing}`);
      // Prometheus has the whole window once it scraped past its end.
      const end = new Date(exporter.startedAt + RUN_S * 1000).toISOString();
      await waitForSamples(
        prometheus.url,
        `scheduler_completed_total and timestamp(scheduler_completed_total) > ${(exporter.startedAt + RUN_S * 1000 + TICK_MS) / 1000}`,
        4,
      );
      const recorded = await runAndAnalyze(
        'prometheus',
        `source: prometheus\nurl: ${prometheus.url}\nfrom: ${new Date(exporter.startedAt).toISOString()}\nto: ${end}\n${timing}`,
      );
      const script = await analyze('script', readFileSync(logPath, 'utf8'));

      for (const [name, read] of [
        ['script log', script],
        ['metrics', scraped],
        ['prometheus', recorded],
      ] as const) {
        t.diagnostic(
          `${name}: ${read.hints.map((h) => `${h.rule} partition ${h.partitions.join(',')} ${h.from} s to ${h.to} s`).join('; ')}`,
        );
      }
      assert.deepEqual(
        script.hints.map((h) => [h.rule, h.partitions]),
        [['handler-stuck', [1]]],
        'the script log: partition 1 handler stuck',
      );
      assert.ok(Math.abs(script.hints[0].from - 10) <= TICK_MS / 1000, `the script's hint starts at the stall: ${script.hints[0].from}`);
      for (const [name, read] of [
        ['metrics', scraped],
        ['prometheus', recorded],
      ] as const) {
        assert.deepEqual(
          read.hints.map((h) => [h.rule, h.partitions]),
          [['handler-stuck', [1]]],
          `${name}: the same rule on the same partition`,
        );
        const [hint] = read.hints;
        assert.ok(
          Math.abs(hint.from - script.hints[0].from) <= TICK_MS / 1000,
          `${name}: the window starts within a tick (${hint.from} vs ${script.hints[0].from})`,
        );
        assert.ok(
          Math.abs(hint.to - script.hints[0].to) <= TICK_MS / 1000,
          `${name}: the window ends within a tick (${hint.to} vs ${script.hints[0].to})`,
        );
        assert.equal(read.verdict, 'fail');
      }
      assert.match(scraped.log.split('\n')[0], /^config partitions=4 .*source=metrics/);
      assert.match(recorded.log.split('\n')[0], /^config partitions=4 .*instances=127\.0\.0\.1:\d+ .*source=prometheus/);
    } finally {
      await exporter?.stop();
      await prometheus?.stop();
    }
  },
);
