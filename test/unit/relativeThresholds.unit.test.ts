// Thresholds relative to the pinned baseline: ">= baseline - 10%", "<= baseline + 2",
// "<= baseline". Syntax and its positioned mistakes, evaluation both ways with and without a
// baseline, the marks in the baseline comparison, the cell's diagnostics and the CLI's exit status.

import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { formatReportMarkdown } from '../../src/report/reportMarkdown';
import { formatReportText } from '../../src/report/reportText';
import { evaluateThresholds } from '../../src/analysis/thresholds';
import { analyzeCommand } from '../../src/cli/analyzeCommand';
import { bufferIo } from '../../src/cli/cliIo';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import { runToEnd } from '../../src/engine/simulation';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { parseRelativeThreshold, relativeBound } from '../../src/spec/relativeThreshold';
import { keysAt } from '../../src/spec/keysAt';
import { parseThreshold } from '../../src/spec/thresholdExpression';
import { THRESHOLD_METRICS } from '../../src/spec/thresholdMetrics';
import { specFor } from './helpers/specFor';

describe('relative threshold syntax', () => {
  test("the baseline, with a margin in the metric's unit or in percent of the baseline", () => {
    assert.deepEqual(parseThreshold('>= baseline - 10%'), { kind: 'relative', op: '>=', offset: -10, percent: true });
    assert.deepEqual(parseThreshold('<= baseline + 2'), { kind: 'relative', op: '<=', offset: 2, percent: false });
    assert.deepEqual(parseThreshold('<= baseline'), { kind: 'relative', op: '<=', offset: 0, percent: false });
    assert.deepEqual(parseThreshold('  <baseline-0.5 '), { kind: 'relative', op: '<', offset: -0.5, percent: false });
    assert.deepEqual(parseThreshold('== baseline + 1.5 %'), { kind: 'relative', op: '==', offset: 1.5, percent: true });
    assert.deepEqual(parseThreshold('< 1'), { kind: 'absolute', op: '<', value: 1 });
    assert.equal(relativeBound(200, { op: '>=', offset: -10, percent: true }), 180);
    assert.equal(relativeBound(-200, { op: '>=', offset: 10, percent: true }), -180, "a percent of the baseline's size");
    assert.equal(relativeBound(0.5, { op: '<=', offset: 2, percent: false }), 2.5);
  });

  test('a malformed bound says what is wrong and where (offsets into the text)', () => {
    const cases: [string, RegExp, string][] = [
      ['>= baseline * 0.9', /only a margin "\+ N", "- N", "\+ N%" or "- N%" may follow "baseline"; got "\* 0\.9"/, '* 0.9'],
      ['>= baseline -', /expected a number after "-"/, '-'],
      ['>= baseline - ten', /expected a number after "-"; got "ten"/, 'ten'],
      ['>= baseline - 10%%', /unexpected "%" after the margin - 10%/, '%'],
      ['>= baselin - 10%', /"baselin" is neither a number nor "baseline"; did you mean "baseline"\?/, 'baselin'],
      ['>= median - 10%', /"median" is neither a number nor "baseline" \(compare with a number, or with "baseline"/, 'median'],
      ['>= 0.9 * baseline', /write the baseline first and the margin after it/, '0.9 * baseline'],
      ['baseline - 10%', /a comparison starts with an operator .*: write ">= baseline - 10%" or "<= baseline - 10%"/, 'baseline - 10%'],
      ['= baseline', /equality is written "==": "== baseline"/, '='],
    ];
    for (const [text, message, at] of cases) {
      const parsed = parseRelativeThreshold(text);
      assert.ok('error' in parsed, text);
      assert.match(parsed.error, message, text);
      assert.equal(text.slice(parsed.start, parsed.end), at, text);
    }
  });
});

describe('relative thresholds in a cell: positioned diagnostics', () => {
  const problemsOf = (text: string) => parseScenarioSpec(text).problems.filter((p) => p.severity === 'error');

  test('accepted quoted, and bare where YAML allows', () => {
    const { spec, problems } = parseScenarioSpec(
      'scenario: steady\nexpect:\n  completedPerS: ">= baseline - 10%"\n  drainS: <= baseline + 2\n  rejectPct: <= baseline\n',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(spec?.expect, { completedPerS: '>= baseline - 10%', drainS: '<= baseline + 2', rejectPct: '<= baseline' });
  });

  test('a malformed relative bound is reported at the offending characters', () => {
    const [p] = problemsOf('scenario: steady\nexpect:\n  completedPerS: ">= baseline * 0.9"\n');
    assert.match(p.message, /^expect\.completedPerS: only a margin/);
    // `  completedPerS: ">= baseline * 0.9"`: the * is column 31 (1-based), the text runs to column 36.
    assert.deepEqual([p.line, p.column, p.endLine, p.endColumn], [3, 31, 3, 36]);
    const [typo] = problemsOf('scenario: steady\nexpect:\n  drainS: <= baselnie + 2\n');
    assert.match(typo.message, /did you mean "baseline"/);
    assert.deepEqual([typo.line, typo.column, typo.endColumn], [3, 14, 22]);
  });

  test('an unknown metric with a relative bound is a positioned error with a suggestion', () => {
    const [p] = problemsOf('scenario: steady\nexpect:\n  completedPerSec: ">= baseline - 10%"\n');
    assert.match(p.message, /unknown metric "completedPerSec" in expect; did you mean "completedPerS"\?/);
    assert.deepEqual([p.line, p.column], [3, 3]);
  });
});

describe('relative thresholds in the editor metadata', () => {
  test('every metric offers comparisons with the baseline that parse, the right way round, and documents the word', () => {
    const keys = keysAt(['expect'])!;
    for (const metric of THRESHOLD_METRICS) {
      const info = keys[metric];
      assert.match(info.doc, /with the pinned baseline's value/, metric);
      assert.match(info.valueDocs?.baseline ?? '', /pinned baseline's value of the same metric/, metric);
      assert.ok(info.examples && info.examples.length > 0, metric);
      for (const example of info.examples)
        assert.equal((parseThreshold(example.text) as { kind?: string }).kind, 'relative', `${metric}: ${example.text}`);
    }
    assert.equal(keys.completedPerS.examples![0].text, '>= baseline - 10%');
    assert.equal(keys.drainS.examples![0].text, '<= baseline + 10%');
    assert.equal(keys.offered.examples![0].text, '== baseline');
  });
});

describe('relative thresholds evaluated against the baseline', () => {
  const healthy = analyzeRun(runToEnd(specFor('steady', { measureS: 10 }))).summary;
  const saturated = runToEnd(specFor('steady', { measureS: 10, handler: 'sync', workCostMs: { dist: 'fixed', ms: 40 } }));
  const relative = { completedPerS: '>= baseline - 10%', drainS: '<= baseline + 2', rejectPct: '<= baseline' };

  test('a run as good as its baseline passes', () => {
    const report = analyzeRun(runToEnd(specFor('steady', { measureS: 10 })), { expect: relative, baseline: healthy });
    assert.deepEqual(
      report.thresholds.map((t) => [t.metric, t.status]),
      [
        ['completedPerS', 'pass'],
        ['drainS', 'pass'],
        ['rejectPct', 'pass'],
      ],
    );
    const c = report.thresholds[0];
    assert.equal(c.baseline, healthy.metrics.completedPerS);
    assert.ok(Math.abs(c.bound! - 0.9 * healthy.metrics.completedPerS) < 1e-9);
    assert.equal(report.verdict, 'pass');
  });

  test('a regression fails, naming the metric, both values and the allowed bound', () => {
    const report = analyzeRun(saturated, { expect: relative, baseline: healthy, baselineLabel: 'baseline (steady, seed 1)' });
    assert.deepEqual(
      report.thresholds.map((t) => [t.metric, t.status]),
      [
        ['completedPerS', 'fail'],
        ['drainS', 'fail'],
        ['rejectPct', 'pass'],
      ],
    );
    assert.equal(report.thresholds[0].message, 'completedPerS = 100, expected >= baseline - 10%: baseline 200, so >= 180: FAILED');
    assert.equal(report.thresholds[1].message, 'drainS = 10, expected <= baseline + 2: baseline 0.5, so <= 2.5: FAILED');
    assert.equal(report.verdict, 'fail');

    const text = formatReportText(report);
    assert.match(text, /^FAIL steady \(seed 1\): saturated \(100\/s completed of 200\/s offered\), 1 failed check, 2 failed thresholds\n/);
    assert.match(text, /- threshold completedPerS >= baseline - 10%: actual 100 \(baseline 200, so >= 180\)/);
    assert.match(text, /\[FAIL\] completedPerS >= baseline - 10% \(actual 100; baseline 200, so >= 180\)/);
    // The comparison marks the changes that went beyond their threshold.
    assert.match(text, /completedPerS +200 -> +100 +-100 \(-50\.0 %\) +FAIL >= baseline - 10% \(>= 180\)/);
    assert.match(text, /rejectPct +0 -> +0 +0 +PASS <= baseline \(<= 0\)/);
    assert.match(text, /\n {2}tasksIn +2,600 -> +2,600 +0 \(0 %\)\n/, 'no mark without a threshold');

    const md = formatReportMarkdown(report);
    assert.match(md, /\| metric \| baseline \| this run \| difference \| threshold \|/);
    assert.match(md, /\| completedPerS \| 200 \| 100 \| -100 \(-50\.0 %\) \| ✗ >= baseline - 10% \(>= 180\) \|/);
    assert.match(md, /\| drainS \| 0\.5 \| 10 \| \+9\.5 \(\+1900\.0 %\) \| ✗ <= baseline \+ 2 \(<= 2\.5\) \|/);
    assert.match(md, /\| ✗ fail \| completedPerS \| >= baseline - 10% \| 100 \| baseline 200, so >= 180 \|/);
  });

  test('a lower-is-better metric passes and fails the other way', () => {
    const metrics = { drainS: 3 };
    assert.equal(evaluateThresholds({ drainS: '<= baseline + 10%' }, metrics, { metrics: { drainS: 2.8 } })[0].status, 'pass');
    assert.equal(evaluateThresholds({ drainS: '<= baseline + 10%' }, metrics, { metrics: { drainS: 2.5 } })[0].status, 'fail');
    assert.equal(evaluateThresholds({ drainS: '>= baseline' }, metrics, { metrics: { drainS: 2.5 } })[0].status, 'pass');
  });

  test('without a baseline: not evaluated, not a failure; an error when a baseline is required', () => {
    const report = analyzeRun(runToEnd(specFor('steady', { measureS: 10 })), { expect: { ...relative, offered: '> 0' } });
    assert.deepEqual(
      report.thresholds.map((t) => t.status),
      ['not evaluated', 'not evaluated', 'not evaluated', 'pass'],
    );
    assert.match(report.thresholds[0].message, /completedPerS >= baseline - 10%: not evaluated, there is no baseline to compare with/);
    assert.equal(report.verdict, 'pass');
    assert.match(
      formatReportText(report),
      /^PASS steady \(seed 1\): no triage hint, every check and threshold passed \(3 thresholds not evaluated: no baseline\)/,
    );
    assert.match(
      formatReportMarkdown(report),
      /\| – not evaluated \| completedPerS \| >= baseline - 10% \| 200 \| completedPerS >= baseline - 10%: not evaluated/,
    );

    const strict = analyzeRun(runToEnd(specFor('steady', { measureS: 10 })), { expect: relative, requireBaseline: true });
    assert.deepEqual(
      strict.thresholds.map((t) => t.status),
      ['error', 'error', 'error'],
    );
    assert.match(strict.thresholds[0].message, /compares with the baseline, and there is none \(pass --baseline FILE\)/);
    assert.equal(strict.verdict, 'fail');
  });

  test('a baseline without the metric is an error, never a pass', () => {
    const [r] = evaluateThresholds({ drainS: '<= baseline' }, { drainS: 1 }, { metrics: { completed: 5 } });
    assert.equal(r.status, 'error');
    assert.match(r.message, /the baseline has no value for drainS/);
    const [unknown] = evaluateThresholds({ drianS: '<= baseline' }, { drainS: 1 }, { metrics: { drainS: 1 } });
    assert.match(unknown.message, /unknown metric "drianS"; did you mean "drainS"\?/);
  });
});

describe('stressnb analyze with relative thresholds', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stressnb-relative-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, spec: ReturnType<typeof specFor>) => {
    const path = join(dir, name);
    writeFileSync(
      path,
      `${runToEnd(spec)
        .flatMap((e) => formatRunEvent(e, 'lines'))
        .join('\n')}\n`,
    );
    return path;
  };
  const healthyLog = write('healthy.log', specFor('steady', { measureS: 10 }));
  const fasterLog = write('faster.log', specFor('steady', { measureS: 10, seed: 2 }));
  const saturatedLog = write('saturated.log', specFor('steady', { measureS: 10, handler: 'sync', workCostMs: { dist: 'fixed', ms: 40 } }));

  test('exit 1 on a failed relative threshold, 0 when it holds; not evaluated without --baseline unless --strict', async () => {
    const first = bufferIo();
    assert.equal(await analyzeCommand.run([healthyLog, '--format', 'json'], first), 0, first.stderr);
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, first.stdout);
    const expect = ['--expect', 'completedPerS >= baseline - 10%'];

    const ok = bufferIo();
    assert.equal(await analyzeCommand.run([fasterLog, '--baseline', baseline, ...expect], ok), 0, ok.stdout);
    assert.match(ok.stdout, /\[PASS\] completedPerS >= baseline - 10% \(actual 200; baseline 200, so >= 180\)/);

    const failed = bufferIo();
    assert.equal(await analyzeCommand.run([saturatedLog, '--baseline', baseline, ...expect], failed), 1);
    assert.match(failed.stdout, /\[FAIL\] completedPerS >= baseline - 10% \(actual 100; baseline 200, so >= 180\)/);

    const without = bufferIo();
    assert.equal(await analyzeCommand.run([healthyLog, ...expect], without), 0);
    assert.match(without.stdout, /\[n\/a \] completedPerS >= baseline - 10%: not evaluated/);
    const strict = bufferIo();
    assert.equal(await analyzeCommand.run([healthyLog, '--strict', ...expect], strict), 1);
    assert.match(strict.stdout, /\[ERR \] completedPerS >= baseline - 10% compares with the baseline, and there is none/);
  });

  test('a malformed relative bound fails loudly, quoting the offending part', async () => {
    const io = bufferIo();
    assert.equal(await analyzeCommand.run([healthyLog, '--expect', 'completedPerS >= baseline * 0.9'], io), 1);
    assert.match(io.stdout, /\[ERR \] completedPerS: only a margin .* got "\* 0\.9"/);
  });
});
