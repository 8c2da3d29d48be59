// Reading a capacity search: the answer in words for every way a search ends, the table with the
// boundary marked, the JSON, the capacity threshold against a baseline, and the charts (compiled by
// vega-lite and drawn by vega with the CSP-safe interpreter, as the renderer does).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildSearchCharts, SEARCH_CHART_ID, SEARCH_REJECTS_CHART_ID } from '../../src/charts/searchCharts';
import { compileCharts } from '../../src/charts/compileCharts';
import { evaluateCapacityThreshold, readCapacityBaseline, type CapacityBaseline } from '../../src/analysis/searchCapacity';
import {
  formatSearchHeadlineMarkdown,
  searchHeadline,
  searchNotes,
  searchVerdict,
  type SearchFacts,
  type SearchFactsPlan,
} from '../../src/report/searchReport';
import { formatSearchTableMarkdown, formatSearchTableText, searchJson } from '../../src/report/searchTable';
import type { SearchProbe } from '../../src/analysis/searchTypes';
import { SWEEP_POINT_FIELD } from '../../src/contracts/chartsPayload';
import { headlessView } from './helpers/headlessVega';

const PLAN: SearchFactsPlan = { key: 'load.ratePerS', from: 50, to: 400, until: 'saturated', precisionPct: 5, domain: 'real' };

/** A probe of a made-up system that completes at most 240/s, with 1 % rejects above it. */
function probe(index: number, value: number, round: number): SearchProbe {
  const sustained = value <= 240;
  const completed = Math.min(value, 240);
  return {
    index,
    value,
    round,
    sustained,
    verdict: sustained ? 'pass' : 'fail',
    runs: 1,
    metrics: { completedPerS: completed, rejectPct: sustained ? 0 : 1 },
    capacity: {
      offeredPerS: value,
      completedPerS: completed,
      rejectsPerS: 0,
      saturated: !sustained,
      saturatedPartitions: sustained ? [] : [2],
    },
    ...(sustained ? {} : { reason: `saturated, ${completed}/s completed of ${value}/s offered, behind on partition 2` }),
  };
}

const PROBES = [
  probe(0, 50, 1),
  probe(1, 400, 1),
  probe(2, 100, 2),
  probe(3, 200, 2),
  probe(4, 252, 3),
  probe(5, 317, 3),
  probe(6, 233, 4),
  probe(7, 216, 4),
  probe(8, 246, 5),
  probe(9, 239, 5),
];
const facts = (over: Partial<SearchFacts> = {}): SearchFacts => ({
  plan: PLAN,
  probes: PROBES,
  state: { state: 'finished' },
  scenario: 'steady',
  ...over,
});

describe('the answer in words', () => {
  test('found: the sustained value with its throughput, the first failure and why', () => {
    assert.deepEqual(searchHeadline(facts()), {
      mark: '✓',
      text: 'Sustains load.ratePerS 239 tasks/s (239/s completed); first fails at 246 tasks/s: saturated, 240/s completed of 246/s offered, behind on partition 2',
    });
    const md = formatSearchHeadlineMarkdown(facts({ slots: 2, elapsedMs: 3210 }));
    assert.match(md, /^### ✓ Sustains load\.ratePerS 239 tasks\/s/);
    assert.match(
      md,
      /\nthe boundary lies between 239 and 246 \(2\.93 % apart; precision 5 %\) · 10 probes in 5 rounds · until saturated · steady · 2 probes at once · 3\.2 s\n/,
    );
    assert.equal(searchVerdict(facts()), 'found');
  });

  test('from fails, to sustains, interrupted, failed, running', () => {
    const low = facts({ probes: [probe(0, 300, 1), probe(1, 400, 1)], plan: { ...PLAN, from: 300 } });
    assert.deepEqual(searchHeadline(low), {
      mark: '✗',
      text: 'Even load.ratePerS 300 tasks/s (search.from) fails: saturated, 240/s completed of 300/s offered, behind on partition 2',
    });
    assert.equal(searchVerdict(low), 'from-fails');
    const high = facts({ probes: [probe(0, 50, 1), probe(1, 150, 1)], plan: { ...PLAN, to: 150 } });
    assert.deepEqual(searchHeadline(high), {
      mark: '↑',
      text: 'Still sustains load.ratePerS 150 tasks/s (search.to): the boundary lies beyond the range; move search.to further',
    });
    assert.equal(searchVerdict(high), 'above-range');
    const stopped = facts({ probes: PROBES.slice(0, 4), state: { state: 'interrupted' } });
    assert.deepEqual(searchHeadline(stopped), {
      mark: '■',
      text: 'Search INTERRUPTED after 4 probes: sustains 200 tasks/s, fails at 400 tasks/s so far (the probes done are kept)',
    });
    assert.equal(searchVerdict(stopped), 'incomplete');
    assert.equal(
      searchHeadline(facts({ probes: [], state: { state: 'failed', message: 'a search worker crashed: x' } })).text,
      'Search FAILED after 0 probes: a search worker crashed: x',
    );
    assert.equal(
      searchHeadline(facts({ probes: PROBES.slice(0, 2), state: { state: 'running' } })).text,
      'Searching load.ratePerS: 2 probes done; sustains 50 tasks/s, fails at 400 tasks/s so far',
    );
  });

  test('a failed capacity threshold turns the answer into a failure, with the numbers', () => {
    const capacity = evaluateCapacityThreshold({ ...PLAN, capacityThreshold: '>= baseline - 5%' }, 239, {
      key: 'load.ratePerS',
      value: 260,
      firstFailure: 270,
      until: 'saturated',
      precisionPct: 5,
    })!;
    assert.equal(capacity.status, 'fail');
    const f = facts({ capacity });
    assert.equal(searchHeadline(f).mark, '✗');
    assert.equal(searchVerdict(f), 'capacity-failed');
    assert.deepEqual(searchNotes(f), [
      'Capacity threshold: capacity = 239 (load.ratePerS), expected >= baseline - 5%: baseline 260, so >= 247: FAILED',
    ]);
  });

  test('a probe that sustained beyond the first failure is named; the answer stays below it', () => {
    const noisy = [...PROBES, { ...probe(10, 300, 6), sustained: true, verdict: 'pass' as const }];
    assert.match(
      searchNotes(facts({ probes: noisy })).join('\n'),
      /^Not monotonic: load\.ratePerS 300 sustained beyond the first failure 246; the answer keeps to the safe side/,
    );
    assert.match(searchHeadline(facts({ probes: noisy })).text, /^Sustains load\.ratePerS 239 tasks\/s/);
  });
});

describe('the capacity threshold', () => {
  const plan = (capacityThreshold: string) => ({ key: 'load.ratePerS', until: 'saturated' as const, capacityThreshold });
  const base: CapacityBaseline = { key: 'load.ratePerS', value: 250, firstFailure: 260, until: 'saturated', precisionPct: 5 };

  test('absolute, relative, no baseline, another key, nothing found', () => {
    assert.equal(evaluateCapacityThreshold(plan('>= 200'), 239, undefined)!.status, 'pass');
    assert.equal(evaluateCapacityThreshold(plan('>= 240'), 239, undefined)!.status, 'fail');
    assert.deepEqual(evaluateCapacityThreshold(plan('>= baseline - 5%'), 239, base), {
      metric: 'capacity',
      expected: '>= baseline - 5%',
      status: 'pass',
      actual: 239,
      baseline: 250,
      bound: 237.5,
      message: 'capacity = 239 (load.ratePerS), expected >= baseline - 5%: baseline 250, so >= 237.5',
    });
    assert.equal(evaluateCapacityThreshold(plan('>= baseline - 5%'), 239, undefined)!.status, 'not evaluated');
    const other = evaluateCapacityThreshold(plan('>= baseline'), 239, { ...base, key: 'workersPerPartition' })!;
    assert.equal(other.status, 'error');
    assert.match(
      other.message,
      /the baseline's capacity is of workersPerPartition until saturated, this search's of load\.ratePerS until saturated/,
    );
    assert.equal(evaluateCapacityThreshold(plan('>= 1'), undefined, base)!.status, 'fail');
    assert.equal(evaluateCapacityThreshold({ key: 'x', until: 'fail' }, 3, base), undefined);
  });

  test('a baseline is read from the pinned form or from stressnb search JSON, and nothing else', () => {
    assert.deepEqual(readCapacityBaseline(base), base);
    assert.deepEqual(readCapacityBaseline(searchJson(facts())), {
      key: 'load.ratePerS',
      value: 239,
      firstFailure: 246,
      until: 'saturated',
      precisionPct: 5,
    });
    assert.equal(readCapacityBaseline({ ...base, value: '250' }), undefined);
    assert.equal(readCapacityBaseline({ ...base, until: 'broke' }), undefined);
    assert.equal(readCapacityBaseline({ config: {}, totals: {}, metrics: {} }), undefined);
  });
});

describe('the table and the JSON', () => {
  test('probes along the range, the sustained value and the first failure marked', () => {
    const md = formatSearchTableMarkdown(PLAN, PROBES).split('\n');
    assert.equal(md[0], '| # | load.ratePerS | sustained | completed/s | offered/s | rejects | why not |');
    assert.equal(md.length, 2 + PROBES.length);
    assert.equal(md[7], '| 10 | **239** (sustained value) | ✓ yes | 239 | 239 | 0 % | — |');
    assert.equal(
      md[8],
      '| 9 | **246** (first failure) | ✗ no | 240 | 246 | 1.00 % | saturated, 240/s completed of 246/s offered, behind on partition 2 |',
    );
    const text = formatSearchTableText(PLAN, PROBES).split('\n');
    assert.match(text[1], /^ 1 {2}50 +yes +50 +50 +0 % {2}—$/);
    assert.match(text.find((l) => l.includes('first failure'))!, /246 <- first failure +NO /);
  });

  test('a downward range: low and high in numeric order, the value the one that sustained', () => {
    const plan: SearchFactsPlan = { key: 'workersPerPartition', from: 8, to: 1, until: 'saturated', precisionPct: 5, domain: 'integer' };
    const p = (index: number, value: number, sustained: boolean): SearchProbe => ({
      index,
      value,
      round: 1,
      sustained,
      verdict: 'pass',
      metrics: {},
      runs: 1,
      ...(sustained ? {} : { reason: 'saturated' }),
    });
    const json = searchJson({
      plan,
      probes: [p(0, 8, true), p(1, 1, false), p(2, 3, true), p(3, 2, false)],
      state: { state: 'finished' },
    }) as Record<string, unknown>;
    assert.deepEqual(json.sustained, { value: 3, low: 2, high: 3 });
    assert.deepEqual(json.firstFailure, { value: 2, reason: 'saturated' });
    assert.deepEqual(
      (json.probes as { value: number }[]).map((x) => x.value),
      [8, 3, 2, 1],
    );
  });
});

describe('the search charts', () => {
  test('completed/s and offered/s along the key, every probe a point, the boundary a labelled band', async () => {
    const warnings: string[] = [];
    const payload = await compileCharts(buildSearchCharts(PLAN, PROBES), { onWarning: (w) => warnings.push(w) });
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      payload.charts.map((c) => [c.id, c.title]),
      [
        [SEARCH_CHART_ID, 'Completed/s by load.ratePerS'],
        [SEARCH_REJECTS_CHART_ID, 'Rejects % by load.ratePerS'],
      ],
    );
    const chart = payload.charts[0].vega!;
    assert.deepEqual(chart.usermeta, { openPoint: SWEEP_POINT_FIELD });
    const probes = chart.data!.find((d) => d.name === 'probes') as { values: Record<string, unknown>[] };
    assert.equal(probes.values.length, PROBES.length);
    assert.deepEqual(
      probes.values.find((v) => v.value === 246),
      {
        [SWEEP_POINT_FIELD]: 8,
        probe: 9,
        value: 246,
        status: 'failed',
        completedPerS: 240,
        offeredPerS: 246,
        rejectPct: 1,
        reason: 'saturated, 240/s completed of 246/s offered, behind on partition 2',
        round: 5,
      },
    );
    const svg = await (await headlessView(structuredClone(chart))).toSVG();
    assert.equal(svg.match(/<path[^>]*role-mark[^>]*>|class="mark-symbol/g) !== null, true);
    assert.ok(svg.includes('sustains 239 · fails at 246'), 'the boundary is labelled');
    assert.equal(
      (svg.match(/<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/)?.[1].match(/<path/g) ?? []).length,
      PROBES.length,
      'a point per probe',
    );
    assert.match(svg, /mark-rect/, 'the band');
    assert.ok(svg.includes('>completed/s<') && svg.includes('>offered/s<'));
    const rejects = await (await headlessView(structuredClone(payload.charts[1].vega!))).toSVG();
    assert.ok(rejects.includes('sustains 239 · fails at 246'));
  });

  test('no rejects anywhere: a note instead of a flat chart; no boundary before a failure', async () => {
    const clean = PROBES.map((p) => ({ ...p, metrics: { ...p.metrics, rejectPct: 0 } }));
    const charts = buildSearchCharts(PLAN, clean);
    assert.deepEqual(charts[1], {
      id: SEARCH_REJECTS_CHART_ID,
      title: 'Rejects % by load.ratePerS',
      note: '0 % at every probe (the rings never turned a task away)',
    });
    const early = (await compileCharts(buildSearchCharts(PLAN, [probe(0, 50, 1)]))).charts[0].vega!;
    assert.deepEqual((early.data!.find((d) => d.name === 'boundary') as { values: unknown[] }).values, []);
    const svg = await (await headlessView(structuredClone(early))).toSVG();
    assert.doesNotMatch(svg, /sustains/);
    // The same structure from the first probe to the last: the renderer updates it in place.
    const late = (await compileCharts(buildSearchCharts(PLAN, PROBES))).charts[0].vega!;
    const structure = (c: typeof early) => JSON.stringify({ ...c, data: c.data!.map((d) => ({ ...d, values: null })) });
    assert.equal(structure(early), structure(late));
  });
});
