// Turns the decoded lines of a counter-line stream into run events, whatever their format.
//
// Partition lines sharing one `t` form one `tick` event. A tick is emitted when a line with another
// `t`, a phase line, a config line or the end of the stream arrives, or, when the config line gives
// the partition count, as soon as every partition is in. When a tick is still missing partitions,
// it stays open while the next tick fills (so lines of two ticks that arrive interleaved still land
// in the right tick); a third `t` closes it. Partitions still missing when a tick is emitted carry
// their last values forward (counters are cumulative), are counted in `stats.carriedForward` and
// are listed in the tick's `unreported` (the analysis checks that every partition reports).

import { COUNTER_KEYS } from './runEvents';
import type { ConfigHeader, EndReason, PartitionCounters, Phase, RunEvent } from './runEvents';
import { emptyStats, keepProblem } from './counterLineStats';
import type { CounterLineParserStats, LineText } from './counterLineStats';

const PHASES: readonly Phase[] = ['warmup', 'measure', 'cooldown', 'done'];
const END_REASONS: readonly EndReason[] = ['drained', 'cooldown-timeout', 'interrupted', 'source-ended', 'source-failed'];

/**
 * The most partitions a log may have: each partition costs the analysis memory at every tick
 * (docs/analysis.md, "Soak scale"), so a count beyond (a typo, a key mistaken for a partition) is
 * refused with its reason instead of exhausting memory. Four times what the engine runs.
 */
export const MAX_LOG_PARTITIONS = 4096;

const ZERO_COUNTERS = Object.fromEntries(COUNTER_KEYS.map((key) => [key, 0])) as PartitionCounters;

interface OpenTick {
  t: number;
  parts: (PartitionCounters | undefined)[];
  filled: number;
}

export class TickAssembler {
  /** 1-based number of the line being read, for problems; the reader sets it. */
  lineNo = 0;
  /** `partitions` is brought up to date by partitionCount(). */
  readonly stats: CounterLineParserStats = emptyStats();
  private configPartitions: number | undefined;
  private maxPartitionSeen = -1;
  private readonly open: OpenTick[] = [];
  private lastEmittedT = -Infinity;
  private last: (PartitionCounters | undefined)[] = [];

  error(line: LineText, message: string): void {
    this.stats.errorCount++;
    keepProblem(this.stats.errors, this.lineNo, line, message);
  }

  warning(line: LineText, message: string): void {
    this.stats.warningCount++;
    keepProblem(this.stats.warnings, this.lineNo, line, message);
  }

  configLine(line: string, config: ConfigHeader, out: RunEvent[]): void {
    this.flushAll(out);
    this.stats.configLines++;
    // A config line starts a new run (runSplitter.ts): its counters and times start again.
    this.last = [];
    this.lastEmittedT = -Infinity;
    this.maxPartitionSeen = -1;
    if ('partitions' in config) {
      const p = Number(config.partitions);
      if (Number.isInteger(p) && p > MAX_LOG_PARTITIONS) {
        this.error(
          line,
          `config partitions=${config.partitions} is more than the ${MAX_LOG_PARTITIONS} partitions a log may have (the analysis keeps every partition's counters at every tick); partition lines beyond ${MAX_LOG_PARTITIONS - 1} are refused`,
        );
        this.configPartitions = undefined;
      } else if (Number.isInteger(p) && p > 0) {
        this.configPartitions = p;
      } else {
        this.error(
          line,
          `config partitions=${config.partitions} is not a partition count (expected a whole number >= 1); the highest partition seen is used instead`,
        );
        this.configPartitions = undefined;
      }
    } else {
      this.configPartitions = undefined;
    }
    out.push({ type: 'config', config });
  }

  phaseLine(line: string, t: number, phase: string, reason: string | undefined, out: RunEvent[]): void {
    if (!(PHASES as readonly string[]).includes(phase)) {
      this.error(line, `unknown phase "${phase}": expected one of ${PHASES.join(', ')}`);
      return;
    }
    this.flushAll(out);
    this.stats.phaseLines++;
    const event: RunEvent = { type: 'phase', t, phase: phase as Phase };
    if (reason !== undefined) {
      if ((END_REASONS as readonly string[]).includes(reason)) event.reason = reason as EndReason;
      else this.warning(line, `unknown end reason "${reason}" (known: ${END_REASONS.join(', ')}); ignored`);
    }
    out.push(event);
  }

  counterLine(line: LineText, t: number, partition: number, counters: PartitionCounters, out: RunEvent[]): void {
    if (partition >= MAX_LOG_PARTITIONS) {
      this.error(
        line,
        `partition ${partition} is beyond the ${MAX_LOG_PARTITIONS} partitions a log may have (0 to ${MAX_LOG_PARTITIONS - 1}: the analysis keeps every partition's counters at every tick); skipped`,
      );
      return;
    }
    if (this.configPartitions !== undefined && partition >= this.configPartitions) {
      this.error(
        line,
        `partition ${partition} is out of range: the config line says partitions=${this.configPartitions} (0 to ${this.configPartitions - 1})`,
      );
      return;
    }
    let tick = this.findOpen(t);
    if (!tick) {
      if (t <= this.lastEmittedT) {
        this.error(line, `arrived after the tick at t=${formatT(t)} was already complete (out of order); skipped`);
        return;
      }
      tick = this.openTick(t, out);
    }
    if (tick.parts[partition] !== undefined) {
      this.error(line, `partition ${partition} appears twice at t=${formatT(t)}; the first line is kept`);
      return;
    }
    this.stats.counterLines++;
    if (partition > this.maxPartitionSeen) this.maxPartitionSeen = partition;
    tick.parts[partition] = counters;
    tick.filled++;
    this.checkMonotonic(line, partition, counters);
    if (this.configPartitions !== undefined && tick.filled >= this.configPartitions) {
      while (this.open.length > 0 && this.open[0].t <= t) this.emit(this.open.shift()!, out);
    }
  }

  /** Emits every open tick (the stream is over, or a phase or config line closes them). */
  flushAll(out: RunEvent[]): void {
    while (this.open.length > 0) this.emit(this.open.shift()!, out);
  }

  /** The config line's partition count, else the highest partition seen plus one. */
  partitionCount(): number {
    return this.configPartitions ?? this.maxPartitionSeen + 1;
  }

  private findOpen(t: number): OpenTick | undefined {
    for (let i = this.open.length - 1; i >= 0; i--) if (this.open[i].t === t) return this.open[i];
    return undefined;
  }

  /** Opens a tick for a new `t`, closing the ticks that can no longer receive lines. */
  private openTick(t: number, out: RunEvent[]): OpenTick {
    // `open` is in time order. Of the ticks older than t, only the newest may stay open, and only
    // while it is incomplete (its missing partitions may still arrive, interleaved).
    let older = 0;
    while (older < this.open.length && this.open[older].t < t) older++;
    for (let i = 0; i < older - 1; i++) this.emit(this.open.shift()!, out);
    if (older > 0 && this.isComplete(this.open[0])) this.emit(this.open.shift()!, out);
    const tick: OpenTick = { t, parts: [], filled: 0 };
    let at = this.open.length;
    while (at > 0 && this.open[at - 1].t > t) at--;
    this.open.splice(at, 0, tick);
    while (this.open.length > 2) this.emit(this.open.shift()!, out);
    return tick;
  }

  private isComplete(tick: OpenTick): boolean {
    return this.configPartitions === undefined || tick.filled >= this.configPartitions;
  }

  private emit(tick: OpenTick, out: RunEvent[]): void {
    const n = this.partitionCount();
    const partitions: PartitionCounters[] = new Array(n);
    const unreported: number[] = [];
    for (let p = 0; p < n; p++) {
      let c = tick.parts[p];
      if (c === undefined) {
        c = { ...(this.last[p] ?? ZERO_COUNTERS) };
        this.stats.carriedForward++;
        unreported.push(p);
      }
      partitions[p] = c;
      this.last[p] = c;
    }
    this.lastEmittedT = tick.t;
    this.stats.ticks++;
    out.push(unreported.length > 0 ? { type: 'tick', t: tick.t, partitions, unreported } : { type: 'tick', t: tick.t, partitions });
  }

  private checkMonotonic(line: LineText, partition: number, c: PartitionCounters): void {
    const prev = this.last[partition];
    if (!prev) return;
    // Written out (by name) because this runs for every partition line; the two gauges,
    // readyFamiliesCount and inFlightFamiliesCount, may go down.
    const key =
      c.tasksIn < prev.tasksIn
        ? 'tasksIn'
        : c.dispatched < prev.dispatched
          ? 'dispatched'
          : c.completed < prev.completed
            ? 'completed'
            : c.rejectsBusy < prev.rejectsBusy
              ? 'rejectsBusy'
              : c.enqueuedDueToBusy < prev.enqueuedDueToBusy
                ? 'enqueuedDueToBusy'
                : c.maxPendingDepthObserved < prev.maxPendingDepthObserved
                  ? 'maxPendingDepthObserved'
                  : undefined;
    if (key !== undefined) {
      this.warning(
        line,
        `${key} of partition ${partition} went down from ${prev[key]} to ${c[key]} (counters are cumulative: did the program restart?)`,
      );
    }
  }
}

function formatT(t: number): string {
  return t.toFixed(3);
}
