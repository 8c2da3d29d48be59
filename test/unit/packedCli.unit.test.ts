// The CLI installs on its own (issue 22): the bundles `files` lists (package.json), built afresh
// into a staging folder, packed with `npm pack`, installed offline into an empty prefix (it has no
// runtime dependency: everything is bundled), and every command run from there, in a folder far
// from this repository, so nothing can come from its node_modules or sources.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serializeStressnb } from '../../src/format/stressnbFile';
import { buildShippedBundles } from './helpers/builtCli';
import { tempFiles } from './helpers/tempFiles';

const ROOT = join(__dirname, '..', '..');
const temp = tempFiles('stressnb-packed-');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; files: string[] };

/** npm without the network, the update check or the funding notes, in its own cache. */
function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync('npm', [...args, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_cache: join(temp.dir, 'npm-cache') },
  });
}

/** Builds what `files` names into `stage` (the repository's own dist/ is left as it is) with package.json, README and LICENSE. */
async function stagePackage(stage: string): Promise<void> {
  await buildShippedBundles(
    stage,
    pkg.files.filter((f) => f.startsWith('dist/')),
  );
  for (const name of ['package.json', 'README.md', 'LICENSE', 'syntaxes']) cpSync(join(ROOT, name), join(stage, name), { recursive: true });
}

describe('the packed CLI', () => {
  test(
    'npm pack holds only what the CLI and the extension need; installed offline into an empty prefix, every command runs',
    { timeout: 300_000 },
    async () => {
      const stage = join(temp.dir, 'stage');
      await stagePackage(stage);
      // --ignore-scripts: `prepare` would build the repository's dist/; the stage is built already.
      const packed = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', temp.dir], stage);
      assert.equal(packed.status, 0, packed.stderr);
      const [{ filename, files, size }] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[]; size: number }[];
      const paths = files.map((f) => f.path).sort();
      const expected = [
        ...pkg.files.filter((f) => f.startsWith('dist/')),
        'LICENSE',
        'README.md',
        'package.json',
        'syntaxes/scenario-language-configuration.json',
        'syntaxes/stressnb-scenario.tmLanguage.json',
      ].sort();
      assert.deepEqual(paths, expected);
      assert.ok(size < 4 * 1024 * 1024, `${(size / 1024 / 1024).toFixed(1)} MB packed`);

      const prefix = join(temp.dir, 'prefix');
      mkdirSync(prefix);
      const installed = npm(['install', '--global', '--prefix', prefix, join(temp.dir, filename)], temp.dir);
      assert.equal(installed.status, 0, installed.stderr);
      const bin = join(prefix, 'bin', 'stressnb');
      assert.ok(existsSync(bin), bin);
      assert.ok(statSync(bin).mode & 0o111, 'executable');

      // A folder of its own, far from the repository.
      const work = join(temp.dir, 'work');
      mkdirSync(work);
      const env = { PATH: `${join(prefix, 'bin')}:${process.env.PATH}`, HOME: work };
      const stressnb = (args: string[], input?: string) =>
        spawnSync(bin, args, { cwd: work, encoding: 'utf8', env, input, maxBuffer: 64 * 1024 * 1024 });

      const version = stressnb(['--version']);
      assert.equal(version.stdout, `stressnb ${pkg.version}\n`, version.stderr);
      assert.match(
        stressnb(['--help']).stdout,
        /Commands:\n {2}run .*\n {2}sweep .*\n {2}search .*\n {2}analyze .*\n {2}compare .*\n {2}history .*\n {2}export /,
      );

      const spec =
        'scenario: steady\npartitions: 2\nwarmupS: 0\nmeasureS: 2\ncooldownS: 1\ntickMs: 250\nexpect:\n  completedPerS: ">= 500"\n';
      writeFileSync(join(work, 'spec.yaml'), spec);
      const run = stressnb(['run', 'spec.yaml', '--summary', 'report.xml']);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stderr, /FAIL steady \(seed 1\): 1 failed threshold/);
      assert.match(readFileSync(join(work, 'report.xml'), 'utf8'), /<testsuites /);

      const analyze = stressnb(['analyze', '-', '--format', 'json'], run.stdout);
      assert.equal(analyze.status, 1, analyze.stderr);
      assert.equal(JSON.parse(analyze.stdout).verdict, 'fail');

      writeFileSync(
        join(work, 'sweep.yaml'),
        'scenario: steady\npartitions: 2\nwarmupS: 0\nmeasureS: 1\ncooldownS: 0.5\nsweep:\n  ringBufferSize: [64, 256]\n',
      );
      const sweep = stressnb(['sweep', 'sweep.yaml', '--threads', '2', '--format', 'json']);
      assert.equal(sweep.status, 0, sweep.stderr);
      assert.equal(JSON.parse(sweep.stdout).runs.length, 2);

      writeFileSync(
        join(work, 'search.yaml'),
        'scenario: steady\nhandler: sync\npartitions: 2\nworkCostMs: 15\nwarmupS: 0\nmeasureS: 2\ncooldownS: 1\nsearch: { key: load.ratePerS, from: 50, to: 400, precision: 20% }\n',
      );
      const search = stressnb(['search', 'search.yaml', '--threads', '2', '--format', 'json']);
      assert.equal(search.status, 0, search.stderr);
      assert.equal(JSON.parse(search.stdout).key, 'load.ratePerS');

      writeFileSync(
        join(work, 'session.stressnb'),
        serializeStressnb({
          version: 1,
          metadata: {},
          cells: [
            { kind: 'markdown', source: '# a session' },
            { kind: 'scenario', source: spec.replace('>= 500', '>= 100') },
          ],
        }),
      );
      const exported = stressnb(['export', 'session.stressnb', '--run']);
      assert.equal(exported.status, 0, exported.stderr);
      assert.match(exported.stdout, /^wrote session\.html\n {2}cell 2 steady: PASS\n$/);
      assert.match(readFileSync(join(work, 'session.html'), 'utf8'), /<svg/);
    },
  );
});
