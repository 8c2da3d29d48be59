// A what-if sweep's grid: the swept keys (axes) with their values, and its points. Point i is
// one value of every axis, the last axis varying fastest (like nested loops in the order the
// keys are written), so rows come out in a reading order.

/** A value of a swept key, as written in the list: a number, a name, or a mapping (a fault, a work-cost distribution). */
export type SweepValue = number | string | { readonly [key: string]: unknown };

export interface SweepAxis {
  /** The key as written under `sweep:`, e.g. `ringBufferSize` or `load.burstTasks`. */
  key: string;
  /** Where the value goes in the spec, e.g. ['load', 'burstTasks']. */
  path: string[];
  values: SweepValue[];
  /** How each value reads in tables and charts (unique within the axis). */
  labels: string[];
  /** Every value is a number (an ordered axis: knees and line charts read along it). */
  numeric: boolean;
}

export interface SweepPlan {
  /** The scenario cell's text, `sweep:` included: each point's spec is derived from it. */
  text: string;
  axes: SweepAxis[];
  /** Number of points, the product of the axes' lengths. */
  size: number;
}

/** One swept value of a point: where it goes in the spec and what it is. */
export interface SweepAssignment {
  path: string[];
  value: SweepValue;
}

/** The value index on each axis of point `index`. */
export function pointCoordinates(axes: readonly SweepAxis[], index: number): number[] {
  const coordinates = new Array<number>(axes.length);
  let rest = index;
  for (let a = axes.length - 1; a >= 0; a--) {
    const n = axes[a].values.length;
    coordinates[a] = rest % n;
    rest = Math.floor(rest / n);
  }
  return coordinates;
}

/** The swept values of point `index`, by key. */
export function pointParams(axes: readonly SweepAxis[], index: number): Record<string, SweepValue> {
  const coordinates = pointCoordinates(axes, index);
  return Object.fromEntries(axes.map((axis, a) => [axis.key, axis.values[coordinates[a]]]));
}

/** The swept values of point `index`, as labels by key. */
export function pointLabels(axes: readonly SweepAxis[], index: number): Record<string, string> {
  const coordinates = pointCoordinates(axes, index);
  return Object.fromEntries(axes.map((axis, a) => [axis.key, axis.labels[coordinates[a]]]));
}

export function pointAssignments(axes: readonly SweepAxis[], index: number): SweepAssignment[] {
  const coordinates = pointCoordinates(axes, index);
  return axes.map((axis, a) => ({ path: axis.path, value: axis.values[coordinates[a]] }));
}

/** `ringBufferSize 256, workCostMs 10`: a point in words. */
export function describePoint(axes: readonly SweepAxis[], index: number): string {
  const labels = pointLabels(axes, index);
  return axes.map((axis) => `${axis.key} ${labels[axis.key]}`).join(', ');
}

/** How a value reads: `256`, `sync`, `{ name: stuck-handler, atS: 8 }`. */
export function formatSweepValue(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(formatSweepValue).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${formatSweepValue(v)}`)
      .join(', ')} }`;
  }
  return String(value);
}
