// A session report in memory, ready to be written: the main file (HTML or Markdown) and, for
// Markdown, the chart files it links. Nothing is written here (writeReport.ts does that, at once),
// so a failure leaves no half-written report. The CLI (`stressnb export`) and the extension's
// *Export Session Report* command both go through here.

import { renderChartSvgs, standaloneSvg, type ChartPicture } from './chartSvg';
import { scenarioCells, type SessionExport } from './exportModel';
import { renderSessionHtml } from './renderHtml';
import { renderSessionMarkdown, type ChartLink } from './renderMarkdown';
import type { ReportFormat } from './reportFormat';

export interface ReportFile {
  /** Relative to the main file's folder, '/'-separated. */
  path: string;
  content: string;
}

export interface ReportBundle {
  format: ReportFormat;
  main: string;
  /** The folder (relative to the main file's) that holds `files`; absent when there are none. */
  filesDir?: string;
  files: ReportFile[];
}

/** Where a Markdown report keeps its charts: `session6.md` → `session6-files`. */
export function filesDirFor(mainFileName: string): string {
  return `${mainFileName.replace(/\.[^.]*$/, '') || mainFileName}-files`;
}

/** Whether a file name is one of the chart files a Markdown report writes (`cell2-completed.svg`). */
export function isReportChartFile(name: string): boolean {
  return /^cell\d+-[A-Za-z0-9_-]+\.svg$/.test(name);
}

/**
 * Why the charts folder `path` of a Markdown report may not be replaced, given the names in it:
 * anything but an earlier report's chart files is not the report's to replace. Undefined when it may.
 */
export function foreignChartsFolderProblem(path: string, names: readonly string[]): string | undefined {
  const foreign = names.filter((name) => !isReportChartFile(name));
  if (foreign.length === 0) return undefined;
  return `${path} exists and holds other files (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); the report keeps its charts there: move them, or write the report elsewhere`;
}

/** `mainFileName` is the base name of the file the report goes to (the Markdown links charts next to it). */
export async function buildReport(session: SessionExport, format: ReportFormat, mainFileName: string): Promise<ReportBundle> {
  const pictures = new Map<number, ChartPicture[]>();
  for (const cell of scenarioCells(session)) {
    if (cell.run.charts) pictures.set(cell.number, await renderChartSvgs(cell.run.charts, `cell${cell.number}`));
  }
  const historyPictures = new Map<string, ChartPicture[]>();
  for (const [i, section] of (session.history ?? []).entries()) {
    historyPictures.set(`history${i + 1}-trend`, await renderChartSvgs(section.trend, `history${i + 1}-trend`));
    if (section.comparison)
      historyPictures.set(`history${i + 1}-compare`, await renderChartSvgs(section.comparison.charts, `history${i + 1}-compare`));
  }
  if (format === 'html') return { format, main: renderSessionHtml(session, pictures, historyPictures), files: [] };

  const filesDir = filesDirFor(mainFileName);
  const files: ReportFile[] = [];
  const links = new Map<number, ChartLink[]>();
  for (const [cellNumber, cellPictures] of pictures) {
    links.set(
      cellNumber,
      cellPictures.map((picture) => {
        if ('note' in picture) return { id: picture.id, title: picture.title, note: picture.note };
        if ('error' in picture) return { id: picture.id, title: picture.title, error: picture.error };
        const name = `cell${cellNumber}-${safeName(picture.id)}.svg`;
        files.push({ path: `${filesDir}/${name}`, content: standaloneSvg(picture.svg) });
        return { id: picture.id, title: picture.title, href: `${encodeURIComponent(filesDir)}/${encodeURIComponent(name)}` };
      }),
    );
  }
  const historyLinks = new Map<string, ChartLink[]>();
  for (const [key, keyPictures] of historyPictures) {
    historyLinks.set(
      key,
      keyPictures.map((picture) => {
        if ('note' in picture) return { id: picture.id, title: picture.title, note: picture.note };
        if ('error' in picture) return { id: picture.id, title: picture.title, error: picture.error };
        const name = `${key}-${safeName(picture.id)}.svg`;
        files.push({ path: `${filesDir}/${name}`, content: standaloneSvg(picture.svg) });
        return { id: picture.id, title: picture.title, href: `${encodeURIComponent(filesDir)}/${encodeURIComponent(name)}` };
      }),
    );
  }
  return { format, main: renderSessionMarkdown(session, links, historyLinks), ...(files.length > 0 ? { filesDir } : {}), files };
}

function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_');
}
