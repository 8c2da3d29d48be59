// The steady control's check: a control run exists to show a healthy system, so one that cannot
// complete what it is offered fails, with the figures (capacity.ts). In the burst scenarios the
// same figures are only a note (capacityText.ts): there the load is meant to outrun the system.

import { CAPACITY_MIN_TASKS } from './capacity';
import { ratesText, shortfallText } from './capacityWords';
import { formatCount, formatSeconds } from './reportNumbers';
import type { RunSummary, ScenarioCheck } from './reportTypes';

export const KEEPS_UP_TITLE = 'The control keeps up with the offered load';

export function steadyCapacityCheck(summary: RunSummary): Omit<ScenarioCheck, 'scenario'> {
  const base = { id: 'steady/keeps-up', kind: 'evidence', title: KEEPS_UP_TITLE } as const;
  const c = summary.capacity;
  if (!c) return { ...base, status: 'not applicable', reason: 'no window of ticks to measure over' };
  const window = { from: c.from, to: c.to };
  if (c.total.offeredPerS === 0)
    return {
      ...base,
      status: 'not applicable',
      reason: `no task was offered from ${formatSeconds(c.from)} to ${formatSeconds(c.to)}`,
      ...window,
    };
  if (c.saturated) {
    const partitions = c.saturatedPartitions.length > 0 ? c.saturatedPartitions : c.perPartition.map((p) => p.partition);
    return {
      ...base,
      status: 'fail',
      reason: `saturated from ${formatSeconds(c.from)} to ${formatSeconds(c.to)}: ${shortfallText(c)}`,
      partitions,
      ...window,
    };
  }
  const backlog = c.total.backlog;
  return {
    ...base,
    status: 'pass',
    reason:
      `${ratesText(c)} from ${formatSeconds(c.from)} to ${formatSeconds(c.to)}, within ${c.tolerancePct} % (or ${CAPACITY_MIN_TASKS} tasks); ` +
      `${formatCount(backlog)} task${backlog === 1 ? '' : 's'} outstanding at the end`,
    ...window,
  };
}
