// The charts of a capacity search, as Vega-Lite with their data inline: completed/s (and offered/s)
// against the searched key, and the rejects % against it, every probe a point (a circle when it
// sustained, a cross when it did not) and the boundary marked as a band from the sustained value
// to the first failure, labelled. The charts' structure is the same from the first probe to the
// last, so the renderer updates them in place as probes come in. Hovering a probe shows its figures and why it failed; clicking
// it opens the probe as a cell. The x domain is the whole range from the start, so the charts
// keep their layout while probes come in.

import type { TopLevelSpec } from 'vega-lite';
import { FOREGROUND_SIGNAL, HINT_SIGNAL, SWEEP_POINT_FIELD } from '../contracts/chartsPayload';
import type { SearchPlan } from '../spec/searchPlan';
import { formatCount } from '../analysis/reportNumbers';
import { searchBracket } from '../analysis/searchSteps';
import type { SearchProbe } from '../analysis/searchTypes';
import type { ChartSpec } from './chartSpec';
import { CHART_HEIGHT, CHART_WIDTH } from './runChartVega';

export const SEARCH_CHART_ID = 'search';
export const SEARCH_REJECTS_CHART_ID = 'searchRejects';
const PROBES = 'probes';
const LINES = 'lines';
const BOUNDARY = 'boundary';
const COMPLETED = 'completed/s';
const OFFERED = 'offered/s';
const LEGEND = { orient: 'top', direction: 'horizontal', symbolType: 'stroke' } as const;

type Plan = Pick<SearchPlan, 'key' | 'from' | 'to' | 'precisionPct' | 'domain'>;

export function buildSearchCharts(plan: Plan, probes: readonly SearchProbe[]): ChartSpec[] {
  const ran = [...probes].filter((p) => !p.error).sort((a, b) => a.value - b.value);
  const rows = ran.map(probeRow);
  const boundary = boundaryRows(plan, probes);
  const charts: ChartSpec[] = [{ id: SEARCH_CHART_ID, title: `Completed/s by ${plan.key}`, spec: completedSpec(plan, rows, boundary) }];
  const rejects = ran.some((p) => (p.metrics.rejectPct ?? 0) > 0);
  charts.push(
    rejects || ran.length === 0
      ? { id: SEARCH_REJECTS_CHART_ID, title: `Rejects % by ${plan.key}`, spec: rejectsSpec(plan, rows, boundary) }
      : { id: SEARCH_REJECTS_CHART_ID, title: `Rejects % by ${plan.key}`, note: `0 % at every probe (the rings never turned a task away)` },
  );
  return charts;
}

function probeRow(p: SearchProbe): Record<string, unknown> {
  return {
    [SWEEP_POINT_FIELD]: p.index,
    probe: p.index + 1,
    value: p.value,
    status: p.sustained ? 'sustained' : 'failed',
    completedPerS: p.metrics.completedPerS ?? null,
    offeredPerS: p.capacity ? Math.round(p.capacity.offeredPerS * 100) / 100 : null,
    rejectPct: p.metrics.rejectPct ?? null,
    reason: p.sustained ? '—' : (p.reason ?? '—'),
    round: p.round,
  };
}

/** The band between the sustained value and the first failure (so far), with its label. */
function boundaryRows(plan: Plan, probes: readonly SearchProbe[]): Record<string, unknown>[] {
  const { sustained, firstFailure } = searchBracket(plan, probes);
  if (!sustained || !firstFailure) return [];
  return [
    {
      lo: Math.min(sustained.value, firstFailure.value),
      hi: Math.max(sustained.value, firstFailure.value),
      at: sustained.value,
      label: `sustains ${formatCount(sustained.value, 3)} · fails at ${formatCount(firstFailure.value, 3)}`,
    },
  ];
}

function xScale(plan: Plan) {
  const lo = Math.min(plan.from, plan.to);
  const hi = Math.max(plan.from, plan.to);
  const pad = (hi - lo) * 0.03;
  return { domain: [Math.max(0, lo - pad), hi + pad], nice: false, zero: false };
}

function tooltip(plan: Plan) {
  return [
    { field: 'probe', type: 'quantitative', title: 'probe' },
    { field: 'value', type: 'quantitative', title: plan.key, format: ',.6~r' },
    { field: 'status', type: 'nominal', title: 'sustained?' },
    { field: 'completedPerS', type: 'quantitative', title: 'completed/s', format: ',.4~r' },
    { field: 'offeredPerS', type: 'quantitative', title: 'offered/s', format: ',.4~r' },
    { field: 'rejectPct', type: 'quantitative', title: 'rejects %', format: ',.3~r' },
    { field: 'reason', type: 'nominal', title: 'why not' },
    { field: 'round', type: 'quantitative', title: 'round' },
  ];
}

/** Always there (empty until a probe failed beyond one that sustained), so the chart's structure never changes while probes come in. */
function boundaryLayers(plan: Plan) {
  const x = { field: 'lo', type: 'quantitative', scale: xScale(plan), title: plan.key };
  return [
    { data: { name: BOUNDARY }, mark: { type: 'rect', fill: { expr: HINT_SIGNAL }, opacity: 0.18 }, encoding: { x, x2: { field: 'hi' } } },
    {
      data: { name: BOUNDARY },
      mark: { type: 'rule', stroke: { expr: HINT_SIGNAL }, strokeWidth: 1.5, strokeDash: [4, 2] },
      encoding: { x: { ...x, field: 'at' } },
    },
    {
      data: { name: BOUNDARY },
      mark: {
        type: 'text',
        baseline: 'top',
        y: 2,
        dx: { expr: `scale('x', datum.at) > width / 2 ? -4 : 4` },
        align: { expr: `scale('x', datum.at) > width / 2 ? 'right' : 'left'` },
        fontSize: 11,
        fill: { expr: HINT_SIGNAL },
      },
      encoding: { x: { ...x, field: 'at' }, text: { field: 'label' } },
    },
  ];
}

function pointLayer(plan: Plan, y: string) {
  return {
    data: { name: PROBES },
    transform: [{ filter: `isValid(datum.${y})` }],
    mark: {
      type: 'point',
      filled: true,
      size: 80,
      cursor: 'pointer',
      fill: { expr: FOREGROUND_SIGNAL },
      stroke: { expr: FOREGROUND_SIGNAL },
    },
    encoding: {
      x: { field: 'value', type: 'quantitative', scale: xScale(plan), title: plan.key },
      y: { field: y, type: 'quantitative' },
      shape: {
        field: 'status',
        type: 'nominal',
        scale: { domain: ['sustained', 'failed'], range: ['circle', 'cross'] },
        legend: { orient: 'top', direction: 'horizontal', title: null },
      },
      tooltip: tooltip(plan),
    },
  };
}

function base(rows: Record<string, unknown>[], boundary: Record<string, unknown>[], extra: Record<string, unknown[]> = {}) {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    usermeta: { openPoint: SWEEP_POINT_FIELD },
    params: [
      { name: FOREGROUND_SIGNAL, value: '#888888' },
      { name: HINT_SIGNAL, value: '#cca700' },
    ],
    datasets: { [PROBES]: rows, [BOUNDARY]: boundary, ...extra },
  };
}

function completedSpec(plan: Plan, rows: Record<string, unknown>[], boundary: Record<string, unknown>[]): TopLevelSpec {
  // completed/s and offered/s as two lines along the key (offered/s is the diagonal when the key is the rate).
  const lines = rows
    .flatMap((r) => [
      { value: r.value, figure: COMPLETED, y: r.completedPerS },
      { value: r.value, figure: OFFERED, y: r.offeredPerS },
    ])
    .filter((r) => r.y !== null);
  return {
    ...base(rows, boundary, { [LINES]: lines }),
    layer: [
      ...boundaryLayers(plan),
      {
        data: { name: LINES },
        mark: { type: 'line', clip: true },
        encoding: {
          x: { field: 'value', type: 'quantitative', scale: xScale(plan), title: plan.key },
          y: { field: 'y', type: 'quantitative', title: 'tasks/s (measure window)', scale: { zero: true } },
          color: { field: 'figure', type: 'nominal', title: null, scale: { domain: [COMPLETED, OFFERED] }, legend: LEGEND },
          strokeDash: {
            field: 'figure',
            type: 'nominal',
            scale: {
              domain: [COMPLETED, OFFERED],
              range: [
                [1, 0],
                [5, 3],
              ],
            },
            legend: null,
          },
        },
      },
      pointLayer(plan, 'completedPerS'),
    ],
    resolve: { scale: { color: 'independent', shape: 'independent' } },
  } as unknown as TopLevelSpec;
}

function rejectsSpec(plan: Plan, rows: Record<string, unknown>[], boundary: Record<string, unknown>[]): TopLevelSpec {
  return {
    ...base(rows, boundary),
    layer: [
      ...boundaryLayers(plan),
      {
        data: { name: PROBES },
        transform: [{ filter: 'isValid(datum.rejectPct)' }],
        mark: { type: 'line', clip: true, stroke: { expr: FOREGROUND_SIGNAL }, opacity: 0.6 },
        encoding: {
          x: { field: 'value', type: 'quantitative', scale: xScale(plan), title: plan.key },
          y: {
            field: 'rejectPct',
            type: 'quantitative',
            title: 'rejects % (of offered, whole run)',
            scale: { zero: true, domain: { unionWith: [0, 1] } },
          },
        },
      },
      pointLayer(plan, 'rejectPct'),
    ],
  } as unknown as TopLevelSpec;
}
