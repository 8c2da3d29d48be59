// The charts of one run (DESIGN.md sections 3 and 5), as Vega-Lite specs with their data inline:
//   completed  completed/s per partition, the hot partition drawn thicker
//   rejects    rejects/s per partition (rejectsBusy)
//   backlog    enqueuedDueToBusy (solid) and maxPendingDepthObserved (dashed) per partition
//   families   readyFamiliesCount (solid) and inFlightFamiliesCount (dashed) per partition
//   baseline   total completed/s of this run against the baseline's (only with a baseline)
// Every chart shades warmup and cooldown and labels the phases. Each line is downsampled (min/max
// preserving) to the point budget, and each chart to a total across its lines, so a long run with
// many partitions stays light in the editor and in the notebook file, which saves every run's charts.
// The set of charts and their ids depend only on whether a baseline is given, so the live
// updates of one run keep the same ids and the renderer can update the data in place.
// A live run charts its one growing tick series (buildRunChartsFromSeries, with a ChartRows kept
// for the run) rather than deriving everything again from every event at each update.

import type { RunEvent } from '../../format/runEvents';
import { buildTickSeries, type TickSeries } from '../tickSeries';
import { ChartRows, deriveChartData, endOf, type LineField } from './chartData';
import { lineChart, type ChartSpec, type LinePoint } from './chartSpec';
import { checkPointBudget, DEFAULT_CHART_POINT_BUDGET, DEFAULT_POINT_BUDGET, downsampleLine, downsampleValues, lineBudgetFor } from './downsample';
import { pickHotPartition } from './hotPartition';

/** One point of a baseline's total completed/s (t in seconds since the start of that run). */
export interface BaselinePoint {
  t: number;
  completedPerS: number;
}

/**
 * The baseline to compare with: either the baseline run's events (its totals are derived the
 * same way as this run's) or its total completed/s series as saved elsewhere.
 */
export type BaselineInput =
  | { label?: string; events: readonly RunEvent[] }
  | { label?: string; totals: readonly BaselinePoint[] };

export interface RunChartsOptions {
  baseline?: BaselineInput;
  /** Most points kept per line (default 300, at least 4). */
  pointBudget?: number;
  /**
   * Most points kept per chart, its lines together (default 3000): with many partitions each
   * line gets an equal share, though never fewer than 4 points.
   */
  chartPointBudget?: number;
  /** Force the highlighted partition; by default the one that stands out (see hotPartition.ts). */
  hotPartition?: number;
}

export interface SeriesChartsOptions extends RunChartsOptions {
  /**
   * The rows of this series kept from the previous update of the same run, so only the ticks
   * added since are derived (by default they are all derived for this call).
   */
  rows?: ChartRows;
}

/** The charts of a run's events (tests, the CLI): builds the tick series, then charts it. */
export function buildRunCharts(events: readonly RunEvent[], options: RunChartsOptions = {}): ChartSpec[] {
  return buildRunChartsFromSeries(buildTickSeries(events), options);
}

/** The charts of a run's tick series; a live run passes its growing series and its ChartRows. */
export function buildRunChartsFromSeries(series: TickSeries, options: SeriesChartsOptions = {}): ChartSpec[] {
  const lineBudget = checkPointBudget(options.pointBudget ?? DEFAULT_POINT_BUDGET);
  const chartBudget = checkPointBudget(options.chartPointBudget ?? DEFAULT_CHART_POINT_BUDGET, 'chartPointBudget');
  const { linesOf, totals: runTotals } = (options.rows ?? new ChartRows()).update(series);
  const data = { partitions: series.partitions, ...endOf(series) };
  const hot = resolveHotPartition(options.hotPartition, data.partitions, () => pickHotPartition(data.last));
  const { phases } = data;
  const partitionSeries = Array.from({ length: data.partitions }, (_, p) => partitionLabel(p, hot));
  const hotSeries = hot === undefined ? [] : [partitionLabel(hot, hot)];

  /** One line per partition, in a chart that draws `linesPerPartition` lines per partition. */
  const perPartition = (field: LineField, linesPerPartition: number, dash?: string): LinePoint[] => {
    const budget = lineBudgetFor(data.partitions * linesPerPartition, lineBudget, chartBudget);
    return linesOf.flatMap((lines, p) => {
      const { t, v: values } = lines[field];
      const label = partitionSeries[p];
      return downsampleValues(values, budget).map((i) => ({
        t: t[i],
        series: label,
        value: values[i],
        ...(dash ? { dash } : {}),
      }));
    });
  };

  const charts: ChartSpec[] = [
    lineChart({
      id: 'completed',
      title: 'Completed/s per partition',
      yTitle: 'completed/s',
      colorTitle: 'partition',
      series: partitionSeries,
      strong: hotSeries,
      points: perPartition('completedPerS', 1),
      phases,
    }),
    lineChart({
      id: 'rejects',
      title: 'Rejects/s per partition (rejectsBusy)',
      yTitle: 'rejects/s',
      colorTitle: 'partition',
      series: partitionSeries,
      strong: hotSeries,
      points: perPartition('rejectsPerS', 1),
      phases,
    }),
    lineChart({
      id: 'backlog',
      title: 'Pending backlog per partition',
      yTitle: 'tasks',
      colorTitle: 'partition',
      series: partitionSeries,
      strong: hotSeries,
      points: [
        ...perPartition('enqueuedDueToBusy', 2, 'enqueuedDueToBusy'),
        ...perPartition('maxPendingDepthObserved', 2, 'maxPendingDepthObserved'),
      ],
      phases,
      dash: { title: 'counter', domain: ['enqueuedDueToBusy', 'maxPendingDepthObserved'] },
    }),
    lineChart({
      id: 'families',
      title: 'Ready and in-flight families per partition',
      yTitle: 'families',
      colorTitle: 'partition',
      series: partitionSeries,
      strong: hotSeries,
      points: [
        ...perPartition('readyFamiliesCount', 2, 'readyFamiliesCount'),
        ...perPartition('inFlightFamiliesCount', 2, 'inFlightFamiliesCount'),
      ],
      phases,
      dash: { title: 'gauge', domain: ['readyFamiliesCount', 'inFlightFamiliesCount'] },
    }),
  ];

  if (options.baseline) {
    const label = options.baseline.label ?? 'baseline';
    const budget = lineBudgetFor(2, lineBudget, chartBudget);
    const totals = (series: string, list: readonly BaselinePoint[]): LinePoint[] =>
      downsampleLine(list, budget, (r) => r.completedPerS).map((r) => ({
        t: r.t,
        series,
        value: r.completedPerS,
      }));
    charts.push(
      lineChart({
        id: 'baseline',
        title: `Completed/s (all partitions): this run vs ${label}`,
        yTitle: 'completed/s',
        colorTitle: 'run',
        series: [THIS_RUN, label],
        strong: [THIS_RUN],
        points: [...totals(THIS_RUN, runTotals), ...totals(label, baselineTotals(options.baseline))],
        phases,
      }),
    );
  }
  return charts;
}

const THIS_RUN = 'this run';

export function partitionLabel(partition: number, hot: number | undefined): string {
  return partition === hot ? `p${partition} (hot)` : `p${partition}`;
}

function resolveHotPartition(forced: number | undefined, partitions: number, pick: () => number | undefined) {
  if (forced === undefined) return pick();
  if (!Number.isInteger(forced) || forced < 0 || (partitions > 0 && forced >= partitions)) {
    throw new Error(`charts: hotPartition ${forced} is not a partition of this run (it has ${partitions} partitions: 0 to ${partitions - 1})`);
  }
  return forced;
}

function baselineTotals(baseline: BaselineInput): readonly BaselinePoint[] {
  if ('events' in baseline) return deriveChartData(baseline.events).totals;
  baseline.totals.forEach((p, i) => {
    if (!Number.isFinite(p?.t) || !Number.isFinite(p?.completedPerS)) {
      throw new Error(`charts: baseline point ${i} must have numeric t and completedPerS, got ${JSON.stringify(p)}`);
    }
  });
  return baseline.totals;
}
