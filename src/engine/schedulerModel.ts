// The system under test (DESIGN.md section 1), per partition: ring buffer -> intake -> FamilyScheduler
// (per-family FIFO, readyFamilies, at most one task of a family in flight) -> worker loop ->
// business handler -> completeSink#onComplete -> release. Time only moves through the EventQueue;
// this class reacts to the events the simulation hands it.

import type { PartitionCounters } from '../format/runEvents';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { DEFAULT_INTAKE_WAKEUP_US, INTAKE_WAKEUP_JITTER } from '../spec/intakeDefaults';
import type { EventQueue } from './eventQueue';
import { FamilyTable, IDLE, IN_FLIGHT, READY } from './familyTable';
import type { ResolvedFaults } from './faults';
import { HandlerCalls } from './handlerCalls';
import { zeroes } from './numberArrays';
import { NumberQueue } from './numberQueue';
import { CounterBank } from './partitionCounters';
import { RingBuffer } from './ringBuffer';
import type { Rng } from './rng';
import type { RunObserver } from './runObserver';
import { WorkCostSampler } from './workCost';

/** Event kinds the model schedules (the simulation owns the others). */
export const EV_INTAKE = 1;
export const EV_HANDLER_DONE = 2;

const CONSUMER_PARKED = 0;
const CONSUMER_RUNNING = 1;

export interface ModelRngs {
  workCost: Rng;
  wakeup: Rng;
  fault: Rng;
}

export class SchedulerModel {
  readonly partitions: number;
  readonly families = new FamilyTable();
  /** The handler calls in flight; an EV_HANDLER_DONE event carries a call id. */
  readonly calls = new HandlerCalls();
  readonly counters: CounterBank;
  readonly rings: RingBuffer[] = [];
  private readonly readyFamilies: NumberQueue[] = [];
  private readonly consumerState: Uint8Array;
  /** Tasks dispatched and not yet completed, per partition. */
  private readonly inFlightTasks: number[];
  private readonly inFlightFamilies: number[];
  /** Tasks in the FamilyScheduler's pending queues, per partition. */
  private readonly pendingTasks: number[];
  /** sync handler: workers not running a task. */
  private readonly idleWorkers: Int32Array;
  private readonly sync: boolean;
  /** async handler: cap of tasks in flight per partition (Infinity = unbounded). */
  private readonly inFlightCap: number;
  private readonly intakeCostUs: number;
  private readonly wakeupUs: number;
  private readonly workCost: WorkCostSampler;

  constructor(
    spec: ScenarioSpec,
    private readonly faults: ResolvedFaults,
    private readonly queue: EventQueue,
    private readonly rngs: ModelRngs,
    private readonly observer: RunObserver | undefined,
  ) {
    const n = (this.partitions = spec.partitions);
    this.counters = new CounterBank(n);
    for (let p = 0; p < n; p++) {
      this.rings.push(new RingBuffer(spec.ringBufferSize));
      this.readyFamilies.push(new NumberQueue(16));
    }
    this.consumerState = new Uint8Array(n);
    this.inFlightTasks = zeroes(n);
    this.inFlightFamilies = zeroes(n);
    this.pendingTasks = zeroes(n);
    this.idleWorkers = new Int32Array(n).fill(spec.workersPerPartition);
    this.sync = spec.handler === 'sync';
    this.inFlightCap = spec.maxInFlightPerPartition > 0 ? spec.maxInFlightPerPartition : Infinity;
    this.intakeCostUs = Math.max(0, Math.round(spec.intakeCostUs));
    this.wakeupUs = spec.intakeWakeupUs ?? DEFAULT_INTAKE_WAKEUP_US;
    this.workCost = new WorkCostSampler(spec.workCostMs, rngs.workCost);
  }

  /** The producer publishes a task into partition p's ring (never blocks). */
  publish(p: number, task: number, family: number, nowUs: number): void {
    if (!this.rings[p].tryPublish(task, family)) {
      this.counters.rejectsBusy[p]++;
      this.families.recycle(family);
      return;
    }
    this.counters.tasksIn[p]++;
    if (this.consumerState[p] === CONSUMER_PARKED) {
      this.consumerState[p] = CONSUMER_RUNNING;
      this.queue.push(nowUs + this.wakeupLatencyUs() + this.intakeCostUs, EV_INTAKE, p);
    }
  }

  /**
   * The ring's consumer has spent intakeCostUs on the head event: hand it to the FamilyScheduler.
   * While the ring holds more, the next intake runs inline when it is due before every queued event
   * and within the run's limit (limitUs, inclusive): the order the queue would give, without a
   * round trip through it per task. The worker loop runs when a family became ready: otherwise
   * nothing it waits for has changed since it last ran.
   */
  onIntake(p: number, nowUs: number, limitUs: number, inclusive: boolean): void {
    const ring = this.rings[p];
    const queue = this.queue;
    const costUs = this.intakeCostUs;
    let t = nowUs;
    for (;;) {
      let readied = false;
      do {
        const task = ring.take();
        if (this.accept(p, task, ring.takenFamily)) readied = true;
      } while (costUs === 0 && ring.size > 0);
      if (ring.size === 0) {
        this.consumerState[p] = CONSUMER_PARKED;
        if (readied) this.dispatchReady(p, t);
        return;
      }
      // The next intake is ordered before the handler calls dispatched now, as when it was pushed first.
      const seq = queue.reserveSeq();
      if (readied) this.dispatchReady(p, t);
      const next = t + costUs;
      if (!queue.runsNext(next, limitUs, inclusive)) {
        queue.pushReserved(next, EV_INTAKE, p, seq);
        return;
      }
      t = next;
    }
  }

  /** The business handler finished the call's task; it now calls completeSink#onComplete. */
  onHandlerDone(call: number, nowUs: number): void {
    const p = this.calls.partition[call];
    // stuck-handler: the handler never returns, so onComplete is never called.
    if (p === this.faults.stuckPartition && nowUs >= this.faults.stuckAtUs) return;
    this.onComplete(p, call, nowUs);
    this.dispatchReady(p, nowUs);
  }

  /** True when no task is in a ring, a pending queue or in flight. */
  isDrained(): boolean {
    for (let p = 0; p < this.partitions; p++) {
      if (this.rings[p].size > 0 || this.pendingTasks[p] > 0 || this.inFlightTasks[p] > 0) return false;
    }
    return true;
  }

  /** Counters and gauges of partition p, as a tick reports them. */
  read(p: number): PartitionCounters {
    return this.counters.read(p, this.readyFamilies[p].size, this.inFlightFamilies[p]);
  }

  /** FamilyScheduler intake: the family's state decides where the task goes. True when the family became ready. */
  private accept(p: number, task: number, family: number): boolean {
    const families = this.families;
    const depth = families.enqueue(family, task);
    this.pendingTasks[p]++;
    const state = families.state[family];
    if (state === IDLE) {
      families.state[family] = READY;
      this.readyFamilies[p].push(family);
      return true;
    }
    if (state === IN_FLIGHT) {
      const counters = this.counters;
      counters.enqueuedDueToBusy[p]++;
      if (depth > counters.maxPendingDepthObserved[p]) counters.maxPendingDepthObserved[p] = depth;
    }
    // READY: the family is already queued for a worker; the task waits behind its head.
    return false;
  }

  /** Partition p's worker loop: dispatch ready families while a worker (or in-flight permit) is free. */
  private dispatchReady(p: number, nowUs: number): void {
    // dispatch-stall: the worker loop is blocked and never takes another ready family.
    if (p === this.faults.stallPartition && nowUs >= this.faults.stallAtUs) return;
    const ready = this.readyFamilies[p];
    const families = this.families;
    while (ready.size > 0 && (this.sync ? this.idleWorkers[p] > 0 : this.inFlightTasks[p] < this.inFlightCap)) {
      const family = ready.shift();
      const task = families.dequeue(family);
      this.pendingTasks[p]--;
      families.state[family] = IN_FLIGHT;
      this.inFlightFamilies[p]++;
      this.inFlightTasks[p]++;
      if (this.sync) this.idleWorkers[p]--;
      this.counters.dispatched[p]++;
      this.observer?.onDispatch?.(nowUs, p, family, task);
      this.queue.push(nowUs + this.workCost.nextUs(), EV_HANDLER_DONE, this.calls.open(task, family, p));
      // early-release: the family is released as its task is handed over, not in onComplete, so
      // its next task is ready (and dispatched) at once: gating is bypassed.
      if (this.faults.earlyRelease) this.release(p, family, nowUs);
    }
  }

  /** completeSink#onComplete: the one place a task counts as completed; then the family is released. */
  private onComplete(p: number, call: number, nowUs: number): void {
    const calls = this.calls;
    const family = calls.family[call];
    const task = calls.task[call];
    calls.close(call);
    this.inFlightTasks[p]--;
    if (this.sync) this.idleWorkers[p]++;
    this.counters.completed[p]++;
    this.observer?.onComplete?.(nowUs, p, family, task);
    // early-release: the family was released at dispatch already.
    if (this.faults.earlyRelease) return;
    // no-release: onComplete returns without releasing, so the family stays IN_FLIGHT for good.
    if (this.faults.noReleaseRate > 0 && this.rngs.fault.next() < this.faults.noReleaseRate) return;
    this.release(p, family, nowUs);
  }

  private release(p: number, family: number, nowUs: number): void {
    const families = this.families;
    this.inFlightFamilies[p]--;
    if (families.pendingSize(family) > 0) {
      // lost-wakeup: the family is released but its pending work is not rechecked, so it goes idle
      // off readyFamilies; its tasks wait until a new task of the family arrives (accept() wakes it).
      if (this.lostWakeup(nowUs)) {
        families.state[family] = IDLE;
        return;
      }
      families.state[family] = READY;
      this.readyFamilies[p].push(family);
    } else {
      families.state[family] = IDLE;
      families.recycle(family);
    }
  }

  private lostWakeup(nowUs: number): boolean {
    const f = this.faults;
    return f.lostWakeupRate > 0 && nowUs >= f.lostWakeupFromUs && this.rngs.fault.next() < f.lostWakeupRate;
  }

  private wakeupLatencyUs(): number {
    if (this.wakeupUs <= 0) return 0;
    const factor = 1 - INTAKE_WAKEUP_JITTER + 2 * INTAKE_WAKEUP_JITTER * this.rngs.wakeup.next();
    return Math.round(this.wakeupUs * factor);
  }
}
