// Builds the source a cell's `source:` describes. Relative `cwd` and `path` are resolved against
// `baseDir` (the notebook's folder, or the spec file's folder for the CLI); a command source
// without `cwd` runs in `baseDir`.
import { resolve } from 'node:path';
import type { ExternalSourceSpec } from '../spec/scenarioSpec';
import { CommandSource } from './commandSource';
import type { CounterSource, SourceOptions } from './counterSource';
import { FileSource } from './fileSource';

export type { ExternalSourceSpec };

export interface CreateSourceOptions extends SourceOptions {
  baseDir: string;
}

export function createSource(spec: ExternalSourceSpec, options: CreateSourceOptions): CounterSource {
  const { baseDir, ...common } = options;
  if (spec.kind === 'command') {
    return new CommandSource({
      ...common,
      command: spec.command,
      args: spec.args,
      cwd: resolve(baseDir, spec.cwd ?? '.'),
      env: spec.env,
    });
  }
  return new FileSource({ ...common, path: resolve(baseDir, spec.path), follow: spec.follow });
}
