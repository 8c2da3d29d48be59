// The capacity figures (capacity.ts) in words: the rates and the shortfall, which the steady
// control's check states as evidence and the report's capacity row repeats (src/report/capacityText.ts).

import type { RunCapacity } from './capacity';
import { formatCount, formatPct, formatRate, formatSeconds, partitionList } from './reportNumbers';
import type { RunSummary } from './reportTypes';

/** Scenarios whose load is meant to outrun the system for a while: saturation there is a note, not a failure. */
export const BACKLOG_EXPECTED_SCENARIOS: readonly string[] = ['hot-family', 'uncorrelated-burst', 'small-ring-burst'];

export function backlogExpected(summary: RunSummary): boolean {
  return summary.scenario !== undefined && BACKLOG_EXPECTED_SCENARIOS.includes(summary.scenario);
}

/** "100/s completed of 200/s offered" */
export function ratesText(c: RunCapacity): string {
  return `${formatRate(c.total.completedPerS)} completed of ${formatRate(c.total.offeredPerS)} offered`;
}

/** "partition 2", "partitions 0 and 2", "every partition": where the run fell behind. */
export function behindOn(c: RunCapacity): string {
  if (c.saturatedPartitions.length === c.perPartition.length && c.perPartition.length > 1) return 'every partition';
  return c.saturatedPartitions.length > 0 ? partitionList(c.saturatedPartitions) : 'the partitions together';
}

/** Where the shortfall went, per second, and how long the backlog takes at the completion rate. */
export function shortfallText(c: RunCapacity): string {
  const t = c.total;
  const short = t.offeredPerS > 0 ? ` (${formatPct((100 * (t.offeredPerS - t.completedPerS)) / t.offeredPerS)} short)` : '';
  const parts = [`${ratesText(c)}${short}, behind on ${behindOn(c)}`];
  if (t.backlogGrowthPerS > 0) parts.push(`the backlog grew by ${formatRate(t.backlogGrowthPerS)}`);
  if (t.rejectsPerS > 0) parts.push(`the ring rejected ${formatRate(t.rejectsPerS)}`);
  if (t.backlog > 0) parts.push(`${formatCount(t.backlog)} tasks outstanding at ${formatSeconds(c.to)}${worstPartition(c)}`);
  if (t.backlog > 0) {
    parts.push(
      t.timeToDrainS === undefined
        ? 'a partition completed nothing, so it never drains at that rate'
        : `about ${formatSeconds(Math.round(t.timeToDrainS * 10) / 10)} to drain at that rate`,
    );
  }
  return parts.join('; ');
}

/** " (417 on partition 0)": the partition with the most outstanding, when there are several. */
function worstPartition(c: RunCapacity): string {
  if (c.perPartition.length < 2) return '';
  const worst = c.perPartition.reduce((a, b) => (b.backlog > a.backlog ? b : a));
  return worst.backlog > 0 ? ` (${formatCount(worst.backlog)} on partition ${worst.partition})` : '';
}
