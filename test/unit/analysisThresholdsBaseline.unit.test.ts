import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { compareWithBaseline } from '../../src/analysis/baselineComparison';
import { parseCounterLines } from '../../src/format/counterLineParser';
import type { RunSummary } from '../../src/analysis/reportTypes';
import { THRESHOLD_METRICS, THRESHOLD_METRIC_DOCS } from '../../src/spec/thresholdMetrics';
import { evaluateThresholds } from '../../src/analysis/thresholds';
import { runToEnd } from '../../src/engine/simulation';
import { specFor } from './helpers/specFor';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');
const smallRing = parseCounterLines(readFileSync(join(SAMPLES, 'disruptor-small-ring-burst.log'), 'utf8')).events;

describe('thresholds', () => {
  test('every threshold metric has a value and a description', () => {
    const { summary } = analyzeRun(smallRing);
    for (const metric of THRESHOLD_METRICS) {
      assert.equal(typeof summary.metrics[metric], 'number', metric);
      assert.ok(Number.isFinite(summary.metrics[metric]), metric);
      assert.ok(THRESHOLD_METRIC_DOCS[metric].length > 10, metric);
    }
    assert.ok(Math.abs(summary.metrics.rejectPct - 87.17) < 1e-9);
    assert.equal(summary.metrics.offered, 10000);
  });

  test('pass and fail carry the actual value; the verdict follows a failed threshold', () => {
    const passing = analyzeRun(smallRing, { expect: { rejectPct: '> 50', offered: '== 10000' } });
    assert.deepEqual(
      passing.thresholds.map((t) => [t.metric, t.status, t.actual]),
      [
        ['rejectPct', 'pass', 87.17],
        ['offered', 'pass', 10000],
      ],
    );
    assert.equal(passing.verdict, 'pass');
    const failing = analyzeRun(smallRing, { expect: { rejectPct: '< 1' } });
    assert.equal(failing.thresholds[0].status, 'fail');
    assert.equal(failing.thresholds[0].actual, 87.17);
    assert.match(failing.thresholds[0].message, /rejectPct = 87.17, expected < 1/);
    assert.equal(failing.verdict, 'fail');
  });

  test('an unknown metric is an error with a suggestion, never a pass', () => {
    const [r] = evaluateThresholds({ rejectsPct: '< 1' }, { rejectPct: 0 });
    assert.equal(r.status, 'error');
    assert.equal(r.actual, undefined);
    assert.match(r.message, /unknown metric "rejectsPct"; did you mean "rejectPct"\?/);
    assert.equal(analyzeRun(smallRing, { expect: { nonsense: '>= 0' } }).verdict, 'fail');
  });

  test('an unreadable comparison or a metric without a value is an error', () => {
    const results = evaluateThresholds({ rejectPct: '1%', completedPerS: '>= 1' }, { rejectPct: 0, completedPerS: NaN });
    assert.deepEqual(
      results.map((r) => r.status),
      ['error', 'error'],
    );
    assert.match(results[0].message, /not a comparison/);
    assert.match(results[1].message, /no value/);
  });

  test('no expectations, no threshold results', () => {
    assert.deepEqual(evaluateThresholds(undefined, {}), []);
    assert.deepEqual(analyzeRun(smallRing).thresholds, []);
  });
});

describe('baselines', () => {
  const base = analyzeRun(runToEnd(specFor('steady', { seed: 1, measureS: 10 }))).summary;

  test('a summary is plain JSON: it survives a round trip through notebook metadata', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(base)), base);
  });

  test('the same spec and seed compare with zero differences', () => {
    const again = analyzeRun(runToEnd(specFor('steady', { seed: 1, measureS: 10 })), { baseline: base });
    assert.deepEqual(again.baseline?.configDifferences, []);
    assert.deepEqual(again.baseline?.problems, []);
    assert.equal(again.baseline?.metrics.length, THRESHOLD_METRICS.length);
    for (const d of again.baseline!.metrics) assert.equal(d.delta, 0, d.metric);
  });

  test('a different run shows each metric beside the baseline with its difference', () => {
    const faulty = analyzeRun(runToEnd(specFor('steady', { seed: 1, measureS: 10, fault: { name: 'dispatch-stall' } })), {
      baseline: base,
      baselineLabel: 'baseline (seed 1)',
    });
    const cmp = faulty.baseline!;
    assert.equal(cmp.label, 'baseline (seed 1)');
    const completed = cmp.metrics.find((d) => d.metric === 'completed')!;
    assert.equal(completed.baseline, base.metrics.completed);
    assert.equal(completed.current, faulty.summary.metrics.completed);
    assert.equal(completed.delta, completed.current - completed.baseline);
    assert.ok(completed.delta < 0);
    assert.ok(Math.abs(completed.deltaPct! - (100 * completed.delta) / completed.baseline) < 1e-9);
    assert.deepEqual(cmp.configDifferences.map((d) => d.key).sort(), ['fault', 'faultAtS', 'faultPartition']);
  });

  test('a stored baseline with missing parts is reported, not silently skipped', () => {
    const broken = { config: {}, metrics: { completed: 5 } } as unknown as RunSummary;
    const cmp = compareWithBaseline(base, broken);
    assert.deepEqual(
      cmp.metrics.map((d) => d.metric),
      ['completed'],
    );
    assert.ok(cmp.problems.some((p) => /no value for rejectPct/.test(p)));
    const garbage = compareWithBaseline(base, 'not a summary' as unknown as RunSummary);
    assert.deepEqual(garbage.metrics, []);
    assert.match(garbage.problems[0], /no metrics/);
  });
});
