// The formats a session report is written in, and which one a file name asks for: a module of its
// own, so choosing a format does not load the report's rendering (vega).

export const REPORT_FORMATS = ['html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The format a file name asks for: `.html` / `.htm` → html, `.md` / `.markdown` → md. */
export function formatOfFileName(fileName: string): ReportFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1].toLowerCase();
  if (ext === 'html' || ext === 'htm') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'md';
  return undefined;
}
