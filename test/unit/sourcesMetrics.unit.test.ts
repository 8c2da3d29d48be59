// `source: metrics` and `source: prometheus` against real services: the scripted exporter
// (prom-client) and a real Prometheus server (Debian's binary on a loopback port). What a user
// gets: ticks in both exposition formats, the service started and stopped with its process tree,
// the clear errors (connection refused, HTTP errors, an unknown metric with the closest names, a
// missing partition label, a non-numeric sample, an endpoint too slow for tickMs, a step shorter
// than Prometheus' scrape interval), instances apart or summed, and a counter reset reported as
// the integrity problem it is, with the instance and the time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { configHeaderOf } from '../../src/engine/configHeader';
import type { RunEvent } from '../../src/format/runEvents';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import type { ExternalSourceSpec } from '../../src/spec/scenarioSpec';
import { createSource } from '../../src/sources/createSource';
import { stopAllSources } from '../../src/sources/liveSources';
import { tickTime, type MetricsSource } from '../../src/sources/metrics/metricsSource';
import {
  EXPORTER,
  freePort,
  startExporter,
  startPrometheus,
  waitForSamples,
  waitForTargetsUp,
  type RunningExporter,
  type RunningPrometheus,
} from './helpers/metricsServices';
import { runSourceToEnd } from './helpers/runSourceToEnd';
import { isGone, Recorder, SOURCE_FIXTURES } from './helpers/sourceTestHelpers';

const opts = { timeout: 60_000 };
after(() => stopAllSources());

const yamlList = (items: string[]) => `[${items.map((a) => JSON.stringify(a)).join(', ')}]`;

async function run(yaml: string) {
  const { spec, problems } = parseScenarioSpec(yaml);
  assert.ok(spec, JSON.stringify(problems));
  const source = createSource(spec.source as ExternalSourceSpec, { baseDir: SOURCE_FIXTURES, fallbackConfig: configHeaderOf(spec) });
  const recorder = new Recorder();
  const { events, result } = await runSourceToEnd(source, recorder);
  return { events, result, recorder, source };
}

const ticks = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { type: 'tick' }> => e.type === 'tick');
const config = (events: RunEvent[]) => (events[0]?.type === 'config' ? events[0].config : undefined);
// A scrape must answer within tickMs: 250 ms leaves room on a busy test machine.
const SHORT = 'tickMs: 250\nwarmupS: 0.5\nmeasureS: 1.5\ncooldownS: 0.5\n';

test('a scrape sent on time is tick k × tickMs; one sent late is stamped when it was sent', () => {
  assert.equal(tickTime(4, 2030, 500), 2);
  assert.equal(tickTime(4, 2200, 500), 2.2);
});

describe('source: metrics', { concurrency: 2 }, () => {
  const exporters: RunningExporter[] = [];
  const exporter = async (...args: string[]) => {
    const e = await startExporter(args);
    exporters.push(e);
    return e;
  };
  after(() => Promise.all(exporters.map((e) => e.stop())));

  test('scrapes every tickMs through the phases, in either exposition format', opts, async () => {
    for (const format of ['text', 'openmetrics']) {
      const e = await exporter(`--format=${format}`, '--stall-at-s=-1');
      const { events, result, recorder } = await run(`source: metrics\nurl: ${e.url}\n${SHORT}`);
      assert.equal(result.status, 'ended', result.message);
      assert.deepEqual(config(events), {
        partitions: 4,
        instances: `127.0.0.1:${e.port}`,
        instanceMode: 'separate',
        scenario: 'custom',
        tickMs: 250,
        warmupS: 0.5,
        measureS: 1.5,
        cooldownS: 0.5,
        source: 'metrics',
      });
      // Tick k is k × tickMs, or when its scrape was sent if a busy machine held it up.
      // Every scheduled scrape made a tick, or (a scrape late on a busy machine) a note that it was skipped.
      const times = ticks(events).map((t) => t.t);
      const skipped = recorder.notes.filter((n) => /^scrape at t=[\d.]+ s skipped/.test(n)).length;
      assert.equal(times.length + skipped, 11, `${format}: ${times.join(' ')}; ${recorder.notes.join('; ')}`);
      // How many are skipped depends on the machine's load (a loaded CI machine skips more); most still make a tick.
      assert.ok(times.length > skipped, recorder.notes.join('; '));
      const slots = times.map((t) => Math.floor(t / 0.25 + 1e-9));
      assert.deepEqual(
        slots,
        [...new Set(slots)].sort((a, b) => a - b),
        `one tick per tickMs, in order: ${times.join(' ')}`,
      );
      assert.ok(slots.every((slot) => slot <= 10));
      const phases = events.filter((x) => x.type === 'phase').map((x) => (x.type === 'phase' ? [x.t, x.phase] : []));
      assert.deepEqual(phases.slice(0, 3), [
        [0, 'warmup'],
        [0.5, 'measure'],
        [2, 'cooldown'],
      ]);
      assert.deepEqual(phases[3], [times.at(-1), 'done'], 'done with the last tick');
      const last = ticks(events).at(-1)!.partitions[2];
      assert.ok(last.tasksIn >= last.dispatched && last.dispatched >= last.completed && last.completed > 0, JSON.stringify(last));
    }
  });

  test('connection refused, an HTTP error, and a metric that does not exist, with the closest names first', opts, async () => {
    const port = await freePort();
    const refused = await run(`source: metrics\nurl: http://127.0.0.1:${port}/metrics\n${SHORT}`);
    assert.equal(refused.result.status, 'failed');
    assert.match(
      refused.result.message!,
      new RegExp(`^cannot scrape http://127.0.0.1:${port}/metrics: connection refused at 127.0.0.1:${port}: nothing listens there`),
    );
    assert.equal(ticks(refused.events).length, 0);

    const e = await exporter('--names=plain');
    const notFound = await run(`source: metrics\nurl: http://127.0.0.1:${e.port}/prometheus\n${SHORT}`);
    assert.match(notFound.result.message!, /HTTP 404 Not Found from http:\/\/127\.0\.0\.1:\d+\/prometheus: not found: try \/metrics/);

    const unknown = await run(`source: metrics\nurl: ${e.url}\n${SHORT}`);
    assert.equal(unknown.result.status, 'failed');
    assert.match(
      unknown.result.message!,
      /has no metric scheduler_tasks_in_total \(tasksIn\), scheduler_dispatched_total \(dispatched\), .*; the names it has, closest first: app_in_total, /,
    );

    const mapped = await run(
      `source: metrics\nurl: ${e.url}\nmetrics: { tasksIn: app_in_total, dispatched: app_dispatched, completed: app_done_total, rejectsBusy: app_rejected_total, enqueuedDueToBusy: app_parked_total, maxPendingDepthObserved: app_max_parked, readyFamiliesCount: app_ready, inFlightFamiliesCount: app_in_flight }\n${SHORT}`,
    );
    assert.equal(mapped.result.status, 'ended', mapped.result.message);
    assert.ok(ticks(mapped.events).length > 5, 'app_dispatched is read as app_dispatched_total');
  });

  test('a missing partition label and a sample that is not a number', opts, async () => {
    const e = await exporter();
    const shard = await run(`source: metrics\nurl: ${e.url}\npartitionLabel: shard\n${SHORT}`);
    assert.match(
      shard.result.message!,
      /^scheduler_tasks_in_total\{partition="0"\} has no label shard, the partition label \(its labels: partition\); set partitionLabel: to the label that holds the partition number/,
    );
    const bad = await exporter('--bad-value');
    const nan = await run(`source: metrics\nurl: ${bad.url}\n${SHORT}`);
    assert.match(
      nan.result.message!,
      /from http:\/\/127\.0\.0\.1:\d+\/metrics cannot be read .*line \d+: scheduler_completed_total\{partition="1"\} has the value "twelve", which is not a number/,
    );
  });

  test('an endpoint too slow for tickMs fails the run, saying so', opts, async () => {
    const e = await exporter('--slow-ms=600');
    const { result, events, recorder } = await run(`source: metrics\nurl: ${e.url}\n${SHORT}`);
    assert.equal(result.status, 'failed');
    assert.match(
      result.message!,
      /^the endpoint http:\/\/127\.0\.0\.1:\d+\/metrics is too slow for tickMs 250: 3 scrapes in a row got no answer within 250 ms .*raise tickMs/,
    );
    assert.equal(ticks(events).length, 1, 'only the first scrape (allowed longer) made a tick');
    assert.equal(recorder.notes.filter((n) => /skipped: no answer within 250 ms/.test(n)).length, 2);
  });

  test('starts the service first, ends with the phases, and leaves no process behind', opts, async () => {
    const port = await freePort();
    const spec = `source: metrics\nurl: http://127.0.0.1:${port}/metrics\ncommand: ${JSON.stringify(process.execPath)}\nargs: ${yamlList([EXPORTER, `--port=${port}`])}\n${SHORT}`;
    const { result, events, source } = await run(spec);
    assert.equal(result.status, 'ended', result.message);
    assert.equal(ticks(events).length, 11);
    const pids = (source as unknown as { service: { knownPids(): number[] } }).service.knownPids();
    assert.ok(pids.length >= 1);
    for (const pid of pids) assert.ok(isGone(pid), `pid ${pid} still runs`);
  });

  test('the run ends when the service exits; a failing service fails it with its status and stderr', opts, async () => {
    const port = await freePort();
    const exits = await run(
      `source: metrics\nurl: http://127.0.0.1:${port}/metrics\ncommand: ${JSON.stringify(process.execPath)}\nargs: ${yamlList([EXPORTER, `--port=${port}`, '--exit-after-s=3'])}\ntickMs: 250\nmeasureS: 30\ncooldownS: 0\nwarmupS: 0\n`,
    );
    assert.equal(exits.result.status, 'ended', exits.result.message);
    assert.ok(
      ticks(exits.events).length >= 2 && ticks(exits.events).length < 20,
      `${ticks(exits.events).length} ticks: the run ended with the service, long before its phases`,
    );
    const crash = await run(
      `source: metrics\nurl: http://127.0.0.1:${port}/metrics\ncommand: ${JSON.stringify(process.execPath)}\nargs: ["-e", "console.error('boom: no config'); process.exit(3)"]\n${SHORT}`,
    );
    assert.equal(crash.result.status, 'failed');
    assert.match(
      crash.result.message!,
      /^the service stopped before the run ended: command `.*node` exited with status 3\nstderr \(last lines\):\nboom: no config/,
    );
  });

  test('stop() ends the run and the service with its whole tree', opts, async () => {
    const port = await freePort();
    const { spec } = parseScenarioSpec(
      `source: metrics\nurl: http://127.0.0.1:${port}/metrics\ncommand: ${JSON.stringify(process.execPath)}\nargs: ${yamlList([EXPORTER, `--port=${port}`])}\ntickMs: 250\nmeasureS: 60\n`,
    );
    const source = createSource(spec!.source as ExternalSourceSpec, {
      baseDir: SOURCE_FIXTURES,
      fallbackConfig: configHeaderOf(spec!),
    }) as MetricsSource;
    const recorder = new Recorder();
    source.start(recorder);
    const deadline = Date.now() + 20_000;
    while (recorder.ticks().length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok(recorder.ticks().length >= 3);
    await source.stop();
    const result = await source.result;
    assert.equal(result.status, 'stopped');
    assert.deepEqual(recorder.events.at(-1), { type: 'phase', t: recorder.ticks().at(-1)!.t, phase: 'done', reason: 'interrupted' });
    const pids = (source as unknown as { service: { knownPids(): number[] } }).service.knownPids();
    for (const pid of pids) assert.ok(isGone(pid), `pid ${pid} still runs`);
  });

  test(
    'a restarted service: a note names the instance and the time, and the analysis reports the counter reset as an integrity problem',
    opts,
    async () => {
      const e = await exporter('--restart-at-s=1.2', '--stall-at-s=-1');
      const { events, recorder } = await run(`source: metrics\nurl: ${e.url}\n${SHORT}`);
      assert.match(
        recorder.notes.join('\n'),
        new RegExp(`counter reset at t=1\\.\\d+ s: instance 127\\.0\\.0\\.1:${e.port} restarted or reset its counters`),
      );
      const report = analyzeRun(events);
      const integrity = report.hints.filter((h) => h.rule === 'counter-integrity');
      assert.ok(integrity.length > 0);
      assert.match(
        integrity[0].message,
        new RegExp(`went down by [\\d,]+ on partition 0 \\(instance 127\\.0\\.0\\.1:${e.port}\\) at 1\\.\\d+ s`),
      );
    },
  );
});

describe('source: prometheus', () => {
  let prometheus: RunningPrometheus;
  let steady: RunningExporter;
  let restarting: RunningExporter;
  let from: string;

  before(async () => {
    const ports = [await freePort(), await freePort()];
    prometheus = await startPrometheus(
      ports.map((p) => `127.0.0.1:${p}`),
      500,
    );
    // Both clocks start 8 s after the exporters serve, once Prometheus scrapes them (within 5 s).
    steady = await startExporter([`--port=${ports[0]}`, '--stall-at-s=-1', '--start-in-s=8']);
    restarting = await startExporter([`--port=${ports[1]}`, '--stall-at-s=-1', '--start-in-s=8', '--restart-at-s=2']);
    await waitForTargetsUp(prometheus.url, 2);
    const startedAt = Math.max(steady.startedAt, restarting.startedAt);
    from = new Date(startedAt).toISOString();
    // The whole window recorded for both, the restart included.
    await waitForSamples(
      prometheus.url,
      `scheduler_completed_total and timestamp(scheduler_completed_total) > ${(startedAt + 4000) / 1000}`,
      8,
      30_000,
    );
  });
  after(async () => {
    await steady?.stop();
    await restarting?.stop();
    await prometheus?.stop();
  });

  const window = () =>
    `source: prometheus\nurl: ${prometheus.url}\nfrom: ${from}\nto: ${new Date(Date.parse(from) + 3500).toISOString()}\ntickMs: 500\nwarmupS: 0\ncooldownS: 0\n`;

  test('instances apart: a block of partitions each; summed: their counters added up', opts, async () => {
    const apart = await run(window());
    assert.equal(apart.result.status, 'ended', apart.result.message);
    assert.equal(config(apart.events)?.partitions, 8);
    assert.equal(config(apart.events)?.instances, [`127.0.0.1:${steady.port}`, `127.0.0.1:${restarting.port}`].sort().join(','));
    assert.equal(config(apart.events)?.measureS, 3.5, 'measure fills the window');
    assert.deepEqual(
      ticks(apart.events).map((t) => t.t),
      [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5],
    );
    const summed = await run(`${window()}instances: sum\n`);
    assert.equal(config(summed.events)?.partitions, 4);
    const last = (events: RunEvent[]) => ticks(events).at(-1)!.partitions;
    assert.equal(last(summed.events)[1].tasksIn, last(apart.events)[1].tasksIn + last(apart.events)[5].tasksIn);
    const one = await run(`${window()}labels: { instance: "127.0.0.1:${steady.port}" }\n`);
    assert.equal(config(one.events)?.partitions, 4);
    assert.equal(config(one.events)?.instances, `127.0.0.1:${steady.port}`);
  });

  test('a counter reset of one instance is the integrity problem, naming the instance and the time', opts, async () => {
    const { events, recorder } = await run(window());
    const restarted = `127.0.0.1:${restarting.port}`;
    assert.match(
      recorder.notes.join('\n'),
      new RegExp(`counter reset at t=\\d\\.\\d+ s: instance ${restarted.replace(/\./g, '\\.')} restarted`),
    );
    const integrity = analyzeRun(events).hints.filter((h) => h.rule === 'counter-integrity');
    assert.ok(integrity.length > 0);
    assert.match(
      integrity[0].message,
      new RegExp(
        `went down by [\\d,]+ on partition \\d \\(instance ${restarted.replace(/\./g, '\\.')}, its partition \\d\\) at \\d\\.\\d s`,
      ),
    );
    assert.ok(
      integrity.every((h) => !h.message.includes(`instance 127.0.0.1:${steady.port}`)),
      'the steady instance is not blamed',
    );
  });

  test(
    'clear errors: unreachable server, unknown metric with the closest names, missing partition label, a step shorter than the scrape interval',
    opts,
    async () => {
      const port = await freePort();
      const refused = await run(`source: prometheus\nurl: http://127.0.0.1:${port}\nfrom: -1m\n`);
      assert.match(
        refused.result.message!,
        new RegExp(`^cannot reach Prometheus at http://127.0.0.1:${port}: connection refused at 127.0.0.1:${port}`),
      );
      const unknown = await run(`${window()}metrics: { completed: scheduler_complted_total }\n`);
      assert.match(
        unknown.result.message!,
        /has no metric scheduler_complted_total \(completed\); the names it has, closest first: scheduler_completed_total, /,
      );
      const label = await run(`${window()}partitionLabel: shard\n`);
      assert.match(label.result.message!, /has no label shard, the partition label \(its labels: instance, job, partition\)/);
      const step = await run(window().replace('tickMs: 500', 'tickMs: 100'));
      assert.match(
        step.result.message!,
        /^Prometheus scraped scheduler_completed_total every 500 ms, less often than tickMs 100: .*Set tickMs to at least 500/,
      );
      const notPrometheus = await run(window().replace(prometheus.url, steady.url.replace('/metrics', '')));
      assert.match(notPrometheus.result.message!, /refused \/api\/v1\/label\/__name__\/values: HTTP 404: not found: try \/metrics/);
    },
  );
});
