// The one check of a baseline read from outside (a notebook's metadata, which a person may edit,
// or a JSON file given to `stressnb analyze --baseline`): it must be a run summary. The JSON of
// `stressnb analyze --format json` is accepted too; its `summary` is the baseline.

import type { RunSummary } from './reportTypes';

export type BaselineRead = { ok: true; summary: RunSummary } | { ok: false; reason: string };

export function readBaselineSummary(value: unknown): BaselineRead {
  const candidate = isRecord(value) && isRecord(value.summary) ? value.summary : value;
  if (!isRecord(candidate)) return { ok: false, reason: 'expected a run summary (an object), got ' + typeName(candidate) };
  const missing = (['config', 'totals', 'metrics'] as const).filter((key) => !isRecord(candidate[key]));
  if (missing.length > 0) {
    return { ok: false, reason: `not a run summary: it has no ${missing.join(', ')} (expected a run summary or the JSON of stressnb analyze --format json)` };
  }
  return { ok: true, summary: candidate as unknown as RunSummary };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v;
}
