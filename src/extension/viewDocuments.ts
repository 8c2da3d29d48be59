// Read-only notebooks the extension makes up (the run history view): kept in memory under the
// `stressnb-view:` scheme and opened like any .stressnb file, so the serializer reads their
// outputs as it reads a saved notebook's, and nothing is written into the workspace. (A notebook
// created from NotebookData with outputs loses its output bytes on the way to the workbench.)

import * as vscode from 'vscode';
import { StressnbSerializer } from './serializer';

const SCHEME = 'stressnb-view';
const files = new Map<string, Uint8Array>();
let made = 0;

class ViewFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const bytes = files.get(uri.path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const bytes = files.get(uri.path);
    if (!bytes) throw vscode.FileSystemError.FileNotFound(uri);
    return bytes;
  }
  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  writeFile(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  delete(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
  rename(uri: vscode.Uri): void {
    throw vscode.FileSystemError.NoPermissions(uri);
  }
}

export function registerViewDocuments(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerFileSystemProvider(SCHEME, new ViewFileSystem(), { isReadonly: true }),
    vscode.workspace.onDidCloseNotebookDocument((doc) => {
      if (doc.uri.scheme === SCHEME) files.delete(doc.uri.path);
    }),
  );
}

/** Opens `data` as a read-only stress notebook named `name` (a new document each time). */
export async function openViewNotebook(name: string, data: vscode.NotebookData): Promise<vscode.NotebookDocument> {
  const path = `/${++made}/${name.replace(/[/\\]/g, '-')}.stressnb`;
  files.set(path, new StressnbSerializer().serializeNotebook(data));
  const notebook = await vscode.workspace.openNotebookDocument(vscode.Uri.from({ scheme: SCHEME, path }));
  await vscode.window.showNotebookDocument(notebook);
  return notebook;
}
