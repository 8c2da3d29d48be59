// The exported page's only style sheet (inline: the page loads nothing). Light and dark follow
// prefers-color-scheme; print is black on white with the charts kept whole. The charts' text and
// axes are `currentColor` (chartSvg.ts), so they follow the page's colour in every case.

export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0;
  --link: #0969da; --code-bg: #f3f4f6;
  --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
  --warn: #9a6700; --warn-bg: #fff8c5; --none: #59636e; --none-bg: #eff2f5;
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d;
    --link: #4493f8; --code-bg: #1b222c;
    --pass: #3fb950; --pass-bg: #12261e; --fail: #f85149; --fail-bg: #2d1214;
    --warn: #d29922; --warn-bg: #272115; --none: #9198a1; --none-bg: #1b222c;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 24px 28px 48px; max-width: 980px; background: var(--bg); color: var(--fg);
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
a { color: var(--link); }
h1, h2, h3, h4, h5 { line-height: 1.25; margin: 1.4em 0 0.5em; }
h1 { font-size: 1.9em; } h2 { font-size: 1.45em; } h3 { font-size: 1.2em; } h4 { font-size: 1.05em; }
code, pre { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 0.86em; }
code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: var(--code-bg); padding: 10px 12px; border-radius: 6px; overflow-x: auto; line-height: 1.4; }
pre code { background: none; padding: 0; font-size: 1em; }
table { border-collapse: collapse; margin: 0.6em 0 1em; }
.table-box { max-width: 100%; overflow-x: auto; margin: 0.6em 0 1em; }
.table-box > table { margin: 0; }
th, td { border: 1px solid var(--border); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: var(--panel); }
blockquote { margin: 0.6em 0; padding: 0.2em 1em; border-left: 4px solid var(--border); color: var(--muted); }
hr { border: 0; border-top: 1px solid var(--border); margin: 2em 0; }
.report-header { border-bottom: 1px solid var(--border); padding-bottom: 12px; }
.report-header h1 { margin-top: 0.2em; }
.kicker, .origin { color: var(--muted); margin: 0; }
.verdicts table { display: table; width: 100%; }
.notes { margin: 1em 0; }
.scenario { border: 1px solid var(--border); border-radius: 8px; padding: 4px 20px 16px; margin: 1.5em 0; background: var(--bg); }
.scenario > h3 { margin-top: 0.8em; }
.scenario h4 { border-bottom: 1px solid var(--border); padding-bottom: 3px; }
.status, .mark {
  display: inline-block; font-weight: 700; letter-spacing: 0.03em; border-radius: 4px; padding: 0 0.45em;
  border: 1px solid currentColor; font-size: 0.85em; line-height: 1.5; white-space: nowrap;
}
.mark { font-weight: 600; font-size: 0.8em; }
.pass { color: var(--pass); background: var(--pass-bg); }
.fail { color: var(--fail); background: var(--fail-bg); }
.warn { color: var(--warn); background: var(--warn-bg); }
.none { color: var(--none); background: var(--none-bg); }
.verdict { border-left: 6px solid var(--none); background: var(--panel); border-radius: 6px; padding: 8px 14px; margin: 0.8em 0; }
.verdict.tone-pass { border-left-color: var(--pass); } .verdict.tone-fail { border-left-color: var(--fail); }
.verdict.tone-warn { border-left-color: var(--warn); }
.verdict p { margin: 0.3em 0; }
.verdict .headline { font-size: 1.1em; font-weight: 600; }
.verdict ul { margin: 0.3em 0 0.3em 1.2em; padding: 0; }
.charts figure { margin: 0.8em 0; }
.charts svg { display: block; max-width: 100%; height: auto; }
.chart-error, .errors pre { color: var(--fail); }
details { margin: 0.6em 0; }
summary { cursor: pointer; color: var(--muted); }
.footer { color: var(--muted); font-size: 0.85em; margin-top: 3em; border-top: 1px solid var(--border); padding-top: 8px; }
@media print {
  :root {
    --fg: #000; --muted: #333; --bg: #fff; --panel: #fff; --border: #999; --code-bg: #f4f4f4; --link: #000;
    --pass: #0a5c22; --pass-bg: #fff; --fail: #a40e19; --fail-bg: #fff; --warn: #6b4700; --warn-bg: #fff; --none: #333; --none-bg: #fff;
  }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .scenario { border: 0; padding: 0; break-before: auto; }
  .charts figure, .verdict, tr { break-inside: avoid; }
  pre { white-space: pre-wrap; word-break: break-all; }
  a { text-decoration: none; }
}
`;
