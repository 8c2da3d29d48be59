// Which partition the charts single out as "hot". A partition is hot only when it stands out:
// its maxPendingDepthObserved (a family backlog) is above 1 and at least twice every other
// partition's, or else its tasksIn is above 100 and at least twice every other partition's
// (routing skew). A balanced run, or the first few tasks of a run, has no hot partition, so
// nothing is highlighted by accident.

import type { PartitionCounters } from '../format/runEvents';

const STANDS_OUT = 2;
const MIN_TASKS = 100;

export function pickHotPartition(last: readonly PartitionCounters[]): number | undefined {
  if (last.length < 2) return undefined;
  return standOut(last, (c) => c.maxPendingDepthObserved, 1) ?? standOut(last, (c) => c.tasksIn, MIN_TASKS);
}

function standOut(last: readonly PartitionCounters[], valueOf: (c: PartitionCounters) => number, floor: number): number | undefined {
  let best = -1;
  let bestValue = -Infinity;
  let second = -Infinity;
  last.forEach((counters, p) => {
    const v = counters ? valueOf(counters) : 0;
    if (v > bestValue) {
      second = bestValue;
      bestValue = v;
      best = p;
    } else if (v > second) {
      second = v;
    }
  });
  if (best < 0 || bestValue <= floor) return undefined;
  return bestValue >= STANDS_OUT * Math.max(second, 0) ? best : undefined;
}
