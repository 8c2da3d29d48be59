// A repeated cell's pieces, pure: the band charts (median and min-max over the repeats), the
// headline and the report that say the aggregate first, and thresholds relative to a repeated
// baseline judged on all runs together against the noise.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { bandOf, buildRepeatCharts } from '../../src/charts/repeatCharts';
import { compileCharts } from '../../src/charts/compileCharts';
import { buildTickSeries } from '../../src/series/tickSeries';
import { repeatedHeadline, repeatedReportMarkdown, repeatedRunPassed, type RepeatedRun } from '../../src/report/repeatReport';
import { absoluteExpectations, evaluateSampleThresholds, relativeExpectations } from '../../src/analysis/sampleThresholds';
import { formatReportMarkdown } from '../../src/report/reportMarkdown';
import { runToEnd } from '../../src/engine/simulation';
import { repeatSpecText } from '../../src/spec/repeatRuns';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { specFor } from './helpers/specFor';

const runs = (metric: string, values: number[]) => values.map((v) => ({ [metric]: v }));

describe('thresholds against a repeated baseline', () => {
  const expect = { completedPerS: '>= baseline - 10%', rejectPct: '< 1' };

  test('only the relative thresholds are judged on the samples; the absolute ones run by run', () => {
    assert.deepEqual(relativeExpectations(expect), { completedPerS: '>= baseline - 10%' });
    assert.deepEqual(absoluteExpectations(expect), { rejectPct: '< 1' });
  });

  test('median past the bound and the runs significantly below the baseline moved to the bound: fail, with p', () => {
    const [r] = evaluateSampleThresholds(
      expect,
      runs('completedPerS', [150, 152, 151, 149, 153]),
      runs('completedPerS', [200, 201, 199, 202, 198]),
    );
    assert.equal(r.status, 'fail');
    assert.equal(r.baseline, 200);
    assert.equal(r.bound, 180);
    assert.equal(r.actual, 151);
    assert.match(
      r.message,
      /median 151 of 5 runs, expected >= baseline - 10%: baseline median 200 of 5, so >= 180: FAILED \(p = 0\.008 against the baseline's runs moved to the bound/,
    );
  });

  test('median past the bound but within the noise: pass, and the message says why', () => {
    // The baseline's runs moved to the bound (x 0.9) are 90 to 450: the run's 150 to 170 sit inside them.
    const [r] = evaluateSampleThresholds(
      expect,
      runs('completedPerS', [150, 160, 170, 155, 165]),
      runs('completedPerS', [100, 500, 200, 180, 300]),
    );
    assert.equal(r.bound, 180);
    assert.equal(r.status, 'pass');
    assert.match(r.message, /past the bound, but within the run-to-run noise \(p = \d\.\d{3} >= 0\.05\)/);
  });

  test('within the bound: pass without a test; too few runs for the test: the medians decide', () => {
    assert.equal(
      evaluateSampleThresholds(expect, runs('completedPerS', [190, 195, 199]), runs('completedPerS', [200, 201, 199]))[0].status,
      'pass',
    );
    const few = evaluateSampleThresholds(expect, runs('completedPerS', [150, 151, 152]), runs('completedPerS', [200, 201, 199]))[0];
    assert.equal(few.status, 'fail');
    assert.match(few.message, /no noise estimate: too few runs for the test, the medians decided/);
    const single = evaluateSampleThresholds(expect, runs('completedPerS', [150, 151, 152, 153, 149]), [{ completedPerS: 200 }])[0];
    assert.equal(single.status, 'fail', 'against a one-run baseline the test cannot tell');
  });

  test('no baseline: not evaluated; a baseline without the metric: an error', () => {
    assert.equal(evaluateSampleThresholds(expect, runs('completedPerS', [1]), undefined)[0].status, 'not evaluated');
    assert.equal(evaluateSampleThresholds(expect, runs('completedPerS', [1]), [{ drainS: 1 }])[0].status, 'error');
  });
});

describe("a repeated cell's outputs", () => {
  const spec = specFor('steady', { warmupS: 1, measureS: 4, cooldownS: 2 });
  const events = [1, 2, 3].map((seed) => runToEnd({ ...spec, seed }));
  const series = events.map((e) => buildTickSeries(e));
  const reports = events.map((e) => analyzeRun(e));
  const run: RepeatedRun = {
    scenario: 'steady',
    planned: 3,
    repeats: reports.map((report, i) => ({
      index: i + 1,
      seed: i + 1,
      end: 'finished' as const,
      report,
      markdown: formatReportMarkdown(report),
    })),
  };

  test('the band: median, min and max over the repeats at each tick', () => {
    const band = bandOf(
      [
        [
          { t: 1, completedPerS: 10, rejectsPerS: 0 },
          { t: 2, completedPerS: 5, rejectsPerS: 0 },
        ],
        [{ t: 1, completedPerS: 30, rejectsPerS: 0 }],
        [{ t: 1.0004, completedPerS: 20, rejectsPerS: 1 }],
      ],
      'completedPerS',
    );
    assert.deepEqual(band, [
      { t: 1, median: 20, min: 10, max: 30, n: 3 },
      { t: 2, median: 5, min: 5, max: 5, n: 1 },
    ]);
  });

  test('charts: completed/s with its band (compiles to Vega), rejects/s a note when there were none', async () => {
    const charts = buildRepeatCharts(series, { baseline: { label: 'baseline (steady, seed 1)', totals: [{ t: 1, completedPerS: 100 }] } });
    assert.deepEqual(
      charts.map((c) => c.id),
      ['repeats-completed', 'repeats-rejects'],
    );
    assert.match(charts[0].title, /median of 3 repeats, band from min to max/);
    assert.equal(charts[1].note, 'No rejects in any of the 3 repeats.');
    const datasets = (charts[0].spec as { datasets: Record<string, { series?: string }[]> }).datasets;
    assert.ok(datasets.band.length > 5);
    assert.ok(
      datasets.series.some((p) => p.series === 'baseline (steady, seed 1)'),
      'the baseline drawn beside',
    );
    const payload = await compileCharts(charts);
    assert.ok('vega' in payload.charts[0]);
  });

  test("the headline says the aggregate first; the report folds each repeat's own report", () => {
    assert.equal(repeatedRunPassed(run), true);
    const h = repeatedHeadline(run);
    assert.equal(h.status, 'pass');
    assert.match(h.title, /^3\/3 · completed\/s \d+ \[\d+–\d+\]$|^3\/3 · completed\/s \d+$/);
    assert.equal(h.summary, 'steady · 3 repeats · seeds 1–3');
    assert.ok(h.facts.includes('no 95 % interval of the median from 3 runs: it needs 6 (min-max is the spread)'));
    const md = repeatedReportMarkdown(run);
    assert.match(md, /^### ✓ PASS 3\/3 · completed\/s/);
    assert.match(md, /#### Aggregate of the repeats\n\n\| metric \| runs \| median \| min–max \| 95 % CI of the median \|/);
    assert.match(md, /\| 2 \| 2 \| ✓ PASS \| /);
    assert.equal((md.match(/<details>/g) ?? []).length, 3);
    assert.match(md, /<summary>Repeat 3 · seed 3 · PASS · completed\/s [\d.]+<\/summary>\n\n### ✓ PASS steady \(seed 3\)/);
  });

  test('a failed threshold against the baseline, a failed source or a stop: INCOMPLETE (never PASS, and FAIL only for a failure), named where to look', () => {
    const failing: RepeatedRun = {
      ...run,
      thresholds: [
        { metric: 'completedPerS', expected: '>= baseline - 10%', status: 'fail', actual: 1, message: 'completedPerS median 1 …: FAILED' },
      ],
    };
    assert.equal(repeatedHeadline(failing).status, 'fail');
    assert.equal(repeatedHeadline(failing).look[0].label, 'completedPerS >= baseline - 10%');
    assert.match(
      repeatedReportMarkdown(failing),
      /^### ✗ FAIL .*\n\n\*\*Where to look:\*\*\n\n- threshold completedPerS >= baseline - 10%: completedPerS median 1/,
    );
    const crashed: RepeatedRun = {
      ...run,
      repeats: [...run.repeats.slice(0, 2), { index: 3, seed: 3, end: 'failed', message: 'exited with status 3' }],
    };
    const h = repeatedHeadline(crashed);
    assert.equal(h.status, 'incomplete');
    assert.equal(h.title.slice(0, 4), '2/3 ');
    assert.deepEqual(
      h.look.map((l) => [l.label, l.where]),
      [['repeat 3 (seed 3)', 'the run failed: exited with status 3']],
    );
    const stopped = repeatedHeadline({ ...run, repeats: run.repeats.slice(0, 2) });
    assert.equal(stopped.status, 'incomplete');
    assert.match(stopped.summary, /stopped after 2 of 3$/);
  });

  test('the engine worker runs a repeat from the cell text with its seed and without repeat:', () => {
    const text = repeatSpecText('scenario: steady\nrepeat: 5\nseed: 3\n', 5);
    const parsed = parseScenarioSpec(text).spec!;
    assert.equal(parsed.seed, 5);
    assert.equal(parsed.repeat, undefined);
    assert.equal(parseScenarioSpec(repeatSpecText('scenario: steady\nrepeat: 2\n', 2)).spec!.seed, 2);
  });
});

describe('a repeated cell in an exported HTML report', () => {
  test('each repeat stays folded in a <details>, its summary escaped, its report rendered', async () => {
    const { reportToHtml } = await import('../../src/export/markdownHtml');
    const html = reportToHtml(
      '### ✓ PASS 3/3\n\n<details>\n<summary>Repeat 1 · seed 1 · PASS <img src=x></summary>\n\n### ✓ PASS steady\n\n| a |\n|---|\n| 1 |\n\n</details>\n\nafter <b>raw</b>\n',
    );
    assert.match(
      html,
      /<details class="repeat">\n<summary>Repeat 1 · seed 1 · PASS &lt;img src=x&gt;<\/summary>\n<h3><span class="mark pass">PASS<\/span> steady<\/h3>\n<div class="table-box"><table>/,
    );
    assert.match(html, /<\/details>\n<p>after &lt;b&gt;raw&lt;\/b&gt;<\/p>/);
    assert.doesNotMatch(html, /<img/);
  });
});
