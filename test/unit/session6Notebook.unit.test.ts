// notebooks/session6.stressnb is the product's sample session: it must stay in the canonical
// form (so saving it in the editor changes no byte) and every scenario cell must be valid.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { partitionOfKey } from '../../src/engine/hash';
import { runToEnd } from '../../src/engine/simulation';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { parseStressnb, serializeStressnb } from '../../src/format/stressnbFile';

const text = readFileSync(new URL('../../notebooks/session6.stressnb', import.meta.url), 'utf8');

describe('notebooks/session6.stressnb', () => {
  const parsed = parseStressnb(text);

  test('is a valid .stressnb in canonical form', () => {
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.error.message);
    assert.equal(serializeStressnb(parsed.notebook), text);
  });

  test('has a valid cell for each scenario, a steady control, a what-if sweep and a capacity search', () => {
    assert.ok(parsed.ok);
    const scenarios = parsed.notebook.cells
      .filter((c) => c.kind === 'scenario')
      .map((c) => {
        const { spec, problems, sweep, search } = parseScenarioSpec(c.source);
        assert.deepEqual(problems, [], c.source);
        if (search)
          return `search of ${spec!.scenario}: ${search.key} from ${search.from} to ${search.to} until ${search.until} (${search.precisionPct} %)`;
        return sweep ? `sweep of ${spec!.scenario}: ${sweep.axes.map((a) => a.key).join(' × ')} (${sweep.size} points)` : spec!.scenario;
      });
    assert.deepEqual(scenarios, [
      'hot-family',
      'uncorrelated-burst',
      'small-ring-burst',
      'steady',
      'sweep of small-ring-burst: ringBufferSize × partitions (18 points)',
      'search of steady: load.ratePerS from 50 to 400 until saturated (5 %)',
    ]);
  });

  test('the "How much can it take" step follows the what-if sweep; its search is the control with a sync handler', () => {
    assert.ok(parsed.ok);
    const sources = parsed.notebook.cells.map((c) => c.source);
    const sweep = sources.findIndex((s) => /^sweep:$/m.test(s));
    const step = sources.findIndex((s) => s.startsWith('## How much can it take'));
    assert.ok(sweep >= 0 && step === sweep + 1, `sweep at ${sweep}, How much can it take at ${step}`);
    assert.ok(sources[step + 2].startsWith('## Step 8 '), 'then triage');
    const { spec, search } = parseScenarioSpec(sources[step + 1]);
    assert.ok(spec && search);
    assert.deepEqual([spec.handler, spec.partitions, spec.workersPerPartition, spec.workCostMs], ['sync', 4, 1, { dist: 'fixed', ms: 15 }]);
    // The notes name the ceiling the answer lies below: 4 × 1000 / 15.
    assert.match(sources[step], /4 × 1000 \/ 15 ≈ 267 tasks\/s/);
    assert.match(sources[step], /capacity: ">= baseline - 5%"/);
  });

  test('the what-if step comes after the baseline step', () => {
    assert.ok(parsed.ok);
    const sources = parsed.notebook.cells.map((c) => c.source);
    const baseline = sources.findIndex((s) => s.startsWith('## Step 7 '));
    const whatIf = sources.findIndex((s) => s.startsWith('## What if'));
    assert.ok(baseline >= 0 && whatIf === baseline + 1, `Step 7 at ${baseline}, What if at ${whatIf}`);
    assert.match(sources[whatIf + 1], /^sweep:$/m);
  });

  test('has notes for every step of the session', () => {
    assert.ok(parsed.ok);
    const notes = parsed.notebook.cells
      .filter((c) => c.kind === 'markdown')
      .map((c) => c.source)
      .join('\n');
    for (const step of [0, 1, 2, 3, 4, 5, 6, 7, 8]) assert.match(notes, new RegExp(`## Step ${step} `));
    assert.match(notes, /completeSink#onComplete/);
  });

  test('the fault examples of the triage notes are valid specs', () => {
    assert.deepEqual(parseScenarioSpec('scenario: steady\nfault: { name: stuck-handler, atS: 8, partition: 1 }\n').problems, []);
    assert.deepEqual(parseScenarioSpec('scenario: steady\nfault: no-release\n').problems, []);
    assert.deepEqual(parseScenarioSpec('scenario: hot-family\nfault: early-release\n').problems, []);
    assert.deepEqual(parseScenarioSpec('scenario: hot-family\nfault: lost-wakeup\n').problems, []);
  });

  test('the triage table has a row for stranded work (lost-wakeup), and its rehearsal names that hint', () => {
    assert.ok(parsed.ok);
    const step8 = parsed.notebook.cells.find((c) => c.source.startsWith('## Step 8 '))!.source;
    const row = step8.split('\n').find((line) => line.includes('`lost-wakeup`') && line.startsWith('|'));
    assert.ok(row, 'a table row names lost-wakeup');
    assert.match(row, /`readyFamiliesCount` and `inFlightFamiliesCount` both 0 and `dispatched` flat/);
    assert.match(step8, /`fault: lost-wakeup` in a copy of the hot-family cell[\s\S]*the hint is\n`lost-wakeup` \(not `dispatch-blocked`/);
  });

  test('a copy of the hot-family cell with fault: lost-wakeup gives the lost-wakeup hint on the hot partition, and nothing else', () => {
    assert.ok(parsed.ok);
    const cell = parsed.notebook.cells.find((c) => c.kind === 'scenario' && /^scenario: hot-family$/m.test(c.source))!;
    const { spec, problems } = parseScenarioSpec(`${cell.source}fault: lost-wakeup\n`);
    assert.deepEqual(problems, []);
    const { hints } = analyzeRun(runToEnd(spec!));
    assert.deepEqual(
      hints.map((h) => [h.rule, h.partitions]),
      [['lost-wakeup', [partitionOfKey('hot-0', spec!.partitions)]]],
    );
  });
});
