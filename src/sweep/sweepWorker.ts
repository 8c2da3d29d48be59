// A sweep's or a search's worker thread (dist/sweepWorker.js): runs the points and probes the pool
// hands it, one at a time, and posts each one's result back.

import { parentPort, workerData } from 'node:worker_threads';
import { runSearchProbe } from './runSearchProbe';
import { runSweepPoint } from './runSweepPoint';
import type { PoolTask, PoolTaskDone, SweepWorkerData } from './sweepProtocol';

const port = parentPort;
if (!port) throw new Error('sweepWorker.js must run as a worker thread');
const { cellText, baselines } = workerData as SweepWorkerData;

port.on('message', (task: PoolTask) => {
  const done: PoolTaskDone =
    task.type === 'probe'
      ? { type: 'probe', index: task.index, result: runSearchProbe({ text: cellText, ...task.search }, task.value, baselines) }
      : { type: 'row', index: task.index, result: runSweepPoint(cellText, task.assignments, baselines) };
  port.postMessage(done);
});
