// The CLI's stdout and stderr (src/cli/stdioWriters.ts): redirected to a file or /dev/null they are
// written straight to their descriptors, without creating process.stdout and process.stderr;
// through a pipe, by process.stdout as before. Either way the bytes and the exit status are the
// same. (A full disk, /dev/full, and a closed pipe: cliVerdict.unit.test.ts.)

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli } from './helpers/builtCli';
import { tempFiles } from './helpers/tempFiles';

const temp = tempFiles('stressnb-stdio-');
// A failing threshold: exit status 1.
const spec = temp.file('steady.yaml', 'scenario: steady\nmeasureS: 2\ncooldownS: 1\nexpect:\n  completedPerS: ">= 100000"\n');
// Records which of process.stdout and process.stderr the process created (Node creates each on
// first use), and writes their names to $USED_FILE when it exits.
const preload = temp.file(
  'stdio-used.js',
  `const used = new Set();
for (const name of ['stdout', 'stderr']) {
  const own = Object.getOwnPropertyDescriptor(process, name);
  Object.defineProperty(process, name, { configurable: true, enumerable: own.enumerable, get() { used.add(name); return own.get.call(process); } });
}
process.on('exit', () => require('fs').writeFileSync(process.env.USED_FILE, [...used].join('\\n')));
`,
);
let built: Promise<string> | undefined;
const cli = () => (built ??= buildCli(temp.dir));
const env = { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' };

function stdioCreated(usedFile: string): string[] {
  return readFileSync(usedFile, 'utf8')
    .split('\n')
    .filter((name) => name !== '');
}

describe('stdout and stderr of stressnb', () => {
  test('redirected to files, they hold the same bytes as through pipes, and the exit status is the same', async () => {
    // A failing run (status 1), and a spec that is not there, whose name is not ASCII (status 2).
    const cases = [
      { args: ['run', spec], status: 1 },
      { args: ['run', join(temp.dir, 'nowhere—é.yaml')], status: 2 },
    ];
    for (const [i, { args, status }] of cases.entries()) {
      const piped = spawnSync(process.execPath, [await cli(), ...args], { env });
      assert.equal(piped.status, status, piped.stderr.toString());
      const out = join(temp.dir, `out-${i}.log`);
      const err = join(temp.dir, `err-${i}.log`);
      const [outFd, errFd] = [openSync(out, 'w'), openSync(err, 'w')];
      try {
        const redirected = spawnSync(process.execPath, [await cli(), ...args], { env, stdio: ['ignore', outFd, errFd] });
        assert.equal(redirected.status, status);
      } finally {
        closeSync(outFd);
        closeSync(errFd);
      }
      assert.ok(readFileSync(out).equals(piped.stdout), `stdout of ${args.join(' ')}`);
      assert.ok(readFileSync(err).equals(piped.stderr), `stderr of ${args.join(' ')}`);
      assert.ok(piped.stdout.length + piped.stderr.length > 20, `output of ${args.join(' ')}`);
    }
  });

  test('to files or /dev/null, process.stdout and process.stderr are never created; through a pipe, they are', async () => {
    const used = join(temp.dir, 'stdio-used.txt');
    const devNull = spawnSync(process.execPath, ['--require', preload, await cli(), 'run', spec], {
      env: { ...env, USED_FILE: used },
      stdio: 'ignore',
    });
    assert.equal(devNull.status, 1);
    assert.deepEqual(stdioCreated(used), []);

    const piped = spawnSync(process.execPath, ['--require', preload, await cli(), 'run', spec], { env: { ...env, USED_FILE: used } });
    assert.equal(piped.status, 1);
    assert.deepEqual(stdioCreated(used).sort(), ['stderr', 'stdout']);
  });
});
