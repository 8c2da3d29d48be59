// The CLI's compile cache (src/cli/compileCache.ts): `stressnb run` writes the V8 code cache of its
// command bundle after its first run and reads it at the next; a cache that cannot be read, is
// garbage or cannot be written changes nothing the user sees. The dispatcher and the run bundle are
// built as the package builds them into a folder of their own (helpers/builtCli.ts).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { compileCacheDir } from '../../src/cli/compileCache';
import { buildCli } from './helpers/builtCli';
import { tempFiles } from './helpers/tempFiles';

const temp = tempFiles('stressnb-compile-cache-');
const spec = temp.file('steady.yaml', 'scenario: steady\nmeasureS: 2\ncooldownS: 1\n');

let built: Promise<string> | undefined;
/** dist/cli.js and dist/cliRun.js as the package builds them, in a folder of their own. */
const cli = () => (built ??= buildCli(temp.dir));

async function run(env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { NODE_DISABLE_COMPILE_CACHE: _off, STRESSNB_COMPILE_CACHE_DIR: _dir, ...inherited } = process.env;
  return spawnSync(process.execPath, [await cli(), 'run', spec], { encoding: 'utf8', env: { ...inherited, ...env } });
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8cache')) : []);

describe('the compile cache of stressnb run', () => {
  test('the first run writes the cache of its bundle; the next run reads it (no rewrite) and prints the same', async () => {
    const dir = join(temp.dir, 'cache-1');
    const first = await run({ STRESSNB_COMPILE_CACHE_DIR: dir });
    assert.equal(first.status, 0, first.stderr);
    const files = cacheFiles(dir);
    assert.equal(files.length, 1, `cache files: ${files.join(', ')}`);
    assert.match(files[0], /^cliRun\.js-\d+-\d+-[\w.-]+\.v8cache$/);
    const file = join(dir, files[0]);
    assert.ok(statSync(file).size > 10_000, `${statSync(file).size} bytes cached`);
    const written = statSync(file).mtimeMs;
    const data = readFileSync(file);

    const second = await run({ STRESSNB_COMPILE_CACHE_DIR: dir });
    assert.equal(second.status, 0, second.stderr);
    assert.equal(second.stdout, first.stdout);
    assert.equal(second.stderr, first.stderr);
    // V8 accepted the data: a rejected cache would have been written again.
    assert.equal(statSync(file).mtimeMs, written);
    assert.ok(readFileSync(file).equals(data));
  });

  test('a cache file of garbage is rejected, the run prints the same, and the cache is written again', async () => {
    const dir = join(temp.dir, 'cache-2');
    const clean = await run({ STRESSNB_COMPILE_CACHE_DIR: dir });
    const [name] = cacheFiles(dir);
    writeFileSync(join(dir, name), 'not a code cache');
    const again = await run({ STRESSNB_COMPILE_CACHE_DIR: dir });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout, clean.stdout);
    assert.equal(again.stderr, clean.stderr);
    assert.notEqual(readFileSync(join(dir, name), 'utf8'), 'not a code cache');
  });

  test("a bundle's earlier caches go when its new one is written", async () => {
    const dir = join(temp.dir, 'cache-3');
    await run({ STRESSNB_COMPILE_CACHE_DIR: dir });
    const [current] = cacheFiles(dir);
    const stale = current.replace(/^cliRun\.js-\d+-/, 'cliRun.js-1-');
    const other = 'cliSweep.js-1-1-x.v8cache';
    writeFileSync(join(dir, stale), 'an earlier version');
    writeFileSync(join(dir, other), 'another bundle');
    writeFileSync(join(dir, current), 'garbage, so that it is written again');
    await run({ STRESSNB_COMPILE_CACHE_DIR: dir });
    assert.deepEqual(cacheFiles(dir).sort(), [current, other].sort());
  });

  test('a cache folder that cannot be written changes nothing: same output, same status', async () => {
    const blocked = temp.file('a-file-not-a-folder', '');
    const clean = await run({ NODE_DISABLE_COMPILE_CACHE: '1' });
    const result = await run({ STRESSNB_COMPILE_CACHE_DIR: join(blocked, 'cache') });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, clean.stdout);
    assert.equal(result.stderr, clean.stderr);
  });

  test('NODE_DISABLE_COMPILE_CACHE turns it off: nothing is written', async () => {
    const dir = join(temp.dir, 'cache-off');
    const result = await run({ NODE_DISABLE_COMPILE_CACHE: '1', STRESSNB_COMPILE_CACHE_DIR: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(existsSync(dir), false);
  });

  test('where the cache goes: STRESSNB_COMPILE_CACHE_DIR, else the user cache folder; Node switch turns it off', () => {
    assert.equal(compileCacheDir({ STRESSNB_COMPILE_CACHE_DIR: '/c' }), '/c');
    assert.equal(compileCacheDir({ STRESSNB_COMPILE_CACHE_DIR: '/c', NODE_DISABLE_COMPILE_CACHE: '1' }), undefined);
    if (process.platform === 'win32') {
      assert.equal(compileCacheDir({ LOCALAPPDATA: 'C:\\x' }), join('C:\\x', 'stressnb', 'compile-cache'));
    } else {
      assert.equal(compileCacheDir({ XDG_CACHE_HOME: '/x' }), join('/x', 'stressnb', 'compile-cache'));
      assert.equal(compileCacheDir({}), join(homedir(), '.cache', 'stressnb', 'compile-cache'));
    }
  });
});
