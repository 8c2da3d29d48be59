// The parts of a report that the Markdown (notebook) and the text (terminal) forms both say in
// the same words: the headline, where to look, the summary rows, a hint's counters.

import { capacityHeadlineNote, capacityRow } from './capacityText';
import { formatCount, formatMetric, formatPct, formatRate, formatSeconds, partitionList } from '../analysis/reportNumbers';
import { notEvaluatedNote, relativeDetail } from './thresholdMarks';
import type { CounterKey } from '../format/runEvents';
import { suspectCounters } from '../analysis/counterIntegrity';
import type {
  HealthNote,
  HintEvidence,
  MetricDifference,
  RunReport,
  RunSummary,
  RunVerdict,
  ScenarioCheck,
  WithheldHint,
} from '../analysis/reportTypes';

/** The verdict in a word, as every surface says it. */
export const VERDICT_WORD: Record<RunVerdict, string> = { pass: 'PASS', fail: 'FAIL', incomplete: 'INCOMPLETE' };

/** "PASS" / "FAIL" / "INCOMPLETE" headline, e.g. "FAIL: 1 triage hint, 2 failed checks". */
export function headline(report: RunReport): string {
  const scenario = report.summary.scenario ? ` ${report.summary.scenario}` : '';
  const seed = report.summary.config.seed !== undefined ? ` (seed ${report.summary.config.seed})` : '';
  return `${VERDICT_WORD[report.verdict]}${scenario}${seed}: ${verdictReason(report)}`;
}

/**
 * Why the verdict, saying what was judged: "no triage hint, every check and threshold passed",
 * "no triage hint, 2 of 6 checks applied and passed (4 not applicable)", "saturated (…), 1 failed
 * check", "the source failed at 5.0 s (so far no triage hint, 1 of 1 check applied)", "1 triage
 * hint; the run did not finish: the source failed at 5.0 s".
 */
export function verdictReason(report: RunReport): string {
  const problems = problemCounts(report);
  // Nothing failed, and the run did not finish: why, and what was judged so far.
  if (report.incomplete && problems.length === 0) return `${report.incomplete.reason} (so far ${judgedSoFar(report)})`;
  const capacity = capacityHeadlineNote(report.summary);
  const baseline = baselineOutcome(report);
  const vsBaseline = baseline ? `; ${baseline}` : '';
  if (problems.length === 0) return `no triage hint, ${judgedText(report)}${capacity ? `; ${capacity}` : ''}${vsBaseline}`;
  const notEvaluated = notEvaluatedNote(report.thresholds);
  const unfinished = report.incomplete ? `; the run did not finish: ${report.incomplete.reason}` : '';
  // Broken counters come first: the capacity note and everything else read them.
  const [first, ...rest] = problems[0] === INTEGRITY_BROKEN ? problems : [undefined, ...problems];
  return `${[...(first ? [first] : []), ...(capacity ? [capacity] : []), ...rest].join(', ')}${notEvaluated ? `; ${notEvaluated}` : ''}${vsBaseline}${unfinished}`;
}

/** What a passing run was judged by: its checks (how many applied) and its thresholds (how many were evaluated). */
function judgedText(report: RunReport): string {
  const checks = checksJudged(report);
  const thresholds = thresholdsJudged(report);
  if (checks === 'every check passed' && (thresholds === undefined || thresholds === 'every threshold passed'))
    return 'every check and threshold passed';
  return [checks, thresholds].filter((part) => part !== undefined).join('; ');
}

/** The same for a run that did not finish, where nothing failed yet. */
function judgedSoFar(report: RunReport): string {
  if (!hasScenarioChecks(report)) return `no triage hint, ${noScenarioChecks(report)}`;
  const applied = report.checks.filter((c) => c.status !== 'not applicable').length;
  return `no triage hint, ${applied} of ${report.checks.length} check${report.checks.length === 1 ? '' : 's'} applied`;
}

/** False when the scenario has no checks (custom, or none named): the one entry says so. */
function hasScenarioChecks(report: RunReport): boolean {
  return !(report.checks.length === 0 || (report.checks.length === 1 && report.checks[0].id === 'scenario'));
}

function noScenarioChecks(report: RunReport): string {
  return `no scenario checks${report.summary.scenario ? ` for ${report.summary.scenario}` : ''}`;
}

function checksJudged(report: RunReport): string {
  const checks = report.checks;
  if (!hasScenarioChecks(report)) return noScenarioChecks(report);
  const applied = checks.filter((c) => c.status !== 'not applicable').length;
  const notApplicable = checks.length - applied;
  if (notApplicable === 0) return 'every check passed';
  if (applied === 0) return `no check applied (${checks.length} not applicable)`;
  return `${applied} of ${checks.length} checks applied and passed (${notApplicable} not applicable)`;
}

function thresholdsJudged(report: RunReport): string | undefined {
  const all = report.thresholds.length;
  if (all === 0) return undefined;
  const notEvaluated = report.thresholds.filter((t) => t.status === 'not evaluated').length;
  if (notEvaluated === 0) return 'every threshold passed';
  if (notEvaluated === all) return `no threshold evaluated (${all === 1 ? 'it needs' : `all ${all} need`} a baseline)`;
  return `${all - notEvaluated} of ${all} thresholds passed (${notEvaluated} not evaluated: no baseline)`;
}

/**
 * The run against the pinned baseline it was compared with, in a few words for the verdict line:
 * "−12 % completed/s vs baseline (steady, seed 1)"; undefined without a baseline.
 */
export function baselineOutcome(report: RunReport): string | undefined {
  const b = report.baseline;
  if (!b) return undefined;
  const name = b.label ?? 'the baseline';
  const configs = b.configDifferences.filter((d) => d.key !== 'scenario' && d.key !== 'seed').map((d) => d.key);
  const differs = configs.length > 0 ? `, whose config differs in ${configs.slice(0, 3).join(', ')}${configs.length > 3 ? ', …' : ''}` : '';
  const d = b.metrics.find((m) => m.metric === 'completedPerS');
  if (!d) return `not comparable with ${name}${b.problems[0] ? `: ${b.problems[0]}` : ''}`;
  const change =
    d.deltaPct !== undefined
      ? signedPercent(d.deltaPct)
      : d.delta === 0
        ? undefined
        : `${d.delta > 0 ? '+' : '−'}${formatRate(Math.abs(d.delta))}`;
  return change === undefined ? `same completed/s as ${name}${differs}` : `${change} completed/s vs ${name}${differs}`;
}

/** "+4.2 %", "−12 %"; undefined when it rounds to no change. */
function signedPercent(pct: number): string | undefined {
  const rounded = Math.abs(pct) >= 10 ? Math.round(pct) : Math.round(pct * 10) / 10;
  if (rounded === 0) return undefined;
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)} %`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const INTEGRITY_BROKEN = 'counter integrity broken';

export function problemCounts(report: RunReport): string[] {
  const out: string[] = [];
  const integrity = report.hints.filter((h) => h.rule === 'counter-integrity').length;
  if (integrity > 0) out.push(INTEGRITY_BROKEN);
  const others = report.hints.length - integrity;
  if (others > 0) out.push(plural(others, 'triage hint'));
  const failed = report.checks.filter((c) => c.status === 'fail').length;
  if (failed > 0) out.push(plural(failed, 'failed check'));
  const thresholdFails = report.thresholds.filter((t) => t.status === 'fail').length;
  if (thresholdFails > 0) out.push(plural(thresholdFails, 'failed threshold'));
  const thresholdErrors = report.thresholds.filter((t) => t.status === 'error').length;
  if (thresholdErrors > 0) out.push(plural(thresholdErrors, 'threshold error'));
  return out;
}

/** The incomplete-run notice, or undefined for a run that finished. */
export function partialNotice(report: RunReport): string | undefined {
  if (!report.incomplete) return undefined;
  const cover = report.partial ? ': the figures cover only the part that ran' : '';
  return `Incomplete run (${report.incomplete.reason})${cover}. An incomplete run is never a pass.`;
}

/** One line per problem, most specific first (counter-integrity before anything else): where to look. */
export function whereToLook(report: RunReport): string[] {
  const out: string[] = [];
  for (const h of report.hints) out.push(`${h.rule}: ${partitionList(h.partitions)}, ${formatSeconds(h.from)} to ${formatSeconds(h.to)}`);
  for (const c of report.checks) {
    if (c.status !== 'fail') continue;
    const where = c.partitions
      ? ` (${partitionList(c.partitions)}${c.from !== undefined ? `, ${formatSeconds(c.from)} to ${formatSeconds(c.to ?? c.from)}` : ''})`
      : '';
    out.push(`check ${c.id}${where}`);
  }
  for (const t of report.thresholds) {
    if (t.status === 'fail' && t.actual === undefined) out.push(`threshold ${t.message}`);
    else if (t.status === 'fail')
      out.push(
        `threshold ${t.metric} ${t.expected}: actual ${formatMetric(t.actual ?? NaN)}${t.bound !== undefined ? ` (${relativeDetail(t)})` : ''}`,
      );
    else if (t.status === 'error') out.push(`threshold ${t.metric}: ${t.message}`);
  }
  return out;
}

/** The scenario the checks were made for, for the checks' heading. */
export function checkedScenario(report: RunReport): string {
  return report.checks[0]?.scenario ?? report.summary.scenario ?? 'unknown';
}

/** The Step 0 config line, as the counter-line contract prints it. */
export function configLine(summary: RunSummary): string {
  const entries = Object.entries(summary.config);
  return entries.length > 0 ? `config ${entries.map(([k, v]) => `${k}=${v}`).join(' ')}` : '(no config header)';
}

/** The baseline summary rows (label, value). */
export function summaryRows(summary: RunSummary): [string, string][] {
  const t = summary.totals;
  const tp = summary.throughput;
  const doubt = doubtNote(summary);
  const rows: [string, string][] = [
    ['Counter integrity', integrityText(summary)],
    withDoubt(capacityRow(summary), doubt(['tasksIn', 'rejectsBusy', 'completed'])),
    ['Offered (tasksIn + rejectsBusy)', formatCount(t.offered) + doubt(['tasksIn', 'rejectsBusy'])],
    ['tasksIn', formatCount(t.tasksIn) + doubt(['tasksIn'])],
    ['completed', formatCount(t.completed) + doubt(['completed'])],
    ['rejectsBusy', `${formatCount(t.rejectsBusy)} (${formatPct(t.rejectPct)} of offered)${doubt(['tasksIn', 'rejectsBusy'])}`],
    [
      `Throughput (${tp.window === 'measure' ? 'measure window' : 'whole run'}, ${formatSeconds(tp.from)} to ${formatSeconds(tp.to)})`,
      `${formatRate(tp.completedPerS)} completed (${formatCount(tp.completed)} tasks)${doubt(['completed'])}`,
    ],
    [
      'Hot partition (peak maxPendingDepthObserved)',
      (summary.hotPartition
        ? `partition ${summary.hotPartition.partition}: ${formatCount(summary.hotPartition.peakPendingDepth)} at ${formatSeconds(summary.hotPartition.peakAt)}`
        : `none (peak pending depth ${formatCount(summary.metrics.peakPendingDepth ?? 0)})`) + doubt(['maxPendingDepthObserved']),
    ],
    ['Drain', drainText(summary) + doubt(['tasksIn', 'completed'])],
  ];
  return rows;
}

function withDoubt([label, value]: [string, string], note: string): [string, string] {
  return [label, value + note];
}

/** A note for a figure read from counters that broke integrity: " (not trusted: completed broke integrity)". */
function doubtNote(summary: RunSummary): (counters: CounterKey[]) => string {
  const violations = (summary.integrity as RunSummary['integrity'] | undefined)?.violations ?? [];
  if (violations.length === 0) return () => '';
  const suspect = new Set([...suspectCounters(violations).values()].flatMap((set) => [...set]));
  return (counters) => {
    const broken = counters.filter((c) => suspect.has(c));
    return broken.length > 0 ? ` (not trusted: ${broken.join(' and ')} broke integrity)` : '';
  };
}

function integrityText(summary: RunSummary): string {
  // A summary stored before integrity was checked has no integrity entry.
  const integrity = summary.integrity as RunSummary['integrity'] | undefined;
  if (!integrity) return 'not checked';
  if (integrity.ok) return 'sound: no counter went down or past its bound, no value was negative, every partition reported';
  const more = integrity.count > 1 ? ` (and ${integrity.count - 1} more)` : '';
  return `BROKEN: ${integrity.violations[0]?.message ?? 'see counter-integrity'}${more}; the figures read from the broken counters are not trusted`;
}

function drainText(summary: RunSummary): string {
  const d = summary.drain;
  if (d.productionEndS === undefined) return 'no task was offered';
  if (d.drainedAtS !== undefined)
    return `drained at ${formatSeconds(d.drainedAtS)}, ${formatSeconds(d.drainedAtS - d.productionEndS)} after production ended`;
  const outstanding = summary.unmeasured?.drainS?.replace(/^[^:]*: /, '');
  return `not drained: production ended at ${formatSeconds(d.productionEndS)}, ${outstanding ?? `the run ended at ${formatSeconds(summary.durationS)}`}`;
}

export function healthRows(summary: RunSummary): [string, string, string][] {
  const doubt = doubtNote(summary);
  const row = (question: string, note: HealthNote, counters: CounterKey[]): [string, string, string] => [
    question,
    note.answer,
    note.evidence + (note.answer === 'not applicable' ? '' : doubt(counters)),
  ];
  return [
    row('Other families progressed while the hot family was backlogged', summary.health.otherFamiliesProgressed, [
      'tasksIn',
      'dispatched',
      'completed',
    ]),
    row('Recovered after the burst', summary.health.recoveredAfterBurst, ['tasksIn', 'completed']),
  ];
}

/** "(red flag: global bottleneck)" after a red-flag check's title; empty for evidence. */
export function redFlagTag(check: ScenarioCheck): string {
  if (check.kind !== 'red-flag') return '';
  return check.redFlag ? ` (red flag: ${check.redFlag})` : ' (red flag)';
}

/** "release-missing on partition 1, 1.5 s to 9.0 s, withheld: it reads completed on partition 1, ..." */
export function withheldText(w: WithheldHint): string {
  return `${w.rule} on ${partitionList(w.partitions)}, ${formatSeconds(w.from)} to ${formatSeconds(w.to)}, withheld: ${w.reason}`;
}

/** "tasksIn 4,012 → 8,010 (+3,998), dispatched 2,533 → 2,533 (+0)" */
export function evidenceText(e: HintEvidence): string {
  const parts = e.counters.map((c) => {
    const d = c.to - c.from;
    return `${c.counter} ${formatCount(c.from)} → ${formatCount(c.to)} (${d >= 0 ? '+' : ''}${formatCount(d)})`;
  });
  return `partition ${e.partition}, ${formatSeconds(e.from)} to ${formatSeconds(e.to)}: ${parts.join(', ')}${e.note ? `; ${e.note}` : ''}`;
}

/** What a table says instead of a number for a metric a run could not measure: "not drained". */
export function unmeasuredWord(metric: string): string {
  return metric === 'drainS' ? 'not drained' : 'no value';
}

export function differenceText(d: MetricDifference): string {
  const sign = d.delta > 0 ? '+' : '';
  const pct = d.deltaPct !== undefined ? ` (${sign}${formatPct(d.deltaPct)})` : '';
  return `${sign}${formatMetric(d.delta)}${pct}`;
}
