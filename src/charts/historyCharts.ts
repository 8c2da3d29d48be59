// The run history as charts: a trend per metric (a point per run in the order they ran, a repeated
// run's min-max as a band around its median, failed runs marked, the pinned baseline as a dashed
// rule), and two runs overlaid partition by partition (the base dashed, the candidate solid).

import type { TopLevelSpec } from 'vega-lite';
import { FOREGROUND_SIGNAL, HINT_SIGNAL } from '../contracts/chartsPayload';
import type { HistoryEntry } from '../format/historyEntry';
import { METRIC_BETTER, THRESHOLD_METRIC_DOCS, THRESHOLD_METRICS, type ThresholdMetric } from '../spec/thresholdMetrics';
import type { ChartSpec } from './chartSpec';
import { CHART_HEIGHT, CHART_WIDTH } from './runChartVega';

const TREND_DATASET = 'trend';
const BASELINE_DATASET = 'baseline';
const LINES_DATASET = 'lines';
const LEGEND = { orient: 'top', direction: 'horizontal', labelLimit: 240 } as const;

export interface TrendRow {
  /** The entry's number in the history file (as `stressnb history` and FILE@N number it). */
  n: number;
  time: string;
  commit: string;
  seeds: string;
  verdict: string;
  runs: number;
  value: number;
  min: number;
  max: number;
}

/** Each metric's trend over the entries, in file order; `numbers[i]` is entry i's number. */
export function buildTrendCharts(
  entries: readonly HistoryEntry[],
  numbers: readonly number[],
  options: { baseline?: { label: string; metrics: Record<string, unknown> } } = {},
): ChartSpec[] {
  const charts: ChartSpec[] = [];
  for (const metric of THRESHOLD_METRICS) {
    const rows = trendRows(entries, numbers, metric);
    if (rows.length === 0) continue;
    const id = `trend-${metric}`;
    const title = `${metric}: a point per run${entries.some((e) => e.runs > 1) ? ', a repeated run with its min–max' : ''}`;
    if (rows.every((r) => r.min === rows[0].value && r.max === rows[0].value)) {
      charts.push({ id, title: metric, note: `${metric} is ${rows[0].value} in all ${rows.length} runs.` });
      continue;
    }
    const base = options.baseline?.metrics[metric];
    charts.push({
      id,
      title,
      spec: trendSpec(title, metric, rows, typeof base === 'number' ? { label: options.baseline!.label, value: base } : undefined),
    });
  }
  return charts;
}

export function trendRows(entries: readonly HistoryEntry[], numbers: readonly number[], metric: string): TrendRow[] {
  const rows: TrendRow[] = [];
  entries.forEach((e, i) => {
    const value = e.metrics[metric];
    if (typeof value !== 'number' || !Number.isFinite(value)) return;
    const repeats = (e.repeats ?? []).map((m) => m[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    rows.push({
      n: numbers[i],
      time: e.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'),
      commit: e.git ? e.git.commit.slice(0, 10) : '—',
      seeds: e.seeds.join(', '),
      verdict: e.verdict,
      runs: e.runs,
      value,
      min: repeats.length > 0 ? Math.min(...repeats) : value,
      max: repeats.length > 0 ? Math.max(...repeats) : value,
    });
  });
  return rows;
}

function chartParams() {
  return [
    { name: FOREGROUND_SIGNAL, value: '#888888' },
    { name: HINT_SIGNAL, value: '#cca700' },
  ];
}

function trendSpec(title: string, metric: string, rows: TrendRow[], baseline: { label: string; value: number } | undefined): TopLevelSpec {
  const better = METRIC_BETTER[metric as ThresholdMetric];
  const x = {
    field: 'n',
    type: 'quantitative' as const,
    title: 'run (entry # in the history)',
    axis: { tickMinStep: 1, format: 'd' },
    scale: { nice: false, zero: false, padding: 16 },
  };
  const y = { field: 'value', type: 'quantitative' as const, title: metric, scale: { zero: false } };
  const tooltip = [
    { field: 'n', type: 'quantitative', title: '#' },
    { field: 'time', type: 'nominal', title: 'time' },
    { field: 'verdict', type: 'nominal', title: 'verdict' },
    { field: 'value', type: 'quantitative', title: metric, format: ',.2~f' },
    { field: 'min', type: 'quantitative', title: 'min of the repeats', format: ',.2~f' },
    { field: 'max', type: 'quantitative', title: 'max of the repeats', format: ',.2~f' },
    { field: 'runs', type: 'quantitative', title: 'runs' },
    { field: 'seeds', type: 'nominal', title: 'seeds' },
    { field: 'commit', type: 'nominal', title: 'commit' },
  ];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: `${THRESHOLD_METRIC_DOCS[metric as ThresholdMetric] ?? ''}${better === 'either' ? '' : ` Better ${better}.`}`,
    },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit-x', contains: 'padding' },
    params: chartParams(),
    datasets: {
      [TREND_DATASET]: rows as unknown as Record<string, unknown>[],
      [BASELINE_DATASET]: (baseline ? [{ value: baseline.value, label: baseline.label }] : []) as Record<string, unknown>[],
    },
    layer: [
      {
        data: { name: BASELINE_DATASET },
        mark: { type: 'rule', strokeDash: [6, 4], color: { expr: HINT_SIGNAL }, strokeWidth: 1.5 },
        encoding: {
          y: { field: 'value', type: 'quantitative' },
          tooltip: [
            { field: 'label', type: 'nominal', title: 'pinned' },
            { field: 'value', type: 'quantitative', title: metric, format: ',.2~f' },
          ],
        },
      },
      {
        data: { name: BASELINE_DATASET },
        mark: { type: 'text', align: 'left', dx: 3, dy: -6, fontSize: 10, color: { expr: HINT_SIGNAL } },
        encoding: { y: { field: 'value', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
      },
      {
        data: { name: TREND_DATASET },
        mark: { type: 'rule', strokeWidth: 7, opacity: 0.3, color: { expr: FOREGROUND_SIGNAL } },
        encoding: { x, y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' } },
      },
      { data: { name: TREND_DATASET }, mark: { type: 'line', color: { expr: FOREGROUND_SIGNAL }, opacity: 0.6 }, encoding: { x, y } },
      {
        data: { name: TREND_DATASET },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x,
          y,
          color: {
            field: 'verdict',
            type: 'nominal',
            title: 'verdict',
            scale: { domain: ['pass', 'fail', 'incomplete'], range: ['#2e9d4f', '#d64545', '#888888'] },
            legend: LEGEND,
          },
          shape: {
            field: 'verdict',
            type: 'nominal',
            title: 'verdict',
            scale: { domain: ['pass', 'fail', 'incomplete'], range: ['circle', 'cross', 'square'] },
            legend: LEGEND,
          },
          tooltip,
        },
      },
    ],
  } as TopLevelSpec;
}

/** Two runs' completed/s per partition over time, overlaid: the base dashed, the candidate solid. */
export function buildOverlayChart(
  base: { label: string; entry: HistoryEntry },
  candidate: { label: string; entry: HistoryEntry },
): ChartSpec {
  const id = 'history-overlay';
  const title = 'Completed/s per partition: base dashed, candidate solid';
  const lines: { t: number; value: number; partition: string; run: string }[] = [];
  for (const [side, which] of [
    [base, 'base'],
    [candidate, 'candidate'],
  ] as const) {
    const s = side.entry.series;
    if (!s) continue;
    s.completedPerS.forEach((values, p) =>
      values.forEach((value, i) => lines.push({ t: s.t[i], value, partition: `p${p}`, run: `${which}: ${side.label}` })),
    );
  }
  if (lines.length === 0) return { id, title, note: 'Neither run kept its series in the history.' };
  const runs = [`base: ${base.label}`, `candidate: ${candidate.label}`];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: `${runs[0]} · ${runs[1]}` },
    width: CHART_WIDTH,
    height: CHART_HEIGHT + 40,
    autosize: { type: 'fit-x', contains: 'padding' },
    params: chartParams(),
    datasets: { [LINES_DATASET]: lines },
    data: { name: LINES_DATASET },
    mark: { type: 'line', clip: true },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 't (s)' },
      y: { field: 'value', type: 'quantitative', title: 'completed/s' },
      color: { field: 'partition', type: 'nominal', title: 'partition', legend: LEGEND },
      strokeDash: {
        field: 'run',
        type: 'nominal',
        title: 'run',
        scale: {
          domain: runs,
          range: [
            [6, 4],
            [1, 0],
          ],
        },
        legend: { ...LEGEND, symbolType: 'stroke' },
      },
      detail: { field: 'run', type: 'nominal' },
      tooltip: [
        { field: 'run', type: 'nominal', title: 'run' },
        { field: 'partition', type: 'nominal', title: 'partition' },
        { field: 't', type: 'quantitative', title: 't (s)', format: ',.3~f' },
        { field: 'value', type: 'quantitative', title: 'completed/s', format: ',.2~f' },
      ],
    },
  } as unknown as TopLevelSpec;
  return { id, title, spec };
}
