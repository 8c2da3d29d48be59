// The pure parts of the metrics sources: the exposition-format reader (text 0.0.4 and OpenMetrics
// 1.0, including what prom-client really serves), metric-name matching with and without _total,
// the partition layout of instances, a tick's values and counter resets, and `from`/`to` times.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import client from 'prom-client';
import { ExpositionError, formatOfContentType, parseExposition, typeOfSample } from '../../src/sources/metrics/expositionParser';
import { closestNames, matchMetricName, matchMetricNames } from '../../src/sources/metrics/metricNameMatch';
import { PartitionLayout, type SeriesRef } from '../../src/sources/metrics/partitionLayout';
import { describeResets, TickValueBuilder } from '../../src/sources/metrics/tickValues';
import { COUNTER_KEYS, type CounterKey } from '../../src/format/runEvents';
import { DEFAULT_METRIC_NAMES } from '../../src/spec/metricNames';
import type { MetricsMapping } from '../../src/spec/scenarioSpec';
import { fixedSpanMs, parseTimeRef, resolveTimeRef } from '../../src/spec/timeRef';
import { partitionName } from '../../src/analysis/partitionInstances';

describe('exposition parser', () => {
  test('reads the text format: TYPE lines, labels with escapes, timestamps, special values', () => {
    const text = [
      '# HELP scheduler_completed_total Tasks completed.',
      '# TYPE scheduler_completed_total counter',
      'scheduler_completed_total{partition="0"} 1027',
      'scheduler_completed_total{partition="1",note="a \\"quoted\\" \\\\ value\\nnext"} 3.0 1714564800000',
      '',
      '# TYPE scheduler_ready_families gauge',
      'scheduler_ready_families { partition = "0" , } 0',
      'scheduler_ready_families{partition="1"} +Inf',
      'scheduler_ready_families{partition="2"} NaN',
      'up 1e3',
    ].join('\n');
    const e = parseExposition(text, 'text');
    assert.deepEqual(
      e.samples.map((s) => [s.name, s.labels, s.value, s.line]),
      [
        ['scheduler_completed_total', { partition: '0' }, 1027, 3],
        ['scheduler_completed_total', { partition: '1', note: 'a "quoted" \\ value\nnext' }, 3, 4],
        ['scheduler_ready_families', { partition: '0' }, 0, 7],
        ['scheduler_ready_families', { partition: '1' }, Infinity, 8],
        ['scheduler_ready_families', { partition: '2' }, NaN, 9],
        ['up', {}, 1000, 10],
      ],
    );
    assert.equal(typeOfSample(e, 'scheduler_completed_total'), 'counter');
    assert.equal(typeOfSample(e, 'up'), 'untyped');
  });

  test('reads OpenMetrics: family names without _total, exemplars, # EOF', () => {
    const text = [
      '# TYPE scheduler_completed counter',
      '# UNIT scheduler_completed tasks',
      'scheduler_completed_total{partition="0"} 17 # {trace_id="abc"} 1.0 1714564800.1',
      'scheduler_completed_created{partition="0"} 1714564700.5',
      '# EOF',
    ].join('\n');
    const e = parseExposition(text, 'openmetrics');
    assert.deepEqual(
      e.samples.map((s) => [s.name, s.value]),
      [
        ['scheduler_completed_total', 17],
        ['scheduler_completed_created', 1714564700.5],
      ],
    );
    assert.equal(typeOfSample(e, 'scheduler_completed_total'), 'counter', 'a sample finds its family through the _total suffix');
    assert.throws(() => parseExposition('x 1\n', 'openmetrics'), /line 1: the OpenMetrics exposition does not end with "# EOF"/);
    assert.throws(() => parseExposition('x 1\n# EOF\ny 2\n', 'openmetrics'), /line 3: text after "# EOF"/);
  });

  test('a line it cannot read fails the exposition with its line number', () => {
    const cases: [string, RegExp][] = [
      [
        'ok 1\nscheduler_completed_total{partition="1"} twelve\n',
        /^line 2: scheduler_completed_total\{partition="1"\} has the value "twelve", which is not a number$/,
      ],
      ['x{partition="1} 3\n', /line 1: the value of label partition is not closed/],
      ['x{partition=1} 3\n', /line 1: the value of label partition must be in double quotes/],
      ['x{a="1",a="2"} 3\n', /label a appears twice/],
      ['x\n', /line 1: x has no value/],
      ['x 1 2 3\n', /unexpected "3" after the value/],
      ['{a="1"} 3\n', /line 1: expected a metric name/],
      ['x{a="\\q"} 1\n', /unknown escape \\q/],
    ];
    for (const [text, message] of cases) {
      assert.throws(
        () => parseExposition(text, 'text'),
        (error: unknown) => error instanceof ExpositionError && message.test(error.message),
        text,
      );
    }
  });

  test('reads what prom-client serves in both formats, and the content types it names them by', async () => {
    const text = new client.Registry();
    const om = new client.Registry<client.OpenMetricsContentType>();
    om.setContentType(client.openMetricsContentType);
    const counter = new client.Counter({ name: 'scheduler_completed_total', help: 'h', labelNames: ['partition'], registers: [text, om] });
    const gauge = new client.Gauge({ name: 'scheduler_ready_families', help: 'h', labelNames: ['partition'], registers: [text, om] });
    counter.inc({ partition: '0' }, 41);
    counter.inc({ partition: '1' }, 7);
    gauge.set({ partition: '1' }, 3);
    for (const registry of [text, om] as client.Registry<client.RegistryContentType>[]) {
      const format = formatOfContentType(registry.contentType);
      assert.equal(format, registry === (om as unknown) ? 'openmetrics' : 'text');
      const e = parseExposition(await registry.metrics(), format);
      const values = e.samples.filter((s) => !s.name.endsWith('_created')).map((s) => [s.name, s.labels.partition, s.value]);
      assert.deepEqual(values, [
        ['scheduler_completed_total', '0', 41],
        ['scheduler_completed_total', '1', 7],
        ['scheduler_ready_families', '1', 3],
      ]);
      assert.equal(typeOfSample(e, 'scheduler_completed_total'), 'counter');
    }
    assert.equal(formatOfContentType(undefined), 'text');
  });
});

describe('metric names', () => {
  test('a counter is found with or without its _total suffix', () => {
    const available = new Set(['a_total', 'b', 'c']);
    assert.equal(matchMetricName('a_total', available), 'a_total');
    assert.equal(matchMetricName('a', available), 'a_total');
    assert.equal(matchMetricName('b_total', available), 'b');
    assert.equal(matchMetricName('d_total', available), undefined);
  });

  test('a missing metric is named with the names there are, closest first', () => {
    const available = new Set([
      ...Object.values(DEFAULT_METRIC_NAMES).filter((n) => n !== 'scheduler_completed_total'),
      'scheduler_complete_total',
      'jvm_threads_live',
    ]);
    const result = matchMetricNames(DEFAULT_METRIC_NAMES, available, 'the endpoint http://h/metrics');
    assert.ok('error' in result);
    assert.match(
      result.error,
      /^the endpoint http:\/\/h\/metrics has no metric scheduler_completed_total \(completed\); the names it has, closest first: scheduler_complete_total, /,
    );
    assert.match(result.error, /metrics: \{ completed: scheduler_complete_total \}/);
    assert.deepEqual(closestNames('abc', ['xyz', 'abd', 'ab'], 2), ['ab', 'abd']);
  });
});

const mapping = (over: Partial<MetricsMapping> = {}): MetricsMapping => ({
  names: { ...DEFAULT_METRIC_NAMES },
  partitionLabel: 'partition',
  labels: {},
  instances: 'separate',
  ...over,
});

/** Every counter's series for these instances (label sets without the partition) and partitions. */
function seriesOf(instances: Record<string, string>[], partitions: number): SeriesRef[] {
  return COUNTER_KEYS.flatMap((counter) =>
    instances.flatMap((labels) =>
      Array.from({ length: partitions }, (_, p) => ({
        counter,
        metric: DEFAULT_METRIC_NAMES[counter],
        labels: { ...labels, partition: String(p) },
      })),
    ),
  );
}

describe('partition layout', () => {
  test('separate instances get a block of partitions each, in the order of their names; the config line names them', () => {
    const layout = PartitionLayout.build(
      seriesOf(
        [
          { instance: 'b:9404', job: 's' },
          { instance: 'a:9404', job: 's' },
        ],
        2,
      ),
      mapping(),
      'unused',
    );
    assert.ok(!('error' in layout));
    assert.equal(layout.partitions, 4);
    assert.deepEqual(layout.configHeader(), { partitions: 4, instances: 'a:9404,b:9404', instanceMode: 'separate' });
    assert.equal(layout.slotOf({ instance: 'b:9404', job: 's', partition: '1' })?.slot, 3);
    assert.equal(layout.slotOf({ instance: 'a:9404', job: 's', partition: '1' })?.slot, 1);
    assert.equal(layout.slotOf({ instance: 'c:9404', job: 's', partition: '1' }), undefined, 'an instance that appeared later is not read');
    assert.equal(partitionName(layout.configHeader(), 3), 'partition 3 (instance b:9404, its partition 1)');
  });

  test('summed instances share the partition numbers', () => {
    const layout = PartitionLayout.build(seriesOf([{ instance: 'a' }, { instance: 'b' }], 3), mapping({ instances: 'sum' }), 'unused');
    assert.ok(!('error' in layout));
    assert.equal(layout.partitions, 3);
    assert.equal(layout.slotOf({ instance: 'b', partition: '2' })?.slot, 2);
    assert.equal(partitionName(layout.configHeader(), 2), 'partition 2 (instances a, b summed)');
  });

  test('one endpoint without labels is one instance, named by its address', () => {
    const layout = PartitionLayout.build(seriesOf([{}], 4), mapping(), '127.0.0.1:9404');
    assert.ok(!('error' in layout));
    assert.deepEqual(layout.configHeader(), { partitions: 4, instances: '127.0.0.1:9404', instanceMode: 'separate' });
    assert.equal(partitionName(layout.configHeader(), 2), 'partition 2 (instance 127.0.0.1:9404)');
  });

  test('a series without the partition label, a partition label that is no number, an instance lacking a counter', () => {
    const noLabel = seriesOf([{}], 1).map((s) => ({ ...s, labels: { shard: '0' } }));
    const a = PartitionLayout.build(noLabel, mapping(), 'x');
    assert.ok('error' in a);
    assert.match(
      a.error,
      /^scheduler_tasks_in_total\{shard="0"\} has no label partition, the partition label \(its labels: shard\); set partitionLabel:/,
    );
    const word = seriesOf([{}], 1).map((s) => ({ ...s, labels: { partition: 'east' } }));
    const b = PartitionLayout.build(word, mapping(), 'x');
    assert.ok('error' in b);
    assert.match(b.error, /partition label partition="east" is not a partition number/);
    const lacking = seriesOf([{ instance: 'a' }, { instance: 'b' }], 1).filter(
      (s) => !(s.labels.instance === 'b' && s.counter === 'readyFamiliesCount'),
    );
    const c = PartitionLayout.build(lacking, mapping(), 'x');
    assert.ok('error' in c);
    assert.match(c.error, /^instance b has no series of scheduler_ready_families \(readyFamiliesCount\).*labels: \{ instance: "a" \}/);
  });
});

describe('tick values', () => {
  const layout = PartitionLayout.build(
    seriesOf([{ instance: 'a' }, { instance: 'b' }], 1),
    mapping({ instances: 'sum' }),
    'x',
  ) as PartitionLayout;

  function addAll(builder: TickValueBuilder, values: Record<string, number>, skip?: { instance: string; counter: CounterKey }): void {
    for (const counter of COUNTER_KEYS) {
      for (const instance of ['a', 'b']) {
        if (skip && skip.instance === instance && skip.counter === counter) continue;
        assert.equal(
          builder.add(counter, DEFAULT_METRIC_NAMES[counter], { instance, partition: '0' }, values[instance], 'here'),
          undefined,
        );
      }
    }
  }

  test('sums the instances, completes a partition only when every instance gave every value, and reports a reset with its instance', () => {
    const builder = new TickValueBuilder(layout);
    addAll(builder, { a: 10, b: 5 });
    const first = builder.finish();
    assert.equal(first.partitions[0]?.completed, 15);
    assert.deepEqual(first.resets, []);
    addAll(builder, { a: 12, b: 1 }, { instance: 'a', counter: 'completed' });
    const second = builder.finish();
    assert.equal(second.partitions[0], undefined, 'instance a gave no completed: the partition is not reported');
    assert.deepEqual(new Set(second.resets.map((r) => r.instance)), new Set(['b']));
    assert.match(
      describeResets(second.resets, 2.5)[0],
      /^counter reset at t=2\.500 s: instance b restarted or reset its counters \(scheduler_tasks_in_total of partition 0 went from 5 to 1 and 5 more series\)/,
    );
  });

  test('a value that is not a number is refused, naming the series and where it was read', () => {
    const builder = new TickValueBuilder(layout);
    assert.equal(
      builder.add('completed', 'scheduler_completed_total', { instance: 'a', partition: '0' }, NaN, '(line 7 of http://h/metrics)'),
      'scheduler_completed_total{instance="a",partition="0"} is NaN (line 7 of http://h/metrics): completed needs a number',
    );
  });
});

describe('window times', () => {
  test('RFC 3339, now and times before now', () => {
    assert.deepEqual(parseTimeRef('now'), { kind: 'now' });
    assert.deepEqual(parseTimeRef('-30m'), { kind: 'ago', ms: 1_800_000, text: '-30m' });
    assert.deepEqual(parseTimeRef('now-1h30m'), { kind: 'ago', ms: 5_400_000, text: 'now-1h30m' });
    assert.deepEqual(parseTimeRef('2024-05-01T14:00:00.5+02:00'), {
      kind: 'at',
      epochMs: Date.UTC(2024, 4, 1, 12, 0, 0, 500),
      text: '2024-05-01T14:00:00.5+02:00',
    });
    assert.match((parseTimeRef('2024-05-01') as { error: string }).error, /not an RFC 3339 time: write the date, the time and the zone/);
    assert.match((parseTimeRef('-30 minutes') as { error: string }).error, /not a duration before now/);
    assert.match((parseTimeRef('yesterday') as { error: string }).error, /not a time; write an RFC 3339 time/);
    assert.equal(resolveTimeRef({ kind: 'ago', ms: 1000, text: '-1s' }, 5000), 4000);
    assert.equal(fixedSpanMs(parseTimeRef('-30m') as never, parseTimeRef('now') as never), 1_800_000);
    assert.equal(fixedSpanMs(parseTimeRef('2024-05-01T12:00:00Z') as never, parseTimeRef('now') as never), undefined);
  });
});
