// The producer ("Netty thread"): when each load stream emits its next task, and for which of the
// stream's families. A stream emits `tasks` tasks evenly at `ratePerS` from `startS`, again every
// `everyS` seconds, or without `tasks` at `ratePerS` until production stops. A burst that is still
// running when the next is due delays it (one producer thread per stream).
//
// The streams' parameters are copied into arrays of numbers: the hot path reads numbers only, never
// an optional property (which the optimizing compiler would meet for the first time at a burst's
// end).

import type { LoadStream } from '../spec/scenarioSpec';
import { zeroes } from './numberArrays';

const US_PER_S = 1e6;

export class LoadProducer {
  private readonly startS: number[];
  /** 0 when the stream does not repeat. */
  private readonly everyS: number[];
  /** Tasks per burst; Infinity for a stream that emits until production stops. */
  private readonly tasks: number[];
  private readonly ratePerS: number[];
  private readonly families: number[];
  private readonly burstStartUs: number[];
  /** Index of the current emission within its burst. */
  private readonly k: number[];
  /** Emissions so far over all bursts: selects the family round robin. */
  private readonly emitted: number[];
  private readonly burstIndex: number[];

  constructor(
    streams: readonly LoadStream[],
    /** Production stops here (end of measure): nothing is emitted at or after it. */
    private readonly productionEndUs: number,
  ) {
    const column = (of: (s: LoadStream) => number) => streams.map(of);
    this.startS = column((s) => s.startS);
    this.everyS = column((s) => (s.everyS !== undefined && s.everyS > 0 ? s.everyS : 0));
    this.tasks = column((s) => s.tasks ?? Infinity);
    this.ratePerS = column((s) => s.ratePerS);
    this.families = column((s) => s.families);
    const n = streams.length;
    this.burstStartUs = zeroes(n);
    this.k = zeroes(n);
    this.emitted = zeroes(n);
    this.burstIndex = zeroes(n);
  }

  /** Virtual time of stream i's first emission, or -1 if it never emits. */
  first(i: number): number {
    if (this.ratePerS[i] <= 0 || this.tasks[i] === 0) return -1;
    this.burstStartUs[i] = Math.round(this.startS[i] * US_PER_S);
    return this.timeOfCurrent(i);
  }

  /** The family index (0 .. families-1) of stream i's current emission. */
  familyIndex(i: number): number {
    const families = this.families[i];
    return families > 0 ? this.emitted[i] % families : 0;
  }

  /** Moves stream i past the emission made at nowUs; returns the next emission time or -1. */
  advance(i: number, nowUs: number): number {
    this.emitted[i]++;
    if (++this.k[i] >= this.tasks[i]) {
      if (this.everyS[i] === 0) return -1;
      const nominal = Math.round((this.startS[i] + ++this.burstIndex[i] * this.everyS[i]) * US_PER_S);
      this.burstStartUs[i] = Math.max(nominal, nowUs);
      this.k[i] = 0;
    }
    return this.timeOfCurrent(i);
  }

  private timeOfCurrent(i: number): number {
    const t = this.burstStartUs[i] + Math.floor((this.k[i] * US_PER_S) / this.ratePerS[i]);
    return t < this.productionEndUs ? t : -1;
  }
}
