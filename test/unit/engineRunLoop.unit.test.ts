// The engine worker's run loop (src/extension/engineRunLoop.ts), shared by the worker thread of
// desktop VS Code and the Web Worker of VS Code for the Web, with a fake worker scope.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEngineRun, type EngineWorkerScope } from '../../src/extension/engineRunLoop';
import type { WorkerMessage } from '../../src/extension/runWorkerProtocol';
import { runToEnd } from '../../src/engine/simulation';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';

const FAST =
  'scenario: steady\npartitions: 2\ntickMs: 200\nwarmupS: 0.4\nmeasureS: 1\ncooldownS: 0.4\nload: { families: 10, ratePerS: 50 }\n';
const LONG = 'scenario: steady\npartitions: 2\ntickMs: 100\nwarmupS: 1\nmeasureS: 600\ncooldownS: 1\n';

function fakeScope() {
  const messages: WorkerMessage[] = [];
  const crashes: string[] = [];
  let settle: () => void = () => {};
  const ended = new Promise<void>((resolve) => (settle = resolve));
  const scope: EngineWorkerScope = {
    post: (m) => {
      messages.push(m);
      if (m.type !== 'events') settle();
    },
    yieldToMessages: () => new Promise<void>((resolve) => setImmediate(resolve)),
    crash: (message) => {
      crashes.push(message);
      settle();
    },
  };
  const events = () => messages.flatMap((m) => (m.type === 'events' ? m.events : []));
  return { scope, messages, crashes, ended, events };
}

describe('engine run loop', () => {
  test('fast pace posts every event of the run in batches, then finished', async () => {
    const { scope, messages, ended, events } = fakeScope();
    startEngineRun({ specText: FAST, pace: 'fast', batchMs: 0 }, scope);
    await ended;
    assert.deepEqual(messages.at(-1), { type: 'finished' });
    assert.ok(messages.filter((m) => m.type === 'events').length > 1, 'more than one batch');
    assert.deepEqual(events(), runToEnd(parseScenarioSpec(FAST).spec!));
  });

  test('a stop from the host ends the run without finished', async () => {
    const { scope, messages, events } = fakeScope();
    const onHostMessage = startEngineRun({ specText: LONG, pace: 'fast', batchMs: 0 }, scope);
    while (events().filter((e) => e.type === 'tick').length < 3) await new Promise((r) => setImmediate(r));
    onHostMessage({ type: 'stop' });
    const posted = messages.length;
    await new Promise((r) => setTimeout(r, 20));
    assert.ok(messages.length <= posted + 1, 'at most the batch in hand after the stop');
    assert.ok(!messages.some((m) => m.type === 'finished'));
  });

  test('an invalid spec is reported as failed, with its position', async () => {
    const { scope, messages, ended } = fakeScope();
    startEngineRun({ specText: 'scenario: steady\npartitions: zero\n', pace: 'fast', batchMs: 0 }, scope);
    await ended;
    assert.equal(messages.length, 1);
    const [failed] = messages;
    assert.equal(failed.type, 'failed');
    assert.match(failed.type === 'failed' ? failed.message : '', /^line 2, column \d+: .*partitions/);
  });

  test('the crash test hook posts the ticks so far, then crashes the worker', async () => {
    const { scope, crashes, ended, events, messages } = fakeScope();
    startEngineRun({ specText: FAST, pace: 'fast', batchMs: 0, crashAfterTicks: 2 }, scope);
    await ended;
    assert.equal(crashes.length, 1);
    assert.match(crashes[0], /simulated worker crash after 2 ticks/);
    assert.equal(events().filter((e) => e.type === 'tick').length, 2, 'the two ticks before the crash');
    assert.ok(!messages.some((m) => m.type === 'finished'));
  });
});
