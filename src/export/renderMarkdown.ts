// The session as GitHub-flavoured Markdown, for a pull request or a wiki: verdicts first (a table
// of every scenario cell), then the notebook in order: the notes as they are, and for each
// scenario cell its verdict, spec, charts (SVG files next to the Markdown, linked relatively),
// report and transcript (condensed; the whole one in a collapsed <details>).

import { cappedTranscript, condenseTranscript } from './condensedTranscript';
import type { RunView, ScenarioExportCell, SessionExport } from './exportModel';
import { scenarioCells } from './exportModel';
import { cellTitle, originSentence } from './reportWords';
import { runStatus, STALE_WORD, type StatusTone } from './runStatus';

/** A chart file of a cell, as the Markdown links it. */
export interface ChartLink {
  id: string;
  title: string;
  /** Relative to the Markdown file, '/'-separated and URL-encoded. */
  href?: string;
  /** Why the chart could not be drawn (no file then). */
  error?: string;
  /** A chart with nothing to show (all zeros): one line instead of a file. */
  note?: string;
}

export type CellChartLinks = ReadonlyMap<number, readonly ChartLink[]>;

const MARK: Record<StatusTone, string> = { pass: '✓', fail: '✗', warn: '⚠', none: '–' };

export function renderSessionMarkdown(
  session: SessionExport,
  charts: CellChartLinks,
  historyCharts: ReadonlyMap<string, readonly ChartLink[]> = new Map(),
): string {
  const out: string[] = [`# Stress session report: ${inline(session.name)}`, '', `*${inline(originSentence(session))}*`, ''];
  out.push(...verdictTable(session), '---', '');
  for (const cell of session.cells) {
    if (cell.kind === 'markdown') out.push(cell.source.trimEnd(), '');
    else out.push(...scenarioMarkdown(cell, charts.get(cell.number) ?? []));
  }
  out.push(...historyMarkdown(session, historyCharts));
  out.push('---', '', '*Written by `stressnb export`.*', '');
  return out.join('\n');
}

function chartLines(charts: readonly ChartLink[], what: string): string[] {
  const out: string[] = [];
  for (const chart of charts) {
    if (chart.note !== undefined) out.push(`**${inline(chart.title)}**: ${inline(chart.note)}`, '');
    else
      out.push(
        chart.href
          ? `![${altText(`${what}: ${chart.title}`)}](${chart.href})`
          : `*Chart "${inline(chart.title)}" could not be drawn: ${inline(chart.error ?? 'unknown error')}*`,
        '',
      );
  }
  return out;
}

/** The run history of the notebook's scenarios: the runs, their trends, the last two compared. */
function historyMarkdown(session: SessionExport, charts: ReadonlyMap<string, readonly ChartLink[]>): string[] {
  const sections = session.history ?? [];
  if (sections.length === 0) return [];
  const out = ['## Run history', ''];
  sections.forEach((h, i) => {
    out.push(
      `### ${inline(h.scenario)}`,
      '',
      `*${h.runs} run${h.runs === 1 ? '' : 's'} in \`${h.file}\`${h.runs > 50 ? ' (the latest 50 shown)' : ''}, oldest first.*`,
      '',
      h.tableMarkdown.trimEnd(),
      '',
    );
    out.push('#### Trends', '', ...chartLines(charts.get(`history${i + 1}-trend`) ?? [], `${h.scenario} trend`));
    if (h.comparison) {
      out.push(
        `#### ${inline(h.comparison.title)}`,
        '',
        h.comparison.markdown.replace(/^### /, '##### ').trimEnd(),
        '',
        ...chartLines(charts.get(`history${i + 1}-compare`) ?? [], `${h.scenario} comparison`),
      );
    }
  });
  return out;
}

function statusText(run: RunView): string {
  const status = runStatus(run);
  return `${MARK[status.tone]} **${status.word}**${run.stale ? ` ⚠ **${STALE_WORD}**` : ''}`;
}

function verdictTable(session: SessionExport): string[] {
  const cells = scenarioCells(session);
  if (cells.length === 0) return ['## Verdicts', '', 'This notebook has no scenario cells.', ''];
  const rows = cells.map(
    (c) =>
      `| ${c.number} | ${inline(c.scenario ?? '—')} | ${statusText(c.run)} | ${c.run.whereToLook.length > 0 ? c.run.whereToLook.map(inline).join('<br>') : '—'} |`,
  );
  return ['## Verdicts', '', '| cell | scenario | verdict | where to look |', '|---:|---|---|---|', ...rows, ''];
}

function scenarioMarkdown(cell: ScenarioExportCell, charts: readonly ChartLink[]): string[] {
  const { run } = cell;
  const status = runStatus(run);
  const out = [`### ${inline(cellTitle(cell))}`, '', `> ${statusText(run)} ${inline(status.detail)}`];
  if (run.stale) out.push('>', `> **Stale:** ${inline(run.stale)}.`);
  for (const notice of run.notices) out.push('>', `> **Note:** ${inline(notice)}`);
  if (run.whereToLook.length > 0) out.push('>', '> **Where to look:**', '>', ...run.whereToLook.map((l) => `> - ${inline(l)}`));
  out.push('', '#### Spec', '', ...fenced(cell.source, 'yaml'), '');

  if (charts.length > 0 || run.chartsError) {
    out.push('#### Charts', '');
    for (const chart of charts) {
      if (chart.note !== undefined) out.push(`**${inline(chart.title)}**: ${inline(chart.note)}`, '');
      else
        out.push(
          chart.href
            ? `![${altText(`${cellTitle(cell)}: ${chart.title}`)}](${chart.href})`
            : `*Chart "${inline(chart.title)}" could not be drawn: ${inline(chart.error ?? 'unknown error')}*`,
          '',
        );
    }
    if (run.chartsError) out.push(`*The saved charts could not be read: ${inline(run.chartsError)}*`, '');
  }
  for (const error of run.errors) out.push(`#### ${inline(error.title)}`, '', ...fenced(error.message, 'text'), '');
  if (run.reportMarkdown) out.push(run.reportMarkdown.trimEnd(), '');
  const view = run.transcript ?? run.fullTranscript;
  if (view !== undefined) {
    out.push('#### Transcript', '', ...fenced(condenseTranscript(view), 'text'), '');
    const full = cappedTranscript(run.fullTranscript ?? view);
    out.push('<details><summary>Full transcript</summary>', '', ...fenced(full, 'text'), '', '</details>', '');
  }
  if (run.otherItems.length > 0)
    out.push(`*Not shown here: output items of type ${run.otherItems.map((m) => `\`${m}\``).join(', ')}.*`, '');
  return out;
}

/** A fenced code block whose fence is longer than any backtick run in the text. */
function fenced(text: string, language: string): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language}`, text.replace(/\n+$/, ''), fence];
}

/** Text placed inline: Markdown and HTML syntax characters are escaped so they show as typed. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

function altText(text: string): string {
  return text.replace(/[[\]\\]/g, '').replace(/\r?\n/g, ' ');
}
