// What `stressnb export` was asked to do: parsed by exportCommand.ts, carried out by exportRun.ts
// (a bundle of its own, loaded only when export runs).

import type { ReportFormat } from '../export/reportFormat';

export interface ExportArgs {
  file: string;
  format: ReportFormat;
  out: string;
  run: boolean;
  /** A run history file (`.stressnb/history.jsonl`): the report adds its runs of the notebook's scenarios. */
  history?: string;
}
