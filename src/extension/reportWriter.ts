// Writes a session report through vscode.workspace.fs, so it works wherever the workspace lives:
// VS Code for the Web (vscode.dev, github.dev, a remote folder) and virtual folders on desktop.
// The charts folder of a Markdown report is replaced only when it holds nothing but an earlier
// report's charts, and the main file is written last, so a failure leaves the previous report's
// main file as it was (desktop writes local files atomically instead: reportWriter.node.ts).

import * as vscode from 'vscode';
import { foreignChartsFolderProblem } from '../export/buildReport';
import type { ReportWriter } from './exportReport';

async function statOf(uri: vscode.Uri): Promise<vscode.FileStat | undefined> {
  try {
    return await vscode.workspace.fs.stat(uri);
  } catch {
    return undefined;
  }
}

const shown = (uri: vscode.Uri) => (uri.scheme === 'file' ? uri.fsPath : uri.path);

export const writeReportWithWorkspaceFs: ReportWriter = async (target, bundle) => {
  const { fs } = vscode.workspace;
  const { Directory } = vscode.FileType;
  if (((await statOf(target))?.type ?? 0) & Directory) {
    throw new Error(
      `${shown(target)} is a folder; give a file name such as ${shown(vscode.Uri.joinPath(target, `report.${bundle.format}`))}`,
    );
  }
  const folder = vscode.Uri.joinPath(target, '..');
  if (bundle.filesDir !== undefined) {
    const charts = vscode.Uri.joinPath(folder, bundle.filesDir);
    const existing = await statOf(charts);
    if (existing) {
      const names = existing.type & Directory ? (await fs.readDirectory(charts)).map(([name]) => name) : [bundle.filesDir];
      const problem = foreignChartsFolderProblem(shown(charts), names);
      if (problem) throw new Error(problem);
      await fs.delete(charts, { recursive: true, useTrash: false });
    }
  }
  const encoder = new TextEncoder();
  for (const file of bundle.files) await fs.writeFile(vscode.Uri.joinPath(folder, ...file.path.split('/')), encoder.encode(file.content));
  await fs.writeFile(target, encoder.encode(bundle.main));
  return target;
};
