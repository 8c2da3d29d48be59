// Log-file sources on real files: read once, followed while another writer appends, truncated,
// rotated; the four sample logs replayed give what `stressnb analyze` gives on them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { parseCounterLines } from '../../src/format/counterLineParser';
import { analyzeCommand } from '../../src/cli/analyzeCommand';
import { bufferIo } from '../../src/cli/cliIo';
import type { RunEvent } from '../../src/format/runEvents';
import { FileSource } from '../../src/sources/fileSource';
import type { FileSourceOptions } from '../../src/sources/fileSource';
import { runSourceToEnd } from './helpers/runSourceToEnd';
import { Recorder, waitFor } from './helpers/sourceTestHelpers';

const SAMPLES = join(__dirname, '..', 'fixtures', 'samples');
const opts = { timeout: 30_000 };
const KEYS =
  'tasksIn dispatched completed rejectsBusy enqueuedDueToBusy maxPendingDepthObserved readyFamiliesCount inFlightFamiliesCount'.split(' ');

let dir = '';
before(() => (dir = mkdtempSync(join(tmpdir(), 'stressnb-file-source-'))));
after(() => rmSync(dir, { recursive: true, force: true }));

let fileNo = 0;
function logFile(text: string): string {
  const path = join(dir, `run-${++fileNo}.log`);
  writeFileSync(path, text);
  return path;
}

/** Counter lines of tick i (t = i/2 s) for 2 partitions, each counter equal to 10*i + partition. */
function tickText(i: number): string {
  return [0, 1].map((p) => `t=${(i / 2).toFixed(3)} partition=${p} ${KEYS.map((k) => `${k}=${10 * i + p}`).join(' ')}\n`).join('');
}

const HEADER = 'config partitions=2 tickMs=500 scenario=steady\nt=0.000 phase=measure\n';

function follow(path: string, extra: Partial<FileSourceOptions> = {}) {
  const source = new FileSource({ path, follow: true, pollMs: 20, ...extra });
  const recorder = new Recorder();
  return { source, recorder, done: runSourceToEnd(source, recorder) };
}

const ticksOf = (events: RunEvent[]) => events.filter((e) => e.type === 'tick').map((e) => e.t);

describe('file source, read once', () => {
  test('reads a whole log, a last line without newline included, foreign lines counted', opts, async () => {
    const path = logFile(`JVM starting\n${HEADER}${tickText(1)}[gc] pause 2ms\r\n${tickText(2)}t=1.000 phase=done reason=drained`);
    const { events, result } = await runSourceToEnd(new FileSource({ path }));
    assert.equal(result.status, 'ended');
    assert.equal(result.stderrTail, '');
    assert.deepEqual(ticksOf(events), [0.5, 1]);
    assert.deepEqual(events.at(-1), { type: 'phase', t: 1, phase: 'done', reason: 'drained' });
    assert.equal(result.stats.parser.foreignLines, 2);
    assert.equal(result.stats.lines, 9);
  });

  test('a missing file, and a directory, fail with a message naming the path', opts, async () => {
    const missing = join(dir, 'nope.log');
    const r1 = (await runSourceToEnd(new FileSource({ path: missing, follow: true }))).result;
    assert.equal(r1.status, 'failed');
    assert.equal(r1.message, `cannot read log file ${missing}: no such file`);
    const r2 = (await runSourceToEnd(new FileSource({ path: dir }))).result;
    assert.equal(r2.status, 'failed');
    assert.equal(r2.message, `cannot read log file ${dir}: it is a directory`);
  });

  for (const name of readdirSync(SAMPLES)
    .filter((f) => f.endsWith('.log'))
    .sort()) {
    test(`sample ${name} replayed through a file source gives the same events and report as stressnb analyze`, opts, async () => {
      const path = join(SAMPLES, name);
      const whole = parseCounterLines(readFileSync(path, 'utf8'));
      // Tiny reads split lines (and \r\n, were there any) across chunks.
      for (const readChunkBytes of [7, 64 * 1024]) {
        const { events, result } = await runSourceToEnd(new FileSource({ path, readChunkBytes }));
        assert.equal(result.status, 'ended');
        assert.deepEqual(events, whole.events);
        assert.equal(result.stats.parser.ticks, whole.stats.ticks);
        assert.ok(whole.stats.ticks > 10);
      }
      const { events, result } = await runSourceToEnd(new FileSource({ path }));
      const io = bufferIo();
      await analyzeCommand.run([path, '--format', 'json'], io);
      const { input, ...analyzed } = JSON.parse(io.stdout);
      assert.deepEqual(JSON.parse(JSON.stringify(analyzeRun(events))), analyzed);
      assert.deepEqual(
        { lines: input.lines, counterLines: input.counterLines, ticks: input.ticks, foreignLines: input.foreignLines },
        {
          lines: result.stats.parser.lines,
          counterLines: result.stats.parser.counterLines,
          ticks: result.stats.parser.ticks,
          foreignLines: result.stats.parser.foreignLines,
        },
      );
    });
  }
});

describe('file source, followed', () => {
  test('picks up appended lines, waits for a half-written line, and ends at the done phase', opts, async () => {
    const path = logFile(HEADER + tickText(1));
    const { recorder, done } = follow(path);
    await waitFor(() => recorder.events.some((e) => e.type === 'phase'));
    // The config names the partitions, so a tick is emitted as soon as all of its lines are in.
    appendFileSync(path, tickText(2));
    await waitFor(() => ticksOf(recorder.events).includes(0.5));
    // A line and half a line in one write: the half must wait for its rest.
    const line = tickText(3);
    appendFileSync(path, 'JVM waiting\n' + line.slice(0, 40));
    await waitFor(() => recorder.lines.length === 7);
    appendFileSync(path, line.slice(40) + 'JVM log line\nt=1.500 phase=done reason=drained\n');
    const { events, result } = await done;
    assert.equal(result.status, 'ended');
    assert.deepEqual(ticksOf(events), [0.5, 1, 1.5]);
    assert.equal(result.stats.parser.errorCount, 0);
    assert.equal(result.stats.parser.foreignLines, 2);
    assert.deepEqual(events.at(-1), { type: 'phase', t: 1.5, phase: 'done', reason: 'drained' });
  });

  test('stop() ends following; the run is closed as interrupted', opts, async () => {
    const path = logFile(HEADER + tickText(1));
    const { source, recorder, done } = follow(path);
    await waitFor(() => recorder.lines.length === 4);
    await source.stop();
    const { events, result } = await done;
    assert.equal(result.status, 'stopped');
    assert.deepEqual(ticksOf(events), [0.5]);
    assert.deepEqual(events.at(-1), { type: 'phase', t: 0.5, phase: 'done', reason: 'interrupted' });
  });

  test('a file truncated in place is read again from its start', opts, async () => {
    const path = logFile(HEADER + tickText(1) + tickText(2));
    const { source, recorder, done } = follow(path);
    await waitFor(() => recorder.events.some((e) => e.type === 'phase'));
    truncateSync(path, 0);
    appendFileSync(path, tickText(3));
    await waitFor(() => ticksOf(recorder.events).includes(1.5));
    await source.stop();
    assert.deepEqual(ticksOf((await done).events), [0.5, 1, 1.5]);
  });

  test('a rotated file: the rest of the old one, then the new one from its start', opts, async () => {
    const path = logFile(HEADER + tickText(1));
    const { source, recorder, done } = follow(path);
    await waitFor(() => recorder.events.some((e) => e.type === 'phase'));
    appendFileSync(path, tickText(2));
    renameSync(path, `${path}.1`);
    writeFileSync(path, tickText(3));
    await waitFor(() => ticksOf(recorder.events).includes(1.5));
    appendFileSync(path, tickText(4));
    await waitFor(() => ticksOf(recorder.events).includes(2));
    await source.stop();
    assert.deepEqual(ticksOf((await done).events), [0.5, 1, 1.5, 2]);
  });

  test('a log without config line gets the fallback config; quiet is reported while nothing is written', opts, async () => {
    const fallbackConfig = { partitions: 2, scenario: 'hot-family' };
    const path = logFile(tickText(1));
    const { source, recorder, done } = follow(path, { fallbackConfig, quietAfterS: 0.05 });
    await waitFor(() => recorder.activity.some((a) => a.state === 'quiet'));
    await source.stop();
    const { events, result } = await done;
    assert.deepEqual(events[0], { type: 'config', config: fallbackConfig });
    assert.equal(result.stats.configFromFallback, true);
  });
});
