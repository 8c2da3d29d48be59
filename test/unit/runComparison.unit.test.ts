// Comparisons of runs (src/analysis/runComparison.ts) and their text: when a change is a
// regression, an improvement or within the noise, and what is said when the runs are too few
// for the test.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { comparisonHeadline, formatComparisonMarkdown, formatComparisonText } from '../../src/report/comparisonText';
import { compareMetric, compareRuns, configDifferenceNotes, runsNeeded } from '../../src/analysis/runComparison';
import { THRESHOLD_METRICS } from '../../src/spec/thresholdMetrics';

const runs = (metric: string, values: number[]) => values.map((v) => ({ [metric]: v }));

describe('a metric compared', () => {
  test('completedPerS down, separated samples, beyond the tolerance: a regression with its p', () => {
    const m = compareMetric('completedPerS', [236, 235, 238, 237, 236.5], [197, 196, 198, 197.5, 196.5], 0.05, 5);
    assert.equal(m.verdict, 'regression');
    assert.equal(m.better, 'higher');
    assert.ok(Math.abs(m.pValue! - 2 / 252) < 1e-12);
    assert.ok(Math.abs(m.changePct! - (100 * (197 - 236.5)) / 236.5) < 1e-9);
    assert.deepEqual(m.base, { n: 5, median: 236.5, min: 235, max: 238 });
    assert.match(m.reason, /fell -16\.7 % \(p = 0\.008\), beyond the tolerance of 5 %/);
  });

  test('the same shift upward is an improvement for completedPerS and a regression for drainS', () => {
    assert.equal(compareMetric('completedPerS', [100, 101, 102, 103, 104], [120, 121, 122, 123, 124], 0.05, 5).verdict, 'improvement');
    assert.equal(compareMetric('drainS', [100, 101, 102, 103, 104], [120, 121, 122, 123, 124], 0.05, 5).verdict, 'regression');
    assert.equal(compareMetric('peakPendingDepth', [120, 121, 122, 123, 124], [100, 101, 102, 103, 104], 0.05, 5).verdict, 'improvement');
  });

  test('a change the test cannot tell from noise is within noise, however large its median change', () => {
    const m = compareMetric('completedPerS', [100, 300, 150, 250, 200], [120, 90, 260, 180, 140], 0.05, 5);
    assert.equal(m.verdict, 'within-noise');
    assert.ok(m.pValue! >= 0.05);
    assert.ok(Math.abs(m.changePct!) > 5);
    assert.match(m.reason, /not more than the run-to-run noise/);
  });

  test('a significant change within the tolerance is within noise; past it, a regression', () => {
    const base = [1000, 1001, 1002, 1003, 1004];
    const cand = base.map((v) => v * 0.97); // -3 %, fully separated
    assert.equal(compareMetric('completedPerS', base, cand, 0.05, 5).verdict, 'within-noise');
    assert.match(compareMetric('completedPerS', base, cand, 0.05, 5).reason, /within the tolerance of 5 %/);
    assert.equal(compareMetric('completedPerS', base, cand, 0.05, 2).verdict, 'regression');
  });

  test('a metric that is neither better up nor down is "changed", never a regression', () => {
    const m = compareMetric('offered', [100, 101, 102, 103, 104], [200, 201, 202, 203, 204], 0.05, 5);
    assert.equal(m.verdict, 'changed');
    assert.equal(compareRuns(runs('offered', [100, 101, 102, 103, 104]), runs('offered', [200, 201, 202, 203, 204])).verdict, 'ok');
  });

  test('a base median of 0: no percentage, and a significant rise from 0 is a regression', () => {
    const m = compareMetric('rejectPct', [0, 0, 0, 0, 0], [0.5, 0.7, 0.4, 0.9, 0.6], 0.05, 5);
    assert.equal(m.changePct, null);
    assert.equal(m.verdict, 'regression');
    assert.equal(compareMetric('rejectPct', [0, 0, 0], [0, 0, 0], 0.05, 5).changePct, 0);
  });
});

describe('runs compared', () => {
  test("every metric both sides have, in the summary's order; the verdict is regression when any metric regressed", () => {
    const base = [0, 1, 2, 3, 4].map((i) => ({ completedPerS: 236 + i, rejectPct: 0, drainS: 2 + i / 10 }));
    const cand = [0, 1, 2, 3, 4].map((i) => ({ completedPerS: 197 + i, rejectPct: 0, drainS: 2 + i / 10 }));
    const c = compareRuns(base, cand);
    assert.deepEqual(
      c.metrics.map((m) => m.name),
      THRESHOLD_METRICS.filter((m) => ['completedPerS', 'rejectPct', 'drainS'].includes(m)),
    );
    assert.equal(c.verdict, 'regression');
    assert.equal(c.noiseEstimate, true);
    assert.deepEqual(c.notes, []);
    assert.equal(compareRuns(base, base).verdict, 'ok');
  });

  test('one run a side: no noise estimate, the tolerance alone decides, and the notes say so', () => {
    const c = compareRuns([{ completedPerS: 236 }], [{ completedPerS: 200 }]);
    assert.equal(c.noiseEstimate, false);
    assert.equal(c.metrics[0].pValue, null);
    assert.equal(c.metrics[0].verdict, 'regression');
    assert.match(
      c.notes[0],
      /^no noise estimate: 1 base and 1 candidate run are too few .* smallest p-value they allow is 1\.000.* tolerance of 5 % alone; repeat each side at least 4 times/,
    );
    assert.equal(compareRuns([{ completedPerS: 236 }], [{ completedPerS: 230 }]).verdict, 'ok', '-2.5 % is within the tolerance');
    assert.match(comparisonHeadline(c), /^REGRESSION: completedPerS -15\.3 % \(no noise estimate: the tolerance alone decided\)$/);
  });

  test('three runs a side cannot reach alpha 0.05 (smallest p 0.1); four can', () => {
    assert.equal(runsNeeded(0.05), 4);
    assert.equal(runsNeeded(0.1), 3);
    assert.equal(compareRuns(runs('completedPerS', [1, 2, 3]), runs('completedPerS', [7, 8, 9])).noiseEstimate, false);
    const four = compareRuns(runs('completedPerS', [1, 2, 3, 4]), runs('completedPerS', [7, 8, 9, 10]));
    assert.equal(four.noiseEstimate, true);
    assert.equal(four.metrics[0].verdict, 'improvement');
  });

  test('a metric only one side has is named, not compared', () => {
    const c = compareRuns([{ completedPerS: 1, drainS: 2 }], [{ completedPerS: 1 }]);
    assert.deepEqual(
      c.metrics.map((m) => m.name),
      ['completedPerS'],
    );
    assert.ok(c.notes.includes('drainS: only the base has values; not compared'));
  });

  test('config differences: seeds aside, each key that differs between the sides or within one', () => {
    const base = [
      { workCostMs: 'lognormal(15,0.5)', seed: 1, partitions: 4 },
      { workCostMs: 'lognormal(15,0.5)', seed: 2, partitions: 4 },
    ];
    const cand = [
      { workCostMs: 'lognormal(18,0.5)', seed: 1, partitions: 4 },
      { workCostMs: 'lognormal(18,0.5)', seed: 2, partitions: 8 },
    ];
    assert.deepEqual(configDifferenceNotes(base, cand), [
      'the configs differ: workCostMs lognormal(15,0.5) -> lognormal(18,0.5)',
      'the runs of one side differ in partitions (base: 4; candidate: 4, 8)',
    ]);
    assert.deepEqual(configDifferenceNotes(base, base), []);
  });
});

describe('a comparison in words', () => {
  const base = [0, 1, 2, 3, 4].map((i) => ({ completedPerS: 236 + i, rejectPct: 0 }));
  const cand = [0, 1, 2, 3, 4].map((i) => ({ completedPerS: 197 + i, rejectPct: 0 }));
  const labels = { base: 'base.log', candidate: 'cand.log' };

  test('text: the verdict first, a row per metric with medians, spread, change, p and verdict; ~ within noise', () => {
    const text = formatComparisonText(compareRuns(base, cand), labels);
    const lines = text.split('\n');
    assert.equal(lines[0], 'REGRESSION: completedPerS -16.4 % (p = 0.008)');
    assert.match(text, /Base: base\.log \(5 runs\); candidate: cand\.log \(5 runs\)\. Mann-Whitney U test, alpha 0\.05; tolerance 5 %\./);
    assert.match(text, /\ncompletedPerS +238 \[236–240\] +199 \[197–201\] +-16\.4 % +0\.008 +REGRESSION\n/);
    assert.match(text, /\nrejectPct +0 +0 +±0\.0 % +1\.000 +~\n/);
    assert.match(text, /~ within noise: p >= 0\.05, or a change of at most 5 %\./);
  });

  test('markdown: a heading with the verdict, a table, the notes as a list', () => {
    const md = formatComparisonMarkdown(compareRuns([{ completedPerS: 236 }], [{ completedPerS: 236 }]), labels);
    assert.match(md, /^### ✓ OK: no regression beyond the noise and the tolerance of 5 % \(no noise estimate/);
    assert.match(
      md,
      /\| metric \| base median \[min–max\] \| candidate median \[min–max\] \| change \| p \| verdict \|\n\|---\|---:\|---:\|---:\|---:\|---\|\n\| completedPerS \| 236 \| 236 \| ±0\.0 % \| — \| ~ \|/,
    );
    assert.match(md, /\n- no noise estimate: 1 base and 1 candidate run are too few/);
  });
});
