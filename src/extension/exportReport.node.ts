// *Stressnb: Export Session Report…* (`stressnb.exportReport`): the open notebook, as it is in the
// editor, to a self-contained HTML file or Markdown with SVG charts, through the same code as
// `stressnb export` (src/export/). Asks for the format and the path, writes, offers to open.
// Called programmatically with `{ format, path }` it asks nothing and resolves to the written
// file's path (tests, other extensions, keybindings with args).

import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildReport, formatOfFileName, REPORT_FORMATS, type ReportFormat } from '../export/buildReport';
import { scenarioCells } from '../export/exportModel';
import { runStatus } from '../export/runStatus';
import { sessionOf } from '../export/sessionOf';
import { writeReport } from '../export/writeReport';
import { errorMessage } from '../format/errorMessage';
import { NOTEBOOK_TYPE } from './extensionIds';
import { notebookModelOf } from './serializer';

export const EXPORT_REPORT_COMMAND = 'stressnb.exportReport';

interface ExportReportArgs {
  format?: ReportFormat;
  path?: string;
}

/** Options passed by a caller; the notebook toolbar passes its own context object, which is ignored. */
function readArgs(arg: unknown): ExportReportArgs {
  if (typeof arg !== 'object' || arg === null) return {};
  const { format, path: target } = arg as Record<string, unknown>;
  return {
    ...(typeof format === 'string' && (REPORT_FORMATS as readonly string[]).includes(format) ? { format: format as ReportFormat } : {}),
    ...(typeof target === 'string' && target !== '' ? { path: target } : {}),
  };
}

async function pickFormat(): Promise<ReportFormat | undefined> {
  const items: (vscode.QuickPickItem & { format: ReportFormat })[] = [
    { label: 'HTML', description: 'one self-contained file: reads in any browser, without JavaScript or network', format: 'html' },
    { label: 'Markdown', description: 'for a pull request or a wiki: charts as SVG files in a folder beside it', format: 'md' },
  ];
  return (await vscode.window.showQuickPick(items, { title: 'Export Session Report', placeHolder: 'Format of the report' }))?.format;
}

async function pickPath(notebook: vscode.NotebookDocument, format: ReportFormat): Promise<string | undefined> {
  const folder = notebook.uri.scheme === 'file' ? vscode.Uri.joinPath(notebook.uri, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${path.posix.basename(notebook.uri.path).replace(/\.stressnb$/i, '') || 'session'}.${format}`;
  const target = await vscode.window.showSaveDialog({
    title: 'Export Session Report',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'html' ? { HTML: ['html', 'htm'] } : { Markdown: ['md', 'markdown'] },
  });
  if (!target) return undefined;
  if (target.scheme !== 'file') {
    void vscode.window.showErrorMessage('stressnb exports reports to local files only: choose a file on this machine.');
    return undefined;
  }
  return target.fsPath;
}

async function exportReport(arg: unknown): Promise<string | undefined> {
  const args = readArgs(arg);
  const editor = vscode.window.activeNotebookEditor;
  const notebook = editor?.notebook.notebookType === NOTEBOOK_TYPE ? editor.notebook : undefined;
  if (!notebook) {
    void vscode.window.showWarningMessage('Open a stress session notebook to export its report.');
    return undefined;
  }
  const format = args.format ?? (args.path ? formatOfFileName(args.path) : undefined) ?? (await pickFormat());
  if (!format) return undefined;
  const target = args.path ?? (await pickPath(notebook, format));
  if (!target) return undefined;

  try {
    const written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Exporting the session report…' },
      async () => {
        const session = sessionOf(notebookModelOf(notebook), path.posix.basename(notebook.uri.path));
        const bundle = await buildReport(session, format, path.basename(target));
        return { paths: writeReport(target, bundle), session };
      },
    );
    const verdicts = scenarioCells(written.session).map((c) => runStatus(c.run).word);
    void offerToOpen(target, format, verdicts);
    return written.paths[0];
  } catch (error) {
    void vscode.window.showErrorMessage(`stressnb: the report was not exported (nothing was written): ${errorMessage(error)}`);
    return undefined;
  }
}

async function offerToOpen(target: string, format: ReportFormat, verdicts: string[]): Promise<void> {
  const summary = verdicts.length > 0 ? ` (${verdicts.join(', ')})` : '';
  const choice = await vscode.window.showInformationMessage(`Exported the session report to ${target}${summary}.`, 'Open');
  if (choice !== 'Open') return;
  const uri = vscode.Uri.file(target);
  if (format === 'html') await vscode.env.openExternal(uri);
  else await vscode.commands.executeCommand('markdown.showPreview', uri);
}

export function registerExportReport(): vscode.Disposable {
  // The menus show the command only where it is registered (not in the web worker host).
  void vscode.commands.executeCommand('setContext', 'stressnb.canExportReport', true);
  return vscode.commands.registerCommand(EXPORT_REPORT_COMMAND, exportReport);
}
