// The worker thread that runs one scenario with the built-in engine and posts its events in
// batches: paced to the wall clock (`realtime`, one tick per tickMs) or as fast as it can.

import { parentPort, workerData } from 'node:worker_threads';
import { createRun } from '../engine/simulation';
import type { RunEvent } from '../format/runEvents';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { HostMessage, RunWorkerData, WorkerMessage } from './runWorkerProtocol';
import { errorMessage } from '../format/errorMessage';

const port = parentPort;
if (!port) throw new Error('runWorker.js must run as a worker thread');

let stopped = false;
port.on('message', (m: HostMessage) => {
  if (m.type === 'stop') stopped = true;
});

const post = (m: WorkerMessage) => port.postMessage(m);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

async function main(data: RunWorkerData): Promise<void> {
  const { spec, problems } = parseScenarioSpec(data.specText);
  if (!spec) {
    const first = problems.find((p) => p.severity === 'error');
    throw new Error(first ? `line ${first.line}, column ${first.column}: ${first.message}` : 'invalid scenario spec');
  }
  const run = createRun(spec);
  const startedAt = performance.now();
  let pending: RunEvent[] = [];
  let lastPost = startedAt;
  let ticks = 0;

  while (!run.finished && !stopped) {
    const events = run.step();
    pending.push(...events);
    ticks += events.filter((e) => e.type === 'tick').length;
    if (data.crashAfterTicks !== undefined && ticks >= data.crashAfterTicks) {
      post({ type: 'events', events: pending });
      crashUncaught(`simulated worker crash after ${ticks} ticks (test hook)`);
      return;
    }

    if (data.pace === 'realtime') {
      // Show the tick of virtual time t at wall time t.
      const wait = startedAt + run.now * 1000 - performance.now();
      await (wait > 0 ? sleep(wait) : yieldToMessages());
      if (stopped) break;
      post({ type: 'events', events: pending });
      pending = [];
    } else if (performance.now() - lastPost >= data.batchMs) {
      post({ type: 'events', events: pending });
      pending = [];
      lastPost = performance.now();
      await yieldToMessages();
    }
  }
  if (pending.length > 0 && !stopped) post({ type: 'events', events: pending });
  if (!stopped) post({ type: 'finished' });
}

/** An uncaught exception, as a bug in the engine would raise: the worker dies with an 'error' event. */
function crashUncaught(message: string): void {
  stopped = true;
  setImmediate(() => {
    throw new Error(message);
  });
}

main(workerData as RunWorkerData).catch((error: unknown) => {
  post({ type: 'failed', message: errorMessage(error) });
});
