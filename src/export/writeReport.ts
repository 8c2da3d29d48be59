// Writes a built report all at once or not at all: everything goes to a temporary folder beside
// the target first, then is renamed into place (a rename within one file system is atomic), so a
// reader never sees a half-written report and a failure leaves the previous one as it was.
// The only file of src/export that touches the file system.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { foreignChartsFolderProblem, type ReportBundle } from './buildReport';

export class ReportWriteError extends Error {}

/** Writes `bundle` to `outPath` (and its files folder next to it); returns the paths written. */
export function writeReport(outPath: string, bundle: ReportBundle): string[] {
  const folder = dirname(outPath);
  if (existsSync(outPath) && statSync(outPath).isDirectory())
    throw new ReportWriteError(`${outPath} is a folder; give a file name such as ${join(outPath, `report.${bundle.format}`)}`);
  const filesTarget = bundle.filesDir !== undefined ? join(folder, bundle.filesDir) : undefined;
  if (filesTarget) refuseForeignFolder(filesTarget);

  try {
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new ReportWriteError(`cannot create the folder ${folder}: ${(error as Error).message}`);
  }
  let staging: string;
  try {
    staging = mkdtempSync(join(folder, `.${basename(outPath)}.writing-`));
  } catch (error) {
    throw new ReportWriteError(
      `cannot write in ${folder}: ${(error as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (error as Error).message}`,
    );
  }
  const previousFiles = join(staging, 'previous-files');
  let movedPrevious = false;
  let movedNew = false;
  try {
    writeFileSync(join(staging, 'main'), bundle.main);
    for (const file of bundle.files) {
      const path = join(staging, ...file.path.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.content);
    }
    if (filesTarget && bundle.filesDir !== undefined) {
      if (existsSync(filesTarget)) {
        renameSync(filesTarget, previousFiles);
        movedPrevious = true;
      }
      renameSync(join(staging, bundle.filesDir), filesTarget);
      movedNew = true;
    }
    renameSync(join(staging, 'main'), outPath);
    return [outPath, ...(filesTarget ? bundle.files.map((f) => join(folder, ...f.path.split('/'))) : [])];
  } catch (error) {
    if (movedNew) rmSync(filesTarget!, { recursive: true, force: true });
    if (movedPrevious) renameSync(previousFiles, filesTarget!);
    throw new ReportWriteError(`cannot write ${outPath}: ${(error as Error).message}`);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** A folder in the way that holds anything but an earlier report's chart files is not ours to replace. */
function refuseForeignFolder(path: string): void {
  if (!existsSync(path)) return;
  const problem = foreignChartsFolderProblem(path, statSync(path).isDirectory() ? readdirSync(path) : [basename(path)]);
  if (problem) throw new ReportWriteError(problem);
}
