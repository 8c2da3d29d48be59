// The statistics behind run comparisons, against reference values computed elsewhere. Every
// reference says where it came from; scipy means SciPy 1.17.1 (python3 on the build machine):
//   stats.mannwhitneyu(x, y, method='exact')                              no ties
//   stats.mannwhitneyu(x, y, method=stats.PermutationMethod(n_resamples=10**7))   ties, exact conditional
//   stats.mannwhitneyu(x, y, method='asymptotic')                         normal approximation, tie and continuity corrected
//   1 - 2 * stats.binom.cdf(k - 1, n, 0.5)                                coverage of the order-statistic interval
//   stats.norm.sf(z)                                                      normal upper tail

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mannWhitneyU, smallestExactPValue } from '../../src/analysis/statistics/mannWhitney';
import { binomialHalfCdf, medianInterval, medianIntervalRank, valuesNeededForInterval } from '../../src/analysis/statistics/medianInterval';
import { erfc, normalUpperTail } from '../../src/analysis/statistics/normalDistribution';
import { median, summarizeSample } from '../../src/analysis/statistics/sampleSummary';

function close(actual: number, expected: number, relative = 1e-9, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= relative * Math.abs(expected), `${what} ${actual} is not ${expected} (to ${relative} relative)`);
}

describe('sample summary', () => {
  test('median of odd and even samples, in any order; min and max', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.deepEqual(summarizeSample([401, 396, 405, 399, 402]), { n: 5, median: 401, min: 396, max: 405 });
    assert.ok(Number.isNaN(summarizeSample([]).median));
  });
});

describe('order-statistic interval of the median', () => {
  test('coverage 1 - 2 P(B <= k-1), B ~ Binomial(n, 1/2) (scipy binom.cdf)', () => {
    assert.equal(binomialHalfCdf(10, 1), 11 / 1024);
    close(1 - 2 * binomialHalfCdf(20, 5), 0.9586105346679688, 1e-14);
    close(1 - 2 * binomialHalfCdf(100, 39), 0.9647997997822951, 1e-12);
    assert.equal(binomialHalfCdf(4, 4), 1);
    assert.equal(binomialHalfCdf(4, -1), 0);
  });

  test('the widest k that still covers 95 %: the textbook ranks (Hollander & Wolfe table; scipy binom)', () => {
    // n = 5: [min, max] covers only 0.9375 (scipy: 0.9375), so no 95 % interval
    assert.equal(medianIntervalRank(5), undefined);
    assert.deepEqual(medianIntervalRank(6), { k: 1, confidence: 0.96875 });
    assert.deepEqual(medianIntervalRank(10), { k: 2, confidence: 0.978515625 }); // k = 3 would cover 0.890625
    assert.deepEqual(medianIntervalRank(20), { k: 6, confidence: 0.9586105346679688 }); // k = 7: 0.8846817016601562
    const r100 = medianIntervalRank(100)!;
    assert.equal(r100.k, 40); // k = 41 covers 0.9431120663590191 < 0.95
    close(r100.confidence, 0.9647997997822951, 1e-12);
    const r2000 = medianIntervalRank(2000)!; // past n = 1000 the sum runs in log space
    assert.equal(r2000.k, 956);
    close(r2000.confidence, 0.9534471795082164, 1e-10);
    close(binomialHalfCdf(2000, 955), 0.023276410245891777, 1e-9);
    assert.equal(valuesNeededForInterval(0.95), 6); // benchstat: "need >= 6 samples for confidence interval at level 0.95"
    assert.equal(medianIntervalRank(5, 0.9)!.k, 1, 'at 90 % five values are enough');
  });

  test('the interval is read from the sorted sample', () => {
    const values = [12, 3, 9, 1, 7, 5, 11, 2, 8, 10];
    assert.deepEqual(medianInterval(values), { lo: 2, hi: 11, confidence: 0.978515625, k: 2 });
    assert.equal(medianInterval([1, 2, 3, 4, 5]), undefined);
  });
});

describe('normal upper tail', () => {
  test('matches scipy.stats.norm.sf to 1e-13 relative, far into the tail', () => {
    const reference: [number, number][] = [
      [1.96, 0.024997895148220435],
      [5.0, 2.866515718791933e-7],
      [0.1, 0.460172162722971],
      [-1.5, 0.9331927987311419],
      [9, 1.1285884059538324e-19],
      [2.4, 0.008197535924596131],
      [3.6, 0.00015910859015753364],
    ];
    for (const [z, p] of reference) close(normalUpperTail(z), p, 1e-13, `sf(${z})`);
    assert.equal(erfc(0), 1);
    close(erfc(-1) + erfc(1), 2, 1e-15);
  });
});

describe('Mann-Whitney U, two-sided', () => {
  test('exact, no ties: the scipy documentation example (U = 17, p = 0.1111)', () => {
    // scipy.stats.mannwhitneyu docs, "males" and "females"; scipy method='exact': 0.1111111111111111
    const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
    assert.equal(r.u, 17);
    assert.equal(r.method, 'exact');
    assert.equal(r.ties, false);
    close(r.pValue, 0.1111111111111111, 1e-12);
  });

  test('exact, no ties: five runs against five fully separated ones give p = 2 / C(10, 5)', () => {
    // scipy exact: 0.007936507936507936 = 2/252 (the smallest p with 5 and 5)
    const r = mannWhitneyU([401, 398, 405, 396, 403], [350, 352, 349, 351, 353]);
    assert.equal(r.u, 25);
    close(r.pValue, 2 / 252, 1e-12);
    close(mannWhitneyU([350, 352, 349, 351, 353], [401, 398, 405, 396, 403]).pValue, 2 / 252, 1e-12, 'symmetric');
    assert.equal(mannWhitneyU([350, 352, 349, 351, 353], [401, 398, 405, 396, 403]).u, 0);
  });

  test('exact, no ties: interleaved samples, unequal sizes', () => {
    // scipy exact: U = 13, p = 1.0; U = 3, p = 0.11666666666666667
    const a = mannWhitneyU([263.1, 259.8, 266.4, 261.0, 264.7], [262.0, 258.9, 265.3, 260.2, 267.9]);
    assert.equal(a.u, 13);
    assert.equal(a.pValue, 1);
    const b = mannWhitneyU([1.5, 2.5, 3.5], [0.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5]);
    assert.equal(b.u, 3);
    close(b.pValue, 0.11666666666666667, 1e-12);
  });

  test('exact, no ties, 30 against 25 values (scipy exact: U = 245, p = 0.027776224490643726)', () => {
    const x = [
      8.9455, 10.2598, 9.142, 10.9721, 10.1927, 10.0893, 9.409, 9.8814, 8.0023, 8.8686, 10.3628, 7.8714, 10.8466, 8.2539, 10.7567, 9.1545,
      10.779, 10.131, 8.4632, 11.2491, 11.4417, 9.9342, 9.7261, 9.8401, 9.0248, 11.0986, 9.4571, 9.9488, 9.2067, 9.3739,
    ];
    const y = [
      9.3223, 11.8571, 10.4459, 11.5659, 10.6133, 9.9056, 10.2733, 10.0398, 10.608, 10.2247, 10.3001, 9.2214, 9.7932, 12.2541, 9.9288,
      9.5459, 10.9373, 12.0073, 9.146, 10.3915, 9.9679, 8.839, 11.3349, 10.5766, 10.6714,
    ];
    const r = mannWhitneyU(x, y);
    assert.equal(r.u, 245);
    assert.equal(r.method, 'exact');
    close(r.pValue, 0.027776224490643726, 1e-10);
  });

  test('exact with ties: the permutation distribution given the ties (scipy PermutationMethod), not the tie-blind table', () => {
    // scipy: PermutationMethod 0.14285714285714285 (method='exact', which ignores ties, says 0.15079365079365079)
    const a = mannWhitneyU([1, 2, 2, 3, 5], [2, 4, 4, 6, 7]);
    assert.equal(a.u, 5);
    assert.equal(a.ties, true);
    close(a.pValue, 0.14285714285714285, 1e-12);
    // scipy: PermutationMethod 0.07792207792207792 (tie-blind exact 0.08225108225108226)
    const b = mannWhitneyU([12, 15, 15, 18, 20, 20], [15, 20, 22, 22, 25]);
    assert.equal(b.u, 5);
    close(b.pValue, 0.07792207792207792, 1e-12);
    // scipy: PermutationMethod 0.17142857142857143, U = 5 (a metric at 0 in several runs)
    const c = mannWhitneyU([0, 0, 0.5, 1.2], [0, 0.4, 1.5, 2.0, 2.0, 3.1]);
    assert.equal(c.u, 5);
    close(c.pValue, 0.17142857142857143, 1e-12);
  });

  test('degenerate: one run each, and every value tied, give p = 1 (scipy: 1.0)', () => {
    assert.deepEqual(mannWhitneyU([3], [4]), { n1: 1, n2: 1, u: 0, pValue: 1, method: 'exact', ties: false });
    const tied = mannWhitneyU([0, 0, 0], [0, 0, 0, 0]);
    assert.equal(tied.u, 6);
    assert.equal(tied.pValue, 1);
  });

  test('large samples: normal approximation with tie and continuity correction (scipy asymptotic: U = 1079.5, p = 0.0013601762821795328)', () => {
    const x = [
      100, 101, 99, 96, 98, 95, 100, 107, 98, 97, 102, 102, 101, 95, 100, 103, 93, 98, 90, 94, 91, 99, 94, 101, 101, 99, 87, 97, 100, 101,
      92, 98, 95, 96, 105, 96, 100, 104, 97, 99, 101, 100, 94, 100, 107, 92, 104, 101, 97, 110, 104, 94, 100, 103, 99, 103, 100, 103, 107,
      97,
    ];
    const y = [
      103, 100, 103, 96, 99, 101, 106, 108, 95, 98, 105, 92, 100, 102, 108, 105, 100, 100, 101, 110, 100, 100, 104, 101, 101, 96, 102, 100,
      108, 105, 102, 105, 100, 107, 102, 105, 96, 104, 94, 92, 100, 98, 103, 113, 98, 99, 103, 104, 101, 101, 106, 105, 97, 102, 102,
    ];
    const r = mannWhitneyU(x, y);
    assert.equal(r.method, 'normal');
    assert.equal(r.u, 1079.5);
    close(r.pValue, 0.0013601762821795328, 1e-9);
  });

  test("the smallest p each sample size allows (benchstat's uTestMinP table)", () => {
    assert.equal(smallestExactPValue(1, 1), 1);
    close(smallestExactPValue(3, 3), 0.1, 1e-12);
    close(smallestExactPValue(4, 4), 0.02857142857142857, 1e-12);
    close(smallestExactPValue(5, 5), 0.007936507936507936, 1e-12);
    close(smallestExactPValue(9, 9), 4.113533525298231e-5, 1e-12);
    close(smallestExactPValue(2, 8), 2 / 45, 1e-12);
  });

  test('refuses empty or non-finite samples', () => {
    assert.throws(() => mannWhitneyU([], [1]), /at least one value on each side/);
    assert.throws(() => mannWhitneyU([Number.NaN], [1]), /finite/);
  });
});
