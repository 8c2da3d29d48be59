// Desktop: a report to a local file is written atomically with Node's file system
// (src/export/writeReport.ts, as `stressnb export` does); elsewhere (a virtual folder) through
// vscode.workspace.fs.

import type { ReportWriter } from './exportReport';
import { writeReport } from '../export/writeReport';
import { writeReportWithWorkspaceFs } from './reportWriter';

export const writeReportNode: ReportWriter = async (target, bundle) => {
  if (target.scheme !== 'file') return writeReportWithWorkspaceFs(target, bundle);
  writeReport(target.fsPath, bundle);
  return target;
};
