// Min/max downsampling to a fixed point budget: keeps the first and last point and, in each of
// (budget - 2) / 2 equal buckets of the points between them, the lowest and the highest point
// (in time order). Spikes and dips survive, which an average or a stride would smooth away.
// Before that, the inner points of flat stretches are dropped: a straight line between a flat
// stretch's ends draws the same, and an all-zero line (no rejects) costs two points.

/** Most points of one line. */
export const DEFAULT_POINT_BUDGET = 300;
/** Most points of one chart, all its lines together: many partitions get fewer points each. */
export const DEFAULT_CHART_POINT_BUDGET = 3000;
export const MIN_POINT_BUDGET = 4;

export function downsampleMinMax<T>(points: readonly T[], budget: number, valueOf: (p: T) => number): T[] {
  if (points.length <= budget) return points.slice();
  return minMaxIndices(indices(points.length), valuesOf(points, valueOf), budget).map((i) => points[i]);
}

/** Keeps the first and last point and every point whose value differs from a neighbour's. */
export function dropFlatRuns<T>(points: readonly T[], valueOf: (p: T) => number): T[] {
  return notFlatIndices(valuesOf(points, valueOf)).map((i) => points[i]);
}

/** A line without its flat stretches' inner points, then downsampled to `budget` points. */
export function downsampleLine<T>(points: readonly T[], budget: number, valueOf: (p: T) => number): T[] {
  return downsampleValues(valuesOf(points, valueOf), budget).map((i) => points[i]);
}

/** downsampleLine of a line given as its values: the indices of the values kept, in order. */
export function downsampleValues(values: ArrayLike<number>, budget: number): number[] {
  const kept = notFlatIndices(values);
  return kept.length <= budget ? kept : minMaxIndices(kept, values, budget);
}

// Each value is read once: the algorithms compare a point with its neighbours or a bucket's extremes.
function valuesOf<T>(points: readonly T[], valueOf: (p: T) => number): Float64Array {
  const values = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) values[i] = valueOf(points[i]);
  return values;
}

function indices(n: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  return all;
}

function notFlatIndices(values: ArrayLike<number>): number[] {
  const last = values.length - 1;
  const kept: number[] = [];
  for (let i = 0; i <= last; i++) {
    if (i === 0 || i === last) kept.push(i);
    else {
      const v = values[i];
      if (v !== values[i - 1] || v !== values[i + 1]) kept.push(i);
    }
  }
  return kept;
}

/** downsampleMinMax over the points at `at` (indices into `values`), which has more than `budget`. */
function minMaxIndices(at: ArrayLike<number>, values: ArrayLike<number>, budget: number): number[] {
  const last = at.length - 1;
  const buckets = Math.floor((budget - 2) / 2);
  const inner = last - 1; // points strictly between the first and the last
  const kept: number[] = [at[0]];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets); // exclusive
    if (from >= to) continue;
    let lo = from;
    let hi = from;
    let loValue = values[at[from]];
    let hiValue = loValue;
    for (let i = from + 1; i < to; i++) {
      const v = values[at[i]];
      if (v < loValue) {
        lo = i;
        loValue = v;
      }
      if (v > hiValue) {
        hi = i;
        hiValue = v;
      }
    }
    if (lo === hi) kept.push(at[lo]);
    else if (lo < hi) kept.push(at[lo], at[hi]);
    else kept.push(at[hi], at[lo]);
  }
  kept.push(at[last]);
  return kept;
}

/** The budget of each of `lines` lines: an equal share of the chart's, at most `lineBudget`. */
export function lineBudgetFor(lines: number, lineBudget: number, chartBudget: number): number {
  return Math.max(MIN_POINT_BUDGET, Math.min(lineBudget, Math.floor(chartBudget / Math.max(1, lines))));
}

export function checkPointBudget(budget: number, name = 'pointBudget'): number {
  if (!Number.isInteger(budget) || budget < MIN_POINT_BUDGET) {
    throw new Error(`charts: ${name} must be an integer of at least ${MIN_POINT_BUDGET}, got ${budget}`);
  }
  return budget;
}
