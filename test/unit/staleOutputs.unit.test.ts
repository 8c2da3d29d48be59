// One answer to "are these outputs from an earlier version of the cell?" for the editor (status
// bar, headline) and the session report: by the fingerprint of the text a run ran, by the text a
// sweep ran, and for outputs saved before those, by the run's config line.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SEARCH_EDITED, staleReason, SWEEP_EDITED } from '../../src/export/staleOutputs';
import { runOutputMetadata, specHash } from '../../src/contracts/runOutputs';
import { sweepOutputMetadata } from '../../src/contracts/sweepOutput';
import { searchOutputMetadata } from '../../src/contracts/searchOutput';
import { baselineOutcome } from '../../src/report/reportFacts';
import type { RunReport } from '../../src/analysis/reportTypes';

const RAN = 'scenario: hot-family\nfault: no-release\nmeasureS: 10\n';
const EDITED = RAN.replace('measureS: 10', 'measureS: 11');
const TRANSCRIPT = 'config partitions=4 scenario=hot-family seed=1 measureS=10 fault=no-release\n▶ running';
const run = (text: string) =>
  ['headline', 'charts', 'report', 'transcript'].map((kind) => runOutputMetadata(kind as 'headline', specHash(text)));

describe('stale outputs', () => {
  test("a run's outputs are fresh for the text they ran, stale once it changes, fresh again when it is back", () => {
    const outputs = { metadata: run(RAN), transcript: () => TRANSCRIPT };
    assert.equal(staleReason(RAN, outputs), undefined);
    assert.match(staleReason(EDITED, outputs)!, /edited after this run \(measureS 10 → 11\)/);
    assert.match(
      staleReason(`# a note\n${RAN}`, outputs)!,
      /^the cell was edited after this run: these outputs are from an earlier version/,
    );
    assert.match(staleReason('scenario: hot-famly\n', outputs)!, /spec has errors now/);
  });

  test("a spec error's output is about the text as it is: it is never stale and never makes the run fresh", () => {
    const typo = RAN.replace('measureS: 10', 'measureS: ten');
    const afterTypo = [runOutputMetadata('spec-error', specHash(typo)), ...run(RAN)];
    // The typo fixed back to the text that ran: the kept run's outputs are fresh.
    assert.equal(staleReason(RAN, { metadata: afterTypo, transcript: () => TRANSCRIPT }), undefined);
    assert.ok(staleReason(typo, { metadata: afterTypo, transcript: () => TRANSCRIPT }));
  });

  test("a sweep's outputs carry the text it ran", () => {
    const outputs = { metadata: [sweepOutputMetadata(RAN), {}], transcript: () => undefined };
    assert.equal(staleReason(RAN, outputs), undefined);
    assert.equal(staleReason(RAN.replace(/\n/g, '\r\n'), outputs), undefined, 'line endings do not count');
    assert.equal(staleReason(EDITED, outputs), SWEEP_EDITED);
  });

  test("a capacity search's outputs carry the text it ran", () => {
    const outputs = { metadata: [searchOutputMetadata({ cellText: RAN, values: [100, 200] })], transcript: () => undefined };
    assert.equal(staleReason(RAN, outputs), undefined);
    assert.equal(staleReason(EDITED, outputs), SEARCH_EDITED);
  });

  test('outputs saved before the fingerprints: the config line says', () => {
    const outputs = { metadata: [{}, undefined], transcript: () => TRANSCRIPT };
    assert.equal(staleReason(RAN, outputs), undefined);
    assert.match(staleReason(EDITED, outputs)!, /measureS 10 → 11/);
    assert.equal(staleReason(`# a note\n${RAN}`, outputs), undefined, 'a comment is not in the config line');
  });
});

describe('the verdict line against a pinned baseline', () => {
  const report = (deltaPct: number | undefined, delta: number, configDifferences: { key: string }[] = []) =>
    ({
      baseline: {
        label: 'baseline (steady, seed 1)',
        metrics: [{ metric: 'completedPerS', current: 100 + delta, baseline: 100, delta, deltaPct }],
        configDifferences,
        problems: [],
      },
    }) as unknown as RunReport;

  test('says the change of completed/s and names the baseline', () => {
    assert.equal(baselineOutcome(report(-12.3, -12.3)), '−12 % completed/s vs baseline (steady, seed 1)');
    assert.equal(baselineOutcome(report(4.25, 4.25)), '+4.3 % completed/s vs baseline (steady, seed 1)');
    assert.equal(baselineOutcome(report(0.01, 0.01)), 'same completed/s as baseline (steady, seed 1)');
    assert.equal(
      baselineOutcome(report(-50, -50, [{ key: 'workCostMs' }])),
      '−50 % completed/s vs baseline (steady, seed 1), whose config differs in workCostMs',
    );
  });

  test('nothing without a baseline', () => {
    assert.equal(baselineOutcome({} as RunReport), undefined);
  });
});
