// Runs a spec step by step while checking the model's invariants at every tick and on every task:
// conservation (offered = tasksIn + rejectsBusy; tasksIn = completed + in flight + pending + in
// ring), gauges equal to a recount, cumulative counters never decreasing, at most one task of a
// family in flight, per-family FIFO, and the handler's concurrency limit. Returns the events and
// every violation found (empty when the model is sound). The early-release fault bypasses gating
// on purpose: its dispatches of a family with a task in flight are counted in gatingBreaches
// instead, and its completions may overtake each other; every other invariant still holds. Only
// the lost-wakeup fault leaves tasks in an idle family's pending queue (stranded).

import { COUNTER_KEYS, type PartitionCounters, type RunEvent } from '../../../src/format/runEvents';
import type { ScenarioSpec } from '../../../src/spec/scenarioSpec';
import { createRun, type RunInspection } from '../../../src/engine/simulation';

const CUMULATIVE = COUNTER_KEYS.filter((k) => k !== 'readyFamiliesCount' && k !== 'inFlightFamiliesCount');

export interface CheckedRun {
  events: RunEvent[];
  violations: string[];
  inspections: RunInspection[];
  /** Dispatches of a family that already had a task in flight (allowed only under early-release). */
  gatingBreaches: number;
  /** Per family id: the task ids in the order they completed. */
  completionOrder: Map<number, number[]>;
  maxInFlightPerPartition: number[];
}

export function runChecked(spec: ScenarioSpec): CheckedRun {
  const violations: string[] = [];
  const fail = (msg: string): void => {
    if (violations.length < 20) violations.push(msg);
  };
  const gatingBypassed = spec.fault.name === 'early-release';
  const wakeupsLost = spec.fault.name === 'lost-wakeup';
  let gatingBreaches = 0;
  /** Per family id: its tasks in flight. */
  const inFlight = new Map<number, Set<number>>();
  const lastDispatched = new Map<number, number>();
  const completionOrder = new Map<number, number[]>();
  const inFlightNow = new Array<number>(spec.partitions).fill(0);
  const maxInFlightPerPartition = new Array<number>(spec.partitions).fill(0);
  const limit = spec.handler === 'sync' ? spec.workersPerPartition : spec.maxInFlightPerPartition || Infinity;

  const run = createRun(spec, {
    observer: {
      onDispatch(tUs, p, family, task) {
        let running = inFlight.get(family);
        if (running === undefined) inFlight.set(family, (running = new Set()));
        if (running.size > 0) {
          if (gatingBypassed) gatingBreaches++;
          else fail(`t=${tUs}us family ${family} dispatched task ${task} while task ${[...running][0]} is in flight`);
        }
        const prev = lastDispatched.get(family);
        if (prev !== undefined && task <= prev) fail(`t=${tUs}us family ${family} dispatched task ${task} after task ${prev} (not FIFO)`);
        lastDispatched.set(family, task);
        running.add(task);
        inFlightNow[p]++;
        maxInFlightPerPartition[p] = Math.max(maxInFlightPerPartition[p], inFlightNow[p]);
        if (inFlightNow[p] > limit) fail(`t=${tUs}us partition ${p} has ${inFlightNow[p]} tasks in flight, limit ${limit}`);
      },
      onComplete(tUs, p, family, task) {
        const running = inFlight.get(family);
        if (!running?.delete(task)) fail(`t=${tUs}us family ${family} completed task ${task} that was not in flight`);
        if (running?.size === 0) inFlight.delete(family);
        inFlightNow[p]--;
        let order = completionOrder.get(family);
        if (order === undefined) completionOrder.set(family, (order = []));
        const prev = order.at(-1);
        if (prev !== undefined && task <= prev && !gatingBypassed)
          fail(`t=${tUs}us family ${family} completed task ${task} after task ${prev} (not FIFO)`);
        order.push(task);
      },
    },
  });

  const events: RunEvent[] = [];
  const inspections: RunInspection[] = [];
  let previous: PartitionCounters[] | undefined;
  while (!run.finished) {
    const batch = run.step();
    events.push(...batch);
    const tick = ticksOf(batch).at(-1);
    if (tick === undefined) {
      fail(`step() at t=${run.now} returned no tick`);
      continue;
    }
    const snap = run.inspect();
    inspections.push(snap);
    snap.partitions.forEach((s, p) => {
      const c = tick.partitions[p];
      const at = `t=${tick.t} partition ${p}`;
      if (s.offered !== c.tasksIn + c.rejectsBusy)
        fail(`${at}: offered ${s.offered} != tasksIn ${c.tasksIn} + rejectsBusy ${c.rejectsBusy}`);
      const accounted = c.completed + s.inFlightTasks + s.pending + s.inRing;
      if (c.tasksIn !== accounted) {
        fail(
          `${at}: tasksIn ${c.tasksIn} != completed ${c.completed} + in flight ${s.inFlightTasks} + pending ${s.pending} + in ring ${s.inRing}`,
        );
      }
      if (c.dispatched !== c.completed + s.inFlightTasks)
        fail(`${at}: dispatched ${c.dispatched} != completed + in flight ${s.inFlightTasks}`);
      if (c.readyFamiliesCount !== s.readyFamilies)
        fail(`${at}: readyFamiliesCount ${c.readyFamiliesCount} != READY families ${s.readyFamilies}`);
      if (c.inFlightFamiliesCount !== s.inFlightFamilies)
        fail(`${at}: inFlightFamiliesCount ${c.inFlightFamiliesCount} != IN_FLIGHT families ${s.inFlightFamilies}`);
      if (s.stranded > 0 && !wakeupsLost)
        fail(`${at}: ${s.stranded} tasks wait in idle families' pending queues (only lost-wakeup strands work)`);
      if (previous) {
        for (const k of CUMULATIVE) if (c[k] < previous[p][k]) fail(`${at}: ${k} decreased from ${previous[p][k]} to ${c[k]}`);
      }
    });
    previous = tick.partitions;
  }
  return { events, violations, inspections, completionOrder, maxInFlightPerPartition, gatingBreaches };
}

export function ticksOf(events: RunEvent[]): Extract<RunEvent, { type: 'tick' }>[] {
  return events.filter((e): e is Extract<RunEvent, { type: 'tick' }> => e.type === 'tick');
}

export function doneOf(events: RunEvent[]): Extract<RunEvent, { type: 'phase' }> | undefined {
  return events.find((e): e is Extract<RunEvent, { type: 'phase' }> => e.type === 'phase' && e.phase === 'done');
}
