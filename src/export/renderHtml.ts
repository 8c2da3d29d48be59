// The session as one self-contained HTML page: no script, no external resource (a content
// security policy says so to the browser too), the charts inline as SVG. Verdicts first (a
// table of every scenario cell), then the notebook in order: the notes, and for each scenario
// cell its verdict, spec, charts, report, transcript (condensed; the whole one collapsed).

import type { ChartPicture } from './chartSvg';
import { cappedTranscript, condenseTranscript } from './condensedTranscript';
import type { RunView, ScenarioExportCell, SessionExport } from './exportModel';
import { scenarioCells } from './exportModel';
import { REPORT_CSS } from './htmlStyles';
import { escapeHtml, markdownToHtml, reportToHtml } from './markdownHtml';
import { runStatus, STALE_WORD, type RunStatus } from './runStatus';
import { cellTitle, originSentence } from './reportWords';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The charts drawn for each scenario cell, by cell number. */
export type CellPictures = ReadonlyMap<number, readonly ChartPicture[]>;

/** The charts of the run history sections, by key (`history1-trend`, `history1-compare`). */
export type HistoryPictures = ReadonlyMap<string, readonly ChartPicture[]>;

export function renderSessionHtml(session: SessionExport, pictures: CellPictures, historyPictures: HistoryPictures = new Map()): string {
  const body = session.cells.map((cell) =>
    cell.kind === 'markdown'
      ? `<section class="notes" id="cell${cell.number}">\n${markdownToHtml(cell.source)}</section>`
      : scenarioHtml(cell, pictures.get(cell.number) ?? []),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="stressnb export">
<title>${escapeHtml(session.name)} · stress session report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="report-header">
<p class="kicker">Stress session report</p>
<h1>${escapeHtml(session.name)}</h1>
<p class="origin">${escapeHtml(originSentence(session))}</p>
</header>
${verdictTable(session)}
<main>
${body.join('\n')}
${historyHtml(session, historyPictures)}
</main>
<p class="footer">Written by <code>stressnb export</code>: one file, readable without JavaScript or a network connection.</p>
</body>
</html>
`;
}

function statusBadge(status: RunStatus): string {
  return `<span class="status ${status.tone}">${status.word}</span>`;
}

function staleBadge(run: RunView): string {
  return run.stale ? ` <span class="status warn" title="${escapeHtml(run.stale)}">${STALE_WORD}</span>` : '';
}

function verdictTable(session: SessionExport): string {
  const cells = scenarioCells(session);
  if (cells.length === 0) return '<section class="verdicts"><h2>Verdicts</h2><p>This notebook has no scenario cells.</p></section>';
  const rows = cells.map((cell) => {
    const status = runStatus(cell.run);
    const look = cell.run.whereToLook.length > 0 ? cell.run.whereToLook.map(escapeHtml).join('<br>') : '—';
    return `<tr><td><a href="#cell${cell.number}">${cell.number}</a></td><td>${escapeHtml(cell.scenario ?? '—')}</td><td>${statusBadge(status)}${staleBadge(cell.run)}</td><td>${look}</td></tr>`;
  });
  return `<section class="verdicts" aria-label="Verdicts">
<h2>Verdicts</h2>
<table>
<thead><tr><th>Cell</th><th>Scenario</th><th>Verdict</th><th>Where to look</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>
</section>`;
}

function scenarioHtml(cell: ScenarioExportCell, pictures: readonly ChartPicture[]): string {
  const { run } = cell;
  const parts = [
    `<article class="scenario" id="cell${cell.number}" data-verdict="${runStatus(run).word}">`,
    `<h3>${escapeHtml(cellTitle(cell))}</h3>`,
    verdictBlock(run),
    `<h4>Spec</h4>\n<pre class="spec"><code>${escapeHtml(cell.source)}</code></pre>`,
  ];
  if (pictures.length > 0 || run.chartsError) parts.push(chartsHtml(pictures, run.chartsError));
  for (const error of run.errors)
    parts.push(`<section class="errors"><h4>${escapeHtml(error.title)}</h4>\n<pre>${escapeHtml(error.message)}</pre></section>`);
  if (run.reportMarkdown) parts.push(`<section class="report">\n${reportToHtml(run.reportMarkdown)}</section>`);
  if (run.transcript !== undefined || run.fullTranscript !== undefined)
    parts.push(transcriptHtml(run.transcript ?? run.fullTranscript!, run.fullTranscript ?? run.transcript!));
  if (run.otherItems.length > 0)
    parts.push(
      `<p class="origin">Not shown here: output items of type ${run.otherItems.map((m) => `<code>${escapeHtml(m)}</code>`).join(', ')}.</p>`,
    );
  parts.push('</article>');
  return parts.join('\n');
}

function verdictBlock(run: RunView): string {
  const status = runStatus(run);
  const lines = [
    `<div class="verdict tone-${status.tone}">`,
    `<p class="headline">${statusBadge(status)}${staleBadge(run)} ${escapeHtml(status.detail)}</p>`,
  ];
  if (run.stale) lines.push(`<p><strong>Stale:</strong> ${escapeHtml(run.stale)}.</p>`);
  for (const notice of run.notices) lines.push(`<p><strong>Note:</strong> ${escapeHtml(notice)}</p>`);
  if (run.whereToLook.length > 0) {
    lines.push('<p><strong>Where to look:</strong></p>', '<ul>', ...run.whereToLook.map((l) => `<li>${escapeHtml(l)}</li>`), '</ul>');
  }
  lines.push('</div>');
  return lines.join('\n');
}

function chartsHtml(pictures: readonly ChartPicture[], chartsError: string | undefined): string {
  const figures = pictures.map((p) =>
    'svg' in p
      ? `<figure data-chart-id="${escapeHtml(p.id)}" role="group" aria-label="${escapeHtml(p.title)}">\n${p.svg}\n</figure>`
      : 'note' in p
        ? `<p class="chart-note" data-chart-id="${escapeHtml(p.id)}"><strong>${escapeHtml(p.title)}</strong>: ${escapeHtml(p.note)}</p>`
        : `<figure data-chart-id="${escapeHtml(p.id)}"><p class="chart-error">Chart "${escapeHtml(p.title)}" could not be drawn: ${escapeHtml(p.error)}</p></figure>`,
  );
  if (chartsError) figures.push(`<p class="chart-error">The saved charts could not be read: ${escapeHtml(chartsError)}</p>`);
  return `<section class="charts">\n<h4>Charts</h4>\n${figures.join('\n')}\n</section>`;
}

/** The view the cell showed, condensed further if it has per-partition lines; the whole transcript collapsed. */
function transcriptHtml(view: string, whole: string): string {
  const full = cappedTranscript(whole);
  const lines = full.split('\n').length;
  return `<section class="transcript">
<h4>Transcript</h4>
<pre>${escapeHtml(condenseTranscript(view))}</pre>
<details><summary>Full transcript (${lines} lines)</summary>
<pre>${escapeHtml(full)}</pre>
</details>
</section>`;
}

/** The run history of the notebook's scenarios: the runs, their trends, the last two compared. */
function historyHtml(session: SessionExport, pictures: HistoryPictures): string {
  const sections = session.history ?? [];
  if (sections.length === 0) return '';
  const parts = ['<section class="history" id="history">', '<h2>Run history</h2>'];
  sections.forEach((h, i) => {
    const shown = h.runs > 50 ? ` (the latest 50 shown)` : '';
    parts.push(
      `<h3>${escapeHtml(h.scenario)}</h3>`,
      `<p class="origin">${h.runs} run${h.runs === 1 ? '' : 's'} in <code>${escapeHtml(h.file)}</code>${shown}, oldest first.</p>`,
    );
    parts.push(`<section class="report">\n${reportToHtml(h.tableMarkdown)}</section>`);
    parts.push(chartsHtml(pictures.get(`history${i + 1}-trend`) ?? [], undefined).replace('<h4>Charts</h4>', '<h4>Trends</h4>'));
    if (h.comparison) {
      parts.push(
        `<h4>${escapeHtml(h.comparison.title)}</h4>`,
        `<section class="report">\n${reportToHtml(h.comparison.markdown)}</section>`,
      );
      parts.push(chartsHtml(pictures.get(`history${i + 1}-compare`) ?? [], undefined).replace('<h4>Charts</h4>', ''));
    }
  });
  parts.push('</section>');
  return parts.join('\n');
}
