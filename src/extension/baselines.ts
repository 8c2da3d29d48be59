// Pinned baselines, kept in the notebook's metadata (so they travel with the shared file), one
// per scenario name: later runs of that scenario are compared with it. A run's candidate
// baseline travels in the metadata of its report output, so a cell can be pinned after the
// notebook was closed and reopened.

import * as vscode from 'vscode';
import type { BaselinePoint } from '../charts/buildRunCharts';
import { readCapacityBaseline, type CapacityBaseline } from '../analysis/searchCapacity';

export interface PinnedBaseline {
  /** The scenario it was run with (the key it is kept under). */
  scenario: string;
  /** A short label for charts and the report, e.g. "baseline (seed 1)". */
  label: string;
  /** ANALYSIS's RunSummary of the run, as JSON; absent when only a search was pinned. */
  summary?: unknown;
  /** Total completed/s over time, downsampled, for the comparison chart (empty when only a search was pinned). */
  totals: BaselinePoint[];
  /** The capacity a pinned search found (a later search's `capacity: ">= baseline - 5%"` reads it). */
  capacity?: CapacityBaseline;
  /**
   * A repeated run's (`repeat: N`): every repeat's metrics. The summary's metrics are then their
   * medians, and a relative threshold against this baseline tests a run against the noise.
   */
  repeats?: Record<string, number>[];
}

const METADATA_KEY = 'stressnb';
const OUTPUT_METADATA_KEY = 'stressnbBaselineCandidate';

interface NotebookStressnbMetadata {
  baselines?: Record<string, PinnedBaseline>;
}

function stressnbMetadata(notebook: vscode.NotebookDocument): NotebookStressnbMetadata {
  const value = notebook.metadata?.[METADATA_KEY];
  return typeof value === 'object' && value !== null ? (value as NotebookStressnbMetadata) : {};
}

export function baselineFor(notebook: vscode.NotebookDocument, scenario: string): PinnedBaseline | undefined {
  const entry = stressnbMetadata(notebook).baselines?.[scenario];
  return entry && typeof entry === 'object' && Array.isArray(entry.totals) ? entry : undefined;
}

export function allBaselines(notebook: vscode.NotebookDocument): Record<string, PinnedBaseline> {
  return { ...(stressnbMetadata(notebook).baselines ?? {}) };
}

/** The capacity the scenario's pinned baseline holds, when a search was pinned. */
export function capacityFor(notebook: vscode.NotebookDocument, scenario: string): CapacityBaseline | undefined {
  return readCapacityBaseline(stressnbMetadata(notebook).baselines?.[scenario]?.capacity);
}

/**
 * Sets (or with `undefined` removes) the baseline of a scenario; the notebook becomes dirty. A
 * pinned run keeps the capacity a search pinned before it, and the other way round.
 */
export async function setBaseline(
  notebook: vscode.NotebookDocument,
  scenario: string,
  baseline: PinnedBaseline | undefined,
): Promise<boolean> {
  const current = stressnbMetadata(notebook);
  const baselines = { ...(current.baselines ?? {}) };
  const earlier = baselines[scenario];
  if (baseline) {
    const capacity = baseline.capacity ?? readCapacityBaseline(earlier?.capacity);
    const run = baseline.summary !== undefined ? baseline : earlier && earlier.summary !== undefined ? earlier : baseline;
    baselines[scenario] = { ...run, ...(capacity ? { capacity } : {}) };
  } else delete baselines[scenario];
  const next: NotebookStressnbMetadata = { ...current, baselines };
  if (Object.keys(baselines).length === 0) delete next.baselines;
  // null rather than a deleted key: the extension host merges metadata updates into its copy,
  // so a removed key would linger there. The serializer leaves null entries out of the file.
  const metadata: Record<string, unknown> = { ...notebook.metadata, [METADATA_KEY]: Object.keys(next).length > 0 ? next : null };
  const edit = new vscode.WorkspaceEdit();
  edit.set(notebook.uri, [vscode.NotebookEdit.updateNotebookMetadata(metadata)]);
  return vscode.workspace.applyEdit(edit);
}

export function candidateMetadata(candidate: PinnedBaseline): Record<string, unknown> {
  return { [OUTPUT_METADATA_KEY]: candidate };
}

/** The candidate baseline of a cell's last run, from its outputs. */
export function candidateOf(cell: vscode.NotebookCell): PinnedBaseline | undefined {
  for (const output of cell.outputs) {
    const value = output.metadata?.[OUTPUT_METADATA_KEY] as PinnedBaseline | undefined;
    if (value && typeof value.scenario === 'string' && Array.isArray(value.totals)) return value;
  }
  return undefined;
}

/** The runs of a baseline as metrics: every repeat of a repeated one, else its one run. */
export function baselineRuns(baseline: PinnedBaseline): Record<string, number>[] {
  if (Array.isArray(baseline.repeats) && baseline.repeats.length > 0) return baseline.repeats;
  const metrics = (baseline.summary as { metrics?: unknown } | null)?.metrics;
  return typeof metrics === 'object' && metrics !== null ? [metrics as Record<string, number>] : [];
}
