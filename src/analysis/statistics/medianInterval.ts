// A distribution-free confidence interval of the median: the order-statistic interval
// [x(k), x(n+1-k)] (Hollander, Wolfe & Chicken, "Nonparametric Statistical Methods", 3rd ed.,
// section 3.6; Conover, "Practical Nonparametric Statistics", 3rd ed., section 3.2). The number of
// sample values below the true median is Binomial(n, 1/2), so the interval covers the median with
// probability 1 - 2 P(B <= k-1), whatever the distribution (continuous). The largest k whose
// coverage is at least the level is taken; the coverage is exact, not nominal.
//
// Not a bootstrap: with the handful of repeats a stress run gets (3 to 10), a percentile bootstrap
// of the median collapses to neighbouring order statistics and covers far less than it claims.
// The price of honesty: below 6 values no interval reaches 95 % (the widest, [min, max], covers
// 1 - 2/2^n: 93.75 % for 5), so there is none. Go's benchstat does the same ("need >= 6 samples
// for confidence interval at level 0.95").

export interface MedianInterval {
  lo: number;
  hi: number;
  /** The exact coverage of [x(k), x(n+1-k)], at least the level asked for. */
  confidence: number;
  /** The 1-based rank of the lower end (the upper end is n + 1 - k). */
  k: number;
}

/** P(B <= k) for B ~ Binomial(n, 1/2); in log space beyond n = 1000, where 2^-n underflows. */
export function binomialHalfCdf(n: number, k: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let sum = 0;
  if (n <= 1000) {
    let pmf = 2 ** -n;
    for (let i = 0; i <= k; i++) {
      sum += pmf;
      pmf *= (n - i) / (i + 1);
    }
  } else {
    let logPmf = -n * Math.LN2;
    for (let i = 0; i <= k; i++) {
      sum += Math.exp(logPmf);
      logPmf += Math.log((n - i) / (i + 1));
    }
  }
  return Math.min(1, sum);
}

/** The rank k of the lower end of the interval for n values at this level, or undefined when even [min, max] falls short. */
export function medianIntervalRank(n: number, level = 0.95): { k: number; confidence: number } | undefined {
  let best: { k: number; confidence: number } | undefined;
  for (let k = 1; 2 * k <= n; k++) {
    const confidence = 1 - 2 * binomialHalfCdf(n, k - 1);
    if (confidence < level) break;
    best = { k, confidence };
  }
  return best;
}

/** The interval for these values (in any order), or undefined when there are too few of them for the level. */
export function medianInterval(values: readonly number[], level = 0.95): MedianInterval | undefined {
  const rank = medianIntervalRank(values.length, level);
  if (!rank) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return { lo: sorted[rank.k - 1], hi: sorted[values.length - rank.k], confidence: rank.confidence, k: rank.k };
}

/** The fewest values that give an interval at this level (6 at 95 %). */
export function valuesNeededForInterval(level = 0.95): number {
  let n = 2;
  while (!medianIntervalRank(n, level)) n++;
  return n;
}
