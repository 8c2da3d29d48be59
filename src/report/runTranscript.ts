// The text a running cell shows, kept bounded, the run's whole transcript, and the run's tick
// series. Each event is formatted and added to the series once, as it arrives: the live charts,
// the report and the baseline all read that one series instead of deriving it again.
//
// The rule (also in docs/notebook.md):
// - the cell shows a view that fits `viewLines` lines (VS Code truncates longer text outputs in
//   the middle): the config header, a status line and a compact table (transcriptTable.ts) of
//   the latest ticks while the run goes, of the run's story when it has ended;
// - the full transcript (every tick, one line per partition and a global line) is kept beside it
//   when the run ends: every tick if it fits in `savedLines` lines, else every k-th tick (plus
//   phase changes and the last tick), said in a note; the report and charts use every tick;
// - memory stays bounded however long the run: once the kept lines pass KEEP_FACTOR × savedLines,
//   only every k-th tick's lines are kept (k doubling each time), which is all the full
//   transcript of such a run shows anyway (its 1 in every n is then a multiple of k).

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
import { formatTable, recentRows, storyRows, type TableMark } from './transcriptTable';
import { TickSeriesBuilder } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';

type TickEvent = Extract<RunEvent, { type: 'tick' }>;

export interface TranscriptLimits {
  /** Lines the shown view may take in all (VS Code's notebook.output.textLineLimit). */
  viewLines: number;
  /** Lines the full transcript keeps before it keeps only every k-th tick. */
  savedLines: number;
}

export const DEFAULT_TRANSCRIPT_LIMITS: TranscriptLimits = { viewLines: 30, savedLines: 10_000 };

/** Width the view's config header is wrapped at (a 1,200 px output holds about 140 characters). */
const VIEW_WIDTH = 110;
/** A table keeps at least this many rows, whatever the line budget. */
const MIN_TABLE_ROWS = 5;

export type RunOutcome =
  | { state: 'running'; pace?: string; note?: string }
  | { state: 'finished' }
  | { state: 'interrupted' }
  | { state: 'failed'; message: string };

interface Entry {
  kind: 'tick' | 'phase';
  lines: string[];
  /** For a tick: its number, from 1. */
  tick: number;
}

/** The kept lines may reach this many times `savedLines` before every other kept tick is dropped. */
const KEEP_FACTOR = 4;

export class RunTranscript {
  private readonly tickSeries = new TickSeriesBuilder();
  private headerLines: string[] = [];
  private readonly entries: Entry[] = [];
  private tickCount = 0;
  /** Every kept tick's number is a multiple of this (1 until the run outgrew KEEP_FACTOR × savedLines). */
  private keptEvery = 1;
  private keptLines = 0;
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
  /** Planned length of the run in seconds, when its header says. */
  get plannedDurationS(): number | undefined {
    return this.plannedS;
  }
  /** Why the run ended, once its `done` phase came. */
  get endedBecause(): EndReason | undefined {
    return this.endReason;
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
      this.tickSeries.push(event);
      if (event.type === 'config') {
        this.useConfig(event.config);
      } else if (event.type === 'phase') {
        this.currentPhase = event.phase;
        if (event.reason) this.endReason = event.reason;
        this.entries.push({ kind: 'phase', lines: [formatPhaseLine(event.t, event.phase, event.reason)], tick: this.tickCount });
        this.keptLines++;
      } else {
        const lines = formatTickLines(event, { previous: this.lastTickEvent, phase: this.currentPhase, plannedS: this.plannedS });
        this.lastTickEvent = event;
        this.tickCount++;
        this.entries.push({ kind: 'tick', lines, tick: this.tickCount });
        this.keptLines += lines.length;
        if (this.keptLines > KEEP_FACTOR * this.limits.savedLines) this.thinKeptTicks();
      }
    }
  }

  /** Keeps every (2 × keptEvery)-th tick's lines (and the latest tick's, and every phase line). */
  private thinKeptTicks(): void {
    this.keptEvery *= 2;
    const latest = this.entries[this.entries.length - 1];
    const kept = this.entries.filter((e) => e.kind === 'phase' || e.tick % this.keptEvery === 0 || e === latest);
    this.entries.length = 0;
    this.entries.push(...kept);
    this.keptLines = kept.reduce((n, e) => n + e.lines.length, 0);
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

  /** The config header as the view shows it: the config line wrapped to the view's width. */
  private viewHeader(): string[] {
    const [configLine, ...rest] = this.headerLines;
    return configLine === undefined ? [] : [...wrapWords(configLine, VIEW_WIDTH, '       '), ...rest];
  }

  /** The bounded view while the run goes: the latest ticks, one row each. */
  liveText(outcome: RunOutcome = { state: 'running' }): string {
    const header = this.viewHeader();
    const rows = recentRows(this.series, Math.max(MIN_TABLE_ROWS, this.limits.viewLines - header.length - 3));
    const hidden = this.tickCount - rows.length;
    const note = hidden > 0 ? [`… ${hidden} earlier tick${hidden === 1 ? '' : 's'} not shown while running (every tick is kept)`] : [];
    const table = rows.length > 0 ? formatTable(this.series, rows) : [];
    return [...header, this.statusLine(outcome), ...note, ...table].join('\n');
  }

  /** The view kept when the run has ended: the run's story in a table that fits the view. */
  finalText(outcome: Exclude<RunOutcome, { state: 'running' }>, marks: readonly TableMark[] = []): string {
    const header = this.viewHeader();
    const rows = storyRows(this.series, marks, Math.max(MIN_TABLE_ROWS, this.limits.viewLines - header.length - 4));
    if (rows.length === 0) return [...header, this.statusLine(outcome), 'no tick was recorded'].join('\n');
    const legend = "slowest: the partition with the least completed/s · every tick's per-partition lines: Open Full Transcript";
    const preface =
      rows.length === this.tickCount
        ? [`${this.tickCount} tick${this.tickCount === 1 ? '' : 's'}, one row each`, legend]
        : [
            `${this.tickCount} ticks in ${rows.length} rows; a row of several ticks shows their average rates and the counters at its last tick`,
            legend,
          ];
    return [...header, this.statusLine(outcome), ...preface, ...formatTable(this.series, rows)].join('\n');
  }

  /** The whole transcript, kept with the notebook: header, status, every tick's lines, totals. */
  fullLines(outcome: Exclude<RunOutcome, { state: 'running' }>): string[] {
    const total = this.entries.reduce((n, e) => n + e.lines.length, 0);
    let body: string[];
    let note: string[] = [];
    if (total <= this.limits.savedLines && this.keptEvery === 1) {
      body = this.entries.flatMap((e) => e.lines);
    } else {
      const linesPerTick = Math.max(1, this.lastTickEvent?.partitions.length ?? 0) + 1;
      const phaseLines = this.entries.filter((e) => e.kind === 'phase').length;
      const tickBudget = Math.max(1, Math.floor((this.limits.savedLines - phaseLines) / linesPerTick));
      // A multiple of keptEvery: the ticks it shows are among those kept.
      const every = Math.ceil(Math.max(2, Math.ceil(this.tickCount / tickBudget)) / this.keptEvery) * this.keptEvery;
      let shownTicks = 0;
      body = [];
      for (const entry of this.entries) {
        if (entry.kind === 'phase') {
          body.push(...entry.lines);
          continue;
        }
        if (entry.tick % every === 0 || entry.tick === this.tickCount) {
          body.push(...entry.lines);
          shownTicks++;
        }
      }
      note = [
        `… long run: 1 tick in every ${every} is shown (${shownTicks} of ${this.tickCount} ticks, the last one included); each line's deltas are since the tick just before it; the report and charts use every tick`,
      ];
    }
    return [...this.headerLines, this.statusLine(outcome), ...note, ...body, formatTotalsLine(this.lastTickEvent)];
  }
}

/** Splits a line at spaces so no piece is longer than `width` (a single longer word stays whole). */
function wrapWords(line: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = indent + word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  return out;
}
