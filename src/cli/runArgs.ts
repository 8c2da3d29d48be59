// The arguments of `stressnb run`.

import type { CounterLineFormat } from '../format/counterLineWriter';
import { SPEC_LIMITS } from '../format/specLimits';

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
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case '--cell': {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) return { error: `--cell needs a cell number (1 is the first cell); got ${v ?? 'nothing'}` };
        cell = Number(v);
        break;
      }
      case '--format': {
        const v = value();
        if (v !== 'lines' && v !== 'jsonl') return { error: `--format must be lines or jsonl; got ${v ?? 'nothing'}` };
        format = v;
        break;
      }
      case '--seed': {
        const v = value();
        if (v === undefined || !/^\d+$/.test(v) || Number(v) > SPEC_LIMITS.maxSeed) return { error: `--seed needs an integer from 0 to ${SPEC_LIMITS.maxSeed}; got ${v ?? 'nothing'}` };
        seed = Number(v);
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') return { error: `unknown option ${arg}` };
        if (file !== undefined) return { error: `one file at a time; got ${file} and ${arg}` };
        file = arg;
    }
  }
  if (file === undefined) return { error: 'which spec or notebook? stressnb run <spec.yaml | notebook.stressnb>' };
  return { file, format, ...(cell !== undefined ? { cell } : {}), ...(seed !== undefined ? { seed } : {}) };
}
