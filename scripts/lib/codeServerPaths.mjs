// Where the pinned code-server lives: a cache folder outside the repository. Not inside it: the
// tests and `npm start` open the repository as the extension under development, and a code-server
// installed inside that folder does not apply the color theme of its settings at start-up (the
// workbench stays in its light default: "workbench.colorTheme": "Default Dark Modern" was ignored).
// STRESSNB_CODE_SERVER_CACHE moves it; by default $XDG_CACHE_HOME/stressnb, else ~/.cache/stressnb.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
/** `publisher.name`, as VS Code names the extension. */
export const extensionId = `${manifest.publisher}.${manifest.name}`;
export const codeServerVersion = '4.100.3';
const cacheRoot = process.env.STRESSNB_CODE_SERVER_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stressnb');
export const codeServerDir = join(cacheRoot, `code-server-${codeServerVersion}`);
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const installedMarker = join(codeServerDir, '.installed');
