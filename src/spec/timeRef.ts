// The times of a `source: prometheus` window (`from:`, `to:`): an RFC 3339 time such as
// 2024-05-01T12:00:00Z, `now`, or a time relative to now such as `-30m`, `-1h30m` or `now-2h`
// (units ms, s, m, h, d, w as in Prometheus durations). Read here, resolved against the clock
// when the run starts (`resolveTimeRef`).

export type TimeRef =
  | { kind: 'now' }
  /** `ms` before now (a positive number). */
  | { kind: 'ago'; ms: number; text: string }
  | { kind: 'at'; epochMs: number; text: string };

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w))+$/;
const DURATION_PART = /(\d+)(ms|s|m|h|d|w)/g;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2})$/;

export const TIME_REF_FORMS = 'an RFC 3339 time such as 2024-05-01T12:00:00Z, now, or a time before now such as -30m, -1h30m or now-2h';

export function parseTimeRef(text: string): TimeRef | { error: string } {
  const written = text.trim();
  if (written === 'now') return { kind: 'now' };
  const relative = /^(?:now)?-(.+)$/.exec(written);
  if (relative) {
    const ms = durationMs(relative[1]);
    if (ms === undefined)
      return { error: `"${written}" is not a duration before now; write it like -30m, -1h30m, -90s or now-2h (units ms, s, m, h, d, w)` };
    if (ms === 0) return { kind: 'now' };
    return { kind: 'ago', ms, text: written };
  }
  if (RFC3339.test(written)) {
    const epochMs = Date.parse(written.replace(' ', 'T'));
    if (Number.isFinite(epochMs)) return { kind: 'at', epochMs, text: written };
    return { error: `"${written}" is not a valid date and time` };
  }
  if (/^\d{4}-\d{2}-\d{2}/.test(written)) {
    return {
      error: `"${written}" is not an RFC 3339 time: write the date, the time and the zone, such as 2024-05-01T12:00:00Z or 2024-05-01T14:00:00+02:00`,
    };
  }
  return { error: `"${written}" is not a time; write ${TIME_REF_FORMS}` };
}

/** A duration such as 30m or 1h30m in milliseconds, or undefined when it is not one. */
export function durationMs(text: string): number | undefined {
  if (!DURATION.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(DURATION_PART)) ms += Number(m[1]) * UNIT_MS[m[2]];
  return ms;
}

export function resolveTimeRef(ref: TimeRef, nowMs: number): number {
  switch (ref.kind) {
    case 'now':
      return nowMs;
    case 'ago':
      return nowMs - ref.ms;
    case 'at':
      return ref.epochMs;
  }
}

/** to - from in milliseconds when it does not depend on the clock (both relative, or both absolute). */
export function fixedSpanMs(from: TimeRef, to: TimeRef): number | undefined {
  const relative = (r: TimeRef) => r.kind !== 'at';
  if (relative(from) && relative(to)) return resolveTimeRef(to, 0) - resolveTimeRef(from, 0);
  if (!relative(from) && !relative(to)) return resolveTimeRef(to, 0) - resolveTimeRef(from, 0);
  return undefined;
}

export function formatTimeRef(ref: TimeRef): string {
  return ref.kind === 'now' ? 'now' : ref.text;
}
