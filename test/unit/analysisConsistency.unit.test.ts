// One truth per fact, plain wording: a check never passes while its own evidence, the summary or
// a hint shows the opposite; a red flag that a root cause explains fails and points at that hint;
// titles state the property that must hold; numbers never contradict the verb; no empty headers.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { formatReportMarkdown } from '../../src/report/reportMarkdown';
import type { RunReport, ScenarioCheck } from '../../src/analysis/reportTypes';
import { runFactsOf } from '../../src/analysis/runFacts';
import { buildTickSeries } from '../../src/series/tickSeries';
import { parseCounterLines } from '../../src/format/counterLineParser';
import { runToEnd } from '../../src/engine/simulation';
import { FAULT_NAMES } from '../../src/spec/scenarioSpec';
import type { ScenarioName } from '../../src/spec/scenarioSpec';
import { specFor } from './helpers/specFor';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');
const CHECKED: ScenarioName[] = ['hot-family', 'uncorrelated-burst', 'small-ring-burst'];

function check(report: RunReport, id: string): ScenarioCheck {
  const c = report.checks.find((x) => x.id === id);
  assert.ok(c, `${id} in ${report.checks.map((x) => x.id).join(', ')}`);
  return c;
}

describe('a no-release hot-family run: the global red flag fails and points at release-missing', () => {
  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}`, () => {
      const report = analyzeRun(runToEnd(specFor('hot-family', { seed, fault: { name: 'no-release' } })));
      const global = check(report, 'hot-family/no-global-stall');
      assert.equal(global.status, 'fail', global.reason);
      assert.deepEqual(global.explainedBy, ['release-missing']);
      assert.match(
        global.reason,
        /^(no partition completed any task|the partitions completed only \d+ tasks) from [\d.]+ s to [\d.]+ s although every partition had work; root cause: release-missing on partitions 0, 1, 2 and 3/,
      );
      // The summary says the others stopped: the check that reads it fails too, with the same root cause.
      assert.equal(report.summary.health.otherFamiliesProgressed.answer, 'no');
      assert.equal(check(report, 'hot-family/others-progress').status, 'fail');
      for (const c of report.checks.filter((x) => x.status === 'fail'))
        assert.ok(c.explainedBy?.includes('release-missing'), `${c.id}: ${c.reason}`);
      assert.deepEqual(
        report.hints.map((h) => h.rule),
        ['release-missing'],
      );
    });
  }
});

describe('checks agree with the facts, the summary and the hints on every engine run', () => {
  for (const scenario of CHECKED) {
    test(`${scenario}: every fault, seeds 1 and 2`, () => {
      for (const fault of FAULT_NAMES) {
        for (const seed of [1, 2]) {
          const events = runToEnd(
            specFor(scenario, {
              warmupS: 2,
              measureS: 12,
              cooldownS: 6,
              seed,
              handler: seed === 2 ? 'sync' : 'async',
              fault: { name: fault },
            }),
          );
          const report = analyzeRun(events);
          const facts = runFactsOf(buildTickSeries(events));
          const where = `${scenario} ${fault} seed ${seed}`;
          for (const c of report.checks) {
            // A failed check overlapping a hint names it as its root cause.
            if (
              c.status === 'fail' &&
              c.from !== undefined &&
              report.hints.some(
                (h) =>
                  h.from <= (c.to ?? c.from!) && h.to >= c.from! && (!c.partitions || h.partitions.some((p) => c.partitions!.includes(p))),
              )
            ) {
              assert.ok(c.explainedBy && c.explainedBy.length > 0, `${where}: ${c.id} ${c.reason}`);
            }
            if (c.status === 'pass') {
              // Numbers never contradict the verb.
              assert.doesNotMatch(c.reason, /\b0\/s\b|completed 0 tasks|never stall/, `${where}: ${c.id}`);
            }
          }
          if (scenario !== 'hot-family') continue;
          const hot = report.summary.hotPartition?.partition;
          if (facts.globalPause.stall) assert.equal(check(report, 'hot-family/no-global-stall').status, 'fail', where);
          else assert.notEqual(check(report, 'hot-family/no-global-stall').status, 'fail', where);
          const others = report.summary.health.otherFamiliesProgressed.answer;
          assert.equal(
            check(report, 'hot-family/others-progress').status,
            others === 'yes' ? 'pass' : others === 'no' ? 'fail' : 'not applicable',
            where,
          );
          if (hot !== undefined && facts.stalls.some((s) => s.partition === hot)) {
            assert.equal(check(report, 'hot-family/hot-progress').status, 'fail', where);
            assert.equal(check(report, 'hot-family/hot-released').status, 'fail', where);
          }
          // A hint that a red flag names never leaves that red flag passing.
          if (report.hints.some((h) => h.rule === 'global-stall'))
            assert.equal(check(report, 'hot-family/no-global-stall').status, 'fail', where);
          if (report.hints.some((h) => h.rule === 'gating-stuck' || h.rule === 'dispatch-blocked'))
            assert.equal(check(report, 'hot-family/ready-dispatched').status, 'fail', where);
        }
      }
    });
  }

  test('partitions with no work of their own are not "progressing": hash-skew sends them nothing', () => {
    const report = analyzeRun(runToEnd(specFor('hot-family', { warmupS: 2, measureS: 12, cooldownS: 6, fault: { name: 'hash-skew' } })));
    const others = check(report, 'hot-family/others-progress');
    assert.equal(others.status, 'not applicable');
    assert.match(
      others.reason,
      /^partitions 1, 2 and 3 had no work of their own while partition 0 had up to [\d,]+ tasks waiting .*: there is nothing to compare$/,
    );
  });

  test('a healthy hot family says how its partitions kept completing, not "never stalling (slowest tick 0/s)"', () => {
    const report = analyzeRun(runToEnd(specFor('hot-family')));
    assert.match(
      check(report, 'hot-family/hot-progress').reason,
      /^partition 0 completed [\d,]+ tasks over the \d+ ticks it had tasks waiting; no tick went by without a completion while it had work$/,
    );
    assert.match(
      check(report, 'hot-family/others-progress').reason,
      /^partitions 1, 2 and 3 kept completing \([\d,]+ tasks\) while .*; their own work was done by [\d.]+ s$/,
    );
    assert.match(
      check(report, 'hot-family/no-global-stall').reason,
      /^at every tick at which every partition had work, some partition completed tasks$/,
    );
  });
});

describe('plain wording', () => {
  const reports = [
    ...CHECKED.map((s) => analyzeRun(runToEnd(specFor(s, { warmupS: 2, measureS: 12, cooldownS: 6 })))),
    ...['hot-family', 'small-ring-burst', 'uncorrelated-burst'].map((n) =>
      analyzeRun(parseCounterLines(readFileSync(join(SAMPLES, `disruptor-${n}.log`), 'utf8')).events, { expect: { rejectPct: '< 100' } }),
    ),
  ];

  test('check titles state the property positively; red-flag checks name their red flag', () => {
    for (const r of reports) {
      for (const c of r.checks) {
        assert.doesNotMatch(c.title, /\b(not|no|never|none|doesn't|don't)\b/i, c.id);
        if (c.kind === 'red-flag') assert.ok(c.redFlag && c.redFlag.length > 5, c.id);
      }
    }
  });

  test('the rule and check ids stay as they were', () => {
    const ids = reports.slice(0, 3).flatMap((r) => r.checks.map((c) => c.id));
    assert.deepEqual(ids, [
      'hot-family/hot-backlog',
      'hot-family/hot-progress',
      'hot-family/others-progress',
      'hot-family/no-global-stall',
      'hot-family/ready-dispatched',
      'hot-family/hot-released',
      'uncorrelated-burst/all-partitions-active',
      'uncorrelated-burst/balanced',
      'uncorrelated-burst/low-enqueued',
      'small-ring-burst/rejects-in-bursts',
      'small-ring-burst/recovers',
      'small-ring-burst/ready-returns-to-zero',
      'small-ring-burst/no-rejects-after-production',
      'small-ring-burst/ingress-responds',
    ]);
  });

  test('no Markdown table has an empty header cell', () => {
    for (const r of reports) {
      const lines = formatReportMarkdown(r).split('\n');
      lines.forEach((line, i) => {
        if (!/^\|[-:|]+\|$/.test(lines[i + 1] ?? '')) return;
        const cells = line
          .slice(1, -1)
          .split('|')
          .map((c) => c.trim());
        assert.ok(
          cells.every((c) => c.length > 0),
          `empty header cell: ${line}`,
        );
      });
    }
  });
});
