// Plain arrays for the engine's hot numbers, not Float64Array. Until the optimizing compiler has
// compiled the hot path (the first tens of thousands of tasks of a run, all of a short one), V8
// reads every element of a Float64Array as a newly allocated heap number; a plain array holds
// small integers (below 2^30) as they are, so a read allocates nothing. Larger values or fractions
// turn the array into one of unboxed doubles, which is still correct.

/** n zeroes, as a packed array of small integers. */
export function zeroes(n: number): number[] {
  return filled(n, 0);
}

/** n copies of value. */
export function filled(n: number, value: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(value);
  return a;
}
