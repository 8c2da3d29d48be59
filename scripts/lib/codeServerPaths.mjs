// Where the pinned code-server lives: a git-ignored cache folder, outside the project's own dependencies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
/** `publisher.name`, as VS Code names the extension. */
export const extensionId = `${manifest.publisher}.${manifest.name}`;
export const codeServerVersion = '4.100.3';
export const codeServerDir = join(repoRoot, '.vscode-test', `code-server-${codeServerVersion}`);
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const installedMarker = join(codeServerDir, '.installed');
