// Business-handler cost per task, sampled from the spec's distribution, in whole microseconds
// of virtual time.

import type { WorkCost } from '../spec/scenarioSpec';
import type { Rng } from './rng';

export class WorkCostSampler {
  private spareNormal = NaN;

  constructor(
    private readonly cost: WorkCost,
    private readonly rng: Rng,
  ) {}

  nextUs(): number {
    return Math.max(0, Math.round(this.nextMs() * 1000));
  }

  private nextMs(): number {
    const c = this.cost;
    switch (c.dist) {
      case 'fixed':
        return c.ms;
      case 'uniform':
        return c.minMs + this.rng.next() * (c.maxMs - c.minMs);
      case 'exponential':
        return -c.meanMs * Math.log(1 - this.rng.next());
      case 'lognormal':
        return c.medianMs * Math.exp(c.sigma * this.standardNormal());
    }
  }

  /** Box-Muller; the second value of each pair is kept for the next call. */
  private standardNormal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = NaN;
      return z;
    }
    const u = 1 - this.rng.next();
    const v = this.rng.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }
}

/** How the config header prints a work cost: `15`, `uniform(10,20)`, `lognormal(15,0.5)`. */
export function formatWorkCost(cost: WorkCost): string {
  switch (cost.dist) {
    case 'fixed':
      return String(cost.ms);
    case 'uniform':
      return `uniform(${cost.minMs},${cost.maxMs})`;
    case 'exponential':
      return `exponential(${cost.meanMs})`;
    case 'lognormal':
      return `lognormal(${cost.medianMs},${cost.sigma})`;
  }
}
