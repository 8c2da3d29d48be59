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
  const last = points.length - 1;
  const buckets = Math.floor((budget - 2) / 2);
  const inner = last - 1; // points strictly between the first and the last
  const kept: T[] = [points[0]];
  for (let b = 0; b < buckets; b++) {
    const from = 1 + Math.floor((b * inner) / buckets);
    const to = 1 + Math.floor(((b + 1) * inner) / buckets); // exclusive
    if (from >= to) continue;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      const v = valueOf(points[i]);
      if (v < valueOf(points[lo])) lo = i;
      if (v > valueOf(points[hi])) hi = i;
    }
    if (lo === hi) kept.push(points[lo]);
    else if (lo < hi) kept.push(points[lo], points[hi]);
    else kept.push(points[hi], points[lo]);
  }
  kept.push(points[last]);
  return kept;
}

/** Keeps the first and last point and every point whose value differs from a neighbour's. */
export function dropFlatRuns<T>(points: readonly T[], valueOf: (p: T) => number): T[] {
  const last = points.length - 1;
  return points.filter((p, i) => {
    if (i === 0 || i === last) return true;
    const v = valueOf(p);
    return v !== valueOf(points[i - 1]) || v !== valueOf(points[i + 1]);
  });
}

/** A line without its flat stretches' inner points, then downsampled to `budget` points. */
export function downsampleLine<T>(points: readonly T[], budget: number, valueOf: (p: T) => number): T[] {
  return downsampleMinMax(dropFlatRuns(points, valueOf), budget, valueOf);
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
