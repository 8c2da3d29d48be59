// The text a running cell shows, kept bounded, and the run's tick series. Each event is
// formatted and added to the series once, as it arrives: the live charts, the report and the
// baseline all read that one series instead of deriving it again from every event so far.
//
// The rule (also in docs/notebook.md):
// - while a run goes, the output shows the config header, a status line and the most recent
//   ticks that fit in `liveLines` lines (always at least the latest tick);
// - when it ends, the output keeps every tick if the whole transcript fits in `savedLines`
//   lines; a longer run keeps every k-th tick (plus phase changes and the last tick), says so
//   in a note, and the report and charts still cover every tick.

import type { ConfigHeader, EndReason, Phase, RunEvent } from '../format/runEvents';
import {
  formatConfigHeader,
  formatPhaseLine,
  formatProgress,
  formatTickLines,
  formatTime,
  formatTotalsLine,
  plannedDurationS,
} from './periodicLines';
import { TickSeriesBuilder, type TickSeries } from './tickSeries';

type TickEvent = Extract<RunEvent, { type: 'tick' }>;

export interface TranscriptLimits {
  liveLines: number;
  savedLines: number;
}

export const DEFAULT_TRANSCRIPT_LIMITS: TranscriptLimits = { liveLines: 120, savedLines: 2000 };

export type RunOutcome =
  | { state: 'running'; pace?: string; note?: string }
  | { state: 'finished' }
  | { state: 'interrupted' }
  | { state: 'failed'; message: string };

interface Entry {
  kind: 'tick' | 'phase';
  lines: string[];
}

export class RunTranscript {
  readonly events: RunEvent[] = [];
  private readonly tickSeries = new TickSeriesBuilder();
  private headerLines: string[] = [];
  private readonly entries: Entry[] = [];
  private tickCount = 0;
  private lastTickEvent: TickEvent | undefined;
  private currentPhase: Phase | undefined;
  private endReason: EndReason | undefined;
  private configHeader: ConfigHeader | undefined;
  private plannedS: number | undefined;

  constructor(private readonly limits: TranscriptLimits = DEFAULT_TRANSCRIPT_LIMITS) {}

  get config(): ConfigHeader | undefined {
    return this.configHeader;
  }
  get phase(): Phase | undefined {
    return this.currentPhase;
  }
  get lastTick(): TickEvent | undefined {
    return this.lastTickEvent;
  }
  get ticks(): number {
    return this.tickCount;
  }
  /** The tick series of the events so far (live: it grows with each push, see TickSeriesBuilder). */
  get series(): TickSeries {
    return this.tickSeries.series;
  }
  /** Seconds since the start of the run, as far as the events go. */
  get elapsedS(): number {
    return this.lastTickEvent?.t ?? 0;
  }

  /** A header to show before the source has sent its own (for example the cell's spec). */
  setProvisionalHeader(config: ConfigHeader): void {
    if (!this.configHeader) this.useConfig(config);
  }

  push(events: readonly RunEvent[]): void {
    for (const event of events) {
      this.events.push(event);
      this.tickSeries.push(event);
      if (event.type === 'config') {
        this.useConfig(event.config);
      } else if (event.type === 'phase') {
        this.currentPhase = event.phase;
        if (event.reason) this.endReason = event.reason;
        this.entries.push({ kind: 'phase', lines: [formatPhaseLine(event.t, event.phase, event.reason)] });
      } else {
        const lines = formatTickLines(event, { previous: this.lastTickEvent, phase: this.currentPhase, plannedS: this.plannedS });
        this.entries.push({ kind: 'tick', lines });
        this.lastTickEvent = event;
        this.tickCount++;
      }
    }
  }

  private useConfig(config: ConfigHeader): void {
    this.configHeader = config;
    this.headerLines = formatConfigHeader(config);
    this.plannedS = plannedDurationS(config);
  }

  statusLine(outcome: RunOutcome): string {
    const at = `t=${formatTime(this.elapsedS)}`;
    const ticks = `${this.tickCount} tick${this.tickCount === 1 ? '' : 's'}`;
    switch (outcome.state) {
      case 'running': {
        const parts = ['▶ running', this.currentPhase ? `phase=${this.currentPhase}` : 'starting', at];
        if (this.plannedS) parts.push(`progress=${formatProgress(this.elapsedS, this.plannedS)}`);
        if (outcome.pace) parts.push(`pace=${outcome.pace}`);
        if (outcome.note) parts.push(outcome.note);
        return parts.join(' · ');
      }
      case 'finished':
        return `■ finished${this.endReason ? ` (${this.endReason})` : ''} at ${at} · ${ticks}`;
      case 'interrupted':
        return `■ INTERRUPTED at ${at} · partial run, ${ticks}`;
      case 'failed':
        return `■ FAILED at ${at} · ${ticks} · ${outcome.message}`;
    }
  }

  /** The bounded view while the run goes. */
  liveText(outcome: RunOutcome = { state: 'running' }): string {
    const shown: string[][] = [];
    let budget = this.limits.liveLines;
    let hiddenTicks = this.tickCount;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i];
      if (entry.lines.length > budget && shown.length > 0) break;
      shown.push(entry.lines);
      budget -= entry.lines.length;
      if (entry.kind === 'tick') hiddenTicks--;
    }
    const body = shown.reverse().flat();
    const note = hiddenTicks > 0 ? [`… ${hiddenTicks} earlier tick${hiddenTicks === 1 ? '' : 's'} hidden while running (kept in the output when the run ends)`] : [];
    return [...this.headerLines, this.statusLine(outcome), ...note, ...body].join('\n');
  }

  /** The view kept when the run has ended (and saved with the notebook). */
  finalText(outcome: Exclude<RunOutcome, { state: 'running' }>): string {
    const total = this.entries.reduce((n, e) => n + e.lines.length, 0);
    let body: string[];
    let note: string[] = [];
    if (total <= this.limits.savedLines) {
      body = this.entries.flatMap((e) => e.lines);
    } else {
      const linesPerTick = Math.max(1, this.lastTickEvent?.partitions.length ?? 0) + 1;
      const phaseLines = this.entries.filter((e) => e.kind === 'phase').length;
      const tickBudget = Math.max(1, Math.floor((this.limits.savedLines - phaseLines) / linesPerTick));
      const every = Math.max(2, Math.ceil(this.tickCount / tickBudget));
      let tickIndex = 0;
      let shownTicks = 0;
      body = [];
      for (const entry of this.entries) {
        if (entry.kind === 'phase') {
          body.push(...entry.lines);
          continue;
        }
        tickIndex++;
        if (tickIndex % every === 0 || tickIndex === this.tickCount) {
          body.push(...entry.lines);
          shownTicks++;
        }
      }
      note = [
        `… long run: 1 tick in every ${every} is shown (${shownTicks} of ${this.tickCount} ticks, the last one included); each line's deltas are since the tick just before it; the report and charts use every tick`,
      ];
    }
    return [...this.headerLines, this.statusLine(outcome), ...note, ...body, formatTotalsLine(this.lastTickEvent)].join('\n');
  }
}
