// One side of `stressnb compare`: the runs a file holds, each as its metrics and config. A file is
// a counter-line log of one or more runs (each starts with its config line), or the JSON of
// `stressnb analyze --format json` (one run's, or a multi-run stream's `runs`). A run that did not
// finish, or whose counters broke integrity, is left out of the statistics and said so: its
// figures are not a sample of the system.

import { readFileSync, statSync } from 'node:fs';
import { analyzeSeries } from '../analysis/analyzeRun';
import type { ConfigHeader } from '../format/runEvents';
import type { CliIo } from './cliIo';
import { readLogRuns } from './readLogRuns';
import { parseHistorySelection, readHistoryFile, selectHistory } from './historyFile';

export interface ComparedRun {
  /** 1-based position of the run in its input. */
  index: number;
  config: ConfigHeader;
  metrics: Record<string, number>;
}

export interface CompareSide {
  label: string;
  runs: ComparedRun[];
  /** Runs left out, with why (1-based positions). */
  excluded: { index: number; reason: string; incomplete: boolean }[];
}

/** JSON files (analysis output) are read whole only below this size; a larger file is a log. */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

export async function readCompareSide(file: string, io: CliIo): Promise<CompareSide | { error: string }> {
  const label = file === '-' ? '<stdin>' : file;
  const selection = parseHistorySelection(file);
  if (selection) return readHistorySide(file, selection);
  if (file !== '-') {
    const json = readAnalysisJson(file);
    if (json && 'error' in json) return json;
    if (json) return { label, ...json };
  }
  const read = await readLogRuns(file, io);
  if ('error' in read) return { error: `cannot read ${label}: ${read.error}` };
  if (read.stats.ticks === 0) {
    return {
      error: `no counter lines in ${label} (${read.stats.lines} lines read, ${read.stats.foreignLines} not counter lines, ${read.stats.errorCount} malformed)`,
    };
  }
  const side: CompareSide = { label, runs: [], excluded: [] };
  read.runs.forEach(({ series }, i) => {
    const index = i + 1;
    if (series.times.length === 0) {
      side.excluded.push({ index, reason: 'it has no tick', incomplete: true });
      return;
    }
    const report = analyzeSeries(series);
    if (!report.summary.integrity.ok) {
      side.excluded.push({
        index,
        reason: `its counters broke integrity (${report.summary.integrity.violations[0]?.message ?? 'see stressnb analyze'})`,
        incomplete: false,
      });
    } else if (report.partial) {
      side.excluded.push({ index, reason: `it did not finish (${report.summary.endReason ?? 'no done phase'})`, incomplete: true });
    } else {
      side.runs.push({ index, config: series.config, metrics: report.summary.metrics });
    }
  });
  return side;
}

/** Entries of a run history (`FILE@N`, `FILE@N..M`): each repeat of each entry is a run. */
function readHistorySide(label: string, selection: { file: string; from: number; to: number }): CompareSide | { error: string } {
  const read = readHistoryFile(selection.file);
  if ('error' in read) return read;
  const picked = selectHistory(read, selection.from, selection.to);
  if ('error' in picked) return { error: `${label}: ${picked.error}` };
  const side: CompareSide = { label, runs: [], excluded: [] };
  let index = 0;
  picked.entries.forEach((entry, i) => {
    const runs = entry.repeats && entry.repeats.length > 0 ? entry.repeats : [entry.metrics];
    if (entry.verdict === 'incomplete') {
      side.excluded.push({ index: picked.numbers[i], reason: `history entry ${picked.numbers[i]} did not finish`, incomplete: true });
      return;
    }
    for (const metrics of runs)
      side.runs.push({
        index: ++index,
        config: { ...(entry.config ?? {}), ...(entry.config ? {} : { scenario: entry.scenario }) },
        metrics,
      });
  });
  return side;
}

/** The runs of an analysis JSON file, undefined when the file is not one (a log, JSON lines included). */
function readAnalysisJson(file: string): Omit<CompareSide, 'label'> | { error: string } | undefined {
  let text: string;
  try {
    if (statSync(file).size > MAX_JSON_BYTES) return undefined;
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // the log reader says why
  }
  if (!/^\s*\{/.test(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined; // JSON lines: a log
  }
  if (!isRecord(value)) return undefined;
  const reports = Array.isArray(value.runs) ? value.runs : isRecord(value.summary) ? [value] : undefined;
  if (!reports) return undefined;
  const side: Omit<CompareSide, 'label'> = { runs: [], excluded: [] };
  reports.forEach((report: unknown, i) => {
    const index = i + 1;
    const summary = isRecord(report) && isRecord(report.summary) ? report.summary : undefined;
    if (!summary || !isRecord(summary.metrics)) {
      side.excluded.push({ index, reason: 'it has no summary.metrics', incomplete: false });
      return;
    }
    if (isRecord(summary.integrity) && summary.integrity.ok === false) {
      side.excluded.push({ index, reason: 'its counters broke integrity', incomplete: false });
    } else if (summary.partial === true) {
      side.excluded.push({ index, reason: 'it did not finish', incomplete: true });
    } else {
      const metrics: Record<string, number> = {};
      for (const [k, v] of Object.entries(summary.metrics)) if (typeof v === 'number' && Number.isFinite(v)) metrics[k] = v;
      side.runs.push({ index, config: isRecord(summary.config) ? (summary.config as ConfigHeader) : {}, metrics });
    }
  });
  return side;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
