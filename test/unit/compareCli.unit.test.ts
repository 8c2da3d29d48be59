// `stressnb compare`: two logs of repeated engine runs, the verdicts and exit statuses a CI job
// reads, the JSON shape, one run a side, runs left out, and bad input.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../src/cli/cli';
import { bufferIo } from '../../src/cli/cliIo';
import { parseCompareArgs } from '../../src/cli/compareCommand';
import { tempFiles } from './helpers/tempFiles';

const { file } = tempFiles('stressnb-compare-');

/** A saturated steady run: 400 tasks/s offered to 4 sync workers whose work cost is lognormal around medianMs. */
function saturatedSpec(medianMs: number, seed: number, repeat: number): string {
  return [
    'scenario: steady',
    'handler: sync',
    'load: { ratePerS: 400 }',
    `workCostMs: { dist: lognormal, medianMs: ${medianMs}, sigma: 0.5 }`,
    `seed: ${seed}`,
    ...(repeat > 1 ? [`repeat: ${repeat}`] : []),
    '',
  ].join('\n');
}

/** The counter lines `stressnb run` prints for the spec: its repeats one after another. */
async function runsLog(name: string, medianMs: number, seed: number, repeat: number): Promise<string> {
  const spec = file(`${name}.yaml`, saturatedSpec(medianMs, seed, repeat));
  const io = bufferIo();
  // A saturated steady control fails its keeps-up check (exit 1): its counter lines are what is compared.
  assert.equal(await main(['run', spec], io), 1, io.stderr);
  return file(`${name}.log`, io.stdout);
}

async function compare(...args: string[]) {
  const io = bufferIo();
  const status = await main(['compare', ...args], io);
  return { status, ...io };
}

describe('stressnb compare, engine runs', async () => {
  const base = await runsLog('base15', 15, 1, 5);
  const slower = await runsLog('cand18', 18, 1, 5);
  const sameConfig = await runsLog('same15', 15, 6, 5);

  test('repeat: 5 at a median work cost of 15 ms against repeat: 5 at 18 ms: completedPerS is a regression, exit 1', async () => {
    const r = await compare(base, slower, '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.verdict, 'regression');
    const m = json.metrics.find((x: { name: string }) => x.name === 'completedPerS');
    assert.equal(m.verdict, 'regression');
    assert.equal(m.base.n, 5);
    assert.equal(m.candidate.n, 5);
    for (const side of [m.base, m.candidate]) assert.deepEqual(Object.keys(side).sort(), ['max', 'median', 'min', 'n']);
    assert.ok(m.candidate.max < m.base.min, 'the samples do not overlap');
    assert.ok(m.changePct < -10 && m.changePct > -25, `changePct ${m.changePct}`);
    assert.ok(Math.abs(m.pValue - 2 / 252) < 1e-12, `p ${m.pValue}`);
    assert.ok(json.notes.includes('the configs differ: workCostMs lognormal(15,0.5) -> lognormal(18,0.5)'), json.notes.join('\n'));
    assert.equal(json.noiseEstimate, true);
  });

  test('repeat: 5 against five other seeds (6 to 10) of the same config: within noise, exit 0', async () => {
    const r = await compare(base, sameConfig, '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.verdict, 'ok');
    const m = json.metrics.find((x: { name: string }) => x.name === 'completedPerS');
    assert.equal(m.verdict, 'within-noise');
    assert.ok(!json.metrics.some((x: { verdict: string }) => x.verdict === 'regression' || x.verdict === 'improvement'));
    assert.deepEqual(json.notes, [], 'same config: nothing to note');
  });

  test('text and markdown lead with the verdict', async () => {
    const text = await compare(base, slower);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /^REGRESSION: completedPerS -1\d\.\d % \(p = 0\.008\)/);
    assert.match(text.stdout, /\ncompletedPerS +\S+ \[\S+–\S+\] +\S+ \[\S+–\S+\] +-1\d\.\d % +0\.008 +REGRESSION\n/);
    const md = await compare(base, sameConfig, '--format', 'md');
    assert.equal(md.status, 0);
    assert.match(md.stdout, /^### ✓ OK: no regression beyond the noise and the tolerance of 5 %\n/);
  });

  test('one run a side still compares, and says there is no noise estimate', async () => {
    const one15 = await runsLog('one15', 15, 1, 1);
    const one18 = await runsLog('one18', 18, 1, 1);
    const r = await compare(one15, one18, '--format', 'json');
    assert.equal(r.status, 1);
    const json = JSON.parse(r.stdout);
    assert.equal(json.noiseEstimate, false);
    assert.equal(json.metrics.find((x: { name: string }) => x.name === 'completedPerS').pValue, null);
    assert.match(json.notes[0], /^no noise estimate: 1 base and 1 candidate run are too few/);
    const text = await compare(one15, one15);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /\(no noise estimate: the tolerance alone decided\)/);
  });

  test('a wider tolerance lets the same slowdown through (--max-regression 25%)', async () => {
    const r = await compare(base, slower, '--max-regression', '25%', '--format', 'json');
    assert.equal(r.status, 0);
    assert.equal(JSON.parse(r.stdout).maxRegressionPct, 25);
  });

  test('the JSON of stressnb analyze is an input too', async () => {
    const io = bufferIo();
    await main(['analyze', await runsLog('analysed', 15, 1, 1), '--format', 'json'], io);
    const one = file('one-analysis.json', io.stdout);
    const r = await compare(one, slower, '--format', 'json');
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.base.runs, 1);
    assert.equal(json.metrics.find((x: { name: string }) => x.name === 'completedPerS').base.n, 1);
    const all = bufferIo();
    await main(['analyze', base, '--format', 'json'], all);
    const five = await compare(file('five-analysis.json', all.stdout), slower, '--format', 'json');
    assert.equal(five.status, 1, five.stderr);
    assert.equal(JSON.parse(five.stdout).base.runs, 5, 'the runs of a multi-run analysis');
  });

  test('analyze of repeats against a repeated baseline judges a relative threshold on all the runs, with the test', async () => {
    const io = bufferIo();
    await main(['analyze', base, '--format', 'json'], io);
    const baseline = file('base-analysis.json', io.stdout);
    const threshold = ['--expect', 'completedPerS >= baseline - 10%', '--baseline', baseline];
    const slow = bufferIo();
    assert.equal(await main(['analyze', slower, ...threshold, '--format', 'json'], slow), 1);
    const [t] = JSON.parse(slow.stdout).aggregate.thresholds;
    assert.equal(t.status, 'fail');
    assert.match(
      t.message,
      /^completedPerS median [\d.]+ of 5 runs, expected >= baseline - 10%: baseline median [\d.]+ of 5, so >= [\d.]+: FAILED \(p = 0\.008 against the baseline's runs moved to the bound: beyond the noise\)$/,
    );
    const same = bufferIo();
    await main(['analyze', sameConfig, ...threshold], same);
    assert.match(same.stdout, /Thresholds against the baseline, all runs together\n {2}PASS {2}completedPerS median [\d.]+ of 5 runs/);
    // The runs fail their own capacity check (saturated by design); the relative threshold is not what fails them.
    assert.doesNotMatch(same.stdout, /FAILED/);
  });

  test('a run that did not finish is left out and named; with no regression the exit is 3', async () => {
    const text = (await import('node:fs')).readFileSync(sameConfig, 'utf8');
    const cut = text.slice(0, text.lastIndexOf('phase=done') - 12); // the last run loses its end
    const truncated = file('truncated.log', cut);
    const r = await compare(base, truncated, '--format', 'json');
    assert.equal(r.status, 3, r.stdout);
    assert.match(r.stderr, /candidate .*truncated\.log: run 5 left out: it did not finish/);
    const json = JSON.parse(r.stdout);
    assert.equal(json.candidate.runs, 4);
    assert.ok(json.notes.some((n: string) => /^candidate run 5 was left out: it did not finish/.test(n)));
  });
});

describe('stressnb compare, bad input', () => {
  test('arguments: two inputs, known formats, a tolerance and an alpha that make sense', () => {
    assert.match((parseCompareArgs(['a.log']) as { error: string }).error, /stressnb compare BASE CANDIDATE/);
    assert.match((parseCompareArgs(['a', 'b', 'c']) as { error: string }).error, /got a third, c/);
    assert.match((parseCompareArgs(['a', 'b', '--format', 'xml']) as { error: string }).error, /text, json or markdown/);
    assert.match((parseCompareArgs(['a', 'b', '--max-regression', 'ten']) as { error: string }).error, /a percentage from 0 to 1000/);
    assert.match((parseCompareArgs(['a', 'b', '--alpha', '5']) as { error: string }).error, /between 0 and 0\.5/);
    assert.match((parseCompareArgs(['-', '-']) as { error: string }).error, /only one side/);
    assert.deepEqual(parseCompareArgs(['a', 'b', '--max-regression=2.5', '--alpha', '0.01']), {
      base: 'a',
      candidate: 'b',
      format: 'text',
      maxRegressionPct: 2.5,
      alpha: 0.01,
    });
  });

  test('a missing file, or one without counter lines, is exit 2 with the reason', async () => {
    const empty = file('nothing.log', 'hello\nworld\n');
    const missing = await compare('/nonexistent/base.log', empty);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^stressnb compare: base: cannot read \/nonexistent\/base\.log: no such file/);
    const none = await compare(empty, empty);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /base: no counter lines in .*nothing\.log \(2 lines read, 2 not counter lines, 0 malformed\)/);
    assert.equal(none.stdout, '');
  });
});
