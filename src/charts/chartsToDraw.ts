// What a charts payload draws, whatever its version (src/contracts/chartsPayload.ts): each chart's
// Vega spec with its data, or its one-line note. A version-1 payload carries its specs already; a
// version-2 run payload carries figures, which become each chart's points and its Vega spec
// (runChartVega.ts). The notebook renderer (media/) and the exported report (src/export) both
// draw through here, so they draw the same charts.

import type { ChartsPayload, CompiledChart, RunChartsPayload, RunLineChart } from '../contracts/chartsPayload';
import { decodeIndices, decodeNumbers } from '../contracts/numberList';
import { runChartVega, type LinePoint } from './runChartVega';

export function chartsToDraw(payload: ChartsPayload): CompiledChart[] {
  if (payload.version === 1) return payload.charts;
  const times = decodeNumbers(payload.t);
  const shared = { phases: payload.phases, hints: payload.hints, timeEnd: payload.timeEnd };
  return payload.charts.map((chart): CompiledChart => {
    if (chart.note !== undefined) return { id: chart.id, title: chart.title, note: chart.note };
    return { id: chart.id, title: chart.title, vega: runChartVega(chart, { ...shared, points: linePoints(chart, times) }) };
  });
}

/** A run chart's points, line after line, each with its series (or grey label); `times` is the payload's `t`. */
export function linePoints(chart: RunLineChart, times: readonly number[]): LinePoint[] {
  return chart.lines.flatMap((line) => {
    const values = decodeNumbers(line.v);
    return decodeIndices(line.at, times.length).map(
      (at, i): LinePoint =>
        line.series !== undefined
          ? { t: times[at], value: values[i], series: line.series }
          : { t: times[at], value: values[i], label: line.label },
    );
  });
}

/** The points of one chart of a run payload by id (tests, benchmarks); undefined for a note or no such chart. */
export function chartPoints(payload: RunChartsPayload, id: string): LinePoint[] | undefined {
  const chart = payload.charts.find((c) => c.id === id);
  return chart && chart.note === undefined ? linePoints(chart, decodeNumbers(payload.t)) : undefined;
}
