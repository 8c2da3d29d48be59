// What a metrics or Prometheus source prints: the counter-line contract (DESIGN.md section 4), fed
// through the same CounterLineFeed a command's stdout goes through, so its run events, its checks
// of every line and its `done` phase are those of any other source. The config line first, the
// phase lines as the phases begin (warmup at 0, measure at warmupS, cooldown at warmupS +
// measureS), then one line per partition that has all its counters at a tick; a partition
// without one is carried forward and marked unreported by the parser, as for a log.

import { formatRunEvent } from '../../format/counterLineWriter';
import { COUNTER_KEYS, type ConfigHeader, type PartitionCounters, type Phase } from '../../format/runEvents';
import type { CounterLineFeed } from '../counterLineFeed';

export interface PhaseLengths {
  warmupS: number;
  measureS: number;
  cooldownS: number;
}

export class CounterLineEmitter {
  private readonly phases: { t: number; phase: Phase }[];
  private nextPhase = 0;

  constructor(
    private readonly feed: CounterLineFeed,
    lengths: PhaseLengths,
  ) {
    this.phases = [
      ...(lengths.warmupS > 0 ? [{ t: 0, phase: 'warmup' as const }] : []),
      { t: lengths.warmupS, phase: 'measure' },
      { t: lengths.warmupS + lengths.measureS, phase: 'cooldown' },
    ];
  }

  config(config: ConfigHeader): void {
    this.write(formatRunEvent({ type: 'config', config }, 'lines'));
  }

  /** The phase lines due by `t`, then the tick's partition lines. */
  tick(t: number, partitions: readonly (PartitionCounters | undefined)[]): void {
    const lines: string[] = [];
    while (this.nextPhase < this.phases.length && this.phases[this.nextPhase].t <= t + 1e-9) {
      const { t: at, phase } = this.phases[this.nextPhase++];
      lines.push(...formatRunEvent({ type: 'phase', t: at, phase }, 'lines'));
    }
    const time = t.toFixed(3);
    partitions.forEach((counters, p) => {
      if (!counters) return;
      let line = `t=${time} partition=${p}`;
      for (const key of COUNTER_KEYS) line += ` ${key}=${wholeValue(counters[key])}`;
      lines.push(line);
    });
    this.write(lines);
  }

  private write(lines: string[]): void {
    if (lines.length > 0) this.feed.pushChunk(`${lines.join('\n')}\n`);
  }
}

/** Client libraries keep counters as floats (Micrometer's 1234.0): the contract's are whole numbers. */
function wholeValue(value: number): string {
  return String(Math.round(value));
}
