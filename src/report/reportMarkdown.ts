// The report as Markdown for the end of a notebook run: the verdict and where to look first, then
// the baseline summary, scenario checks, triage hints, thresholds and the baseline comparison.

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

const MARK: Record<CheckStatus | ThresholdStatus, string> = {
  pass: '✓',
  fail: '✗',
  'not applicable': '–',
  error: '⚠',
  'not evaluated': '–',
};
const ANSWER: Record<string, string> = { yes: '✓ yes', no: '✗ no', 'not applicable': '– not applicable' };

/** Escapes text for a Markdown table cell or inline text. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function formatReportMarkdown(report: RunReport): string {
  const out: string[] = [];
  const s = report.summary;
  out.push(`### ${report.verdict === 'pass' ? '✓' : '✗'} ${cell(headline(report))}`, '');
  const partial = partialNotice(report);
  if (partial) out.push(`> ⚠ **${cell(partial)}**`, '');
  const look = whereToLook(report);
  if (look.length > 0) {
    out.push('**Where to look:**', '');
    for (const l of look) out.push(`- ${cell(l)}`);
    out.push('');
  }

  out.push('#### Summary', '', code(configLine(s)), '', '| figure | value |', '|---|---|');
  for (const [label, value] of summaryRows(s)) out.push(`| ${cell(label)} | ${cell(value)} |`);
  out.push('');
  for (const [question, answer, evidence] of healthRows(s))
    out.push(`- **${cell(question)}:** ${ANSWER[answer] ?? answer}. ${cell(evidence)}`);
  out.push('');
  if (s.perPartition.length > 0) {
    out.push(
      '| partition | tasksIn | completed | completed/s | rejectsBusy | enqueuedDueToBusy | max pending depth |',
      '|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const p of s.perPartition) {
      out.push(
        `| ${p.partition} | ${formatCount(p.tasksIn)} | ${formatCount(p.completed)} | ${formatRate(p.completedPerS)} | ${formatCount(p.rejectsBusy)} | ${formatCount(p.enqueuedDueToBusy)} | ${formatCount(p.maxPendingDepthObserved)} |`,
      );
    }
    out.push('');
  }

  out.push(`#### Scenario checks (${cell(checkedScenario(report))})`, '', '| status | check | why |', '|---|---|---|');
  for (const c of report.checks) {
    const tag = redFlagTag(c);
    out.push(`| ${MARK[c.status]} ${c.status} | ${cell(c.title)}${tag ? ` *${cell(tag.trim())}*` : ''} | ${cell(c.reason)} |`);
  }
  out.push('');

  out.push('#### Triage hints', '');
  if (report.hints.length === 0) {
    out.push('No triage hint: the counters show none of the known defects.', '');
  } else {
    for (const h of report.hints) {
      out.push(
        `- ✗ **${h.rule}** on ${partitionList(h.partitions)}, ${formatSeconds(h.from)} to ${formatSeconds(h.to)}: ${cell(h.message)}`,
      );
      for (const e of h.evidence) out.push(`  - ${cell(evidenceText(e))}`);
    }
    out.push('');
  }
  if (report.withheld.length > 0) {
    out.push('Withheld because they rest on a counter that broke integrity:', '');
    for (const w of report.withheld) out.push(`- – ${cell(withheldText(w))}`);
    out.push('');
  }

  if (report.thresholds.length > 0) {
    out.push('#### Thresholds', '', '| status | metric | expected | actual | note |', '|---|---|---|---:|---|');
    for (const t of report.thresholds) {
      const actual = t.actual === undefined ? '—' : formatMetric(t.actual);
      const note = t.status === 'error' || t.status === 'not evaluated' ? cell(t.message) : cell(relativeDetail(t) ?? '');
      out.push(`| ${MARK[t.status]} ${t.status} | ${cell(t.metric)} | ${cell(t.expected)} | ${actual} | ${note} |`);
    }
    out.push('');
  }

  if (report.baseline) {
    const b = report.baseline;
    out.push(`#### Compared with ${b.label ? cell(b.label) : 'the baseline'}`, '');
    if (b.configDifferences.length > 0) {
      out.push(
        `Config differs: ${b.configDifferences.map((d) => `${cell(d.key)} ${cell(String(d.baseline ?? '(none)'))} → ${cell(String(d.current ?? '(none)'))}`).join(', ')}.`,
        '',
      );
    }
    for (const p of b.problems) out.push(`> ⚠ ${cell(p)}`, '');
    if (b.metrics.length > 0) {
      const judged = b.metrics.some((d) => d.threshold);
      out.push(
        `| metric | baseline | this run | difference |${judged ? ' threshold |' : ''}`,
        `|---|---:|---:|---:|${judged ? '---|' : ''}`,
      );
      for (const d of b.metrics) {
        const mark = judged ? ` ${cell(differenceMark(d, { pass: '✓', fail: '✗' }))} |` : '';
        out.push(`| ${d.metric} | ${formatMetric(d.baseline)} | ${formatMetric(d.current)} | ${differenceText(d)} |${mark}`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}
