// A scenario's pinned baseline as the notebook keeps it (docs/notebook.md, "Baselines"):
// `metadata.stressnb.baselines[<scenario>]` = { label, summary, totals, capacity? }. Read defensively: the
// file may have been edited by hand; a baseline that is not usable is left out, as the kernel does.

import type { BaselinePoint } from '../charts/buildRunCharts';
import { readBaselineSummary } from '../analysis/baselineSummary';
import type { RunSummary } from '../analysis/reportTypes';
import { readCapacityBaseline, type CapacityBaseline } from '../analysis/searchCapacity';
import type { JsonObject } from '../format/stressnbFile';

export interface NotebookBaseline {
  label?: string;
  /** Absent when the stored summary is not a run summary (the charts still compare). */
  summary?: RunSummary;
  totals: BaselinePoint[];
  /** A repeated run's every repeat's metrics (a baseline pinned from a cell with `repeat:`). */
  repeats?: Record<string, number>[];
}

export function pinnedBaseline(metadata: JsonObject, scenario: string): NotebookBaseline | undefined {
  const stressnb = metadata.stressnb;
  const baselines = isRecord(stressnb) ? stressnb.baselines : undefined;
  const entry = isRecord(baselines) && Object.hasOwn(baselines, scenario) ? baselines[scenario] : undefined;
  if (!isRecord(entry) || !Array.isArray(entry.totals)) return undefined;
  const totals = entry.totals.filter(
    (p): p is { t: number; completedPerS: number } => isRecord(p) && typeof p.t === 'number' && typeof p.completedPerS === 'number',
  );
  const summary = readBaselineSummary(entry.summary);
  const repeats = Array.isArray(entry.repeats) ? entry.repeats.filter((m): m is Record<string, number> => isRecord(m)) : [];
  return {
    ...(typeof entry.label === 'string' ? { label: entry.label } : {}),
    ...(summary.ok ? { summary: summary.summary } : {}),
    totals: totals.map(({ t, completedPerS }) => ({ t, completedPerS })),
    ...(repeats.length > 0 ? { repeats } : {}),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The capacity a pinned search left in the scenario's baseline (`capacity`), when it holds one. */
export function pinnedCapacity(metadata: JsonObject, scenario: string): CapacityBaseline | undefined {
  const stressnb = metadata.stressnb;
  const baselines = isRecord(stressnb) ? stressnb.baselines : undefined;
  const entry = isRecord(baselines) && Object.hasOwn(baselines, scenario) ? baselines[scenario] : undefined;
  return isRecord(entry) ? readCapacityBaseline(entry.capacity) : undefined;
}
