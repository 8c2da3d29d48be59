// *Stressnb: Export Session Report…* (`stressnb.exportReport`): the open notebook, as it is in the
// editor, to a self-contained HTML file or Markdown with SVG charts, through the same code as
// `stressnb export` (src/export/). Asks for the format and the path, writes, offers to open.
// Called programmatically with `{ format, path }` it asks nothing and resolves to the written
// file's path (tests, other extensions, keybindings with args). The same on desktop and on the
// web; each entry passes its writer (reportWriter.node.ts: atomic, with Node's file system;
// reportWriter.ts: through vscode.workspace.fs, for VS Code for the Web and virtual folders).

import * as vscode from 'vscode';
import { buildReport, type ReportBundle } from '../export/buildReport';
import { formatOfFileName, REPORT_FORMATS, type ReportFormat } from '../export/reportFormat';
import { scenarioCells } from '../export/exportModel';
import { runStatus } from '../export/runStatus';
import { sessionOf } from '../export/sessionOf';
import { historySections } from '../export/historySection';
import { readHistory } from './runHistory';
import { errorMessage } from '../contracts/errorMessage';
import { NOTEBOOK_TYPE } from './extensionIds';
import { notebookModelOf } from './serializer';
import { log } from './log';

/** Writes a report's files at `target` (its main file) all or nothing, as far as it can; returns the main file's URI. */
export type ReportWriter = (target: vscode.Uri, bundle: ReportBundle) => Promise<vscode.Uri>;

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

const baseName = (uri: vscode.Uri): string => uri.path.slice(uri.path.lastIndexOf('/') + 1);

async function pickTarget(notebook: vscode.NotebookDocument, format: ReportFormat): Promise<vscode.Uri | undefined> {
  const folder = notebook.isUntitled ? vscode.workspace.workspaceFolders?.[0]?.uri : vscode.Uri.joinPath(notebook.uri, '..');
  const name = `${baseName(notebook.uri).replace(/\.stressnb$/i, '') || 'session'}.${format}`;
  return vscode.window.showSaveDialog({
    title: 'Export Session Report',
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: format === 'html' ? { HTML: ['html', 'htm'] } : { Markdown: ['md', 'markdown'] },
  });
}

/** A path given by a caller: a local file, or on the web (a remote or virtual workspace) a path in the workspace's file system. */
function targetOf(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return !folder || folder.scheme === 'file' ? vscode.Uri.file(path) : folder.with({ path });
}

/** How a written file is named back to a caller: its local path, or its path in the workspace's file system. */
const pathOf = (uri: vscode.Uri): string => (uri.scheme === 'file' ? uri.fsPath : uri.path);

async function exportReport(arg: unknown, write: ReportWriter): Promise<string | undefined> {
  const args = readArgs(arg);
  const editor = vscode.window.activeNotebookEditor;
  const notebook = editor?.notebook.notebookType === NOTEBOOK_TYPE ? editor.notebook : undefined;
  if (!notebook) {
    void vscode.window.showWarningMessage('Open a stress session notebook to export its report.');
    return undefined;
  }
  const format = args.format ?? (args.path ? formatOfFileName(args.path) : undefined) ?? (await pickFormat());
  if (!format) return undefined;
  const target = args.path !== undefined ? targetOf(args.path) : await pickTarget(notebook, format);
  if (!target) return undefined;

  try {
    const written = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Exporting the session report…' },
      async () => {
        const session = sessionOf(notebookModelOf(notebook), baseName(notebook.uri));
        // The workspace's run history of the notebook's scenarios, when there is one.
        const folder = vscode.workspace.getWorkspaceFolder(notebook.uri);
        const history = folder ? await readHistory(folder) : undefined;
        if (history?.file && history.read.entries.length > 0) {
          const scenarios = scenarioCells(session)
            .map((c) => c.scenario)
            .filter((s): s is string => s !== undefined);
          session.history = await historySections(history.read.entries, scenarios, vscode.workspace.asRelativePath(history.file, false));
        }
        const bundle = await buildReport(session, format, baseName(target));
        return { main: await write(target, bundle), session };
      },
    );
    const verdicts = scenarioCells(written.session).map((c) => runStatus(c.run).word);
    void offerToOpen(written.main, format, verdicts);
    return pathOf(written.main);
  } catch (error) {
    log.error('exporting the session report failed', error);
    void vscode.window.showErrorMessage(`stressnb: the report was not exported (nothing was written): ${errorMessage(error)}`);
    return undefined;
  }
}

async function offerToOpen(target: vscode.Uri, format: ReportFormat, verdicts: string[]): Promise<void> {
  const summary = verdicts.length > 0 ? ` (${verdicts.join(', ')})` : '';
  const choice = await vscode.window.showInformationMessage(`Exported the session report to ${pathOf(target)}${summary}.`, 'Open');
  if (choice !== 'Open') return;
  // A local HTML file opens in the browser; elsewhere (the web) it opens as text.
  if (format === 'html')
    await (target.scheme === 'file' ? vscode.env.openExternal(target) : vscode.commands.executeCommand('vscode.open', target));
  else await vscode.commands.executeCommand('markdown.showPreview', target);
}

export function registerExportReport(write: ReportWriter): vscode.Disposable {
  return vscode.commands.registerCommand(EXPORT_REPORT_COMMAND, (arg: unknown) => exportReport(arg, write));
}
