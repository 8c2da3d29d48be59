// The summary of one sample (the values of one metric over the repeats of a run): its size,
// median, minimum and maximum. The median is the summary statistic because run-to-run noise of a
// scheduler (JIT, GC, the machine) is skewed and has outliers; a mean would chase them.

export interface SampleSummary {
  n: number;
  median: number;
  min: number;
  max: number;
}

/** The values in ascending order (a copy). */
export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The median of values already sorted ascending: the middle one, or the mean of the two middle ones. */
export function medianOfSorted(sorted: readonly number[]): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function median(values: readonly number[]): number {
  return medianOfSorted(sortedCopy(values));
}

/** n, median, min and max; NaN for an empty sample. */
export function summarizeSample(values: readonly number[]): SampleSummary {
  const sorted = sortedCopy(values);
  const n = sorted.length;
  return {
    n,
    median: medianOfSorted(sorted),
    min: n > 0 ? sorted[0] : Number.NaN,
    max: n > 0 ? sorted[n - 1] : Number.NaN,
  };
}
