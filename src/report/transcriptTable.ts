// The transcript a cell shows: a compact table, one row per tick or per span of ticks, with the
// columns that say whether the system is alive (offered/s, completed/s, rejects/s, outstanding
// tasks, ready and in-flight families, the deepest pending queue, the slowest partition), narrow
// enough for a 1,200 px output (about 140 characters, notes included). While a run goes it shows the latest ticks; at the end it tells
// the run's story in a bounded number of rows: the ticks around each triage hint's window, the
// end of production and the drain, every phase apart, the last tick, and evenly split spans for
// the rest. Every tick is in some row; every tick's per-partition lines stay in the full transcript.

import { formatCount, formatSeconds } from '../analysis/reportNumbers';
import type { RunReport } from '../analysis/reportTypes';
import type { TickSeries } from '../series/seriesTypes';

/** A moment the story table points at (a note on the row holding that tick). */
export interface TableMark {
  t: number;
  label: string;
  /** Lower comes first when not every mark gets a row of its own. */
  priority: number;
  /** The tick before the mark gets its own row too (the contrast before a window opens). */
  withTickBefore?: boolean;
}

/** A span is split only when offered/s, completed/s or rejects/s varies in it by more than this share of its peak in the run. */
const SPLIT_THRESHOLD = 0.05;

/** Marks of a lower priority than this come before the last tick's own row. */
const LAST_TICK_PRIORITY = 2;

/** Ticks first..last (indices into the series) in one row. */
export interface TableRow {
  first: number;
  last: number;
  notes: string[];
}

/** The moments of a run worth a row: hint windows, failed checks' windows, production end, drain, the hot partition's peak. */
export function storyMarks(report: RunReport): TableMark[] {
  const marks: TableMark[] = [];
  const lastT = report.summary.durationS;
  for (const h of report.hints) {
    marks.push({ t: h.from, label: `▶ ${h.rule} ${shortPartitions(h.partitions)}`, priority: 0, withTickBefore: true });
    if (h.to < lastT) marks.push({ t: h.to, label: `◀ ${h.rule} ends`, priority: 1 });
  }
  for (const c of report.checks) {
    // A hint opening at the same moment says more than the check.
    if (c.status !== 'fail' || c.from === undefined || report.hints.some((h) => Math.abs(h.from - c.from!) < 1e-9)) continue;
    const where = c.partitions ? ` ${shortPartitions(c.partitions)}` : '';
    marks.push({ t: c.from, label: `✗ ${c.id.split('/').pop()}${where}`, priority: 1 });
  }
  const { drain, hotPartition } = report.summary;
  if (drain.productionEndS !== undefined) marks.push({ t: drain.productionEndS, label: 'production ends', priority: 2 });
  if (drain.drainedAtS !== undefined) marks.push({ t: drain.drainedAtS, label: 'drained', priority: 2 });
  if (hotPartition) marks.push({ t: hotPartition.peakAt, label: `peak pending p${hotPartition.partition}`, priority: 3 });
  return marks;
}

/** "p0–3", "p1,3", "p0–63": partitions in few characters. */
export function shortPartitions(partitions: readonly number[]): string {
  const sorted = [...partitions].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    ranges.push(j > i ? `${sorted[i]}–${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return `p${ranges.join(',')}`;
}

/** The latest `maxRows` ticks, one row each (the live view). */
export function recentRows(series: TickSeries, maxRows: number): TableRow[] {
  const n = series.times.length;
  const rows: TableRow[] = [];
  for (let i = Math.max(0, n - Math.max(1, maxRows)); i < n; i++) rows.push({ first: i, last: i, notes: [] });
  return rows;
}

/**
 * At most `maxRows` rows (at least one per phase) covering every tick in order: marked ticks
 * get rows of their own by priority, while they fit; the spans between them are split in halves
 * where the traffic changes most, until the rows are used up or no span changes much.
 */
export function storyRows(series: TickSeries, marks: readonly TableMark[], maxRows: number): TableRow[] {
  const n = series.times.length;
  if (n === 0) return [];
  const at = (t: number) => tickAt(series, t);
  let rows: TableRow[];
  if (n <= maxRows) {
    rows = series.times.map((_, i) => ({ first: i, last: i, notes: [] }));
  } else {
    // Hint windows first, then the last tick, then the other marks.
    const sorted = [...marks].sort((a, b) => a.priority - b.priority || a.t - b.t);
    const ticksOf = (m: TableMark) => (m.withTickBefore && at(m.t) > 0 ? [at(m.t) - 1, at(m.t)] : [at(m.t)]);
    const candidates = [
      ...sorted.filter((m) => m.priority < LAST_TICK_PRIORITY).map(ticksOf),
      [n - 1],
      ...sorted.filter((m) => m.priority >= LAST_TICK_PRIORITY).map(ticksOf),
    ];
    const keys = new Set<number>();
    for (const ticks of candidates) {
      const added = ticks.filter((i) => !keys.has(i));
      added.forEach((i) => keys.add(i));
      if (spansOf(series, keys).length > maxRows) added.forEach((i) => keys.delete(i));
    }
    rows = spansOf(series, keys);
    // Split where the traffic changes most; a span whose rates stay within a few percent of their
    // peak in the run says everything in one row.
    const globals = Array.from({ length: series.global.length }, (_, i) => series.global.at(i));
    const rates = [
      globals.map((g) => g.rate.tasksIn + g.rate.rejectsBusy),
      globals.map((g) => g.rate.completed),
      globals.map((g) => g.rate.rejectsBusy),
    ];
    const peaks = rates.map((values) => values.reduce((m, v) => Math.max(m, v), 0));
    const score = (r: TableRow) => {
      let change = 0;
      rates.forEach((values, k) => {
        if (peaks[k] <= 0) return;
        let min = Infinity;
        let max = -Infinity;
        for (let i = r.first; i <= r.last; i++) {
          min = Math.min(min, values[i]);
          max = Math.max(max, values[i]);
        }
        change = Math.max(change, (max - min) / peaks[k]);
      });
      return change < SPLIT_THRESHOLD ? 0 : change * (r.last - r.first + 1);
    };
    while (rows.length < maxRows) {
      let busiest = -1;
      let best = 0;
      rows.forEach((r, i) => {
        const s = r.last > r.first ? score(r) : 0;
        if (s > best) [busiest, best] = [i, s];
      });
      if (busiest < 0) break;
      const r = rows[busiest];
      const mid = Math.floor((r.first + r.last) / 2);
      rows.splice(busiest, 1, { first: r.first, last: mid, notes: [] }, { first: mid + 1, last: r.last, notes: [] });
    }
  }
  for (const m of [...marks].sort((a, b) => a.t - b.t)) {
    const i = at(m.t);
    const row = rows.find((r) => r.first <= i && i <= r.last);
    if (!row) continue;
    const note = row.first === row.last ? m.label : `${m.label} at ${formatSeconds(series.times[i])}`;
    if (!row.notes.includes(note)) row.notes.push(note);
  }
  return rows;
}

/** The first tick at or after `t` (the last tick when none is). */
function tickAt(series: TickSeries, t: number): number {
  const i = series.times.findIndex((time) => time >= t - 1e-9);
  return i < 0 ? series.times.length - 1 : i;
}

/** Rows for the ticks in `keys` (one each) and the runs of other ticks between them, split at phase changes. */
function spansOf(series: TickSeries, keys: ReadonlySet<number>): TableRow[] {
  const rows: TableRow[] = [];
  let start = -1;
  for (let i = 0; i < series.times.length; i++) {
    const phaseChange = i > 0 && series.global.at(i).phase !== series.global.at(i - 1).phase;
    if (keys.has(i)) {
      if (start >= 0) rows.push({ first: start, last: i - 1, notes: [] });
      rows.push({ first: i, last: i, notes: [] });
      start = -1;
    } else if (start < 0) {
      start = i;
    } else if (phaseChange) {
      rows.push({ first: start, last: i - 1, notes: [] });
      start = i;
    }
  }
  if (start >= 0) rows.push({ first: start, last: series.times.length - 1, notes: [] });
  return rows;
}

/** Characters the notes of a row may take, so a row stays within about 140 (a 1,200 px output). */
const NOTES_WIDTH = 26;
/** `slowest`: the lowest completed/s of a partition, and which. */
const HEADERS = [
  't (s)',
  'phase',
  'offered/s',
  'completed/s',
  'rejects/s',
  'outstanding',
  'readyFam',
  'inFlightFam',
  'maxPending',
  'slowest',
  '',
];
/** Columns aligned left (the others are numbers, aligned right). */
const LEFT = new Set(['phase', 'slowest', '']);

/** The table's header line and one line per row. */
export function formatTable(series: TickSeries, rows: readonly TableRow[]): string[] {
  const decimals = timeDecimals(series.times);
  const cells = rows.map((r) => rowCells(series, r, decimals));
  const widths = HEADERS.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row
      .map((text, c) => (LEFT.has(HEADERS[c]) ? text.padEnd(widths[c]) : text.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(HEADERS), ...cells.map(line)];
}

function rowCells(series: TickSeries, row: TableRow, decimals: number): string[] {
  const { first, last } = row;
  const end = series.global.at(last);
  const before = first > 0 ? series.global.at(first - 1) : undefined;
  const dt = series.times[last] - (first > 0 ? series.times[first - 1] : 0);
  const rate = (now: number, then: number) => (dt > 0 ? (now - then) / dt : 0);
  const time = (i: number) => series.times[i].toFixed(decimals);
  let slowest: { p: number; perS: number } | undefined;
  series.byPartition.forEach((points, p) => {
    const perS = rate(points.at(last).counters.completed, first > 0 ? points.at(first - 1).counters.completed : 0);
    if (!slowest || perS < slowest.perS) slowest = { p, perS };
  });
  const maxPending = series.byPartition.reduce((m, points) => Math.max(m, points.at(last).counters.maxPendingDepthObserved), 0);
  return [
    first === last ? time(last) : `${time(first)}–${time(last)}`,
    end.phase === 'none' ? '-' : end.phase,
    formatPerS(rate(end.offered, before?.offered ?? 0)),
    formatPerS(rate(end.totals.completed, before?.totals.completed ?? 0)),
    formatPerS(rate(end.totals.rejectsBusy, before?.totals.rejectsBusy ?? 0)),
    formatCount(end.outstanding),
    formatCount(end.readyFamiliesCount),
    formatCount(end.inFlightFamiliesCount),
    formatCount(maxPending),
    slowest ? `${formatPerS(slowest.perS)} (p${slowest.p})` : '-',
    fitNotes(row.notes),
  ];
}

/** The notes of a row in NOTES_WIDTH characters: whole notes while they fit, then how many more. */
function fitNotes(notes: readonly string[]): string {
  let text = '';
  for (let i = 0; i < notes.length; i++) {
    const next = text ? `${text}; ${notes[i]}` : notes[i];
    const more = notes.length - i - 1;
    if (next.length + (more > 0 ? ` +${more}`.length : 0) <= NOTES_WIDTH) {
      text = next;
      continue;
    }
    if (!text) return `${notes[i].slice(0, NOTES_WIDTH - 1)}…`;
    return `${text} +${notes.length - i}`;
  }
  return text;
}

function formatPerS(perS: number): string {
  return formatCount(Math.abs(perS) >= 100 ? Math.round(perS) : Math.round(perS * 10) / 10);
}

/** Decimals that show every tick time exactly (1 to 3). */
function timeDecimals(times: readonly number[]): number {
  for (const d of [1, 2]) {
    const f = 10 ** d;
    if (times.every((t) => Math.abs(t * f - Math.round(t * f)) < 1e-6)) return d;
  }
  return 3;
}
