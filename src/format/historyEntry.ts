// The run history (`.stressnb/history.jsonl` by default): one JSON line per finished run, appended
// by the editor after every run and by `stressnb run` / `stressnb analyze` given --history FILE.
// A line says when, where (notebook and cell), what (scenario, a hash of the spec, seeds, the git
// commit), the verdict and the metrics (the medians of a repeated run, with every repeat's
// metrics beside them), and a small per-partition completed/s series so two runs can be overlaid
// later. Reading is tolerant: a line that is not an entry is reported by its number and skipped,
// never fatal (the file is appended by hand-edited tools too).

export const HISTORY_VERSION = 1;
export const DEFAULT_HISTORY_FILE = '.stressnb/history.jsonl';

export interface HistorySeries {
  /** Tick times, seconds. */
  t: number[];
  /** completed/s per partition at each time: completedPerS[partition][i]. */
  completedPerS: number[][];
}

export interface HistoryEntry {
  version: typeof HISTORY_VERSION;
  /** ISO 8601, UTC. */
  time: string;
  /** `editor` (a notebook cell) or `cli` (stressnb run / analyze). */
  source: 'editor' | 'cli';
  /** The notebook, relative to the workspace folder (or as given), and the 1-based cell. */
  notebook?: string;
  cell?: number;
  /** The file the CLI ran or read. */
  file?: string;
  scenario: string;
  /** specHash() of the spec text (src/format/runOutputs.ts), when there is one. */
  specHash?: string;
  seeds: (number | string)[];
  git?: { commit: string; branch?: string };
  verdict: 'pass' | 'fail' | 'incomplete';
  /** Runs judged (repeat: N gives N). */
  runs: number;
  /** The run's metrics; of a repeated run, the medians of its repeats. */
  metrics: Record<string, number>;
  /** A repeated run's metrics, one entry per repeat. */
  repeats?: Record<string, number>[];
  /** The config header of the (first) run. */
  config?: Record<string, string | number>;
  /** completed/s per partition over time, downsampled (of a repeated run: the repeat nearest the median). */
  series?: HistorySeries;
}

export function formatHistoryLine(entry: HistoryEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

export interface HistoryRead {
  entries: HistoryEntry[];
  /** 1-based line number of each entry (a selection names an entry by its position). */
  lines: number[];
  problems: { line: number; message: string }[];
}

export function readHistoryText(text: string): HistoryRead {
  const read: HistoryRead = { entries: [], lines: [], problems: [] };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      read.problems.push({ line: i + 1, message: 'not JSON; skipped' });
      return;
    }
    const why = entryProblem(value);
    if (why) {
      read.problems.push({ line: i + 1, message: `${why}; skipped` });
      return;
    }
    read.entries.push(value as HistoryEntry);
    read.lines.push(i + 1);
  });
  return read;
}

function entryProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a history entry (a JSON object)';
  const v = value as Record<string, unknown>;
  if (v.version !== HISTORY_VERSION)
    return `history entry version ${JSON.stringify(v.version)}; this stressnb reads version ${HISTORY_VERSION}`;
  if (typeof v.time !== 'string') return 'no time';
  if (typeof v.scenario !== 'string') return 'no scenario';
  if (typeof v.metrics !== 'object' || v.metrics === null || Array.isArray(v.metrics)) return 'no metrics';
  if (!['pass', 'fail', 'incomplete'].includes(v.verdict as string)) return 'no verdict';
  return undefined;
}
