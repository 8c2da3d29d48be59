// How the series of a metrics endpoint or a Prometheus server become the partitions of the
// counter-line stream. A series belongs to a partition (its `partitionLabel`) of an instance (the
// rest of its labels, beyond those `labels:` selects by). With `instances: separate` each
// instance gets a block of partition numbers of its own, in the order of its name (instance i's
// partition p is partition i × N + p, N the partitions of the largest instance); with `sum` the
// instances' values are added up, partition by partition. The config line carries the instances
// (`instances=a,b`, `instanceMode=separate`), so the analysis can name the instance of a partition.

import { COUNTER_KEYS, type ConfigHeader, type CounterKey } from '../../format/runEvents';
import { didYouMean } from '../../spec/editDistance';
import type { MetricsMapping } from '../../spec/scenarioSpec';
import { formatLabels } from './expositionParser';

/** A series as a source lists it: the counter it is read for, its metric name and labels. */
export interface SeriesRef {
  counter: CounterKey;
  metric: string;
  labels: Readonly<Record<string, string>>;
}

export interface LayoutInstance {
  /** The labels that tell it apart, canonical (sorted `k="v"` pairs); '' for the only one. */
  key: string;
  /** How messages and the config line name it: its `instance` label, else its labels (`job:a/zone:b`), else `fallbackName`. */
  name: string;
}

/** Partitions above this are refused: a partition label holding something else (a thread id, a port). */
const MAX_PARTITION = 1023;

export class PartitionLayout {
  private readonly instanceIndex = new Map<string, number>();

  private constructor(
    readonly mapping: MetricsMapping,
    readonly instances: readonly LayoutInstance[],
    /** Partitions of each instance (the largest partition number seen, plus one). */
    readonly partitionsPerInstance: number,
  ) {
    instances.forEach((instance, i) => this.instanceIndex.set(instance.key, i));
  }

  /** Partitions of the stream. */
  get partitions(): number {
    return this.mapping.instances === 'sum' ? this.partitionsPerInstance : this.partitionsPerInstance * this.instances.length;
  }

  /**
   * The layout of these series, or the first problem with them: a series without the partition
   * label, a partition label that is not a partition number, an instance that lacks a counter.
   * `fallbackName` names an instance told apart by no label (the endpoint's address).
   */
  static build(series: readonly SeriesRef[], mapping: MetricsMapping, fallbackName: string): PartitionLayout | { error: string } {
    const keys = new Map<string, string>();
    const counters = new Map<string, Set<CounterKey>>();
    let maxPartition = -1;
    for (const s of series) {
      const partition = partitionOf(s, mapping.partitionLabel);
      if (typeof partition === 'string') return { error: partition };
      maxPartition = Math.max(maxPartition, partition);
      const { key, name } = instanceOf(s.labels, mapping);
      keys.set(key, name || fallbackName);
      let seen = counters.get(key);
      if (!seen) counters.set(key, (seen = new Set()));
      seen.add(s.counter);
    }
    if (maxPartition < 0) return { error: 'no series to read' };
    const named = [...keys.entries()].map(([key, name]) => ({ key, name: configSafe(name) }));
    // Two instances with the same `instance` label (two jobs scraping one target) are named by all their labels.
    const taken = new Map<string, number>();
    for (const i of named) taken.set(i.name, (taken.get(i.name) ?? 0) + 1);
    const instances = named
      .map((i) => (taken.get(i.name)! > 1 ? { ...i, name: configSafe(i.key.replace(/"/g, '')) } : i))
      .sort((a, b) => a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
    for (const instance of instances) {
      const lacking = COUNTER_KEYS.filter((c) => !counters.get(instance.key)!.has(c));
      if (lacking.length > 0) {
        const metric = (c: CounterKey) => series.find((s) => s.counter === c)?.metric ?? mapping.names[c];
        const others =
          instances.length > 1 ? `; select one instance with labels:, for example labels: ${selectorExample(instances[0].key)}` : '';
        return {
          error: `instance ${instance.name} has no series of ${lacking.map((c) => `${metric(c)} (${c})`).join(', ')}: every instance must expose all eight counters and gauges${others}`,
        };
      }
    }
    return new PartitionLayout(mapping, instances, maxPartition + 1);
  }

  /** The stream partition a series is read into, with its instance; undefined for a series outside the layout. */
  slotOf(labels: Readonly<Record<string, string>>): { slot: number; instance: number; partition: number } | undefined {
    const raw = labels[this.mapping.partitionLabel];
    const partition = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : -1;
    if (partition < 0 || partition >= this.partitionsPerInstance) return undefined;
    const instance = this.instanceIndex.get(instanceOf(labels, this.mapping).key);
    if (instance === undefined) return undefined;
    return { slot: this.mapping.instances === 'sum' ? partition : instance * this.partitionsPerInstance + partition, instance, partition };
  }

  /** What the config line says about the layout. */
  configHeader(): ConfigHeader {
    return { partitions: this.partitions, instances: this.instances.map((i) => i.name).join(','), instanceMode: this.mapping.instances };
  }
}

function partitionOf(s: SeriesRef, label: string): number | string {
  const value = s.labels[label];
  const series = `${s.metric}${formatLabels(s.labels)}`;
  if (value === undefined) {
    const names = Object.keys(s.labels);
    const has = names.length > 0 ? `its labels: ${names.join(', ')}` : 'it has no labels';
    return `${series} has no label ${label}, the partition label (${has}); set partitionLabel: to the label that holds the partition number${didYouMean(label, names)}`;
  }
  if (!/^\d+$/.test(value) || Number(value) > MAX_PARTITION) {
    return `${series}: the partition label ${label}="${value}" is not a partition number (0 to ${MAX_PARTITION})`;
  }
  return Number(value);
}

/** The labels that tell a series' instance apart: all but the partition label and the selected ones. */
function instanceOf(labels: Readonly<Record<string, string>>, mapping: MetricsMapping): { key: string; name: string } {
  const own = Object.entries(labels)
    .filter(([k]) => k !== mapping.partitionLabel && k !== '__name__' && !(k in mapping.labels))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const key = own.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',');
  // Named by its `instance` label even when labels: selects by it.
  const instance = labels.instance;
  const name = instance !== undefined ? instance : own.map(([k, v]) => `${k}:${v}`).join('/');
  return { key, name };
}

function selectorExample(key: string): string {
  const first = key.split(',')[0];
  return first ? `{ ${first.replace('=', ': ')} }` : '{ instance: "host:port" }';
}

/** Instance names go into a logfmt config line, comma-separated: no spaces, quotes, commas or =. */
function configSafe(name: string): string {
  return name.replace(/[\s",=\\]+/g, '_');
}
