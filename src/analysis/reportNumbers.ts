// Number formatting shared by the report texts, the checks and the hints: stable across
// machines (no locale), compact, with units.

/** 12345 -> "12,345"; non-integers keep `decimals` decimals. */
export function formatCount(n: number, decimals = 1): string {
  if (!Number.isFinite(n)) return String(n);
  const negative = n < 0;
  const abs = Math.abs(n);
  const whole = Number.isInteger(abs) ? String(abs) : abs.toFixed(decimals).replace(/\.?0+$/, '');
  const [int, frac] = whole.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac ? `.${frac}` : ''}`;
}

/** Seconds since the start of the run: "13.0 s", "2.007 s" when ticks are not on a round grid. */
export function formatSeconds(t: number): string {
  const rounded = Math.round(t * 1000) / 1000;
  const text = Number.isInteger(rounded * 10) ? rounded.toFixed(1) : String(rounded);
  return `${text} s`;
}

/** A percentage: "85.3 %", "0.12 %", "0 %". */
export function formatPct(pct: number): string {
  if (!Number.isFinite(pct)) return String(pct);
  if (pct === 0) return '0 %';
  const digits = Math.abs(pct) >= 10 ? 1 : 2;
  return `${pct.toFixed(digits)} %`;
}

/** A rate per second: "1,234/s", "61.9/s". */
export function formatRate(perS: number): string {
  if (!Number.isFinite(perS)) return String(perS);
  const rounded = Math.abs(perS) >= 100 ? Math.round(perS) : Math.round(perS * 10) / 10;
  return `${formatCount(rounded)}/s`;
}

/** A metric value for tables: integers grouped, others with up to 2 decimals. */
export function formatMetric(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return formatCount(v);
  return formatCount(v, 2);
}

/** "partition 3" or "partitions 0, 1 and 2". */
export function partitionList(partitions: readonly number[]): string {
  if (partitions.length === 1) return `partition ${partitions[0]}`;
  return `partitions ${partitions.slice(0, -1).join(', ')} and ${partitions[partitions.length - 1]}`;
}
