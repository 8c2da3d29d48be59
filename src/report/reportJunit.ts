// The report as JUnit XML for CI (`stressnb analyze --format junit`): one <testsuite> for the
// run, and a <testcase> for each scenario check, each triage rule and each threshold. A failing
// check, a fired hint or a missed threshold is a <failure> whose text is the evidence (partition,
// window, counters); a threshold that cannot be evaluated is an <error>; a check that does not
// apply, and a threshold relative to the baseline with no baseline to compare with, are <skipped>.
// The verdict is the same as the report's: no failure and no error = PASS.

import { configLine, evidenceText, headline, partialNotice, whereToLook, withheldText } from './reportFacts';
import { formatMetric, formatSeconds, partitionList } from '../analysis/reportNumbers';
import { relativeDetail } from './thresholdMarks';
import {
  HINT_RULES,
  type RunReport,
  type ScenarioCheck,
  type ThresholdResult,
  type TriageHint,
  type WithheldHint,
} from '../analysis/reportTypes';

export interface JunitOptions {
  /** What the suite is named after, e.g. the log file (default "stressnb"). */
  name?: string;
}

interface TestCase {
  classname: string;
  name: string;
  outcome?: { kind: 'failure' | 'error' | 'skipped'; message: string; type?: string; text?: string };
}

export function formatReportJunit(report: RunReport, options: JunitOptions = {}): string {
  return formatReportsJunit([report], options);
}

/** Several runs (the repeats of a stream): one <testsuite> each, in one <testsuites>. */
export function formatReportsJunit(reports: readonly RunReport[], options: JunitOptions = {}): string {
  const suites = reports.map((report) => suiteOf(report, options));
  const sum = (key: keyof Totals) => suites.reduce((n, s) => n + s.totals[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(options.name ?? 'stressnb')}" ${totalsAttr({ tests: sum('tests'), failures: sum('failures'), errors: sum('errors'), skipped: sum('skipped') })}>`,
    ...suites.flatMap((s) => s.lines),
    '</testsuites>',
    '',
  ].join('\n');
}

interface Totals {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function totalsAttr(t: Totals): string {
  return `tests="${t.tests}" failures="${t.failures}" errors="${t.errors}" skipped="${t.skipped}"`;
}

function suiteOf(report: RunReport, options: JunitOptions): { totals: Totals; lines: string[] } {
  const cases = [...report.checks.map(checkCase), ...hintCases(report.hints, report.withheld), ...report.thresholds.map(thresholdCase)];
  const count = (kind: 'failure' | 'error' | 'skipped') => cases.filter((c) => c.outcome?.kind === kind).length;
  const counts: Totals = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
  const totals = totalsAttr(counts);
  const suiteName = `${options.name ?? 'stressnb'}: ${report.summary.scenario ?? 'run'}${report.summary.config.seed !== undefined ? ` (seed ${report.summary.config.seed})` : ''}`;
  const properties = [
    ['verdict', report.verdict],
    ['partial', String(report.partial)],
    ...Object.entries(report.summary.config).map(([key, value]) => [`config.${key}`, String(value)]),
    ...Object.entries(report.summary.metrics).map(([key, value]) => [`metric.${key}`, String(Math.round(value * 1000) / 1000)]),
  ];
  const systemOut = [
    headline(report),
    partialNotice(report),
    configLine(report.summary),
    ...whereToLook(report).map((l) => `where to look: ${l}`),
  ].filter((line): line is string => line !== undefined);
  const lines = [
    `  <testsuite name="${attr(suiteName)}" ${totals} time="0">`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${attr(name)}" value="${attr(value)}"/>`),
    '    </properties>',
    ...cases.map(caseXml),
    `    <system-out>${text(systemOut.join('\n'))}</system-out>`,
    '  </testsuite>',
  ];
  return { totals: counts, lines };
}

function checkCase(check: ScenarioCheck): TestCase {
  const name = `${check.id}: ${check.title}${check.kind === 'red-flag' ? ' (red flag)' : ''}`;
  const base = { classname: `stressnb.checks.${check.scenario}`, name };
  if (check.status === 'pass') return base;
  if (check.status === 'not applicable') return { ...base, outcome: { kind: 'skipped', message: check.reason } };
  const where = check.partitions
    ? `${partitionList(check.partitions)}${check.from !== undefined ? `, ${formatSeconds(check.from)} to ${formatSeconds(check.to ?? check.from)}` : ''}`
    : undefined;
  return {
    ...base,
    outcome: {
      kind: 'failure',
      type: check.kind,
      message: check.reason,
      text: [check.reason, where && `where: ${where}`].filter(Boolean).join('\n'),
    },
  };
}

/**
 * One case per known rule (a rule that did not fire passes; one whose evidence rests on a counter
 * that broke integrity is skipped, withheld), and one for any other rule that fired.
 */
function hintCases(hints: readonly TriageHint[], withheld: readonly WithheldHint[]): TestCase[] {
  const rules = [...HINT_RULES, ...hints.map((h) => h.rule).filter((r) => !(HINT_RULES as readonly string[]).includes(r))];
  return rules.map((rule) => {
    const fired = hints.filter((h) => h.rule === rule);
    const base = { classname: 'stressnb.triage', name: `no ${rule}` };
    const held = withheld.filter((w) => w.rule === rule);
    if (fired.length === 0 && held.length > 0) return { ...base, outcome: { kind: 'skipped', message: held.map(withheldText).join('; ') } };
    if (fired.length === 0) return base;
    const lines = fired.flatMap((h) => [
      `${h.rule} on ${partitionList(h.partitions)}, ${formatSeconds(h.from)} to ${formatSeconds(h.to)}: ${h.message}`,
      ...h.evidence.map((e) => `  ${evidenceText(e)}`),
    ]);
    const first = fired[0];
    const message = `${partitionList(first.partitions)}, ${formatSeconds(first.from)} to ${formatSeconds(first.to)}${fired.length > 1 ? ` (and ${fired.length - 1} more)` : ''}`;
    return { ...base, outcome: { kind: 'failure', type: rule, message, text: lines.join('\n') } };
  });
}

function thresholdCase(t: ThresholdResult): TestCase {
  const base = { classname: 'stressnb.thresholds', name: `${t.metric} ${t.expected}` };
  if (t.status === 'pass') return base;
  if (t.status === 'not evaluated') return { ...base, outcome: { kind: 'skipped', message: t.message } };
  if (t.status === 'error') return { ...base, outcome: { kind: 'error', type: 'threshold-error', message: t.message } };
  const actual = t.actual === undefined ? 'no value' : formatMetric(t.actual);
  const relative = relativeDetail(t);
  return {
    ...base,
    outcome: {
      kind: 'failure',
      type: 'threshold',
      message: `expected ${t.metric} ${t.expected}${relative ? ` (${relative})` : ''}, actual ${actual}`,
      text: t.message,
    },
  };
}

function caseXml(c: TestCase): string {
  const open = `    <testcase classname="${attr(c.classname)}" name="${attr(c.name)}" time="0"`;
  if (!c.outcome) return `${open}/>`;
  const { kind, message, type, text: body } = c.outcome;
  const attrs = `message="${attr(message)}"${type ? ` type="${attr(type)}"` : ''}`;
  const inner = body ? `<${kind} ${attrs}>${text(body)}</${kind}>` : `<${kind} ${attrs}/>`;
  return `${open}>\n      ${inner}\n    </testcase>`;
}

/** Characters XML 1.0 cannot hold at all (control characters, lone surrogates) are dropped. */
function legal(value: string): string {
  return value.replace(
    // eslint-disable-next-line no-control-regex -- these are exactly the characters to drop
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

function text(value: string): string {
  return legal(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;').replace(/\r/g, '&#13;');
}
