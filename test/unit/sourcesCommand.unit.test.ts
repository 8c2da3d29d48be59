// Command sources with real child processes (test/fixtures/sources/*.mjs), no mocks.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CommandSource } from '../../src/sources/commandSource';
import type { CommandSourceOptions } from '../../src/sources/commandSource';
import { stopAllSources } from '../../src/sources/liveSources';
import { runSourceToEnd } from './helpers/runSourceToEnd';
import type { RunEvent } from '../../src/format/runEvents';
import { Recorder, isGone, nodeFixture, waitFor } from './helpers/sourceTestHelpers';

const opts = { timeout: 30_000 };

// Whatever a failed or timed-out test left running is ended, so the test process can exit.
after(() => stopAllSources());

function run(options: CommandSourceOptions, recorder = new Recorder()) {
  const source = new CommandSource(options);
  return { source, recorder, done: runSourceToEnd(source, recorder) };
}

/** `node -e <code>` as a command. */
function nodeEval(code: string): { command: string; args: string[] } {
  return { command: process.execPath, args: ['-e', code] };
}

function expectedCounters(p: number, i: number) {
  const rate = 10 * (p + 1);
  return {
    tasksIn: rate * i,
    dispatched: rate * i,
    completed: rate * i - 1,
    rejectsBusy: 0,
    enqueuedDueToBusy: i,
    maxPendingDepthObserved: Math.min(i, 3),
    readyFamiliesCount: 0,
    inFlightFamiliesCount: 1,
  };
}

describe('command source', { concurrency: 4 }, () => {
  test('streams lines and events at tick pace; foreign lines are skipped and counted', opts, async () => {
    const { recorder, done } = run({
      ...nodeFixture('tickPrinter.mjs', '--partitions=4', '--tick-ms=50', '--ticks=10', '--foreign-every=2'),
    });
    const { events, result } = await done;
    assert.equal(result.status, 'ended');
    assert.equal(result.exitCode, 0);
    assert.equal(result.message, undefined);
    // 1 foreign + config + phase + 10 ticks of 4 lines + 5 foreign + done
    assert.equal(recorder.lines.length, 49);
    assert.equal(result.stats.lines, 49);
    assert.equal(result.stats.parser.foreignLines, 6);
    assert.equal(result.stats.parser.counterLines, 40);
    assert.equal(result.stats.parser.errorCount, 0);
    assert.equal(result.stats.configFromFallback, false);
    assert.ok(recorder.lines.some((l) => l.text.includes('[gc] GC(')));

    assert.equal(events[0].type, 'config');
    assert.equal(events[0].type === 'config' && events[0].config.partitions, 4);
    const ticks = events.filter((e) => e.type === 'tick');
    assert.equal(ticks.length, 10);
    ticks.forEach((tick, k) => {
      assert.equal(tick.t, Number(((k + 1) * 0.05).toFixed(3)));
      assert.deepEqual(
        tick.partitions,
        [0, 1, 2, 3].map((p) => expectedCounters(p, k + 1)),
      );
    });
    assert.deepEqual(events.at(-1), { type: 'phase', t: 0.5, phase: 'done', reason: 'drained' });
    assert.deepEqual(recorder.events, events);
  });

  test('JSON lines, \\r\\n endings and no config line: the fallback config from the cell comes first', opts, async () => {
    const fallbackConfig = { partitions: 3, scenario: 'steady', tickMs: 20 };
    const { done } = run({
      ...nodeFixture('tickPrinter.mjs', '--partitions=3', '--tick-ms=20', '--ticks=4', '--format=jsonl', '--no-config', '--crlf'),
      fallbackConfig,
    });
    const { events, result } = await done;
    assert.equal(result.status, 'ended');
    assert.deepEqual(events[0], { type: 'config', config: fallbackConfig });
    assert.equal(result.stats.configFromFallback, true);
    assert.equal(events.filter((e) => e.type === 'config').length, 1);
    assert.deepEqual(
      events.filter((e) => e.type === 'tick').map((e) => e.type === 'tick' && e.partitions[2].completed),
      [29, 59, 89, 119],
    );
  });

  test(
    'no config line and no fallback: a config with the partition count of the first tick; phases before it keep their place',
    opts,
    async () => {
      const { done } = run(nodeFixture('tickPrinter.mjs', '--partitions=2', '--tick-ms=10', '--ticks=2', '--no-config'));
      const { events } = await done;
      assert.deepEqual(events.slice(0, 2), [
        { type: 'config', config: { partitions: 2 } },
        { type: 'phase', t: 0, phase: 'measure' },
      ]);
    },
  );

  test('a command that prints no done phase ends the run with done, reason source-ended', opts, async () => {
    const { done } = run(nodeFixture('tickPrinter.mjs', '--ticks=2', '--tick-ms=10', '--no-done'));
    const { events, result } = await done;
    assert.equal(result.status, 'ended');
    assert.deepEqual(events.at(-1), { type: 'phase', t: 0.02, phase: 'done', reason: 'source-ended' });
    assert.equal(events.filter((e) => e.type === 'phase' && e.phase === 'done').length, 1);
  });

  test('a crash half way: failed, with the exit status, the stderr tail, and the ticks before the crash', opts, async () => {
    const { recorder, done } = run(nodeFixture('crashHalfway.mjs', '--ticks=10', '--tick-ms=10'));
    const { events, result } = await done;
    assert.equal(result.status, 'failed');
    assert.equal(result.exitCode, 3);
    assert.equal(result.signal, undefined);
    assert.match(result.message ?? '', /exited with status 3/);
    assert.match(result.stderrTail, /IllegalStateException: ring buffer corrupted at partition 2$/);
    assert.match(result.stderrTail, /^warning 1: heap nearly full/);
    assert.equal(recorder.stderr.length, 3);
    assert.equal(events.filter((e) => e.type === 'tick').length, 5);
    assert.deepEqual(events.at(-1), { type: 'phase', t: 0.05, phase: 'done', reason: 'source-failed' });
  });

  test('the stderr tail is bounded and keeps the last lines', opts, async () => {
    const { done } = run(nodeEval('for (let i = 1; i <= 200; i++) console.error("err " + i); process.exitCode = 1'));
    const { result } = await done;
    assert.equal(result.status, 'failed');
    assert.equal(result.exitCode, 1);
    const tail = result.stderrTail.split('\n');
    assert.equal(tail.length, 50);
    assert.equal(tail[0], 'err 151');
    assert.equal(tail.at(-1), 'err 200');
    assert.equal(result.stats.stderrLines, 200);
  });

  test('death by a signal is a failure naming the signal', opts, async () => {
    const { done } = run(nodeEval('console.log("t=0.000 phase=measure"); process.kill(process.pid, "SIGKILL")'));
    const { result } = await done;
    assert.equal(result.status, 'failed');
    assert.equal(result.signal, 'SIGKILL');
    assert.equal(result.exitCode, undefined);
    assert.match(result.message ?? '', /ended by signal SIGKILL/);
  });

  test('a command that does not exist fails with a clear message and no events', opts, async () => {
    const { done } = run({ command: 'stressnb-no-such-command-xyz', args: [] });
    const { events, result } = await done;
    assert.equal(result.status, 'failed');
    assert.match(result.message ?? '', /cannot start `stressnb-no-such-command-xyz`: no such command/);
    assert.deepEqual(events, []);
  });

  test('a cwd that does not exist fails before starting anything', opts, async () => {
    const { done } = run({ ...nodeFixture('tickPrinter.mjs'), cwd: '/nonexistent/stressnb-cwd' });
    const { result } = await done;
    assert.equal(result.status, 'failed');
    assert.equal(result.message, 'cwd does not exist: /nonexistent/stressnb-cwd');
  });

  test('cwd and env reach the command; env is merged over the environment', opts, async () => {
    const { recorder, done } = run({
      ...nodeEval('console.log(process.cwd() + " " + process.env.STRESSNB_TEST_VAR + " " + (process.env.PATH ? "path" : "nopath"))'),
      cwd: '/tmp',
      env: { STRESSNB_TEST_VAR: 'hello' },
    });
    await done;
    assert.deepEqual(
      recorder.lines.map((l) => l.text),
      ['/tmp hello path'],
    );
  });

  test('a line longer than the bound is cut and counted; the following lines still parse', opts, async () => {
    const { recorder, done } = run({
      ...nodeEval('console.log("x".repeat(200000)); console.log("t=0.000 phase=measure")'),
      maxLineLength: 1000,
    });
    const { events, result } = await done;
    assert.equal(result.stats.cutLines, 1);
    assert.deepEqual(
      recorder.lines.map((l) => [l.text.length, l.cut]),
      [
        [1000, true],
        [21, false],
      ],
    );
    assert.deepEqual(
      events.filter((e) => e.type === 'phase').map((e) => e.type === 'phase' && e.phase),
      ['measure', 'done'],
    );
  });

  test('a quiet command is reported quiet, then active again when a line arrives', opts, async () => {
    const { source, recorder, done } = run({
      ...nodeEval(
        'console.log("fixture pid=" + process.pid + " role=root"); process.on("SIGUSR2", () => console.log("woken")); setInterval(() => {}, 1000)',
      ),
      quietAfterS: 0.1,
    });
    await waitFor(() => recorder.pids().has('root'));
    // After its first line the command prints nothing until it gets SIGUSR2.
    const since = recorder.activity.length;
    await waitFor(() => recorder.activity.slice(since).some((a) => a.state === 'quiet'));
    const quiet = recorder.activity.slice(since).find((a) => a.state === 'quiet');
    assert.ok(quiet?.state === 'quiet' && quiet.silentForS >= 0.1, JSON.stringify(quiet));
    process.kill(recorder.pids().get('root')!, 'SIGUSR2');
    await waitFor(() => recorder.activity.slice(since).some((a) => a.state === 'active'));
    assert.equal(recorder.lines.at(-1)?.text, 'woken');
    await source.stop();
    assert.equal((await done).result.status, 'stopped');
  });

  test('processes left behind by a command that exited are ended with the run', opts, async () => {
    const { recorder, done } = run(
      nodeEval(
        'const c = require("child_process").spawn(process.execPath, ["-e", "process.on(\'SIGTERM\', () => {}); setInterval(() => {}, 1000)"], { stdio: "ignore" });' +
          'console.log("fixture pid=" + c.pid + " role=leftover"); c.unref();',
      ),
    );
    const { result } = await done;
    assert.equal(result.status, 'ended');
    const leftover = recorder.pids().get('leftover');
    assert.ok(leftover);
    assert.ok(isGone(leftover), `process ${leftover} still runs`);
  });

  test('stop() ends a tree that ignores SIGTERM, including a grandchild that called setsid', opts, async () => {
    const { source, recorder, done } = run(nodeFixture('stubbornTree.mjs'));
    await waitFor(() => recorder.pids().size === 3 && recorder.ticks().length > 0);
    const pids = recorder.pids();
    await source.stop();
    for (const [role, pid] of pids) assert.ok(isGone(pid), `${role} ${pid} still runs after stop()`);
    for (const pid of source.knownPids()) assert.ok(isGone(pid), `${pid} still runs after stop()`);
    const { events, result } = await done;
    assert.equal(result.status, 'stopped');
    assert.equal((events.at(-1) as RunEvent & { type: 'phase' }).reason, 'interrupted');
    assert.ok(
      recorder.lines.some((l) => l.text.endsWith('ignored SIGTERM')),
      'the fixture did get (and ignore) SIGTERM',
    );
  });

  test('stop() also ends an orphaned setsid grandchild whose parent already exited (found by its stdout)', opts, async () => {
    const { source, recorder, done } = run({ ...nodeFixture('stubbornTree.mjs', '--orphan'), trackEveryMs: 0 });
    await waitFor(() => recorder.pids().size === 3);
    const pids = recorder.pids();
    await waitFor(() => isGone(pids.get('child')!));
    await source.stop();
    for (const [role, pid] of pids) assert.ok(isGone(pid), `${role} ${pid} still runs after stop()`);
    assert.equal((await done).result.status, 'stopped');
  });

  test('a listener that throws ends the source as failed, and its processes with it', opts, async () => {
    const recorder = new Recorder();
    let pid = 0;
    const source = new CommandSource(nodeFixture('stubbornTree.mjs'));
    source.start({
      onLine: (line) => {
        const m = /^fixture pid=(\d+) role=root/.exec(line);
        if (m) pid = Number(m[1]);
        recorder.onLine(line, { cut: false });
      },
      onEvents: (events) => {
        if (events.some((e) => e.type === 'tick')) throw new Error('renderer broke');
      },
    });
    const result = await source.result;
    assert.equal(result.status, 'failed');
    assert.match(result.message ?? '', /consumer failed: renderer broke/);
    assert.ok(pid > 0 && isGone(pid));
    for (const p of source.knownPids()) assert.ok(isGone(p));
  });

  test('stop() before start() and a second stop() are harmless', opts, async () => {
    const source = new CommandSource(nodeFixture('tickPrinter.mjs'));
    await source.stop();
    await source.stop();
    const result = await source.result;
    assert.equal(result.status, 'stopped');
    assert.throws(() => source.start({}), /already started/);
  });
});
