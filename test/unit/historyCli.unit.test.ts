// The run history: its lines (format/historyEntry.ts) and the git commit they carry
// (format/gitHead.ts), `stressnb run` and `analyze` given --history, `stressnb history`, and
// history selections as inputs of `stressnb compare`.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { parseHistorySelection } from '../../src/cli/historyFile';
import { gitHead } from '../../src/format/gitHead';
import { readHistoryText } from '../../src/format/historyEntry';
import { specHash } from '../../src/contracts/runOutputs';
import { tempFiles } from './helpers/tempFiles';
import { serializeStressnb } from '../../src/format/stressnbFile';

const { dir, file } = tempFiles('stressnb-history-');

async function cli(...args: string[]) {
  const io = bufferIo();
  const status = await main(args, io);
  return { status, ...io };
}

const SPEC = 'scenario: steady\nwarmupS: 0\nmeasureS: 3\ncooldownS: 1\nrepeat: 4\n';
const SLOW = 'scenario: steady\nwarmupS: 0\nmeasureS: 3\ncooldownS: 1\nrepeat: 4\nseed: 9\nhandler: sync\nworkCostMs: 30\n';
const A = '0123456789abcdef0123456789abcdef01234567';
const B = 'fedcba9876543210fedcba9876543210fedcba98';

describe('the git commit of a work tree', () => {
  const reader = (files: Record<string, string>) => async (path: string) => files[path];

  test('a branch: its loose ref, else packed-refs; a detached HEAD; no repository', async () => {
    assert.deepEqual(await gitHead('/w', reader({ '/w/.git/HEAD': 'ref: refs/heads/main\n', '/w/.git/refs/heads/main': `${A}\n` })), {
      commit: A,
      branch: 'main',
    });
    assert.deepEqual(
      await gitHead(
        '/w',
        reader({
          '/w/.git/HEAD': 'ref: refs/heads/dev\n',
          '/w/.git/packed-refs': `# pack-refs\n${B} refs/heads/dev\n${A} refs/heads/main\n`,
        }),
      ),
      { commit: B, branch: 'dev' },
    );
    assert.deepEqual(await gitHead('/w', reader({ '/w/.git/HEAD': `${A}\n` })), { commit: A });
    assert.equal(await gitHead('/w', reader({})), undefined);
  });

  test('a worktree: .git is a file naming its git folder, whose branch refs are in the common folder', async () => {
    const files = {
      '/wt/.git': 'gitdir: /repo/.git/worktrees/wt\n',
      '/repo/.git/worktrees/wt/HEAD': 'ref: refs/heads/feature\n',
      '/repo/.git/worktrees/wt/commondir': '../..\n',
      '/repo/.git/worktrees/wt/../../refs/heads/feature': `${B}\n`,
    };
    assert.deepEqual(await gitHead('/wt', reader(files)), { commit: B, branch: 'feature' });
  });
});

describe('history lines', () => {
  test('a line that is not an entry is named by its number and skipped', () => {
    const good = JSON.stringify({
      version: 1,
      time: '2025-01-01T00:00:00.000Z',
      source: 'cli',
      scenario: 'steady',
      seeds: [1],
      verdict: 'pass',
      runs: 1,
      metrics: { completedPerS: 1 },
    });
    const read = readHistoryText(`${good}\nnot json\n\n{"version":2}\n${good}\n`);
    assert.equal(read.entries.length, 2);
    assert.deepEqual(read.lines, [1, 5]);
    assert.deepEqual(read.problems, [
      { line: 2, message: 'not JSON; skipped' },
      { line: 4, message: 'history entry version 2; this stressnb reads version 1; skipped' },
    ]);
  });

  test('selections: FILE@N, FILE@-1, FILE@N..M', () => {
    assert.deepEqual(parseHistorySelection('h.jsonl@3'), { file: 'h.jsonl', from: 3, to: 3 });
    assert.deepEqual(parseHistorySelection('.stressnb/history.jsonl@-1'), { file: '.stressnb/history.jsonl', from: -1, to: -1 });
    assert.deepEqual(parseHistorySelection('h.jsonl@2..4'), { file: 'h.jsonl', from: 2, to: 4 });
    assert.equal(parseHistorySelection('h.jsonl@0'), undefined);
    assert.equal(parseHistorySelection('run.log'), undefined);
  });
});

describe('--history, stressnb history and compare FILE@N', async () => {
  // A git work tree around the specs, so the entries carry its commit.
  const repo = join(dir, 'repo');
  mkdirSync(join(repo, '.git', 'refs', 'heads'), { recursive: true });
  writeFileSync(join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(repo, '.git', 'refs', 'heads', 'main'), `${A}\n`);
  const history = join(dir, 'state', 'history.jsonl');
  const spec = file('repo/fast.yaml', SPEC);
  const slow = file('repo/slow.yaml', SLOW);
  const ran = await cli('run', spec, '--history', history);
  const log = file('repo/fast.log', ran.stdout);
  await cli('run', slow, '--history', history);
  const analysed = await cli('analyze', log, '--history', history);

  test('run appends one entry per spec, its repeats together; analyze one per stream', () => {
    assert.equal(ran.status, 0, ran.stderr);
    assert.equal(analysed.status, 0, analysed.stderr);
    const read = readHistoryText(readFileSync(history, 'utf8'));
    assert.deepEqual(read.problems, []);
    assert.equal(read.entries.length, 3);
    const [first, second, third] = read.entries;
    assert.equal(first.source, 'cli');
    assert.equal(first.file, spec);
    assert.equal(first.scenario, 'steady');
    assert.equal(first.specHash, specHash(SPEC));
    assert.deepEqual(first.seeds, [1, 2, 3, 4]);
    assert.deepEqual(first.git, { commit: A, branch: 'main' });
    assert.equal(first.runs, 4);
    assert.equal(first.repeats?.length, 4);
    assert.equal(first.verdict, 'pass');
    assert.equal(first.series?.completedPerS.length, 4, 'a series per partition');
    assert.equal(first.series?.t.length, first.series?.completedPerS[0].length);
    assert.equal(second.verdict, 'fail', 'a saturated control fails its capacity check');
    assert.ok(second.metrics.completedPerS < first.metrics.completedPerS);
    assert.equal(third.file, log);
    assert.deepEqual(third.metrics, first.metrics, 'the log of the same runs gives the same medians');
  });

  test('history lists them oldest first, numbered; --scenario filters; --format json', async () => {
    const table = await cli('history', history);
    assert.equal(table.status, 0);
    const lines = table.stdout.trimEnd().split('\n');
    assert.match(
      lines[0],
      /^#\s+time \(UTC\)\s+scenario\s+runs\s+verdict\s+completed\/s\s+reject %\s+drain s\s+peak pending\s+commit\s+where$/,
    );
    assert.match(lines[1], /^1 {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}steady {4,}4 {2}PASS .* 0123456789 {2}.*fast\.yaml$/);
    assert.match(lines[2], /^2 .* FAIL +[\d.]+ \[[\d.]+–[\d.]+\]|^2 .* FAIL +[\d.]+ /);
    const json = JSON.parse((await cli('history', history, '--format', 'json')).stdout);
    assert.deepEqual(
      json.map((e: { n: number }) => e.n),
      [1, 2, 3],
    );
    assert.match((await cli('history', history, '--scenario', 'hot-family')).stdout, /^No runs of scenario hot-family in /);
  });

  test('compare takes history selections: the slow entry against the first is a regression', async () => {
    const r = await cli('compare', `${history}@1`, `${history}@2`, '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.base.runs, 4);
    assert.equal(json.candidate.runs, 4);
    assert.equal(json.metrics.find((m: { name: string }) => m.name === 'completedPerS').verdict, 'regression');
    const same = await cli('compare', `${history}@1`, `${history}@-1`);
    assert.equal(same.status, 0, same.stdout);
    const bad = await cli('compare', `${history}@7`, `${history}@1`);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /base: .*history\.jsonl@7: the run history has entries 1 to 3; @7 is not among them/);
  });

  test('export --history: the report ends with the run history, its trends and the last two runs compared; a repeated cell runs every repeat', async () => {
    const notebook = file(
      'session.stressnb',
      serializeStressnb({
        version: 1,
        metadata: {},
        cells: [
          { kind: 'markdown', source: '# Repeats' },
          { kind: 'scenario', source: SPEC },
        ],
      }),
    );
    const html = join(dir, 'report.html');
    const r = await cli('export', notebook, '--run', '--history', history, '--out', html);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /ran cell 2 \(steady, 4 repeats\): PASS/);
    const page = readFileSync(html, 'utf8');
    assert.match(
      page,
      /<p class="headline"><span class="status pass">PASS<\/span> 4\/4 · completed\/s 200 \(steady, 4 repeats\)<\/p>/,
      'the repeated cell: the aggregate first',
    );
    assert.equal((page.match(/<details class="repeat">/g) ?? []).length, 4, 'each repeat folded');
    assert.match(
      page,
      /<section class="history" id="history">\n<h2>Run history<\/h2>\n<h3>steady<\/h3>\n<p class="origin">3 runs in <code>[^<]*history\.jsonl<\/code>, oldest first\.<\/p>/,
    );
    assert.match(page, /<figure data-chart-id="trend-completedPerS"/);
    assert.match(page, /<h4>The last run \(#3\) against the one before \(#2\)<\/h4>/);
    assert.match(page, /IMPROVEMENT|improvement/);
    assert.match(page, /<figure data-chart-id="history-overlay"/);
    const md = join(dir, 'report.md');
    assert.equal((await cli('export', notebook, '--history', history, '--out', md)).status, 0);
    const text = readFileSync(md, 'utf8');
    assert.match(text, /\n## Run history\n\n### steady\n/);
    assert.match(text, /!\[steady trend: [^\]]*\]\(report-files\/history1-trend-trend-completedPerS\.svg\)/);
    const missing = await cli('export', notebook, '--history', join(dir, 'nope.jsonl'), '--out', join(dir, 'x.html'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read the run history .*nope\.jsonl: no such file/);
  });

  test('bad input: no such history file is exit 2 with the reason; a bad line is a warning', async () => {
    const none = await cli('history', join(dir, 'none.jsonl'));
    assert.equal(none.status, 2);
    assert.match(none.stderr, /cannot read the run history .*none\.jsonl: no such file/);
    const mixed = file('mixed.jsonl', `${readFileSync(history, 'utf8')}garbage\n`);
    const r = await cli('history', mixed);
    assert.equal(r.status, 0);
    assert.match(r.stderr, /mixed\.jsonl:4: warning: not JSON; skipped/);
  });
});
