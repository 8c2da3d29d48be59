// A V8 code cache for the command bundles (dist/cli*.js). Without it, every `stressnb run` parses
// and compiles its 380 KB bundle and the functions it calls again: about 35 ms of its start-up
// (measured by `npm run bench -- start-up`, beside the first run). Node 20 has no built-in cache
// for CommonJS (module.enableCompileCache came in Node 22.1), so the dispatcher compiles each
// command bundle itself with vm.Script and V8's cached data. The data is written after the command
// has run, so it holds the functions the run compiled lazily too, not just the top level.
//
// The cache is an optimisation only: any problem reading or writing it is ignored, and V8 checks
// the data against its own version and flags. Where: $STRESSNB_COMPILE_CACHE_DIR, else the user's
// cache folder (~/.cache/stressnb/compile-cache). NODE_DISABLE_COMPILE_CACHE=1 (Node's own switch)
// turns it off.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** Node's internal parts of Module that a compile hook needs (stable since Node 0.x). */
interface ModuleInternals {
  prototype: { _compile(this: NodeJS.Module, content: string, filename: string): unknown };
  wrap(source: string): string;
  _resolveFilename(request: string, parent: NodeJS.Module, isMain: boolean, options?: { paths?: string[] }): string;
}

/** The folder the cache goes in, or undefined when it is turned off. */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  if (env.STRESSNB_COMPILE_CACHE_DIR) return env.STRESSNB_COMPILE_CACHE_DIR;
  const base = process.platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return base ? join(base, 'stressnb', 'compile-cache') : undefined;
}

/**
 * Compiles every bundle in bundleDir whose name matches `bundles` through the code cache in
 * cacheDir, from now on; the other modules load as usual.
 */
export function cacheCompiledBundles(bundleDir: string, bundles: RegExp, cacheDir: string): void {
  const internals = Module as unknown as ModuleInternals;
  const compile = internals.prototype._compile;
  const pending: { script: Script; file: string; bundle: string }[] = [];
  internals.prototype._compile = function (this: NodeJS.Module, content: string, filename: string) {
    const bundle = basename(filename);
    if (dirname(filename) !== bundleDir || !bundles.test(bundle)) return compile.call(this, content, filename);
    const file = cacheFileOf(cacheDir, filename);
    const cachedData = file === undefined ? undefined : readOrUndefined(file);
    const script = new Script(internals.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) });
    if (file !== undefined && (cachedData === undefined || script.cachedDataRejected)) pending.push({ script, file, bundle });
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireOf(this, internals), this, filename, dirname(filename));
  };
  process.once('exit', () => {
    for (const { script, file, bundle } of pending) writeCache(file, bundle, script.createCachedData());
  });
}

/** A cache file per bundle version: its size and time stamp name it, and V8's own version. */
function cacheFileOf(cacheDir: string, filename: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(filename);
    return join(cacheDir, `${basename(filename)}-${size}-${Math.trunc(mtimeMs)}-${process.versions.v8}-${process.arch}.v8cache`);
  } catch {
    return undefined;
  }
}

/** The `require` a module's code gets: relative to the module, as Node's own. */
function requireOf(module: NodeJS.Module, internals: ModuleInternals): NodeJS.Require {
  const moduleRequire = ((id: string) => module.require(id)) as NodeJS.Require;
  moduleRequire.resolve = ((request: string, options?: { paths?: string[] }) =>
    internals._resolveFilename(request, module, false, options)) as NodeJS.RequireResolve;
  moduleRequire.main = require.main;
  moduleRequire.cache = require.cache;
  return moduleRequire;
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Written under another name, then renamed: a concurrent run reads the old file or the new one,
 * never half of one. The caches of the bundle's earlier versions go.
 */
function writeCache(file: string, bundle: string, data: Buffer): void {
  try {
    const dir = dirname(file);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, file);
    for (const old of readdirSync(dir)) {
      if (old.startsWith(`${bundle}-`) && old.endsWith('.v8cache') && join(dir, old) !== file) rmSync(join(dir, old), { force: true });
    }
  } catch {
    // a read-only or full disk: the next run compiles as usual
  }
}
