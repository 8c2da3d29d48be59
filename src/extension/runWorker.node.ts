// The engine's worker thread on desktop (dist/runWorker.js): runs one scenario (engineRunLoop.ts)
// and talks to workerHost.node.ts over its parent port.

import { parentPort, workerData } from 'node:worker_threads';
import { startEngineRun } from './engineRunLoop';
import type { HostMessage, RunWorkerData } from './runWorkerProtocol';

const port = parentPort;
if (!port) throw new Error('runWorker.js must run as a worker thread');

const onHostMessage = startEngineRun(workerData as RunWorkerData, {
  post: (message) => port.postMessage(message),
  yieldToMessages: () => new Promise<void>((resolve) => setImmediate(resolve)),
  crash: (message) =>
    setImmediate(() => {
      throw new Error(message);
    }),
});
port.on('message', (m: HostMessage) => onHostMessage(m));
