// The one check of a baseline read from outside (a notebook's metadata, which a person may edit,
// or a JSON file given to `stressnb analyze --baseline`): it must be a run summary. The JSON of
// `stressnb analyze --format json` is accepted too; its `summary` is the baseline. A summary of a
// run whose counters broke integrity is refused with the reason: its figures cannot be a baseline.
// (A summary stored before integrity was checked has no `integrity` entry and is accepted.)

import type { RunSummary } from './reportTypes';

export type BaselineRead = { ok: true; summary: RunSummary } | { ok: false; reason: string };

export function readBaselineSummary(value: unknown): BaselineRead {
  const candidate = isRecord(value) && isRecord(value.summary) ? value.summary : value;
  if (!isRecord(candidate)) return { ok: false, reason: 'expected a run summary (an object), got ' + typeName(candidate) };
  const missing = (['config', 'totals', 'metrics'] as const).filter((key) => !isRecord(candidate[key]));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `not a run summary: it has no ${missing.join(', ')} (expected a run summary or the JSON of stressnb analyze --format json)`,
    };
  }
  const broken = brokenIntegrity(candidate.integrity);
  if (broken !== undefined)
    return { ok: false, reason: `its counters broke integrity (${broken}), so its figures cannot be trusted as a baseline` };
  return { ok: true, summary: candidate as unknown as RunSummary };
}

/** The first violation's words when the summary says its counters broke integrity. */
function brokenIntegrity(integrity: unknown): string | undefined {
  if (!isRecord(integrity) || integrity.ok !== false) return undefined;
  const first = Array.isArray(integrity.violations) ? integrity.violations[0] : undefined;
  const message = isRecord(first) && typeof first.message === 'string' ? first.message : 'see its counter-integrity hint';
  const count = typeof integrity.count === 'number' && integrity.count > 1 ? `, and ${integrity.count - 1} more` : '';
  return `${message}${count}`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v;
}
