// A finished run (one, or the repeats of a repeated one) as a line of the run history
// (src/format/historyEntry.ts): its verdict, its metrics (the medians of the repeats, with every
// repeat's beside them) and a small per-partition completed/s series for overlays.

import type { HistoryEntry, HistorySeries } from '../format/historyEntry';
import { HISTORY_VERSION } from '../format/historyEntry';
import type { RunReport } from './reportTypes';
import { aggregateMetrics, exclusionReason } from './runAggregate';
import type { TickSeries } from '../series/seriesTypes';

/** Points per partition kept in an entry's series (at most), and in all partitions together. */
const SERIES_POINTS = 120;
const SERIES_VALUES = 4000;

export interface HistoryContext {
  time: Date;
  source: HistoryEntry['source'];
  notebook?: string;
  cell?: number;
  file?: string;
  specHash?: string;
  git?: HistoryEntry['git'];
  /** The verdict when more than the runs' own decides it (a repeated run's thresholds against the baseline). */
  verdict?: HistoryEntry['verdict'];
}

/** The entry of these runs (each report with its tick series, in the same order). */
export function historyEntryOf(runs: readonly { report: RunReport; series: TickSeries }[], ctx: HistoryContext): HistoryEntry {
  const reports = runs.map((r) => r.report);
  const sound = runs.filter((r) => exclusionReason(r.report) === undefined);
  const first = reports[0];
  const verdict =
    ctx.verdict ?? (reports.some((r) => r.partial) ? 'incomplete' : reports.every((r) => r.verdict === 'pass') ? 'pass' : 'fail');
  const metrics =
    runs.length === 1
      ? { ...first.summary.metrics }
      : Object.fromEntries(
          Object.entries(aggregateMetrics(sound.map((r) => r.report.summary.metrics))).map(([name, m]) => [name, m.median]),
        );
  const representative = nearestToMedian(sound.length > 0 ? sound : runs, metrics.completedPerS);
  const series = representative ? seriesOf(representative.series) : undefined;
  return {
    version: HISTORY_VERSION,
    time: ctx.time.toISOString(),
    source: ctx.source,
    ...(ctx.notebook !== undefined ? { notebook: ctx.notebook } : {}),
    ...(ctx.cell !== undefined ? { cell: ctx.cell } : {}),
    ...(ctx.file !== undefined ? { file: ctx.file } : {}),
    scenario: String(first?.summary.scenario ?? first?.summary.config.scenario ?? 'run'),
    ...(ctx.specHash !== undefined ? { specHash: ctx.specHash } : {}),
    seeds: reports.map((r) => r.summary.config.seed).filter((s): s is string | number => s !== undefined),
    ...(ctx.git ? { git: ctx.git } : {}),
    verdict,
    runs: runs.length,
    metrics,
    ...(runs.length > 1 ? { repeats: sound.map((r) => ({ ...r.report.summary.metrics })) } : {}),
    ...(first ? { config: { ...first.summary.config } } : {}),
    ...(series ? { series } : {}),
  };
}

function nearestToMedian<T extends { report: RunReport }>(runs: readonly T[], target: number | undefined): T | undefined {
  if (runs.length === 0) return undefined;
  const distance = (r: T) => Math.abs((r.report.summary.metrics.completedPerS ?? 0) - (target ?? 0));
  return runs.reduce((best, r) => (distance(r) < distance(best) ? r : best));
}

/** completed/s per partition (a tick's delta over its time), averaged over buckets of ticks so that at most SERIES_POINTS remain. */
export function seriesOf(series: TickSeries): HistorySeries | undefined {
  const partitions = series.byPartition.length;
  const n = series.times.length;
  if (n === 0 || partitions === 0) return undefined;
  const points = Math.max(2, Math.min(SERIES_POINTS, Math.floor(SERIES_VALUES / partitions)));
  const size = Math.max(1, Math.ceil(n / points));
  const t: number[] = [];
  const completedPerS: number[][] = Array.from({ length: partitions }, () => []);
  for (let from = 0; from < n; from += size) {
    const to = Math.min(n, from + size) - 1;
    const start = from === 0 ? 0 : series.times[from - 1];
    const span = series.times[to] - start;
    t.push(series.times[to]);
    for (let p = 0; p < partitions; p++) {
      const list = series.byPartition[p];
      const before = from === 0 ? 0 : list.value(from - 1, 'completed');
      const done = Math.max(0, list.value(to, 'completed') - before);
      completedPerS[p].push(span > 0 ? Math.round((100 * done) / span) / 100 : 0);
    }
  }
  return { t, completedPerS };
}
