// The engine's worker thread on desktop (dist/runWorker.js): runs one scenario (engineRunLoop.ts)
// and talks to workerHost.node.ts over its parent port. Started for a run it gets the run as
// workerData; started ahead as a spare it waits for its `start` message.

import { parentPort, workerData } from 'node:worker_threads';
import { startEngineRun, type EngineWorkerScope } from './engineRunLoop';
import type { HostMessage, RunWorkerData } from './runWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('runWorker.js must run as a worker thread');

const scope: EngineWorkerScope = {
  post: (message) => port.postMessage(message),
  yieldToMessages: () => new Promise<void>((resolve) => setImmediate(resolve)),
  // The test hook's crash comes a moment after the events posted before it: a worker's error
  // reaches the host on another channel than its messages, and could overtake them.
  ...(STRESSNB_TEST_HOOKS
    ? {
        crash: (message: string) =>
          setTimeout(() => {
            throw new Error(message);
          }, 50),
      }
    : {}),
};

let onHostMessage = workerData ? startEngineRun(workerData as RunWorkerData, scope) : undefined;
port.on('message', (m: HostMessage) => {
  if (m.type === 'start') onHostMessage ??= startEngineRun(m.data, scope);
  else onHostMessage?.(m);
});
