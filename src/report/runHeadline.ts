// The headline of a run (the first thing its output shows): while it runs, the phase, the time
// and the progress; at the end the verdict in a word, what ran, how it ended and, for a failing
// run, where to look. Pure data (src/contracts/headlinePayload.ts) and its plain-text form.

import {
  HEADLINE_PAYLOAD_VERSION,
  HEADLINE_WORD,
  type HeadlineLook,
  type HeadlinePayload,
  type HeadlineStatus,
} from '../contracts/headlinePayload';
import type { ConfigHeader, EndReason, Phase } from '../format/runEvents';
import { configLineOf } from './periodicLines';
import { partialNotice, problemCounts, verdictReason } from './reportFacts';
import { formatMetric, formatPct, formatRate, formatSeconds, partitionList } from '../analysis/reportNumbers';
import { relativeDetail } from './thresholdMarks';
import type { RunReport } from '../analysis/reportTypes';

/** Places to look named in the headline; the rest are counted (the report lists them all). */
export const HEADLINE_LOOK_LIMIT = 5;

export interface LiveHeadlineInput {
  config?: ConfigHeader;
  phase?: Phase;
  elapsedS: number;
  plannedS?: number;
  ticks: number;
  pace?: string;
  /** e.g. "source quiet for 12 s". */
  note?: string;
}

export function liveHeadline(input: LiveHeadlineInput): HeadlinePayload {
  const parts = [input.phase ? `phase ${input.phase}` : 'starting', `t=${formatSeconds(input.elapsedS)}`];
  const progress = input.plannedS && input.plannedS > 0 ? Math.min(1, input.elapsedS / input.plannedS) : undefined;
  if (progress !== undefined) parts.push(`${Math.round(progress * 100)} % of ${formatSeconds(input.plannedS!)}`);
  if (input.pace) parts.push(`pace ${input.pace}`);
  if (input.note) parts.push(input.note);
  return {
    version: HEADLINE_PAYLOAD_VERSION,
    status: 'running',
    title: titleOf(input.config),
    summary: parts.join(' · '),
    facts: [ticksText(input.ticks)],
    look: [],
    more: 0,
    ...(progress !== undefined ? { progress } : {}),
    ...(input.config ? { config: configLineOf(input.config) } : {}),
  };
}

export type EndedOutcome = { state: 'finished' } | { state: 'interrupted' } | { state: 'failed'; message: string };

export interface FinalHeadlineInput {
  outcome: EndedOutcome;
  config?: ConfigHeader;
  /** The analysis of the run; absent when it has no tick or the report could not be built. */
  report?: RunReport;
  /** Why the report is missing, when it should be there. */
  reportError?: string;
  endReason?: EndReason;
  elapsedS: number;
  ticks: number;
}

export function finalHeadline(input: FinalHeadlineInput): HeadlinePayload {
  const { outcome, report } = input;
  const problems = report ? problemCounts(report) : [];
  let status: HeadlineStatus;
  let summary: string;
  if (outcome.state === 'failed') {
    status = 'error';
    summary = `the run failed: ${outcome.message}`;
  } else if (outcome.state === 'interrupted') {
    status = 'interrupted';
    summary = `stopped at ${formatSeconds(input.elapsedS)}: a partial run, the figures cover only the part that ran`;
  } else if (!report) {
    status = 'error';
    summary = input.reportError
      ? `the report could not be built: ${input.reportError}`
      : 'the run ended without a tick: there is nothing to judge';
  } else {
    status = report.verdict === 'pass' ? 'pass' : 'fail';
    summary = verdictReason(report);
  }
  if (status !== 'pass' && status !== 'fail' && problems.length > 0) summary += ` (so far: ${problems.join(', ')})`;
  const look = report ? placesToLook(report) : [];
  return {
    version: HEADLINE_PAYLOAD_VERSION,
    status,
    title: titleOf(input.config),
    summary,
    facts: endFacts(input),
    look: look.slice(0, HEADLINE_LOOK_LIMIT),
    more: Math.max(0, look.length - HEADLINE_LOOK_LIMIT),
    ...(input.config ? { config: configLineOf(input.config) } : {}),
  };
}

/** "hot-family · seed 1 · fault no-release" */
function titleOf(config: ConfigHeader | undefined): string {
  if (!config) return 'run';
  const parts = [config.scenario !== undefined ? String(config.scenario) : 'run'];
  if (config.seed !== undefined) parts.push(`seed ${config.seed}`);
  if (config.fault !== undefined && config.fault !== 'none') parts.push(`fault ${config.fault}`);
  return parts.join(' · ');
}

function ticksText(ticks: number): string {
  return `${ticks} tick${ticks === 1 ? '' : 's'}`;
}

function endFacts(input: FinalHeadlineInput): string[] {
  const how =
    input.outcome.state === 'finished'
      ? `finished${input.endReason ? ` (${input.endReason})` : ''}`
      : input.outcome.state === 'interrupted'
        ? 'interrupted'
        : 'failed';
  const facts = [`${how} at ${formatSeconds(input.elapsedS)}, ${ticksText(input.ticks)}`];
  const s = input.report?.summary;
  if (!s) return facts;
  const tp = s.throughput;
  facts.push(`${formatRate(tp.completedPerS)} completed (${tp.window === 'measure' ? 'measure window' : 'whole run'})`);
  facts.push(`${formatPct(s.totals.rejectPct)} rejected`);
  if (s.drain.productionEndS !== undefined) {
    facts.push(
      s.drain.drainedAtS !== undefined
        ? `drained ${formatSeconds(s.drain.drainedAtS - s.drain.productionEndS)} after production ended`
        : 'not drained',
    );
  }
  const partial = input.report ? partialNotice(input.report) : undefined;
  if (partial && input.outcome.state === 'finished') facts.push(partial);
  return facts;
}

/** Hints first (they name a likely cause), then failed checks, then thresholds. */
export function placesToLook(report: RunReport): HeadlineLook[] {
  const out: HeadlineLook[] = [];
  for (const h of report.hints) {
    out.push({
      kind: 'hint',
      label: h.rule,
      where: `${partitionList(h.partitions)}, ${formatSeconds(h.from)} to ${formatSeconds(h.to)}`,
      detail: h.message,
    });
  }
  for (const c of report.checks) {
    if (c.status !== 'fail') continue;
    const window = c.from !== undefined ? `${formatSeconds(c.from)} to ${formatSeconds(c.to ?? c.from)}` : undefined;
    const where = [c.partitions ? partitionList(c.partitions) : undefined, window].filter(Boolean).join(', ');
    out.push({ kind: 'check', label: c.title, where: where || `check ${c.id}`, detail: c.reason });
  }
  for (const t of report.thresholds) {
    if (t.status === 'fail') {
      const bound = t.bound !== undefined ? ` (${relativeDetail(t)})` : '';
      out.push({ kind: 'threshold', label: `${t.metric} ${t.expected}`, where: `actual ${formatMetric(t.actual ?? NaN)}${bound}` });
    } else if (t.status === 'error') out.push({ kind: 'threshold', label: t.metric, where: t.message });
  }
  return out;
}

const LOOK_MARK: Record<HeadlineStatus, string> = { running: '▶', pass: '✓', fail: '✗', interrupted: '■', error: '✗' };

/** The headline as plain text: the fallback item beside the rendered one, readable anywhere. */
export function formatHeadlineText(payload: HeadlinePayload): string {
  const lines = [`${LOOK_MARK[payload.status]} ${HEADLINE_WORD[payload.status]} · ${payload.title} — ${payload.summary}`];
  if (payload.facts.length > 0) lines.push(`  ${payload.facts.join(' · ')}`);
  if (payload.look.length > 0) {
    lines.push('Where to look:');
    for (const l of payload.look) lines.push(`  ✗ ${l.label}: ${l.where}${l.detail ? ` — ${l.detail}` : ''}`);
    if (payload.more > 0) lines.push(`  … and ${payload.more} more in the report`);
  }
  return lines.join('\n');
}
