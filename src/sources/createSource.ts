// Builds the source a cell's `source:` describes. Relative `cwd` and `path` are resolved against
// `baseDir` (the notebook's folder, or the spec file's folder for the CLI); a command without
// `cwd` runs in `baseDir`. Metrics and Prometheus sources take tickMs and the phases from the
// cell's config header (`fallbackConfig`).
import { resolve } from 'node:path';
import type { CommandSpec, ExternalSourceSpec, MetricsMapping } from '../spec/scenarioSpec';
import { CommandSource } from './commandSource';
import type { CounterSource, SourceOptions } from './counterSource';
import { FileSource } from './fileSource';
import { timingOf } from './metrics/metricsRunConfig';
import { MetricsSource } from './metrics/metricsSource';
import { PrometheusSource } from './metrics/prometheusSource';

export type { ExternalSourceSpec };

export interface CreateSourceOptions extends SourceOptions {
  baseDir: string;
}

export function createSource(spec: ExternalSourceSpec, options: CreateSourceOptions): CounterSource {
  const { baseDir, ...common } = options;
  const command = (c: CommandSpec) => ({ command: c.command, args: c.args, cwd: resolve(baseDir, c.cwd ?? '.'), env: c.env });
  const mapping = (m: MetricsMapping): MetricsMapping => ({
    names: m.names,
    partitionLabel: m.partitionLabel,
    labels: m.labels,
    instances: m.instances,
  });
  switch (spec.kind) {
    case 'command':
      return new CommandSource({ ...common, ...command(spec) });
    case 'file':
      return new FileSource({ ...common, path: resolve(baseDir, spec.path), follow: spec.follow });
    case 'metrics':
      return new MetricsSource({
        ...common,
        url: spec.url,
        mapping: mapping(spec),
        timing: timingOf(common.fallbackConfig),
        ...(spec.service ? { service: command(spec.service) } : {}),
      });
    case 'prometheus':
      return new PrometheusSource({
        ...common,
        url: spec.url,
        mapping: mapping(spec),
        timing: timingOf(common.fallbackConfig),
        from: spec.from,
        to: spec.to,
        measureFillsWindow: spec.measureFillsWindow,
      });
  }
}

/** How messages name a source: "command `java`", "log file x.log", "metrics endpoint http://…". */
export function describeSource(spec: ExternalSourceSpec): string {
  switch (spec.kind) {
    case 'command':
      return `command \`${spec.command}\``;
    case 'file':
      return `log file ${spec.path}`;
    case 'metrics':
      return `metrics endpoint ${spec.url}`;
    case 'prometheus':
      return `Prometheus server ${spec.url}`;
  }
}
