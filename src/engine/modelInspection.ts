// A snapshot of the model's internals for tests. Pending and in-flight tasks are recounted by
// walking every family and every handler call, independently of the model's own bookkeeping, so
// conservation checks built on it can actually fail.

import type { PartitionCounters } from '../format/runEvents';
import { IDLE, IN_FLIGHT, READY } from './familyTable';
import type { SchedulerModel } from './schedulerModel';

export interface PartitionInspection {
  /** Tasks routed to this partition (published or rejected). */
  offered: number;
  inRing: number;
  /** Tasks in the FamilyScheduler's pending queues (ready families' heads included). */
  pending: number;
  /** Tasks handed to the business handler and not completed. */
  inFlightTasks: number;
  /** Families in state IN_FLIGHT (with no-release, possibly holding no task). */
  inFlightFamilies: number;
  /** Families in state READY. */
  readyFamilies: number;
  /** Tasks queued in IDLE families' pending queues: stranded, nothing will dispatch them (lost-wakeup only). */
  stranded: number;
  counters: PartitionCounters;
}

export interface RunInspection {
  tUs: number;
  offered: number;
  partitions: PartitionInspection[];
}

export function inspectModel(model: SchedulerModel, offered: readonly number[], tUs: number): RunInspection {
  const partitions: PartitionInspection[] = [];
  for (let p = 0; p < model.partitions; p++) {
    partitions.push({
      offered: offered[p],
      inRing: model.rings[p].size,
      pending: 0,
      inFlightTasks: 0,
      inFlightFamilies: 0,
      readyFamilies: 0,
      stranded: 0,
      counters: model.read(p),
    });
  }
  const f = model.families;
  for (let id = 0; id < f.count; id++) {
    const part = partitions[f.partition[id]];
    part.pending += f.pendingSize(id);
    if (f.state[id] === IN_FLIGHT) part.inFlightFamilies++;
    else if (f.state[id] === READY) part.readyFamilies++;
    else if (f.state[id] === IDLE) part.stranded += f.pendingSize(id);
  }
  const calls = model.calls;
  for (let id = 0; id < calls.count; id++) if (calls.inFlight(id)) partitions[calls.partition[id]].inFlightTasks++;
  return { tUs, offered: partitions.reduce((s, p) => s + p.offered, 0), partitions };
}
