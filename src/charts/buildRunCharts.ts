// The charts of one run (DESIGN.md sections 3 and 5), as the figures a version-2 charts payload
// carries (src/contracts/chartsPayload.ts), one counter per chart so colour tells only partitions apart:
//   completed     completed/s per partition, the hot partition drawn thicker
//   rejects       rejects/s per partition (rejectsBusy)
//   enqueued      enqueuedDueToBusy per partition (tasks queued behind a busy family, in total)
//   pendingDepth  maxPendingDepthObserved per partition (the deepest family backlog so far)
//   ready         readyFamiliesCount per partition (families waiting for a worker)
//   inFlight      inFlightFamiliesCount per partition (families with a task in flight)
//   baseline      total completed/s of this run against the baseline's (only with a baseline)
// Every chart shades warmup and cooldown, labels the phases, draws the triage hints' windows as
// labelled bands (given at the end of a run, from its report), spans the run's planned length
// while it runs, and shows the values of the point nearest the pointer (runChartVega.ts builds
// the Vega spec where the chart is drawn). A chart whose values are all 0 (no rejects at all) is
// a one-line note instead. With many partitions, only those that stand out are coloured
// (chartHighlight.ts).
// Each line is downsampled (min/max preserving) to the point budget, and each chart to a total
// across its lines, and the payload keeps the points' times once for all of them
// (runChartsPayload.ts), so a long run with many partitions stays light in the editor and in the
// notebook file, which saves every run's charts.
// The set of charts and their ids depend only on whether a baseline is given, so the live
// updates of one run keep the same ids and the renderer can update the data in place.
// A live run charts its one growing tick series (buildRunChartsFromSeries, with a ChartRows kept
// for the run) rather than deriving everything again from every event at each update.

import type { RunEvent } from '../format/runEvents';
import { buildTickSeries } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';
import { ChartRows, deriveChartData, endOf, type LineField } from './chartData';
import { colouredPartitions } from './chartHighlight';
import { hintBands, type ChartHint } from './chartHints';
import { runChartsPayload, type ChartLines, type PlainLine } from './runChartsPayload';
import type { RunChartsPayload } from '../contracts/chartsPayload';
import {
  checkPointBudget,
  DEFAULT_CHART_POINT_BUDGET,
  DEFAULT_POINT_BUDGET,
  downsampleLine,
  downsampleValues,
  lineBudgetFor,
} from './downsample';
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
export type BaselineInput = { label?: string; events: readonly RunEvent[] } | { label?: string; totals: readonly BaselinePoint[] };

export interface RunChartsOptions {
  baseline?: BaselineInput;
  /** The run's triage hints (its report's), drawn as labelled bands over their windows. */
  hints?: readonly ChartHint[];
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

interface PartitionChart {
  id: string;
  field: LineField;
  title: string;
  yTitle: string;
  /** A gauge, read at each tick (else a counter or a rate). */
  gauge?: true;
}

const PARTITION_CHARTS: readonly PartitionChart[] = [
  { id: 'completed', field: 'completedPerS', title: 'Completed/s per partition', yTitle: 'completed/s' },
  { id: 'rejects', field: 'rejectsPerS', title: 'Rejects/s per partition (rejectsBusy)', yTitle: 'rejects/s' },
  { id: 'enqueued', field: 'enqueuedDueToBusy', title: 'Queued behind busy families (enqueuedDueToBusy)', yTitle: 'tasks' },
  { id: 'pendingDepth', field: 'maxPendingDepthObserved', title: 'Deepest family backlog (maxPendingDepthObserved)', yTitle: 'tasks' },
  { id: 'ready', field: 'readyFamiliesCount', title: 'Waiting for a worker (readyFamiliesCount)', yTitle: 'families', gauge: true },
  { id: 'inFlight', field: 'inFlightFamiliesCount', title: 'Families in flight (inFlightFamiliesCount)', yTitle: 'families', gauge: true },
];

const THIS_RUN = 'this run';

/** The charts of a run's events (tests, the CLI): builds the tick series, then charts it. */
export function buildRunCharts(events: readonly RunEvent[], options: RunChartsOptions = {}): RunChartsPayload {
  return buildRunChartsFromSeries(buildTickSeries(events), options);
}

/** The charts of a run's tick series; a live run passes its growing series and its ChartRows. */
export function buildRunChartsFromSeries(series: TickSeries, options: SeriesChartsOptions = {}): RunChartsPayload {
  const lineBudget = checkPointBudget(options.pointBudget ?? DEFAULT_POINT_BUDGET);
  const chartBudget = checkPointBudget(options.chartPointBudget ?? DEFAULT_CHART_POINT_BUDGET, 'chartPointBudget');
  const { linesOf, totals: runTotals } = (options.rows ?? new ChartRows()).update(series);
  const { partitions } = series;
  const { phases, last, timeEnd } = endOf(series);
  const hot = resolveHotPartition(options.hotPartition, partitions, () => pickHotPartition(last));
  const hints = options.hints ?? [];
  const bands = hintBands(hints, partitions);
  const coloured = colouredPartitions({ partitions, hot, hinted: hints.flatMap((h) => h.partitions), last });
  const colouredSet = new Set(coloured);
  const others = partitions - coloured.length;
  const subtitle =
    others > 0 ? `${others} more partitions in grey (the coloured ones stand out); hover a line for its partition` : undefined;
  const live = series.done === undefined;
  const budget = lineBudgetFor(partitions, lineBudget, chartBudget);

  const charts: ChartLines[] = PARTITION_CHARTS.map((chart) => {
    const lines = linesOf.map((line) => line[chart.field].v);
    const note = noteFor(chart, lines, live);
    if (note !== undefined) return { id: chart.id, title: chart.title, note };
    return {
      id: chart.id,
      title: chart.title,
      ...(subtitle ? { subtitle } : {}),
      yTitle: chart.yTitle,
      colorTitle: 'partition',
      series: coloured.map((p) => partitionLabel(p, hot)),
      strong: hot === undefined ? [] : [partitionLabel(hot, hot)],
      lines: linesOf.map((line, p): PlainLine => {
        const { t, v: values } = line[chart.field];
        const kept = downsampleValues(values, budget);
        const name = colouredSet.has(p) ? { series: partitionLabel(p, hot) } : { label: `p${p}` };
        return { ...name, t: kept.map((i) => t[i]), v: kept.map((i) => values[i]) };
      }),
    };
  });

  if (options.baseline) {
    const label = options.baseline.label ?? 'baseline';
    const budget = lineBudgetFor(2, lineBudget, chartBudget);
    const totals = (series: string, list: readonly BaselinePoint[]): PlainLine => {
      const kept = downsampleLine(list, budget, (r) => r.completedPerS);
      return { series, t: kept.map((r) => r.t), v: kept.map((r) => r.completedPerS) };
    };
    charts.push({
      id: 'baseline',
      title: `Completed/s (all partitions): this run vs ${label}`,
      yTitle: 'completed/s',
      colorTitle: 'run',
      series: [THIS_RUN, label],
      strong: [THIS_RUN],
      lines: [totals(THIS_RUN, runTotals), totals(label, baselineTotals(options.baseline))],
    });
  }
  return runChartsPayload({ timeEnd, phases, hints: bands, charts });
}

/** The one line that replaces a chart with nothing to show, or undefined when it has something. */
function noteFor(chart: PartitionChart, lines: readonly (readonly number[])[], live: boolean): string | undefined {
  if (lines.every((values) => values.length === 0)) return live ? 'no tick yet' : 'no tick with elapsed time in this run';
  if (lines.some((values) => values.some((v) => v !== 0))) return undefined;
  const none = chart.gauge
    ? 'none, 0 at every tick'
    : chart.id === 'completed'
      ? 'nothing completed, 0 on every partition'
      : 'none, 0 on every partition';
  return live ? `${none} so far` : none;
}

export function partitionLabel(partition: number, hot: number | undefined): string {
  return partition === hot ? `p${partition} (hot)` : `p${partition}`;
}

function resolveHotPartition(forced: number | undefined, partitions: number, pick: () => number | undefined) {
  if (forced === undefined) return pick();
  if (!Number.isInteger(forced) || forced < 0 || (partitions > 0 && forced >= partitions)) {
    throw new Error(
      `charts: hotPartition ${forced} is not a partition of this run (it has ${partitions} partitions: 0 to ${partitions - 1})`,
    );
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
