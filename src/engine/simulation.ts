// The engine's entry point: a deterministic discrete-event simulation of the scheduler model on a
// virtual clock (microseconds), producing the run's events (config, phases, one tick per tickMs).
// createRun() steps tick by tick (the notebook kernel paces it); runToEnd() runs it through.

import type { EndReason, Phase, RunEvent } from '../format/runEvents';
import type { ScenarioSpec } from '../spec/scenarioSpec';
import { configHeaderOf } from './configHeader';
import { EventQueue } from './eventQueue';
import { resolveFaults, type ResolvedFaults } from './faults';
import { fmix32, partitionOfKey } from './hash';
import { LoadProducer } from './loadProducer';
import { zeroes } from './numberArrays';
import { inspectModel, type RunInspection } from './modelInspection';
import { rngFor } from './rng';
import type { RunObserver } from './runObserver';
import { assertRunnable } from './runnableSpec';
import { EV_HANDLER_DONE, EV_INTAKE, SchedulerModel } from './schedulerModel';

export type { RunInspection } from './modelInspection';
export type { RunObserver } from './runObserver';

const EV_PRODUCE = 0;
const US_PER_S = 1e6;
/** The family key every correlationId = -1 task gets under the neg1-single-family fault. */
const NEG1_FAMILY_KEY = '-1';

export interface ScenarioRun {
  /** Advances to the next tick; returns the events since the last call (the first starts with `config`). */
  step(): RunEvent[];
  readonly finished: boolean;
  /** Virtual seconds since the start of the run. */
  readonly now: number;
  /** Model internals right now, for invariant checks (conservation at every tick). */
  inspect(): RunInspection;
}

export interface RunOptions {
  observer?: RunObserver;
}

export function createRun(spec: ScenarioSpec, options: RunOptions = {}): ScenarioRun {
  return new Simulation(spec, options);
}

export function runToEnd(spec: ScenarioSpec, options: RunOptions = {}): RunEvent[] {
  const run = createRun(spec, options);
  const events: RunEvent[] = [];
  while (!run.finished) for (const e of run.step()) events.push(e);
  return events;
}

class Simulation implements ScenarioRun {
  finished = false;
  private nowUs = 0;
  private started = false;
  private readonly queue = new EventQueue();
  private readonly model: SchedulerModel;
  private readonly faults: ResolvedFaults;
  private readonly producer: LoadProducer;
  /** Per stream: family index -> family id, filled on first use (-1 = not yet). */
  private readonly streamFamilies: (Int32Array | undefined)[];
  private readonly offered: number[];
  private readonly uncorrelatedSalt: number;
  private readonly route: (key: string) => number;
  private nextTaskId = 0;
  private readonly tickUs: number;
  private tickIndex = 1;
  private readonly productionEndUs: number;
  private readonly endUs: number;
  private readonly phases: { atUs: number; phase: Phase }[] = [];
  private nextPhase = 0;

  constructor(
    private readonly spec: ScenarioSpec,
    options: RunOptions,
  ) {
    assertRunnable(spec);
    const n = spec.partitions;
    this.faults = resolveFaults(spec);
    this.model = new SchedulerModel(
      spec,
      this.faults,
      this.queue,
      { workCost: rngFor(spec.seed, 1), wakeup: rngFor(spec.seed, 2), fault: rngFor(spec.seed, 3) },
      options.observer,
    );
    this.offered = zeroes(n);
    this.uncorrelatedSalt = fmix32(rngFor(spec.seed, 4).next() * 4294967296);
    this.route = this.faults.hashSkew ? () => 0 : (key) => partitionOfKey(key, n);
    this.tickUs = Math.round(spec.tickMs * 1000);
    const warmupUs = Math.round(spec.warmupS * US_PER_S);
    this.productionEndUs = warmupUs + Math.round(spec.measureS * US_PER_S);
    this.endUs = this.productionEndUs + Math.round(spec.cooldownS * US_PER_S);
    if (warmupUs > 0) this.phases.push({ atUs: 0, phase: 'warmup' });
    this.phases.push({ atUs: warmupUs, phase: 'measure' }, { atUs: this.productionEndUs, phase: 'cooldown' });
    this.producer = new LoadProducer(spec.load, this.productionEndUs);
    this.streamFamilies = spec.load.map(() => undefined);
    for (let i = 0; i < spec.load.length; i++) {
      const t = this.producer.first(i);
      if (t >= 0) this.queue.push(t, EV_PRODUCE, i);
    }
  }

  get now(): number {
    return this.nowUs / US_PER_S;
  }

  step(): RunEvent[] {
    if (this.finished) return [];
    const out: RunEvent[] = [];
    if (!this.started) {
      this.started = true;
      out.push({ type: 'config', config: configHeaderOf(this.spec) });
    }
    const target = Math.min(this.tickIndex * this.tickUs, this.endUs);
    while (this.nextPhase < this.phases.length && this.phases[this.nextPhase].atUs <= target) {
      const { atUs, phase } = this.phases[this.nextPhase++];
      this.runUntil(atUs, false);
      out.push({ type: 'phase', t: atUs / US_PER_S, phase });
    }
    this.runUntil(target, true);
    this.nowUs = target;
    const partitions = [];
    for (let p = 0; p < this.spec.partitions; p++) partitions.push(this.model.read(p));
    out.push({ type: 'tick', t: target / US_PER_S, partitions });
    if (target === this.tickIndex * this.tickUs) this.tickIndex++;
    let reason: EndReason | undefined;
    if (target >= this.productionEndUs && this.model.isDrained()) reason = 'drained';
    else if (target >= this.endUs) reason = 'cooldown-timeout';
    if (reason !== undefined) {
      this.finished = true;
      out.push({ type: 'phase', t: target / US_PER_S, phase: 'done', reason });
    }
    return out;
  }

  inspect(): RunInspection {
    return inspectModel(this.model, this.offered, this.nowUs);
  }

  /** Runs every event before limitUs (or at it, when inclusive). */
  private runUntil(limitUs: number, inclusive: boolean): void {
    const q = this.queue;
    const model = this.model;
    while (q.popDue(limitUs, inclusive)) {
      const t = (this.nowUs = q.poppedTime);
      switch (q.poppedKind) {
        case EV_PRODUCE:
          this.produceFrom(q.poppedArg, t, limitUs, inclusive);
          break;
        case EV_INTAKE:
          model.onIntake(q.poppedArg, t, limitUs, inclusive);
          break;
        case EV_HANDLER_DONE:
          model.onHandlerDone(q.poppedArg, t);
          break;
      }
    }
  }

  /**
   * Stream i emits its task due at nowUs, and the following ones inline while each is due strictly
   * before every queued event and within this run's limit: the same order the event queue would
   * give, without a queue round trip per task of a burst. Each task is routed to its family's
   * partition and published into that partition's ring.
   */
  private produceFrom(i: number, nowUs: number, limitUs: number, inclusive: boolean): void {
    const producer = this.producer;
    const queue = this.queue;
    const model = this.model;
    const keyedIds = this.spec.load[i].uncorrelated ? undefined : this.familyIdsOf(i);
    let t = nowUs;
    for (;;) {
      const task = this.nextTaskId++;
      let family: number;
      if (keyedIds !== undefined) {
        const index = producer.familyIndex(i);
        family = keyedIds[index];
        if (family < 0) family = keyedIds[index] = this.createKeyedFamily(i, index);
      } else family = this.uncorrelatedFamily(task);
      const p = model.families.partition[family];
      this.offered[p]++;
      model.publish(p, task, family, t);
      const next = producer.advance(i, t);
      if (next < 0) return;
      if (!queue.runsNext(next, limitUs, inclusive)) {
        queue.push(next, EV_PRODUCE, i);
        return;
      }
      t = this.nowUs = next;
    }
  }

  /** The family of an uncorrelated task (correlationId = -1). */
  private uncorrelatedFamily(task: number): number {
    const families = this.model.families;
    if (this.faults.neg1SingleFamily) return families.keyed(NEG1_FAMILY_KEY, this.route);
    // Each uncorrelated task is its own family, spread by a hash of its task id.
    const p = this.faults.hashSkew ? 0 : fmix32((task + this.uncorrelatedSalt) | 0) % this.spec.partitions;
    return families.ephemeralFamily(p);
  }

  /** The family of keyed stream i's family index, at its first task: `${keyPrefix}${index}`. */
  private createKeyedFamily(i: number, index: number): number {
    return this.model.families.keyed(this.spec.load[i].keyPrefix + index, this.route);
  }

  /** Keyed stream i's family ids by family index, -1 until the family's first task. */
  private familyIdsOf(i: number): Int32Array {
    return (this.streamFamilies[i] ??= new Int32Array(this.spec.load[i].families).fill(-1));
  }
}
