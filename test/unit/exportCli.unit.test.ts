// `stressnb export`: arguments, --run, refusal of a corrupt notebook, all-or-nothing writing, and
// the size of the report of a long run with many partitions.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chartsToDraw } from '../../src/charts/chartsToDraw';
import { RunTranscript } from '../../src/report/runTranscript';
import { bufferIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/cli';
import { parseExportArgs } from '../../src/cli/exportCommand';
import { buildReport } from '../../src/export/buildReport';
import { freshRunView } from '../../src/export/freshRunView';
import { writeReport } from '../../src/export/writeReport';
import { serializeStressnb, type StressnbNotebook } from '../../src/format/stressnbFile';
import { noisyRun } from './helpers/chartsSampleEvents';

const dir = mkdtempSync(join(tmpdir(), 'stressnb-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const FIXTURES = join(__dirname, '..', 'fixtures', 'notebooks');
const QUICK =
  'scenario: steady\npartitions: 2\ntickMs: 200\nwarmupS: 0.4\nmeasureS: 2\ncooldownS: 0.4\nseed: 1\nload: { families: 20, ratePerS: 100 }\n';
const STALLED = 'scenario: steady\npartitions: 3\ntickMs: 500\nwarmupS: 1\nmeasureS: 12\ncooldownS: 1\nseed: 1\nfault: dispatch-stall\n';

function notebookFile(name: string, cells: StressnbNotebook['cells']): string {
  const path = join(dir, name);
  writeFileSync(path, serializeStressnb({ version: 1, metadata: {}, cells }));
  return path;
}

/** Everything in a folder, recursively, as relative paths. */
function listing(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort();
}

async function exportCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = bufferIo();
  const status = await main(['export', ...args], io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

describe('stressnb export: arguments', () => {
  test("the format comes from --format or the --out name; the default name is the notebook's", () => {
    assert.deepEqual(parseExportArgs(['nb/s6.stressnb', '--format', 'html']), {
      file: 'nb/s6.stressnb',
      format: 'html',
      out: 's6.html',
      run: false,
    });
    assert.deepEqual(parseExportArgs(['s6.stressnb', '--out=r/x.md', '--run']), {
      file: 's6.stressnb',
      format: 'md',
      out: 'r/x.md',
      run: true,
    });
    assert.deepEqual(parseExportArgs(['s6.stressnb', '--out', 'x.txt', '--format', 'markdown']), {
      file: 's6.stressnb',
      format: 'md',
      out: 'x.txt',
      run: false,
    });
    assert.match((parseExportArgs(['s6.stressnb']) as { error: string }).error, /say which format/);
    assert.match((parseExportArgs(['s6.stressnb', '--out', 'x.pdf']) as { error: string }).error, /cannot tell the format from the name/);
    assert.match((parseExportArgs(['s6.stressnb', '--format', 'pdf']) as { error: string }).error, /--format must be html or md; got pdf/);
    assert.match((parseExportArgs(['--format', 'md']) as { error: string }).error, /which notebook\?/);
  });

  test('is listed by stressnb --help and has its own help', async () => {
    const help = bufferIo();
    await main(['--help'], help);
    assert.match(help.stdout, /^ {2}export +Write a session report/m);
    const own = bufferIo();
    await main(['export', '--help'], own);
    assert.match(own.stdout, /^Usage: stressnb export <notebook.stressnb> \[--run\]/);
  });
});

describe('stressnb export: refusals write nothing', () => {
  test('a corrupt notebook is refused with where it went wrong (exit 2)', async () => {
    const out = join(dir, 'refused');
    mkdirSync(out);
    const result = await exportCli([join(FIXTURES, 'corrupt.stressnb'), '--format', 'html', '--out', join(out, 'r.html')]);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      /corrupt\.stressnb:\d+:\d+: error: not a valid \.stressnb notebook: .* at line \d+, column \d+ \(nothing was written\)/,
    );
    assert.deepEqual(listing(out), []);
  });

  test('--run with a spec error: the positioned problem, nothing run or written (exit 2)', async () => {
    const file = notebookFile('bad.stressnb', [
      { kind: 'markdown', source: '# x' },
      { kind: 'scenario', source: 'scenario: steady\npartitions: zero\n' },
    ]);
    const out = join(dir, 'bad.html');
    const result = await exportCli([file, '--run', '--out', out]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /bad\.stressnb#cell2:2:13: error: partitions/);
    assert.equal(existsSync(out), false);
  });

  test('a chart folder holding other files is not replaced: refused before anything is written', async () => {
    const folder = join(dir, 'foreign');
    mkdirSync(join(folder, 'notes-files'), { recursive: true });
    writeFileSync(join(folder, 'notes-files', 'keep-me.txt'), 'mine');
    const file = notebookFile('withrun.stressnb', [{ kind: 'scenario', source: QUICK }]);
    const result = await exportCli([file, '--run', '--out', join(folder, 'notes.md')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /notes-files exists and holds other files \(keep-me\.txt\)/);
    assert.deepEqual(listing(folder), ['notes-files', join('notes-files', 'keep-me.txt')]);
  });
});

describe('stressnb export --run', () => {
  test('runs every scenario cell; the report has each verdict; exit 1 when one fails; the notebook is unchanged', async () => {
    const file = notebookFile('mixed.stressnb', [
      { kind: 'markdown', source: '# Mixed session' },
      { kind: 'scenario', source: QUICK },
      { kind: 'scenario', source: STALLED },
    ]);
    const before = readFileSync(file, 'utf8');
    const out = join(dir, 'mixed-report', 'mixed.md');
    const result = await exportCli([file, '--run', '--out', out]);
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      /^wrote .*mixed\.md and \d+ chart files in .*mixed-files\n {2}cell 2 steady: PASS\n {2}cell 3 steady: FAIL\n$/,
    );
    assert.equal(readdirSync(join(dir, 'mixed-report', 'mixed-files')).length, Number(result.stdout.match(/and (\d+) chart files/)![1]));
    assert.equal(readFileSync(file, 'utf8'), before);
    const md = readFileSync(out, 'utf8');
    assert.match(md, /\| 2 \| steady \| ✓ \*\*PASS\*\* \| — \|\n\| 3 \| steady \| ✗ \*\*FAIL\*\* \| dispatch-blocked: partition 2, /);
    assert.match(md, /^\*Every scenario cell was run for this report/m);
    for (const [, href] of md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
      assert.ok(statSync(join(dir, 'mixed-report', decodeURIComponent(href))).size > 1000, `${href} resolves to a chart file`);
    }
    assert.deepEqual(
      listing(join(dir, 'mixed-report')).filter((p) => p.startsWith('.')),
      [],
      'no staging folder left behind',
    );

    // Without --run the saved outputs (none here) are exported as they are, and export succeeds.
    const saved = await exportCli([file, '--out', join(dir, 'mixed-saved.html')]);
    assert.equal(saved.status, 0, saved.stderr);
    assert.match(saved.stdout, /cell 2 steady: NOT RUN\n {2}cell 3 steady: NOT RUN/);
  });

  test('exporting again replaces the report and its chart folder whole', async () => {
    const file = notebookFile('again.stressnb', [
      { kind: 'scenario', source: QUICK },
      { kind: 'scenario', source: QUICK },
    ]);
    const out = join(dir, 'again', 'again.md');
    assert.equal((await exportCli([file, '--run', '--out', out])).status, 0);
    const twice = readdirSync(join(dir, 'again', 'again-files')).sort();
    assert.deepEqual(
      twice.filter((f) => f.startsWith('cell2-')),
      twice.filter((f) => f.startsWith('cell1-')).map((f) => f.replace('cell1-', 'cell2-')),
    );
    const fewer = notebookFile('again.stressnb', [{ kind: 'scenario', source: QUICK }]);
    assert.equal((await exportCli([fewer, '--run', '--out', out])).status, 0);
    // A quick steady run draws completed/s and in-flight families; its charts of zeros are one line each.
    assert.deepEqual(readdirSync(join(dir, 'again', 'again-files')).sort(), ['cell1-completed.svg', 'cell1-inFlight.svg']);
  });
});

describe('writeReport', () => {
  test('a path that is a folder is refused, and nothing is left behind', () => {
    const folder = join(dir, 'is-a-folder');
    mkdirSync(join(folder, 'report.html'), { recursive: true });
    assert.throws(() => writeReport(join(folder, 'report.html'), { format: 'html', main: '<p>x</p>', files: [] }), /is a folder/);
    assert.deepEqual(listing(folder), ['report.html']);
  });
});

describe('bounded output', () => {
  test('a run of 64 partitions over 3,000 s exports under 5 MB, in HTML and in Markdown with its charts', async () => {
    // One-second ticks (DESIGN.md allows 500 ms or 1 s): the report's size depends on the
    // partitions and the run's length, not on the tick, since charts and transcript are bounded.
    const events = noisyRun({ ticks: 3000, partitions: 64, dt: 1 });
    events.push({ type: 'phase', t: 3000, phase: 'done', reason: 'drained' });
    const transcript = new RunTranscript();
    transcript.push(events);
    const run = await freshRunView(transcript, { expect: {}, end: { kind: 'finished' } });
    const session = {
      name: 'soak.stressnb',
      origin: 'run' as const,
      cells: [{ kind: 'scenario' as const, number: 1, source: 'scenario: custom\n', scenario: 'custom', run }],
    };
    const html = await buildReport(session, 'html', 'soak.html');
    const md = await buildReport(session, 'md', 'soak.md');
    const mb = (n: number) => n / (1024 * 1024);
    const htmlMb = mb(Buffer.byteLength(html.main));
    const mdMb = mb(Buffer.byteLength(md.main) + md.files.reduce((n, f) => n + Buffer.byteLength(f.content), 0));
    assert.ok(htmlMb < 5, `HTML ${htmlMb.toFixed(2)} MB`);
    assert.ok(mdMb < 5, `Markdown and charts ${mdMb.toFixed(2)} MB`);
    assert.equal(html.main.match(/<svg /g)?.length, chartsToDraw(run.charts!).filter((c) => c.vega).length);
    assert.match(html.main, /… long run: 1 tick in every \d+ is shown/);
  });
});
