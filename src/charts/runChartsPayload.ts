// A run's charts with their lines as plain numbers, written as a version-2 charts payload
// (src/contracts/chartsPayload.ts): the times of every line's points once, ascending, and each line
// as the indices of its times in that list and its values, as number lists (numberList.ts). The
// lines of one run share their ticks' times, so the times are stored once rather than per point.

import {
  RUN_CHARTS_VERSION,
  type HintBand,
  type PhaseBand,
  type RunChart,
  type RunChartNote,
  type RunChartsPayload,
  type RunLineChart,
} from '../contracts/chartsPayload';
import { encodeIndices, encodeNumbers } from '../contracts/numberList';

/** One line with its points' times and values, in time order. */
export type PlainLine = ({ series: string; label?: undefined } | { label: string; series?: undefined }) & {
  t: readonly number[];
  v: readonly number[];
};

/** A chart as buildRunCharts makes it: a note, or a line chart whose lines are plain numbers. */
export type ChartLines = RunChartNote | (Omit<RunLineChart, 'lines'> & { lines: PlainLine[] });

export interface RunChartsInput {
  timeEnd: number;
  phases: PhaseBand[];
  hints: HintBand[];
  charts: ChartLines[];
}

export function runChartsPayload(input: RunChartsInput): RunChartsPayload {
  const times = [...new Set(input.charts.flatMap((chart) => (chart.note === undefined ? chart.lines.flatMap((line) => line.t) : [])))].sort(
    (a, b) => a - b,
  );
  const indexOf = new Map(times.map((t, i) => [t, i]));
  const charts = input.charts.map((chart): RunChart => {
    if (chart.note !== undefined) return chart;
    const lines = chart.lines.map((line) => {
      const points = inTimeOrder(line);
      return {
        ...(line.series !== undefined ? { series: line.series } : { label: line.label! }),
        at: encodeIndices(points.map((i) => indexOf.get(line.t[i])!)),
        v: encodeNumbers(points.map((i) => line.v[i])),
      };
    });
    return { ...chart, lines };
  });
  return {
    version: RUN_CHARTS_VERSION,
    kind: 'run',
    t: encodeNumbers(times),
    timeEnd: input.timeEnd,
    phases: input.phases,
    hints: input.hints,
    charts,
  };
}

/**
 * The indices of a line's points in time order, one per time (the first). A run's own lines are
 * in tick order already; a baseline read from a notebook's metadata might not be.
 */
function inTimeOrder(line: PlainLine): number[] {
  const { t } = line;
  let ordered = true;
  for (let i = 1; i < t.length && ordered; i++) ordered = t[i] > t[i - 1];
  if (ordered) return t.map((_, i) => i);
  const sorted = t.map((_, i) => i).sort((a, b) => t[a] - t[b] || a - b);
  return sorted.filter((i, k) => k === 0 || t[i] !== t[sorted[k - 1]]);
}
