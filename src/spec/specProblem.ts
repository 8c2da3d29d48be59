// A problem found in a scenario spec, positioned for the editor's diagnostics and the CLI's
// `file:line:col: message` output.

import type { ScenarioSpec } from './scenarioSpec';
import type { SearchPlan } from './searchPlan';
import type { SweepPlan } from './sweepGrid';

export type SpecProblemSeverity = 'error' | 'warning';

/**
 * Lines and columns are 1-based; the end is exclusive (the position just after the last
 * character of the offending text), so a one-character range has endColumn = column + 1.
 */
export interface SpecProblem {
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SpecProblemSeverity;
}

export interface ParsedScenarioSpec {
  /** Present only when there is no problem of severity 'error'. */
  spec?: ScenarioSpec;
  problems: SpecProblem[];
  /**
   * The cell's what-if grid, when it has a valid `sweep:` (then `spec` is its base: the cell
   * without `sweep:`, which no point runs as such).
   */
  sweep?: SweepPlan;
  /**
   * The cell's capacity search, when it has a valid `search:` (then `spec` is its base: the cell
   * without `search:`, which no probe runs as such).
   */
  search?: SearchPlan;
}
