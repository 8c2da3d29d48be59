// Seeded pseudo-random numbers (mulberry32): small, fast, and identical on every platform, so a
// run is reproducible from its seed. Not for cryptography.

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/**
 * An independent generator for one purpose (work costs, wake-ups, faults...) derived from the run's
 * seed, so that for example enabling a fault does not shift every work cost of the run.
 */
export function rngFor(seed: number, purpose: number): Rng {
  return new Rng(Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(purpose + 1, 0xc2b2ae35));
}
