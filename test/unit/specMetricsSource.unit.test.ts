// The keys of `source: metrics` and `source: prometheus` in a scenario cell: defaults, overrides,
// and every mistake reported at its place with what to write instead.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { DEFAULT_METRIC_NAMES } from '../../src/spec/metricNames';

function problems(yaml: string): string[] {
  return parseScenarioSpec(yaml).problems.map((p) => `${p.line}:${p.column} ${p.severity}: ${p.message}`);
}

describe('source: metrics and source: prometheus in a cell', () => {
  test('defaults: the Prometheus-style names, partition label, all series, instances apart', () => {
    const { spec, problems: found } = parseScenarioSpec('source: metrics\nurl: http://127.0.0.1:9404/metrics\n');
    assert.deepEqual(found, []);
    assert.deepEqual(spec?.source, {
      kind: 'metrics',
      url: 'http://127.0.0.1:9404/metrics',
      names: DEFAULT_METRIC_NAMES,
      partitionLabel: 'partition',
      labels: {},
      instances: 'separate',
    });
    assert.equal(spec?.scenario, 'custom');
  });

  test('overrides, a service to start, and the keys of the engine warned about', () => {
    const { spec, problems: found } = parseScenarioSpec(
      'scenario: hot-family\nsource: metrics\nurl: https://svc:8080/actuator/prometheus\nmetrics: { completed: orders_done_total }\npartitionLabel: shard\nlabels: { job: scheduler, zone: a1 }\ninstances: sum\ncommand: java\nargs: [-jar, app.jar]\nload: { hotTasks: 5 }\n',
    );
    assert.deepEqual(
      found.map((p) => p.message),
      ['load has no effect with source: metrics (the service brings its own load and behaviour)'],
    );
    assert.ok(spec?.source.kind === 'metrics');
    assert.equal(spec.source.names.completed, 'orders_done_total');
    assert.equal(spec.source.names.tasksIn, 'scheduler_tasks_in_total');
    assert.deepEqual(
      [spec.source.partitionLabel, spec.source.labels, spec.source.instances],
      ['shard', { job: 'scheduler', zone: 'a1' }, 'sum'],
    );
    assert.deepEqual(spec.source.service, { command: 'java', args: ['-jar', 'app.jar'], env: {} });
  });

  test('mistakes are reported where they are', () => {
    assert.deepEqual(problems('source: metrics\n'), [
      '1:9 error: source: metrics needs url, the exposition endpoint to scrape (for example url: http://127.0.0.1:9404/metrics)',
    ]);
    assert.deepEqual(problems('source: metrics\nurl: 127.0.0.1:9404\n'), [
      '2:6 error: url must be an http:// or https:// address such as http://127.0.0.1:9404/metrics; got "127.0.0.1:9404"',
    ]);
    assert.deepEqual(problems('source: metrics\nurl: http://h/m\nargs: [x]\n'), [
      '3:1 error: args belongs to command, the service to start before scraping; add command or remove args',
    ]);
    assert.deepEqual(problems('source: metrics\nurl: http://h/m\nmetrics: { complted: x_total }\n'), [
      '3:12 error: metrics: "complted" is not a counter of the contract; did you mean "completed"? (counters: tasksIn, dispatched, completed, rejectsBusy, enqueuedDueToBusy, maxPendingDepthObserved, readyFamiliesCount, inFlightFamiliesCount)',
    ]);
    assert.deepEqual(problems('source: metrics\nurl: http://h/m\nmetrics: { completed: 9lives }\n'), [
      '3:23 error: metrics.completed: "9lives" is not a Prometheus metric name (letters, digits, _ and :, not starting with a digit)',
    ]);
    assert.deepEqual(problems('source: metrics\nurl: http://h/m\nlabels: { partition: "1" }\n'), [
      '3:9 error: labels selects series by partition, the partition label: every partition is read; remove it from labels',
    ]);
    assert.deepEqual(problems('source: metrics\nurl: http://h/m\ninstances: both\n'), [
      '3:12 error: instances must be one of separate, sum; got "both"',
    ]);
    assert.deepEqual(problems('source: prometheus\nurl: http://h:9090\nfrom: -30m\npath: x.log\n'), [
      '4:1 error: path applies only with source: file (this cell has source: prometheus)',
    ]);
    assert.deepEqual(problems('url: http://h/m\nscenario: steady\n'), [
      '1:1 error: url applies only with source: metrics or prometheus (add source: metrics)',
    ]);
  });

  test('the Prometheus window: from is required, to defaults to now, measure fills what warmup and cooldown leave', () => {
    assert.deepEqual(problems('source: prometheus\nurl: http://h:9090\n'), [
      '1:9 error: source: prometheus needs from, the start of the window (an RFC 3339 time such as 2024-05-01T12:00:00Z, or a time before now such as -30m)',
    ]);
    const { spec } = parseScenarioSpec('source: prometheus\nurl: http://h:9090\nfrom: -30m\nwarmupS: 60\ncooldownS: 60\ntickMs: 15000\n');
    assert.ok(spec?.source.kind === 'prometheus');
    assert.deepEqual(spec.source.to, { kind: 'now' });
    assert.equal(spec.source.measureFillsWindow, true);
    assert.equal(spec.measureS, 1800 - 120);
    const fixed = parseScenarioSpec(
      'source: prometheus\nurl: http://h:9090\nfrom: 2024-05-01T12:00:00Z\nto: 2024-05-01T12:10:00Z\nmeasureS: 100\n',
    ).spec;
    assert.ok(fixed?.source.kind === 'prometheus' && !fixed.source.measureFillsWindow && fixed.measureS === 100);
    assert.deepEqual(problems('source: prometheus\nurl: http://h:9090\nfrom: 2024-05-01T12:00:00Z\nto: 2024-05-01T11:00:00Z\n'), [
      '4:5 error: the window is empty: to must come after from (from 2024-05-01T12:00:00Z, to 2024-05-01T11:00:00Z)',
    ]);
    assert.deepEqual(problems('source: prometheus\nurl: http://h:9090\nfrom: -10s\n'), [
      '3:7 error: the window (10 s from -10s to now) leaves no time to measure after warmupS (3) and cooldownS (10): widen it or shorten them',
    ]);
    assert.deepEqual(problems('source: prometheus\nurl: http://h:9090\nfrom: -2d\ntickMs: 100\n'), [
      '4:9 error: this run has 1728000 ticks ((warmupS + measureS + cooldownS) / tickMs); the limit is 200000: raise tickMs or shorten the run',
    ]);
    assert.deepEqual(problems('source: prometheus\nurl: http://h:9090\nfrom: yesterday\n'), [
      '3:7 error: from: "yesterday" is not a time; write an RFC 3339 time such as 2024-05-01T12:00:00Z, now, or a time before now such as -30m, -1h30m or now-2h',
    ]);
  });

  test('a sweep cannot vary a cell that reads metrics', () => {
    const found = problems('source: metrics\nurl: http://h/m\nsweep: { tickMs: [250, 500] }\n');
    assert.ok(
      found.some((p) => /sweep runs every point with the built-in engine; it cannot sweep a cell with source: metrics/.test(p)),
      found.join('\n'),
    );
  });
});
