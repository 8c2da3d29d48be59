// One tick's counters from the samples of a scrape (or of one step of a Prometheus query): each
// sample added into its partition, a partition complete only when every counter and gauge has a
// value. Counters are passed on as the service reports them; a cumulative counter that goes down
// (a restarted process) is kept as it is, for the analysis' integrity check, and reported here
// with its instance so the source can say which one restarted.

import { COUNTER_KEYS, type CounterKey, type PartitionCounters } from '../../format/runEvents';
import { formatLabels } from './expositionParser';
import type { PartitionLayout } from './partitionLayout';

/** Counters that only grow while the process lives (the last two of the contract are gauges). */
const CUMULATIVE = new Set<CounterKey>([
  'tasksIn',
  'dispatched',
  'completed',
  'rejectsBusy',
  'enqueuedDueToBusy',
  'maxPendingDepthObserved',
]);

export interface CounterReset {
  instance: string;
  metric: string;
  partition: number;
  before: number;
  after: number;
}

export interface TickValues {
  /** Each stream partition's counters; undefined for a partition some counter had no sample for. */
  partitions: (PartitionCounters | undefined)[];
  resets: CounterReset[];
}

export class TickValueBuilder {
  private values: Float64Array;
  /** How many samples each value added up (instances, when summed). */
  private seen: Uint16Array;
  private resets: CounterReset[] = [];
  /** The last value of each cumulative series, to see a reset. */
  private readonly last = new Map<string, number>();

  constructor(private readonly layout: PartitionLayout) {
    this.values = new Float64Array(layout.partitions * COUNTER_KEYS.length);
    this.seen = new Uint16Array(layout.partitions * COUNTER_KEYS.length);
  }

  /**
   * Adds a sample; returns a problem when its value is not a number the contract can carry.
   * A series outside the layout (a partition or instance that appeared later) is ignored.
   */
  add(counter: CounterKey, metric: string, labels: Readonly<Record<string, string>>, value: number, where: string): string | undefined {
    if (!Number.isFinite(value)) return `${metric}${formatLabels(labels)} is ${String(value)} ${where}: ${counter} needs a number`;
    const at = this.layout.slotOf(labels);
    if (!at) return undefined;
    const k = COUNTER_KEYS.indexOf(counter);
    const i = at.slot * COUNTER_KEYS.length + k;
    this.values[i] += value;
    this.seen[i]++;
    if (CUMULATIVE.has(counter)) {
      const id = `${metric}${formatLabels(labels)}`;
      const before = this.last.get(id);
      if (before !== undefined && value < before) {
        this.resets.push({ instance: this.layout.instances[at.instance].name, metric, partition: at.partition, before, after: value });
      }
      this.last.set(id, value);
    }
    return undefined;
  }

  /** The tick's values; the builder starts the next tick empty. */
  finish(): TickValues {
    const n = COUNTER_KEYS.length;
    // Summed: a partition is complete when every instance gave its value (a missing one would look like a drop).
    const expected = this.layout.mapping.instances === 'sum' ? this.layout.instances.length : 1;
    const partitions: (PartitionCounters | undefined)[] = [];
    for (let p = 0; p < this.layout.partitions; p++) {
      let complete = true;
      const counters = {} as PartitionCounters;
      for (let k = 0; k < n; k++) {
        if (this.seen[p * n + k] !== expected) complete = false;
        counters[COUNTER_KEYS[k]] = this.values[p * n + k];
      }
      partitions.push(complete ? counters : undefined);
    }
    const resets = this.resets;
    this.values = new Float64Array(this.values.length);
    this.seen = new Uint16Array(this.seen.length);
    this.resets = [];
    return { partitions, resets };
  }
}

/** "instance 127.0.0.1:9404 restarted: scheduler_completed_total{partition 1} went from 1,234 to 5". */
export function describeResets(resets: readonly CounterReset[], t: number): string[] {
  const byInstance = new Map<string, CounterReset[]>();
  for (const r of resets) byInstance.set(r.instance, [...(byInstance.get(r.instance) ?? []), r]);
  return [...byInstance.entries()].map(([instance, list]) => {
    const first = list[0];
    const more = list.length > 1 ? ` and ${list.length - 1} more series` : '';
    return `counter reset at t=${t.toFixed(3)} s: instance ${instance || 'of the endpoint'} restarted or reset its counters (${first.metric} of partition ${first.partition} went from ${first.before} to ${first.after}${more}); the counters are kept as read, so the analysis reports it as a counter-integrity problem`;
  });
}
