// Min/max downsampling to a fixed point budget: keeps the first and last point and, in each of
// (budget - 2) / 2 equal buckets of the points between them, the lowest and the highest point
// (in time order). Spikes and dips survive, which an average or a stride would smooth away.

export const DEFAULT_POINT_BUDGET = 300;
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

/** Downsamples each series (rows grouped by `keyOf`, order kept) to `budget` points. */
export function downsampleSeries<T>(
  rows: readonly T[],
  keyOf: (row: T) => string | number,
  valueOf: (row: T) => number,
  budget: number,
): T[] {
  const groups = new Map<string | number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(row);
  }
  return [...groups.values()].flatMap((group) => downsampleMinMax(group, budget, valueOf));
}

export function checkPointBudget(budget: number): number {
  if (!Number.isInteger(budget) || budget < MIN_POINT_BUDGET) {
    throw new Error(`charts: pointBudget must be an integer of at least ${MIN_POINT_BUDGET}, got ${budget}`);
  }
  return budget;
}
