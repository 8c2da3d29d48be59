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

export function markdownToHtml(text: string): string {
  return markdown.render(text);
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return markdown.utils.escapeHtml(text);
}

// The report's status marks as words with a tone (the page's CSS colours them): they read
// without an emoji font, in print, and for a screen reader.
const ANSWERS: [RegExp, string][] = [
  [/✅\s*yes\b/g, '<span class="mark pass">yes</span>'],
  [/❌\s*no\b/g, '<span class="mark fail">no</span>'],
  [/➖\s*not applicable\b/g, '<span class="mark none">not applicable</span>'],
];
const MARKS: [RegExp, string][] = [
  [/✅/g, '<span class="mark pass">PASS</span>'],
  [/❌/g, '<span class="mark fail">FAIL</span>'],
  [/➖/g, '<span class="mark none">N/A</span>'],
  [/⚠️?/g, '<span class="mark warn">WARNING</span>'],
];

/** A run's report as HTML, its status marks in words. */
export function reportToHtml(text: string): string {
  let html = markdownToHtml(text);
  for (const [pattern, replacement] of [...ANSWERS, ...MARKS]) html = html.replace(pattern, replacement);
  return html;
}
