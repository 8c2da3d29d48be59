// A capacity search (`search:` in a scenario cell): one numeric key, a range from `from` (which
// should sustain) towards `to` (which should not), the condition that ends "sustained", and the
// precision the boundary is wanted to. Plain JSON: a plan crosses to worker threads and into the
// metadata of the cell's outputs. The steps of the search are src/analysis/searchSteps.ts.

/** What ends "sustained": the run saturates (completed/s short of offered/s), or the run fails (a check, hint or threshold). */
export type SearchUntil = 'saturated' | 'fail';
export const SEARCH_UNTIL: readonly SearchUntil[] = ['saturated', 'fail'];

/** The values a key takes: any number, whole numbers, or powers of two (ringBufferSize). */
export type SearchDomain = 'real' | 'integer' | 'power-of-two';

export const DEFAULT_SEARCH_PRECISION_PCT = 5;
export const MIN_SEARCH_PRECISION_PCT = 0.1;
export const MAX_SEARCH_PRECISION_PCT = 50;

export interface SearchPlan {
  /** The scenario cell's text, `search:` included: each probe's spec is derived from it. */
  text: string;
  /** The key as written under `search.key`: `load.ratePerS`, `workersPerPartition`, or a command's placeholder (`rate`). */
  key: string;
  /** Where the value goes in the spec, e.g. ['load', 'ratePerS']; empty for a placeholder. */
  path: string[];
  /** A `source: command` cell: the value replaces `{key}` in its args and env, and probes run one at a time. */
  placeholder: boolean;
  /** The end of the range expected to sustain. */
  from: number;
  /** The end of the range expected to fail; below `from` when fewer (workers, partitions) is the harder side. */
  to: number;
  until: SearchUntil;
  /** The search ends when the last value sustained and the first that failed are this close (percent of the sustained value). */
  precisionPct: number;
  domain: SearchDomain;
  /** `expect.capacity` of the cell, e.g. ">= baseline - 5%": the value found, compared with a number or the pinned baseline's capacity. */
  capacityThreshold?: string;
}

/** The value as the spec and the tables write it: 241.5, 3, 1024. */
export function formatSearchValue(value: number): string {
  return String(value);
}
