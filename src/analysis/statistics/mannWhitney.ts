// The Mann-Whitney U test (Wilcoxon rank-sum test), two-sided: are the two samples from the same
// distribution, or is one shifted? It assumes nothing about the shape of run-to-run noise, which is
// why Go's benchstat compares benchmarks with it, and it works from very few runs.
//
// - U of the first sample counts the pairs (x, y) with x > y, a tie counting one half.
// - Small samples (both below 50, the limit R's wilcox.test uses): the exact p-value, from the
//   permutation distribution of the rank sum given the ties (every way to split the pooled values
//   into the two groups is equally likely under the null hypothesis). Without ties this is the
//   classic exact distribution of U (R's wilcox.test, scipy's method="exact"); with ties it is the
//   exact conditional test (scipy's method=PermutationMethod(), R's coin::wilcox_test exact), not
//   the tie-blind table a textbook prints. Two-sided: twice the smaller tail, at most 1.
// - Larger samples: the normal approximation with the tie correction of the variance and a
//   continuity correction of 1/2 (R's wilcox.test default, scipy's method="asymptotic").

import { normalUpperTail } from './normalDistribution';

export interface MannWhitneyResult {
  n1: number;
  n2: number;
  /** U of the first sample (pairs x > y, ties one half); the second's is n1 n2 - u. */
  u: number;
  /** Two-sided p-value. */
  pValue: number;
  method: 'exact' | 'normal';
  /** Whether some values are tied (ranks shared). */
  ties: boolean;
}

/** Both samples below this size: exact p-value. */
export const EXACT_BELOW = 50;

interface Ranked {
  /** Each value's rank, doubled so that mid-ranks of ties stay integers. */
  doubledRanks: number[];
  /** Which sample each value came from (0 first, 1 second), in the same order. */
  groups: number[];
  /** Sizes of the groups of tied values (1 for a value without a tie). */
  tieSizes: number[];
}

function rankPooled(x: readonly number[], y: readonly number[]): Ranked {
  const pooled = [...x.map((v) => ({ v, g: 0 })), ...y.map((v) => ({ v, g: 1 }))].sort((a, b) => a.v - b.v);
  const doubledRanks: number[] = new Array(pooled.length);
  const tieSizes: number[] = [];
  for (let i = 0; i < pooled.length; ) {
    let j = i;
    while (j + 1 < pooled.length && pooled[j + 1].v === pooled[i].v) j++;
    // ranks i+1 .. j+1 share their mean (i + j + 2) / 2; doubled: i + j + 2
    for (let k = i; k <= j; k++) doubledRanks[k] = i + j + 2;
    tieSizes.push(j - i + 1);
    i = j + 1;
  }
  return { doubledRanks, groups: pooled.map((p) => p.g), tieSizes };
}

export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new Error('the Mann-Whitney test needs at least one value on each side');
  if ([...x, ...y].some((v) => !Number.isFinite(v))) throw new Error('the Mann-Whitney test takes finite numbers only');
  const { doubledRanks, groups, tieSizes } = rankPooled(x, y);
  let doubledRankSum = 0;
  for (let i = 0; i < groups.length; i++) if (groups[i] === 0) doubledRankSum += doubledRanks[i];
  const u = doubledRankSum / 2 - (n1 * (n1 + 1)) / 2;
  const ties = tieSizes.some((t) => t > 1);
  if (n1 < EXACT_BELOW && n2 < EXACT_BELOW) {
    return { n1, n2, u, pValue: exactPValue(doubledRanks, n1, doubledRankSum), method: 'exact', ties };
  }
  return { n1, n2, u, pValue: normalPValue(u, n1, n2, tieSizes), method: 'normal', ties };
}

/**
 * Two-sided exact p-value of the doubled rank sum `observed` of a group of n1 values: counts, for
 * every possible sum, the subsets of n1 of the pooled doubled ranks that give it (a 0/1 knapsack
 * over the values, in floating point: the counts reach C(98, 49) ~ 2.5e28, well within a
 * double's range, with relative rounding near 1e-16).
 */
function exactPValue(doubledRanks: readonly number[], n1: number, observed: number): number {
  const maxSum = [...doubledRanks]
    .sort((a, b) => b - a)
    .slice(0, n1)
    .reduce((s, r) => s + r, 0);
  const width = maxSum + 1;
  // ways[j * width + t]: subsets of j values (of those seen so far) with doubled rank sum t
  const ways = new Float64Array((n1 + 1) * width);
  ways[0] = 1;
  let seen = 0;
  let reach = 0; // the largest sum reachable so far
  for (const r of doubledRanks) {
    seen++;
    for (let j = Math.min(seen, n1) - 1; j >= 0; j--) {
      const from = j * width;
      const to = (j + 1) * width + r;
      for (let t = Math.min(reach, maxSum - r); t >= 0; t--) {
        const w = ways[from + t];
        if (w !== 0) ways[to + t] += w;
      }
    }
    reach = Math.min(maxSum, reach + r);
  }
  let total = 0;
  let atMost = 0;
  let atLeast = 0;
  const last = n1 * width;
  for (let t = 0; t <= maxSum; t++) {
    const w = ways[last + t];
    total += w;
    if (t <= observed) atMost += w;
    if (t >= observed) atLeast += w;
  }
  return Math.min(1, (2 * Math.min(atMost, atLeast)) / total);
}

/** Two-sided p-value of the normal approximation, with the tie-corrected variance and a continuity correction. */
function normalPValue(u: number, n1: number, n2: number, tieSizes: readonly number[]): number {
  const n = n1 + n2;
  const tieTerm = tieSizes.reduce((s, t) => s + (t * t * t - t), 0);
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return 1; // every value tied: nothing to tell apart
  const shift = Math.abs(u - (n1 * n2) / 2);
  const z = Math.max(0, shift - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * normalUpperTail(z));
}

/** The smallest two-sided p-value the exact test can give for these sample sizes (fully separated samples, no ties): 2 / C(n1 + n2, n1). */
export function smallestExactPValue(n1: number, n2: number): number {
  let c = 1;
  for (let i = 1; i <= Math.min(n1, n2); i++) c = (c * (n1 + n2 - Math.min(n1, n2) + i)) / i;
  return Math.min(1, 2 / c);
}
