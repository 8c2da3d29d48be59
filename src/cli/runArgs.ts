// The arguments of `stressnb run`.

import type { CounterLineFormat } from '../format/counterLineWriter';
import { SPEC_LIMITS } from '../spec/specLimits';
import { scanArgs } from './cliArgs';

export interface RunArgs {
  file: string;
  /** 1-based cell number in a notebook (Markdown cells count). */
  cell?: number;
  format: CounterLineFormat;
  seed?: number;
}

export function parseRunArgs(args: readonly string[]): RunArgs | { error: string } {
  let file: string | undefined;
  let cell: number | undefined;
  let format: CounterLineFormat = 'lines';
  let seed: number | undefined;
  const error = scanArgs(args, {
    options: {
      '--cell': (value) => {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) return `--cell needs a cell number (1 is the first cell); got ${v ?? 'nothing'}`;
        cell = Number(v);
      },
      '--format': (value) => {
        const v = value();
        if (v !== 'lines' && v !== 'jsonl') return `--format must be lines or jsonl; got ${v ?? 'nothing'}`;
        format = v;
      },
      '--seed': (value) => {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v) || Number(v) > SPEC_LIMITS.maxSeed) return `--seed needs an integer from 0 to ${SPEC_LIMITS.maxSeed}; got ${v ?? 'nothing'}`;
        seed = Number(v);
      },
    },
    positional: (arg) => {
      if (file !== undefined) return `one file at a time; got ${file} and ${arg}`;
      file = arg;
    },
  });
  if (error !== undefined) return { error };
  if (file === undefined) return { error: 'which spec or notebook? stressnb run <spec.yaml | notebook.stressnb>' };
  return { file, format, ...(cell !== undefined ? { cell } : {}), ...(seed !== undefined ? { seed } : {}) };
}
