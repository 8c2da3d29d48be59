// How a capacity search cell's outputs say they are a search's: the headline output's metadata
// holds the cell text the search ran and the value of each probe (in the order they started), so
// a probe can be opened as a cell after the notebook is saved and reopened, and, once the search
// found its answer, the capacity a *Pin Run as Baseline* keeps. The session report reads it too.

export const SEARCH_OUTPUT_METADATA_KEY = 'stressnbSearch';

export interface SearchOutputInfo {
  cellText: string;
  /** The value of probe i (0-based, the order the probes started). */
  values: number[];
  /** The scenario the capacity belongs to (the key of a pinned baseline). */
  scenario?: string;
  /** The answer as a baseline keeps it (analysis/searchCapacity.ts), once the search found one. */
  capacity?: { key: string; value: number; firstFailure: number; until: string; precisionPct: number };
}

export function searchOutputMetadata(info: SearchOutputInfo): { [SEARCH_OUTPUT_METADATA_KEY]: SearchOutputInfo } {
  return { [SEARCH_OUTPUT_METADATA_KEY]: info };
}

/** The search an output's metadata describes; undefined when the output is not a search's. */
export function readSearchOutput(metadata: unknown): SearchOutputInfo | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const entry = (metadata as Record<string, unknown>)[SEARCH_OUTPUT_METADATA_KEY];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const e = entry as Record<string, unknown>;
  if (typeof e.cellText !== 'string') return undefined;
  const values = Array.isArray(e.values) ? e.values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)) : [];
  return {
    cellText: e.cellText,
    values,
    ...(typeof e.scenario === 'string' ? { scenario: e.scenario } : {}),
    ...(typeof e.capacity === 'object' && e.capacity !== null ? { capacity: e.capacity as SearchOutputInfo['capacity'] } : {}),
  };
}
