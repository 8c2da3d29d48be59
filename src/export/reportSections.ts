// Splits a run's report (the Markdown of src/report/reportMarkdown.ts, as the notebook saves it)
// into the verdict part a report shows first (headline, partial-run notices, where to look) and
// the rest (summary, checks, hints, thresholds, baseline comparison). Tolerant: a report in
// another shape is kept whole, without a verdict.

export interface ReportSections {
  verdict?: 'pass' | 'fail';
  headline?: string;
  notices: string[];
  whereToLook: string[];
  /** The report from its first section heading on (all of it when there is no headline). */
  body: string;
}

const HEADING = /^(#{1,6})\s+(.*)$/;

export function splitReport(markdown: string): ReportSections {
  const lines = markdown.split(/\r?\n/);
  const first = lines.findIndex((l) => l.trim() !== '');
  const match = first >= 0 ? HEADING.exec(lines[first]) : null;
  const headline = match ? plainText(match[2]) : undefined;
  const verdictWord = headline ? /^(PASS|FAIL)\b/.exec(headline)?.[1] : undefined;
  if (!match || !verdictWord) return { notices: [], whereToLook: [], body: markdown };

  const level = match[1].length;
  let end = lines.findIndex((l, i) => i > first && (HEADING.exec(l)?.[1].length ?? 0) > level);
  if (end < 0) end = lines.length;
  const notices: string[] = [];
  const whereToLook: string[] = [];
  for (const line of lines.slice(first + 1, end)) {
    if (line.startsWith('>')) notices.push(plainText(line.replace(/^>\s?/, '')));
    else if (/^- /.test(line)) whereToLook.push(plainText(line.slice(2)));
  }
  return {
    verdict: verdictWord === 'PASS' ? 'pass' : 'fail',
    headline,
    notices: notices.filter((n) => n !== ''),
    whereToLook,
    body: lines.slice(end).join('\n').trim(),
  };
}

/** Inline Markdown as plain words: no status emoji, no emphasis, table-cell escapes undone. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^[\s\p{Extended_Pictographic}\uFE0F✓✗⚠–]+/u, '')
    .replace(/\*\*(.*?)\*\*/g, '$1')
    .replace(/\\([\\|])/g, '$1')
    .trim();
}
