// `stressnb export <notebook.stressnb> [--run] [--format html|md] [--out FILE]`: the session as a
// report to share (src/export/): one self-contained HTML file, or Markdown with its charts as SVG
// files beside it. With --run every scenario cell is run first (as `stressnb run` does), so CI
// can publish a report straight from a notebook; without it the saved outputs are exported.

import { basename } from 'node:path';
import { formatOfFileName, REPORT_FORMATS, type ReportFormat } from '../export/reportFormat';
import type { ExportArgs } from './exportArgs';
import { defineCommand, scanArgs, historyOption } from './cliIo';

const HELP = `Usage: stressnb export <notebook.stressnb> [--run] [--format html|md] [--out FILE] [--history FILE]

Writes a session report to share: the notes, and for each scenario cell its verdict first, its
spec, charts, report (summary, checks, hints, thresholds, baseline comparison) and transcript.
Cells that never ran, runs that were interrupted or failed, and outputs older than their cell's
spec are marked so. The report is written at once or not at all.

Options:
  --format F   html: one self-contained file (charts inline as SVG; reads without JavaScript or
               network, in light and dark, and in print).
               md: GitHub-flavoured Markdown; the charts are SVG files in a folder beside it
               (report.md links report-files/cell7-completed.svg).
               Defaults to the --out file's extension (.html, .md), else html.
  --out FILE   Where to write. Defaults to the notebook's name with the format's extension, in
               the current folder.
  --run        Run every scenario cell first (the built-in engine at pace fast, or the cell's
               command or log file, with the notebook's seeds and pinned baselines; a sweep cell
               runs its whole grid on worker threads) and export those runs instead of the saved
               outputs. The notebook is not changed.
  --history FILE  A run history (.stressnb/history.jsonl): the report ends with the runs of the
               notebook's scenarios in it, a trend chart per metric, and the last run compared
               with the one before (stressnb compare's table, their series overlaid).
  -h, --help   Show this help.

Exit status: 0 the report was written (with --run: and every run passed); with --run, once the
report is written: 1 a run's verdict is FAIL, 3 a run is incomplete (it failed, was interrupted
or did not reach its end) and none failed; 2 invalid arguments, a notebook that is not valid, a
spec with errors (with --run), or the report could not be written (nothing is written then).
`;

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Write a session report to share: self-contained HTML, or Markdown with SVG charts',
  help: HELP,
  parse: parseExportArgs,
  // Loaded when it runs: a bundle of its own (exportRun.ts says why).
  // require(), not import(), as cli.ts loads the commands (CommandEntry.load).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  execute: async (args, io) => (require('./exportRun') as typeof import('./exportRun')).exportNotebook(args, io),
});

export function parseExportArgs(args: readonly string[]): ExportArgs | { error: string } {
  let file: string | undefined;
  let format: ReportFormat | undefined;
  let out: string | undefined;
  let run = false;
  let history: string | undefined;
  const error = scanArgs(args, {
    options: {
      '--history': historyOption((file) => (history = file)),
      '--format': (value) => {
        const v = value();
        const known = REPORT_FORMATS.find((f) => f === v) ?? (v === 'markdown' ? 'md' : undefined);
        if (!known) return `--format must be ${REPORT_FORMATS.join(' or ')}; got ${v ?? 'nothing'}`;
        format = known;
      },
      '--out': (value) => {
        out = value();
        return out === undefined || out === '' ? '--out needs a file name' : undefined;
      },
      '--run': () => {
        run = true;
      },
    },
    positional: (arg) => {
      if (file !== undefined) return `one notebook at a time; got ${file} and ${arg}`;
      file = arg;
    },
  });
  if (error !== undefined) return { error };
  if (file === undefined) return { error: 'which notebook? stressnb export <notebook.stressnb> [--format html|md]' };
  const fromName = out !== undefined ? formatOfFileName(out) : undefined;
  if (format === undefined && out !== undefined && fromName === undefined) {
    return { error: `--out ${out}: cannot tell the format from the name; add --format html or --format md` };
  }
  // Neither --format nor --out: an HTML file named after the notebook.
  const chosen: ReportFormat = format ?? fromName ?? 'html';
  const target = out ?? `${basename(file).replace(/\.stressnb$/i, '') || 'session'}.${chosen}`;
  return { file, format: chosen, out: target, run, ...(history !== undefined ? { history } : {}) };
}
