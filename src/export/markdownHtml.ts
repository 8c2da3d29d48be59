// Markdown (the session notes, a run's report) to HTML for the exported page, with markdown-it:
// raw HTML in the notes is shown as text, never run; links that could run code are refused
// (markdown-it's own check); and images that would be fetched from elsewhere become links, so the
// page never makes a request when it is opened.

import MarkdownIt from 'markdown-it';

const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

const defaultImage = markdown.renderer.rules.image!;
markdown.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index];
  const src = token.attrGet('src') ?? '';
  if (/^data:image\//i.test(src)) return defaultImage(tokens, index, options, env, self);
  const alt = self.renderInlineAsText(token.children ?? [], options, env) || src;
  return `<a class="image-link" href="${markdown.utils.escapeHtml(src)}">[image: ${markdown.utils.escapeHtml(alt)}]</a>`;
};

// A table in a box of its own: it wraps its cells to the page's width, and one too wide even so
// (many columns) scrolls inside its box instead of running past the page's edge.
markdown.renderer.rules.table_open = () => '<div class="table-box"><table>\n';
markdown.renderer.rules.table_close = () => '</table></div>\n';

export function markdownToHtml(text: string): string {
  return withSoftBreaksInHeaders(markdown.render(text));
}

/** A column name in camelCase (peakPendingDepth) may break between its words: `<wbr>` before each capital. */
function withSoftBreaksInHeaders(html: string): string {
  return html.replace(
    /(<th\b[^>]*>)([^<]*)(<\/th>)/g,
    (_, open: string, text: string, close: string) => `${open}${text.replace(/([a-z])(?=[A-Z][a-z])/g, '$1<wbr>')}${close}`,
  );
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return markdown.utils.escapeHtml(text);
}

// The report's status marks as words with a tone (the page's CSS colours them): they read
// without an emoji font, in print, and for a screen reader. A mark followed by its word
// ("✓ pass", "✗ no") becomes that word; a mark alone becomes the word it stands for. A dash is
// a mark only before "not applicable" / "not evaluated" (elsewhere it is punctuation); the emoji
// marks are those of reports saved before the marks became text glyphs.
const TONE: Record<string, string> = {
  '✅': 'pass',
  '✓': 'pass',
  '❌': 'fail',
  '✗': 'fail',
  '➖': 'none',
  '–': 'none',
  '⚠': 'warn',
  '⚠️': 'warn',
};
const WORD: Record<string, string> = { pass: 'PASS', fail: 'FAIL', none: 'N/A', warn: 'WARNING' };
const MARK =
  /(✅|❌|➖|⚠️?|✓|✗|–(?=\s*(?:<strong>)?not (?:applicable|evaluated)))(?:\s*(?:<strong>)?(yes|no|not applicable|not evaluated|pass|fail|error|n\/a)(?:<\/strong>)?(?![\w-]))?/gi;

/**
 * A folded part of a report, exactly as src/analysis/repeatReport.ts writes it: a repeat's own
 * report under a one-line summary. Raw HTML stays off: the fold is rebuilt here, its summary
 * escaped and its content rendered as Markdown like the rest.
 */
const FOLD = /^<details>\n<summary>(.*)<\/summary>\n([\s\S]*?)\n<\/details>$/gm;

/** A run's report as HTML, its status marks in words; a repeated cell's repeats folded in <details>. */
export function reportToHtml(text: string): string {
  let html = '';
  let from = 0;
  for (const m of text.matchAll(FOLD)) {
    html += reportPartToHtml(text.slice(from, m.index));
    html += `<details class="repeat">\n<summary>${reportPartToHtml(m[1]).replace(/^<p>|<\/p>\n?$/g, '')}</summary>\n${reportPartToHtml(m[2])}</details>\n`;
    from = m.index! + m[0].length;
  }
  return html + reportPartToHtml(text.slice(from));
}

function reportPartToHtml(text: string): string {
  return markdownToHtml(text).replace(MARK, (_, mark: string, word: string | undefined) => {
    const tone = TONE[mark];
    const said = word === undefined ? WORD[tone] : /^(pass|fail|error)$/i.test(word) ? word.toUpperCase() : word;
    return `<span class="mark ${tone}">${said}</span>`;
  });
}
