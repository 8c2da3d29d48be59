// The report as plain text for a terminal (`stressnb analyze`): the same content as the
// Markdown form, aligned, with PASS / FAIL words instead of marks.

import {
  checkedScenario,
  configLine,
  differenceText,
  evidenceText,
  headline,
  healthRows,
  partialNotice,
  redFlagTag,
  summaryRows,
  whereToLook,
  withheldText,
} from './reportFacts';
import { formatCount, formatMetric, formatRate, formatSeconds, partitionList } from '../analysis/reportNumbers';
import { differenceMark, relativeDetail } from './thresholdMarks';
import type { CheckStatus, RunReport, ThresholdStatus } from '../analysis/reportTypes';

const WORD: Record<CheckStatus | ThresholdStatus, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  'not applicable': 'n/a ',
  error: 'ERR ',
  'not evaluated': 'n/a ',
};

export function formatReportText(report: RunReport): string {
  const out: string[] = [];
  const s = report.summary;
  out.push(headline(report));
  const partial = partialNotice(report);
  if (partial) out.push(`WARNING: ${partial}`);
  const look = whereToLook(report);
  if (look.length > 0) {
    out.push('', 'Where to look:');
    for (const l of look) out.push(`  - ${l}`);
  }

  out.push('', 'Summary', `  ${configLine(s)}`);
  const rows = summaryRows(s);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) out.push(`  ${label.padEnd(width)}  ${value}`);
  for (const [question, answer, evidence] of healthRows(s)) out.push(`  ${question}: ${answer}. ${evidence}`);
  if (s.perPartition.length > 0) {
    out.push('  partition      tasksIn    completed  completed/s  rejectsBusy  enqueuedDueToBusy  maxPending');
    for (const p of s.perPartition) {
      out.push(
        `  ${String(p.partition).padStart(9)} ${formatCount(p.tasksIn).padStart(12)} ${formatCount(p.completed).padStart(12)} ` +
          `${formatRate(p.completedPerS).padStart(12)} ${formatCount(p.rejectsBusy).padStart(12)} ${formatCount(p.enqueuedDueToBusy).padStart(18)} ` +
          `${formatCount(p.maxPendingDepthObserved).padStart(11)}`,
      );
    }
  }

  out.push('', `Scenario checks (${checkedScenario(report)})`);
  for (const c of report.checks) {
    out.push(`  [${WORD[c.status]}] ${c.title}${redFlagTag(c)}`);
    out.push(`         ${c.reason}`);
  }

  out.push('', 'Triage hints');
  if (report.hints.length === 0) out.push('  none: the counters show none of the known defects');
  for (const h of report.hints) {
    out.push(`  [HINT] ${h.rule} on ${partitionList(h.partitions)}, ${formatSeconds(h.from)} to ${formatSeconds(h.to)}`);
    out.push(`         ${h.message}`);
    for (const e of h.evidence) out.push(`         ${evidenceText(e)}`);
  }
  for (const w of report.withheld) out.push(`  [WITHHELD] ${withheldText(w)}`);

  if (report.thresholds.length > 0) {
    out.push('', 'Thresholds');
    for (const t of report.thresholds) {
      const relative = relativeDetail(t);
      const judged = `${t.metric} ${t.expected} (actual ${formatMetric(t.actual ?? NaN)}${relative ? `; ${relative}` : ''})`;
      out.push(`  [${WORD[t.status]}] ${t.status === 'error' || t.status === 'not evaluated' ? t.message : judged}`);
    }
  }

  if (report.baseline) {
    const b = report.baseline;
    out.push('', `Compared with ${b.label ?? 'the baseline'}`);
    for (const d of b.configDifferences) out.push(`  config ${d.key}: ${d.baseline ?? '(none)'} -> ${d.current ?? '(none)'}`);
    for (const p of b.problems) out.push(`  WARNING: ${p}`);
    const w = Math.max(6, ...b.metrics.map((d) => d.metric.length));
    for (const d of b.metrics) {
      const mark = differenceMark(d, { pass: 'PASS', fail: 'FAIL' });
      out.push(
        `  ${d.metric.padEnd(w)}  ${formatMetric(d.baseline).padStart(12)} -> ${formatMetric(d.current).padStart(12)}  ${differenceText(d)}${mark ? `  ${mark}` : ''}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}
